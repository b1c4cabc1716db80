/**
 * The Slack door: a Bolt app whose transport is either POST /slack/events on the bot's one HTTP server
 * (signing secret) or Socket Mode (app-level token, no public URL). Listeners, rendering and notifications
 * are the same for both.
 */
import { App, type Receiver, type webApi } from "@slack/bolt";
import type { SlackConfig } from "../../config.js";
import { ConfigError } from "../../config.js";
import type { Bot } from "../../dialogs/bot.js";
import type { Logger } from "../../logger.js";
import type { ReplayStore } from "../../store/store.port.js";
import type { Door } from "../door.js";
import type { HttpRoute } from "../http/http-route.js";
import { boltLogger } from "./bolt-logger.js";
import { slackErrorOf } from "./slack-errors.js";
import { createSlackHttpHandler } from "./slack-http.js";
import { registerSlackListeners } from "./slack-listeners.js";
import { SlackNotifier } from "./slack-notifier.js";
import { lookupClient, SlackTimeZones } from "./slack-time-zones.js";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackDoorOptions {
  config: SlackConfig;
  bot: Pick<Bot, "handleMessage" | "handleAction" | "handleHome">;
  log: Logger;
  now: () => Date;
  /** The slash command as registered in the manifest. */
  command?: string;
  /** How the Web API client retries (429s wait for Retry-After either way); tests shorten the pauses. */
  retryConfig?: webApi.RetryOptions;
  /** How long one Web API call attempt may take before it fails and is retried (default 10 s). */
  timeoutMs?: number;
  /** Where results link the restore point (RPBOT_PORTAL_URL). */
  portalUrl?: string;
  /** Requests already acted on, shared by every replica (the store's): retries and replays are acted on once. */
  replays: ReplayStore;
}

/** Failures and 429s are retried for about a minute: a result can wait that long, a person should not wait longer. */
const DEFAULT_RETRY: webApi.RetryOptions = { retries: 5, factor: 2, minTimeout: 1000, maxTimeout: 20_000 };
/** Slack answers in well under a second; an attempt that hangs is abandoned (and retried) after this. */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

export function createSlackDoor(options: SlackDoorOptions): Door {
  const { config } = options;
  const log = options.log.child({ platform: "slack" });
  const socketMode = Boolean(config.appToken);
  const clientOptions = webClientOptions(options);
  const receiver = socketMode ? undefined : new RouteReceiver();
  const app = new App({
    token: config.botToken,
    ...(socketMode ? { appToken: config.appToken, socketMode: true } : { receiver }),
    clientOptions,
    logger: boltLogger(log),
    deferInitialization: true,
  });
  const timeZones = new SlackTimeZones(lookupClient(config.botToken, config.apiUrl, log), log);
  registerSlackListeners(app, {
    bot: options.bot,
    log,
    command: options.command ?? "/restorepoint",
    replays: options.replays,
    timeZones,
  });
  app.error(async (error) => {
    log.error({ err: slackErrorOf(error.original ?? error) }, "Slack listener failed");
  });
  const routes: HttpRoute[] = [];
  if (!socketMode) {
    if (!config.signingSecret) throw new Error("Slack over HTTP needs SLACK_SIGNING_SECRET");
    const handle = createSlackHttpHandler({
      signingSecret: config.signingSecret,
      now: options.now,
      log,
      replays: options.replays,
      dispatch: (inbound) => app.processEvent(inbound),
    });
    routes.push({ method: "POST", path: SLACK_EVENTS_PATH, handle });
  }
  return {
    platform: "slack",
    describe: socketMode ? "Slack over Socket Mode" : `Slack over HTTP at POST ${SLACK_EVENTS_PATH}`,
    routes,
    notifier: new SlackNotifier(app.client, log, timeZones, options.portalUrl),
    start: async () => {
      // auth.test: a wrong SLACK_BOT_TOKEN stops start-up with Slack's reason instead of failing later.
      await app.init().catch((error: unknown) => {
        const message = startFailure(error);
        throw new ConfigError([message], { message, cause: error });
      });
      await app.start();
    },
    close: async () => {
      await app.stop().catch(() => undefined);
    },
  };
}

function webClientOptions(options: SlackDoorOptions) {
  const timeout = options.timeoutMs ?? SLACK_CALL_TIMEOUT_MS;
  return {
    ...(options.config.apiUrl ? { slackApiUrl: options.config.apiUrl } : {}),
    retryConfig: options.retryConfig ?? DEFAULT_RETRY,
    timeout,
    // Bolt's respond() (response_url) uses this fetch too, with no deadline of its own.
    fetch: timedFetch(timeout),
  };
}

/** fetch with a deadline unless the caller brings its own signal (the Web API client does). */
export function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init) =>
    globalThis.fetch(input, init?.signal ? init : { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** Slack's refusal of the token, or (no answer at all: network, timeout) why Slack could not be asked. */
function startFailure(error: unknown): string {
  const original = (error as { code?: unknown; original?: unknown } | null)?.original;
  if (
    (error as { code?: unknown } | null)?.code === "slack_webapi_request_error" &&
    original instanceof Error
  ) {
    return `Could not reach the Slack Web API to check SLACK_BOT_TOKEN: ${original.message}`;
  }
  return `Slack refused SLACK_BOT_TOKEN: ${slackErrorOf(error)}`;
}

/** Bolt's receiver contract for a transport we own: requests come from our HTTP route, not a server of Bolt's. */
class RouteReceiver implements Receiver {
  init(): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}
