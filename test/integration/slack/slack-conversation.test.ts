/**
 * The Slack door over real HTTP: signed requests into the bot's server, Bolt handling them, and a fake Slack
 * Web API recording what the bot sends back. ARM is the built-in simulator through the real SDK.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eventually } from "../../support/eventually.js";
import { buttonLabelled, buttonsOf, shownText } from "../../support/slack-blocks.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";
import { buttonPress, CHANNEL, eventCallback, post, slashCommand } from "../../support/slack-requests.js";

let s: SlackBot;
beforeEach(async () => {
  s = await startSlackBot();
});
afterEach(() => s.close());

const respondUrl = () => s.slack.responseUrl("r1");

/** Sends a slash command and returns the bot's answer (the placeholder it posted, updated). */
async function ask(text: string, user = "U0ALICE") {
  const before = s.slack.callsOf("chat.update").length;
  const ack = await post(s.eventsUrl, slashCommand(text, { user, responseUrl: respondUrl() }));
  expect(ack.status).toBe(200);
  await eventually(() => expect(s.slack.callsOf("chat.update").length).toBe(before + 1));
  return s.slack.callsOf("chat.update")[before];
}

describe("slash command", () => {
  it("acknowledges at once, then answers in a message that roots a thread", async () => {
    const ack = await post(s.eventsUrl, slashCommand("check vm-sql-01", { responseUrl: respondUrl() }));
    expect(ack).toMatchObject({ status: 200, body: "" });
    expect(ack.ms).toBeLessThan(3000);
    await eventually(() => expect(s.slack.callsOf("chat.update")).toHaveLength(1));
    const placeholder = s.slack.callsOf("chat.postMessage")[0];
    const answer = s.slack.callsOf("chat.update")[0];
    expect(placeholder?.body).toMatchObject({ channel: CHANNEL, text: "Looking into it…" });
    expect(answer?.body.ts).toMatch(/^\d+\.\d+$/);
    expect(answer?.authorization).toBe("Bearer xoxb-test-0000-secret-token");
    const text = shownText(answer);
    expect(text).toMatch(/vm-sql-01: restore points possible/);
    expect(text).toMatch(/\*Crash-consistent\*\nYes, leaving out 1 disk/);
    expect(text).toMatch(/<@U0ALICE> asked: `\/restorepoint check vm-sql-01`/);
    expect(buttonsOf(answer).map((b) => b.action_id)).toEqual(["rp:plan:0", "rp:plan:1", "rp:details:2"]);
    expect(text).not.toMatch(/NFS/);

    // Details: what the answer left out, as a second message, on request.
    const details = buttonLabelled(answer, /^Details$/);
    const press = buttonPress({
      user: "U0ALICE",
      actionId: details.action_id,
      value: details.value,
      messageTs: String(answer?.body.ts),
      responseUrl: respondUrl(),
    });
    expect((await post(s.eventsUrl, press)).status).toBe(200);
    await eventually(() =>
      expect(s.slack.calls.map((call) => shownText(call)).join("\n")).toMatch(
        /vm-sql-01: details[\s\S]*NFS shares/,
      ),
    );
  });

  it("answers empty text with help and unknown names with suggestions", async () => {
    expect(shownText(await ask(""))).toMatch(
      /check &lt;vm&gt;: can it take a restore point now[\s\S]*asked: `\/restorepoint help`/,
    );
    expect(shownText(await ask("check vm-web-1"))).toMatch(/Did you mean/);
  });

  it("answers privately, without buttons, where it cannot post", async () => {
    s.slack.failNext("chat.postMessage", { error: "not_in_channel" });
    const ack = await post(s.eventsUrl, slashCommand("check vm-web-01", { responseUrl: respondUrl() }));
    expect(ack.status).toBe(200);
    await eventually(() => expect(s.slack.callsOf("response_url")).toHaveLength(1));
    const answer = s.slack.callsOf("response_url")[0];
    expect(answer?.body).toMatchObject({ response_type: "ephemeral" });
    expect(shownText(answer)).toMatch(/I am not a member of this conversation/);
    expect(buttonsOf(answer)).toEqual([]);
  });
});

