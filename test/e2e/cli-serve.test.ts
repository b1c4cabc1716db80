/** `rpbot serve` as a process: Slack configured through the environment, answering over HTTP, stopping cleanly. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { startServeProcess } from "../support/serve-process.js";
import { shownText } from "../support/slack-blocks.js";
import { post, SIGNING_SECRET, slashCommand } from "../support/slack-requests.js";

const BOT_TOKEN = "xoxb-e2e-secret-token-value";
let slack: FakeSlack;
beforeEach(async () => {
  slack = await startFakeSlack();
});
afterEach(() => slack.close());

function serveEnv(): Record<string, string> {
  return {
    RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-serve-")), "rpbot.db"),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    RPBOT_LOG_LEVEL: "debug",
  };
}

describe("rpbot serve with Slack", () => {
  it("serves /slack/events and /healthz on one port, answers a slash command, and stops on SIGTERM", async () => {
    const served = await startServeProcess(serveEnv());
    try {
      expect(served.stderr()).toMatch(/Slack over HTTP at POST \/slack\/events; GET \/healthz/);
      expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
      const ack = await post(
        `${served.url}/slack/events`,
        slashCommand("check vm-web-01", { responseUrl: slack.responseUrl("e2e") }),
      );
      expect(ack.status).toBe(200);
      await vi.waitFor(() => expect(slack.callsOf("chat.update")).toHaveLength(1));
      expect(shownText(slack.callsOf("chat.update")[0])).toMatch(/vm-web-01: restore points possible/);
    } finally {
      expect(await served.stop()).toBe(0);
    }
    // Debug logs included, the bot token and signing secret never reach the output; nor does restify's warning.
    expect(served.stderr()).not.toContain(BOT_TOKEN);
    expect(served.stderr()).not.toContain(SIGNING_SECRET);
    expect(served.stderr()).not.toMatch(/DEP0111/);
  });

  it("stops at start-up with Slack's reason when the bot token is refused", async () => {
    slack.failNext("auth.test", { error: "invalid_auth" });
    await expect(startServeProcess(serveEnv())).rejects.toThrow(
      /Slack refused SLACK_BOT_TOKEN: invalid_auth/,
    );
  });
});
