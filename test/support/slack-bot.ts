/** The served bot with its Slack door over HTTP, talking to a fake Slack Web API. */
import { createSlackDoor } from "../../src/adapters/slack/slack-door.js";
import type { Policy } from "../../src/core/policy.js";
import { type FakeSlack, startFakeSlack } from "./fake-slack.js";
import { type ServedBotHarness, startServedBot } from "./served-bot.js";
import { SIGNING_SECRET } from "./slack-requests.js";

export interface SlackBot {
  bot: ServedBotHarness;
  slack: FakeSlack;
  eventsUrl: string;
  close(): Promise<void>;
}

export const BOT_TOKEN = "xoxb-test-0000-secret-token";

export async function startSlackBot(
  options: {
    policy?: Policy;
    env?: Record<string, string>;
    retryMinTimeoutMs?: number;
    /** Socket Mode: what apps.connections.open hands out. */
    socketUrl?: string;
  } = {},
): Promise<SlackBot> {
  const slack = await startFakeSlack();
  if (options.socketUrl) slack.setSocketUrl(options.socketUrl);
  const bot = await startServedBot({
    policy: options.policy,
    env: {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      ...options.env,
    },
    doors: (runtime, log, config) => {
      if (!config.slack) throw new Error("Slack is not configured");
      return [
        createSlackDoor({
          config: config.slack,
          bot: runtime.bot,
          log,
          now: () => new Date(),
          replays: runtime.store.replays,
          retryConfig: {
            retries: 3,
            factor: 1,
            minTimeout: options.retryMinTimeoutMs ?? 10,
            maxTimeout: 2000,
          },
        }),
      ];
    },
  });
  return {
    bot,
    slack,
    eventsUrl: `${bot.url}/slack/events`,
    close: async () => {
      await bot.close();
      await slack.close();
    },
  };
}