describe("create with confirmation", () => {
  it("plans, confirms with a Slack confirm dialog, updates the message and tells the thread", async () => {
    const plan = await ask("create vm-web-02 crash");
    const planTs = String(plan?.body.ts);
    expect(shownText(plan)).toMatch(/Create a restore point of vm-web-02\?/);
    const create = buttonLabelled(plan, /^Create crash/);
    expect(create).toMatchObject({ style: "primary" });
    // Slack keeps red ("danger") for what destroys something; cancelling does not.
    expect(buttonLabelled(plan, /^Cancel$/)).not.toHaveProperty("style");
    expect(create.confirm).toMatchObject({
      text: { text: expect.stringMatching(/, capturing 2 disks\?$/) },
      confirm: { text: expect.any(String) },
      deny: { text: expect.any(String) },
    });

    const ack = await post(
      s.eventsUrl,
      buttonPress({
        user: "U0ALICE",
        actionId: create.action_id,
        value: create.value,
        messageTs: planTs,
        responseUrl: respondUrl(),
      }),
    );
    expect(ack.status).toBe(200);
    await eventually(() => expect(s.slack.callsOf("chat.update")).toHaveLength(2));
    const started = s.slack.callsOf("chat.update")[1];
    expect(started?.body).toMatchObject({ channel: CHANNEL, ts: planTs });
    expect(shownText(started)).toMatch(/Creating restore point rp-crash-\d{8}-\d{6} of vm-web-02/);
    // Slack names people itself: the requester stays a mention of their user id.
    expect(shownText(started)).toMatch(/restore point requested by <@U0ALICE>\./);
    expect(buttonsOf(started)).toEqual([]);

    // The simulator finishes the restore point; the door updates the message and posts in the thread.
    await vi.waitFor(() => expect(s.slack.callsOf("chat.postMessage")).toHaveLength(2), { timeout: 10_000 });
    const result = s.slack.callsOf("chat.postMessage")[1];
    expect(result?.body).toMatchObject({ channel: CHANNEL, thread_ts: planTs });
    expect(String(result?.body.text)).toMatch(
      /^<@U0ALICE> Restore point rp-crash-\d+-\d+ of vm-web-02 succeeded/,
    );
    expect(shownText(result)).toMatch(/<@U0ALICE>/);
    // One result: the card holds it; the thread gets one line linking to the card, not the card again.
    const permalink = `https://fake.slack.test/archives/${CHANNEL}/p${planTs.replace(".", "")}`;
    expect(shownText(result)).toContain(`<${permalink}|See the result>`);
    expect(shownText(result)).not.toMatch(/Captured/);
    expect(s.slack.callsOf("chat.getPermalink")[0]?.body).toMatchObject({
      channel: CHANNEL,
      message_ts: planTs,
    });
    const final = s.slack.callsOf("chat.update")[2];
    expect(final?.body).toMatchObject({ ts: planTs });
    expect(shownText(final)).toMatch(/succeeded/);
    expect(shownText(final)).toMatch(/Requested by <@U0ALICE>/);
    const jobs = await s.bot.runtime.store.jobs.listRecent({ limit: 5 });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      requestedBy: "slack:T0001:U0ALICE",
      conversationKey: `slack:T0001:${CHANNEL}:${planTs}`,
      messageRef: planTs,
    });
    // One child logger per event: every line about the request, down to the job's, says whose and which.
    const event = { platform: "slack", requestId: "1.2.3", team: "T0001", user: "U0ALICE" };
    for (const line of ["plan offered", "restore point requested", "job ended"]) {
      expect(s.bot.logs.find((record) => record.message === line)?.fields).toMatchObject(event);
    }
    expect(s.bot.logs.find((record) => record.message === "job ended")?.fields.jobId).toBe(jobs[0]?.id);
  });

  it("refuses someone else's press privately and creates nothing", async () => {
    const plan = await ask("create vm-web-02 crash");
    const create = buttonLabelled(plan, /^Create crash/);
    const press = buttonPress({
      user: "U0BOB",
      actionId: create.action_id,
      value: create.value,
      messageTs: String(plan?.body.ts),
      responseUrl: respondUrl(),
    });
    expect((await post(s.eventsUrl, press)).status).toBe(200);
    await eventually(() => expect(s.slack.callsOf("response_url")).toHaveLength(1));
    const refusal = s.slack.callsOf("response_url")[0];
    expect(refusal?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(shownText(refusal)).toMatch(/Only the person who asked can confirm/);
    expect(shownText(refusal)).toMatch(/<@U0ALICE> asked for this restore point of vm-web-02\./);
    expect(s.slack.callsOf("chat.update")).toHaveLength(1);
    expect(await s.bot.runtime.store.jobs.listRecent({ limit: 5 })).toEqual([]);
  });

  it("starts one job when the button is pressed twice", async () => {
    const plan = await ask("create vm-web-02 crash");
    const create = buttonLabelled(plan, /^Create crash/);
    const press = () =>
      buttonPress({
        user: "U0ALICE",
        actionId: create.action_id,
        value: create.value,
        messageTs: String(plan?.body.ts),
        responseUrl: respondUrl(),
      });
    const acks = await Promise.all([post(s.eventsUrl, press()), post(s.eventsUrl, press())]);
    expect(acks.map((ack) => ack.status)).toEqual([200, 200]);
    await eventually(() =>
      expect(s.slack.callsOf("response_url").length + s.slack.callsOf("chat.update").length).toBe(3),
    );
    expect(await s.bot.runtime.store.jobs.listRecent({ limit: 5 })).toHaveLength(1);
    await s.bot.runtime.jobs.idle();
  });
});

