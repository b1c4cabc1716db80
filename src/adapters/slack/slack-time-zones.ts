/**
 * The zone a Slack person set in their profile (users.info -> user.tz), to word times in. Asked once per
 * person an hour: people rarely change it, and users.info is rate limited. It never stands in the answer's
 * way: a refusal (no users:read scope yet, an unknown user) or a Slack that does not answer is UTC for a few
 * minutes, logged at debug, and the answer goes out.
 */
import { webApi } from "@slack/bolt";
import type { Bot } from "../../dialogs/bot.js";
import type { ChatContext } from "../../dialogs/chat-context.js";
import { knownTimeZone } from "../../dialogs/time-wording.js";
import type { Logger } from "../../logger.js";
import { boltLogger } from "./bolt-logger.js";
import { slackUserOf } from "./slack-conversation.js";
import { slackErrorOf } from "./slack-errors.js";

export const TIME_ZONE_TTL_MS = 60 * 60_000;
/** A failed lookup is tried again this much later, not on every message. */
const FAILED_LOOKUP_TTL_MS = 5 * 60_000;
/** The answer waits at most this long for users.info; there is no retry (the next message asks again). */
const LOOKUP_TIMEOUT_MS = 2_000;
/** People remembered at most; the oldest is forgotten first (it is asked again when it speaks). */
const MAX_PEOPLE = 10_000;

type UsersClient = Pick<webApi.WebClient, "users">;

export class SlackTimeZones {
  private readonly known = new Map<string, { zone: string | undefined; until: number }>();
  private readonly asking = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly client: UsersClient,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The person's zone, or undefined (UTC) when Slack does not say. `slackUserId` is "U…". */
  async of(slackUserId: string | undefined, log = this.log): Promise<string | undefined> {
    if (!slackUserId) return undefined;
    const cached = this.known.get(slackUserId);
    if (cached && cached.until > this.now()) return cached.zone;
    // Several messages of one person at once ask Slack once.
    let asking = this.asking.get(slackUserId);
    if (!asking) {
      asking = this.ask(slackUserId, log).finally(() => this.asking.delete(slackUserId));
      this.asking.set(slackUserId, asking);
    }
    return asking;
  }

  private async ask(user: string, log: Logger): Promise<string | undefined> {
    try {
      const answer = await this.client.users.info({ user });
      const zone = knownTimeZone(answer.user?.tz);
      this.remember(user, zone, TIME_ZONE_TTL_MS);
      return zone;
    } catch (error) {
      log.debug({ err: slackErrorOf(error), user }, "users.info failed: times are in UTC");
      this.remember(user, undefined, FAILED_LOOKUP_TTL_MS);
      return undefined;
    }
  }

  private remember(user: string, zone: string | undefined, ttlMs: number): void {
    this.known.delete(user);
    this.known.set(user, { zone, until: this.now() + ttlMs });
    if (this.known.size > MAX_PEOPLE) this.known.delete(this.known.keys().next().value ?? "");
  }
}

/**
 * The Web API client for lookups alone: no retries and a short deadline, unlike the door's client, whose
 * retries (for about a minute) suit posting a result, not a lookup an answer waits for.
 */
export function lookupClient(token: string, apiUrl: string | undefined, log: Logger): UsersClient {
  return new webApi.WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: LOOKUP_TIMEOUT_MS,
    logger: boltLogger(log),
  });
}

type SlackFacingBot = Pick<Bot, "handleMessage" | "handleAction" | "handleHome">;

/**
 * The bot, told each person's zone before it answers them. Looked up as the answer is worked on (after
 * Slack's acknowledgement), and only for what is answered: an event the door drops asks Slack nothing.
 */
export function answeringInTheirZone(bot: SlackFacingBot, zones: SlackTimeZones): SlackFacingBot {
  const inTheirZone = async (ctx: ChatContext): Promise<ChatContext> => {
    const timeZone = await zones.of(slackUserOf(ctx.userId), ctx.log);
    return timeZone ? { ...ctx, timeZone } : ctx;
  };
  return {
    handleMessage: async (ctx, text) => bot.handleMessage(await inTheirZone(ctx), text),
    handleAction: async (ctx, event) => bot.handleAction(await inTheirZone(ctx), event),
    handleHome: async (ctx, wording) => bot.handleHome(await inTheirZone(ctx), wording),
  };
}
