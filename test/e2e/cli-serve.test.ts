/** `rpbot serve` as a process: Slack configured through the environment, answering over HTTP, stopping cleanly. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { startFakeConnector } from "../support/fake-connector.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { runCli } from "../support/run-cli.js";
import { startServeProcess } from "../support/serve-process.js";
import { shownText } from "../support/slack-blocks.js";
import { post, SIGNING_SECRET, slashCommand } from "../support/slack-requests.js";
import { sendUnauthenticatedMessage } from "../support/teams-activities.js";

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
      await eventually(() => expect(slack.callsOf("chat.update")).toHaveLength(1));
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

describe("rpbot serve with Slack and Teams", () => {
  it("serves both doors on one port; unauthenticated Teams only when asked for, with a warning", async () => {
    const connector = await startFakeConnector();
    const served = await startServeProcess({
      ...serveEnv(),
      TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: "true",
    });
    try {
      expect(served.stderr()).toMatch(
        /Slack over HTTP at POST \/slack\/events; Microsoft Teams at POST \/api\/messages/,
      );
      expect(served.stderr()).toMatch(/UNAUTHENTICATED/);
      const health = (await (await fetch(`${served.url}/healthz`)).json()) as { routes: string[] };
      expect(health.routes).toEqual(["/slack/events", "/api/messages"]);
      expect(await sendUnauthenticatedMessage(served.url, connector.url, "a:e2e", "check vm-web-01")).toBe(
        200,
      );
      await eventually(() => expect(connector.posts()).toHaveLength(1));
      expect(JSON.stringify(connector.posts()[0]?.body)).toMatch(/vm-web-01: restore points possible/);
    } finally {
      expect(await served.stop()).toBe(0);
      await connector.close();
    }
  });

  it("refuses to start with Teams half configured, naming the variable and not its value", async () => {
    const result = await runCli(["serve"], { ...serveEnv(), MicrosoftAppPassword: "s3cret-app-password" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/MicrosoftAppPassword is set but MicrosoftAppId is not/);
    expect(result.stderr).not.toContain("s3cret-app-password");
  });
});
