/**
 * Replays and retries over real HTTP, acted on once: a signed request presented again (the same signature),
 * and Slack's own retry of an event (signed anew, X-Slack-Retry-Num, the same event_id), are acknowledged with
 * 200 and nothing else; a forged request is refused and never remembered.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../../support/eventually.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";
import {
  eventCallback,
  post,
  type SlackRequest,
  signed,
  slashCommand,
} from "../../support/slack-requests.js";

let s: SlackBot;
beforeEach(async () => {
  s = await startSlackBot();
});
afterEach(() => s.close());

const IGNORED = "Slack request already handled; acknowledged without acting";
const ignored = () => s.bot.logs.filter((record) => record.message === IGNORED);

function mention(eventId: string): SlackRequest {
  return eventCallback(
    {
      type: "app_mention",
      user: "U0ALICE",
      text: "<@UBOT0001> help",
      ts: "1764000000.000001",
      channel: "C0001",
    },
    eventId,
  );
}

/** Slack's retry: the same envelope, signed again at another time, with its retry headers. */
function retryOf(request: SlackRequest, attempt: number): SlackRequest {
  const timestamp = Number(request.headers["x-slack-request-timestamp"]) + attempt;
  const again = signed(request.body, "application/json", { timestamp });
  return {
    body: again.body,
    headers: {
      ...again.headers,
      "x-slack-retry-num": String(attempt),
      "x-slack-retry-reason": "http_timeout",
    },
  };
}

describe("a replayed signed request", () => {
  it("runs a slash command once when the same signed request arrives twice", async () => {
    const command = slashCommand("help", { responseUrl: s.slack.responseUrl("r") });
    expect((await post(s.eventsUrl, command)).status).toBe(200);
    await eventually(() => expect(s.slack.callsOf("chat.update")).toHaveLength(1));

    const replay = await post(s.eventsUrl, command);
    expect(replay).toMatchObject({ status: 200, body: "" });
    // Decided before Bolt saw it: by the time the answer is back, nothing was queued.
    expect(ignored()).toEqual([
      expect.objectContaining({
        level: "info",
        fields: expect.objectContaining({ platform: "slack", replay: "signature", requestId: "1.2.3" }),
      }),
    ]);
    expect(s.slack.callsOf("chat.postMessage")).toHaveLength(1);
    expect(s.slack.callsOf("chat.update")).toHaveLength(1);
  });

  it("answers two different commands both, however alike", async () => {
    const first = slashCommand("help", { responseUrl: s.slack.responseUrl("a") });
    const second = slashCommand("help", { responseUrl: s.slack.responseUrl("b") });
    await Promise.all([post(s.eventsUrl, first), post(s.eventsUrl, second)]);
    await eventually(() => expect(s.slack.callsOf("chat.update")).toHaveLength(2));
    expect(ignored()).toEqual([]);
  });
});

describe("Slack's retries of an event", () => {
  it("answers a mention once, whatever the retries say", async () => {
    const original = mention("Ev0RETRY01");
    expect((await post(s.eventsUrl, original)).status).toBe(200);
    await eventually(() => expect(s.slack.callsOf("chat.postMessage")).toHaveLength(1));

    for (const attempt of [1, 2, 3]) {
      expect((await post(s.eventsUrl, retryOf(original, attempt))).status).toBe(200);
    }
    expect(ignored().map((record) => record.fields)).toEqual(
      [1, 2, 3].map((retryNum) =>
        expect.objectContaining({
          replay: "event",
          requestId: "Ev0RETRY01",
          retryNum,
          retryReason: "http_timeout",
        }),
      ),
    );
    expect(s.slack.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("refuses a forged copy with 401 and does not remember it: the real event is still answered", async () => {
    const real = mention("Ev0FORGED1");
    const forged = { ...real, headers: { ...real.headers, "x-slack-signature": `v0=${"0".repeat(64)}` } };
    expect((await post(s.eventsUrl, forged)).status).toBe(401);
    expect((await post(s.eventsUrl, real)).status).toBe(200);
    await eventually(() => expect(s.slack.callsOf("chat.postMessage")).toHaveLength(1));
    expect(ignored()).toEqual([]);
  });
});