describe("mentions and direct messages", () => {
  it("answers a mention in a thread under the message", async () => {
    const ack = await post(
      s.eventsUrl,
      eventCallback({
        type: "app_mention",
        user: "U0ALICE",
        text: "<@UBOT0001> can I snapshot vm-web-01?",
        ts: "1764000000.000001",
        channel: CHANNEL,
      }),
    );
    expect(ack.status).toBe(200);
    await eventually(() => expect(s.slack.callsOf("chat.postMessage")).toHaveLength(1));
    const reply = s.slack.callsOf("chat.postMessage")[0];
    expect(reply?.body).toMatchObject({ channel: CHANNEL, thread_ts: "1764000000.000001" });
    expect(shownText(reply)).toMatch(/vm-web-01: restore points possible/);
  });

  it("answers a direct message at the top level and ignores its own messages", async () => {
    const dm = { type: "message", channel: "D0001", channel_type: "im", ts: "1764000000.000002" };
    await post(s.eventsUrl, eventCallback({ ...dm, bot_id: "BBOT0001", text: "I am the bot" }));
    await post(s.eventsUrl, eventCallback({ ...dm, user: "U0ALICE", text: "help" }));
    await eventually(() => expect(s.slack.callsOf("chat.postMessage")).toHaveLength(1));
    const reply = s.slack.callsOf("chat.postMessage")[0];
    expect(reply?.body.channel).toBe("D0001");
    expect(reply?.body.thread_ts).toBeUndefined();
  });
});

describe("Slack rate limits", () => {
  it("waits for Retry-After before trying again", async () => {
    s.slack.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
    await post(s.eventsUrl, slashCommand("help", { responseUrl: respondUrl() }));
    await vi.waitFor(() => expect(s.slack.callsOf("chat.update")).toHaveLength(1), { timeout: 10_000 });
    const [limited, retried] = s.slack.callsOf("chat.postMessage");
    expect(retried?.body.text).toBe("Looking into it…");
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });
});
