/**
 * Two replicas on one database: a request one of them accepted is not acted on by the other when it is
 * presented there, because both look up the store's replay table. The door here is the Slack door's own parts
 * (Bolt, its listeners, the HTTP handler) given the store's `replays`, as slack-door.ts is to give them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "@slack/bolt";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Door } from "../../../src/adapters/door.js";
import { boltLogger } from "../../../src/adapters/slack/bolt-logger.js";
import { createSlackHttpHandler } from "../../../src/adapters/slack/slack-http.js";
import { registerSlackListeners } from "../../../src/adapters/slack/slack-listeners.js";
import { SlackNotifier } from "../../../src/adapters/slack/slack-notifier.js";
import type { Config } from "../../../src/config.js";
import type { Logger } from "../../../src/logger.js";
import type { BotRuntime } from "../../../src/runtime/bot-runtime.js";
import { eventually } from "../../support/eventually.js";
import { type FakeSlack, startFakeSlack } from "../../support/fake-slack.js";
import { type ServedBotHarness, startServedBot } from "../../support/served-bot.js";
import { eventCallback, post, SIGNING_SECRET, signed, slashCommand } from "../../support/slack-requests.js";

let slack: FakeSlack;
const replicas: ServedBotHarness[] = [];

beforeEach(async () => {
  slack = await startFakeSlack();
  const database = join(mkdtempSync(join(tmpdir(), "rpbot-replicas-")), "rpbot.db");
  for (let i = 0; i < 2; i++) replicas.push(await startReplica(database));
});
afterEach(async () => {
  for (const replica of replicas.splice(0)) await replica.close();
  await slack.close();
});

function startReplica(database: string): Promise<ServedBotHarness> {
  return startServedBot({
    env: {
      RPBOT_DB: database,
      SLACK_BOT_TOKEN: "xoxb-test-0000-secret-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    },
    doors: (runtime, log, config) => [slackDoorWithReplays(runtime, log, config)],
  });
}

function slackDoorWithReplays(runtime: BotRuntime, log: Logger, config: Config): Door {
  if (!config.slack?.signingSecret) throw new Error("Slack over HTTP is not configured");
  const replays = runtime.store.replays;
  const receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };
  const app = new App({
    token: config.slack.botToken,
    receiver,
    clientOptions: { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 0 } },
    logger: boltLogger(log),
    deferInitialization: true,
  });
  registerSlackListeners(app, { bot: runtime.bot, log, command: "/restorepoint", replays });
  const handle = createSlackHttpHandler({
    signingSecret: config.slack.signingSecret,
    now: () => new Date(),
    log,
    replays,
    dispatch: (inbound) => app.processEvent(inbound),
  });
  return {
    platform: "slack",
    describe: "Slack over HTTP, replays in the store",
    routes: [{ method: "POST", path: "/slack/events", handle }],
    notifier: new SlackNotifier(app.client, log),
    start: () => app.init(),
    close: () => app.stop().then(() => undefined),
  };
}

const urlOf = (replica: ServedBotHarness | undefined) => `${replica?.url}/slack/events`;
const ignoredBy = (replica: ServedBotHarness | undefined) =>
  (replica?.logs ?? []).filter(
    (record) => record.message === "Slack request already handled; acknowledged without acting",
  );

it("does not run a slash command again on the other replica", async () => {
  const [a, b] = replicas;
  const command = slashCommand("help", { responseUrl: slack.responseUrl("r") });
  expect((await post(urlOf(a), command)).status).toBe(200);
  await eventually(() => expect(slack.callsOf("chat.update")).toHaveLength(1));

  expect((await post(urlOf(b), command)).status).toBe(200);
  expect(ignoredBy(b)).toHaveLength(1);
  expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
});

it("does not answer Slack's retry of an event on the other replica", async () => {
  const [a, b] = replicas;
  const mention = eventCallback(
    {
      type: "app_mention",
      user: "U0ALICE",
      text: "<@UBOT0001> help",
      ts: "1764000000.000003",
      channel: "C0001",
    },
    "Ev0REPLICA",
  );
  expect((await post(urlOf(a), mention)).status).toBe(200);
  await eventually(() => expect(slack.callsOf("chat.postMessage")).toHaveLength(1));

  const timestamp = Number(mention.headers["x-slack-request-timestamp"]) + 1;
  const retry = signed(mention.body, "application/json", { timestamp });
  retry.headers["x-slack-retry-num"] = "1";
  retry.headers["x-slack-retry-reason"] = "http_timeout";
  expect((await post(urlOf(b), retry)).status).toBe(200);
  expect(ignoredBy(b).map((record) => record.fields)).toEqual([
    expect.objectContaining({ replay: "event", requestId: "Ev0REPLICA", retryNum: 1 }),
  ]);
  expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
});
