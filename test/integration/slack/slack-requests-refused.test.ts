/** Requests that are not Slack's, or not as Slack sends them, are refused before anything is done. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";
import { eventCallback, post, SIGNING_SECRET, signed, slashCommand } from "../../support/slack-requests.js";

let s: SlackBot;
beforeAll(async () => {
  s = await startSlackBot();
});
afterAll(() => s.close());

/** Everything the bot sent to Slack besides its start-up auth.test. */
const sentToSlack = () => s.slack.calls.filter((call) => call.method !== "auth.test");

describe("refused requests", () => {
  const command = () => slashCommand("create vm-web-02 crash", { responseUrl: s.slack.responseUrl("x") });

  it.each([
    [
      "a forged signature",
      () => ({
        ...command(),
        headers: { ...command().headers, "x-slack-signature": `v0=${"0".repeat(64)}` },
      }),
    ],
    [
      "another app's secret",
      () => signed(command().body, "application/x-www-form-urlencoded", { secret: "not-ours" }),
    ],
    [
      "a timestamp six minutes old",
      () =>
        signed(command().body, "application/x-www-form-urlencoded", {
          timestamp: Math.floor(Date.now() / 1000) - 360,
        }),
    ],
    [
      "a timestamp six minutes ahead",
      () =>
        signed(command().body, "application/x-www-form-urlencoded", {
          timestamp: Math.floor(Date.now() / 1000) + 360,
        }),
    ],
    [
      "no signature headers",
      () => ({ body: command().body, headers: { "content-type": "application/x-www-form-urlencoded" } }),
    ],
    [
      "a body changed after signing",
      () => ({ ...command(), body: command().body.replace("vm-web-02", "vm-web-01") }),
    ],
  ])("answers 401 to %s and does nothing", async (_name, request) => {
    const response = await post(s.eventsUrl, request());
    expect(response.status).toBe(401);
    expect(response.body).not.toContain(SIGNING_SECRET);
    expect(sentToSlack()).toEqual([]);
    expect(await s.bot.runtime.store.audit.list()).toEqual([]);
  });

  it("answers 415 to a content type Slack does not send", async () => {
    const request = signed(command().body, "text/plain");
    expect((await post(s.eventsUrl, request)).status).toBe(415);
    expect(sentToSlack()).toEqual([]);
  });

  it("answers 400 to a signed body that is not JSON", async () => {
    const request = signed("{not json", "application/json");
    expect((await post(s.eventsUrl, request)).status).toBe(400);
    expect(sentToSlack()).toEqual([]);
  });

  it("answers 413 to an oversized body", async () => {
    const request = signed(`text=${"x".repeat(2 * 1024 * 1024)}`, "application/x-www-form-urlencoded");
    expect((await post(s.eventsUrl, request)).status).toBe(413);
  });
});

describe("Slack's own checks", () => {
  it("answers the URL verification challenge when signed", async () => {
    const request = signed(
      JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" }),
      "application/json",
    );
    const response = await post(s.eventsUrl, request);
    expect(response).toMatchObject({ status: 200, body: JSON.stringify({ challenge: "c-123" }) });
  });

  it("answers the SSL check without doing anything", async () => {
    const response = await post(s.eventsUrl, {
      body: "ssl_check=1&token=t",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(200);
    expect(sentToSlack()).toEqual([]);
  });

  it("acknowledges events it does not handle", async () => {
    const response = await post(
      s.eventsUrl,
      eventCallback({ type: "reaction_added", user: "U0ALICE", reaction: "eyes", ts: "1.2" }),
    );
    expect(response.status).toBe(200);
  });

  it("serves /healthz beside the Slack route", async () => {
    const health = await fetch(`${s.bot.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, routes: ["/slack/events"] });
  });
});
