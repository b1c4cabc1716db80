/**
 * The calls the bot makes to the chat platforms give up: the Slack Web API client (its `timeout` option), and
 * the Bot Framework connector, on both paths botbuilder builds connector clients (a turn's replies and
 * proactive messages). The other side accepts the request and never answers.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CloudAdapter } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackDoor, timedFetch } from "../../../src/adapters/slack/slack-door.js";
import {
  CONNECTOR_CALL_TIMEOUT_MS,
  createTeamsAuthentication,
} from "../../../src/adapters/teams/teams-auth.js";
import type { BotMessage } from "../../../src/dialogs/message.js";
import { silentLogger } from "../../../src/logger.js";

const NOTHING: BotMessage = { title: "", tone: "info" };

interface HangingServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Reads every request and never answers it. */
async function startHangingServer(): Promise<HangingServer> {
  const requests: string[] = [];
  const held: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    held.push(res);
    req.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function failureOf(work: Promise<unknown>): Promise<{ message: string; ms: number }> {
  const started = performance.now();
  const error = await work.then(
    () => new Error("expected a failure"),
    (failure: unknown) => failure,
  );
  return { message: error instanceof Error ? error.message : String(error), ms: performance.now() - started };
}

let hanging: HangingServer;
beforeAll(async () => {
  hanging = await startHangingServer();
});
afterAll(() => hanging.close());

describe("the Slack door's Web API client", () => {
  it("gives up on a call that gets no answer, and start-up says Slack could not be reached", async () => {
    const door = createSlackDoor({
      config: { botToken: "xoxb-hanging-secret", signingSecret: "s", apiUrl: `${hanging.url}/api/` },
      bot: {
        handleMessage: async () => NOTHING,
        handleAction: async () => ({ kind: "reply", message: NOTHING }),
        handleHome: async () => NOTHING,
      },
      log: silentLogger,
      now: () => new Date(),
      retryConfig: { retries: 0 },
      timeoutMs: 300,
      replays: { firstSeen: async () => true },
    });
    const { message, ms } = await failureOf(door.start());
    expect(message).toMatch(/^Could not reach the Slack Web API to check SLACK_BOT_TOKEN: .*timeout/i);
    expect(message).not.toContain("xoxb-hanging-secret");
    expect(hanging.requests).toContain("POST /api/auth.test");
    expect(ms).toBeLessThan(3000);
    await door.close();
  });

  it("gives its fetch (Bolt's respond() to a response_url) a deadline too", async () => {
    const { message, ms } = await failureOf(
      timedFetch(300)(`${hanging.url}/response-url`, { method: "POST" }),
    );
    expect(message).toMatch(/timeout/i);
    expect(ms).toBeLessThan(3000);
  });
});

describe("the Bot Framework connector", () => {
  const auth = createTeamsAuthentication(
    { dangerouslyAllowUnauthenticated: true },
    {},
    { connectorTimeoutMs: 300 },
  );
  const activity = {
    type: "message",
    channelId: "msteams",
    serviceUrl: "",
    conversation: { id: "a:hanging" },
    from: { id: "29:user" },
    recipient: { id: "28:bot" },
    text: "hello",
  };

  it("defaults to 15 s a call", () => {
    expect(CONNECTOR_CALL_TIMEOUT_MS).toBe(15_000);
  });

  it("gives up on a turn's reply that gets no answer", async () => {
    const result = await auth.authenticateRequest({ ...activity, serviceUrl: hanging.url } as never, "");
    const client = await result.connectorFactory?.create(hanging.url, result.audience);
    if (!client) throw new Error("no connector factory for the turn");
    const before = hanging.requests.length;
    const { message, ms } = await failureOf(
      client.conversations.sendToConversation("a:hanging", { type: "message", text: "hi" } as never),
    );
    expect(message).toMatch(/The Bot Connector did not answer within 0\.3 s \(POST\)/);
    expect(ms).toBeLessThan(3000);
    expect(hanging.requests.length).toBeGreaterThan(before);
  });

  it("gives up on a proactive message (a job's result) that gets no answer", async () => {
    const adapter = new CloudAdapter(auth);
    const reference = {
      serviceUrl: hanging.url,
      channelId: "msteams",
      conversation: { id: "a:hanging", isGroup: false, conversationType: "personal", name: "" },
      bot: { id: "28:bot", name: "bot" },
    };
    const { message, ms } = await failureOf(
      adapter.continueConversationAsync("", reference, async (context) => {
        await context.sendActivity("your restore point is done");
      }),
    );
    expect(message).toMatch(/The Bot Connector did not answer within 0\.3 s/);
    expect(ms).toBeLessThan(3000);
  });
});
