/**
 * Times in Slack are in the person's zone from their profile (users.info -> user.tz), asked once and
 * remembered; a users.info that fails or hangs answers in UTC, never later than it would have.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../../support/eventually.js";
import { buttonLabelled, shownText } from "../../support/slack-blocks.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";
import { buttonPress, post, slashCommand } from "../../support/slack-requests.js";

let s: SlackBot;
beforeEach(async () => {
  s = await startSlackBot();
});
afterEach(() => s.close());

/** A clock time with seconds, milliseconds, or an ISO instant: none of them belongs in chat. */
const TOO_PRECISE = /\d\d:\d\d:\d\d|\.\d{3}Z|\d{4}-\d\d-\d\dT\d\d/;
const PARIS = /\d{4}-\d\d-\d\d \d\d:\d\d CES?T/;

let asked = 0;
async function ask(text: string, user = "U0ALICE") {
  const before = s.slack.callsOf("chat.update").length;
  // A trigger id of its own: the same command twice with one trigger id is a replay, answered once.
  const triggerId = `tz.${++asked}`;
  const command = slashCommand(text, { user, responseUrl: s.slack.responseUrl("r1"), triggerId });
  await post(s.eventsUrl, command);
  await eventually(() => expect(s.slack.callsOf("chat.update").length).toBe(before + 1));
  return s.slack.callsOf("chat.update")[before];
}

/** Everything the bot showed in Slack, message by message. */
const everythingShown = () =>
  [...s.slack.callsOf("chat.update"), ...s.slack.callsOf("chat.postMessage")].map(shownText);

describe("a Slack person's own time zone", () => {
  it("words the plan, the start and the later result in it, asking Slack once", async () => {
    s.slack.setTimeZone("U0ALICE", "Europe/Paris");
    const plan = await ask("create vm-web-02 crash");
    const create = buttonLabelled(plan, /^Create crash/);
    const messageTs = String(plan?.body.ts);
    const press = { user: "U0ALICE", actionId: create.action_id, value: create.value, messageTs };
    await post(s.eventsUrl, buttonPress({ ...press, responseUrl: s.slack.responseUrl("r2") }));
    await eventually(() => expect(s.slack.callsOf("chat.update")).toHaveLength(2));
    expect(shownText(s.slack.callsOf("chat.update")[1])).toMatch(new RegExp(`started ${PARIS.source}`));
    // The result is told later, from the job: the card it replaces says when, in Alice's zone too.
    await eventually(() => expect(s.slack.callsOf("chat.update")).toHaveLength(3));
    expect(shownText(s.slack.callsOf("chat.update")[2])).toMatch(new RegExp(`finished ${PARIS.source}`));
    await s.bot.runtime.jobs.idle();

    const again = shownText(await ask("create vm-web-02 crash"));
    const next = /Next allowed in [^(]+\((.+?)\)\./.exec(again)?.[1] ?? "missing";
    expect(next).toMatch(PARIS);
    // Said once: the too-soon reason gives the newest point's time, the Next allowed line the next one.
    expect(again.split(next)).toHaveLength(2);
    for (const text of everythingShown()) expect(text).not.toMatch(TOO_PRECISE);
    expect(everythingShown().join("\n")).not.toMatch(/UTC/);
    expect(s.slack.callsOf("users.info").map((call) => call.body.user)).toEqual(["U0ALICE"]);
  });

  it("asks again for each person: Bob's zone is his own", async () => {
    s.slack.setTimeZone("U0ALICE", "Europe/Paris");
    s.slack.setTimeZone("U0BOB", "America/New_York");
    expect(shownText(await ask("check vm-recent-app-01", "U0ALICE"))).toMatch(/Next allowed .*CES?T\)/);
    expect(shownText(await ask("check vm-recent-app-01", "U0BOB"))).toMatch(/Next allowed .*E[SD]T\)/);
    expect(s.slack.callsOf("users.info").map((call) => call.body.user)).toEqual(["U0ALICE", "U0BOB"]);
  });
});

describe("when Slack does not say", () => {
  it("answers in UTC when users.info is refused, logging it at debug only", async () => {
    s.slack.failNext("users.info", { error: "missing_scope" });
    expect(shownText(await ask("check vm-recent-app-01"))).toMatch(
      /Next allowed in .* \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\./,
    );
    const logged = s.bot.logs.filter((record) => record.message.startsWith("users.info failed"));
    expect(logged.map((record) => [record.level, record.fields.err])).toEqual([["debug", "missing_scope"]]);
  });

  it("does not wait for a users.info that hangs: the answer goes out in UTC", async () => {
    const held = s.slack.holdNext("users.info");
    const started = Date.now();
    expect(shownText(await ask("check vm-recent-app-01"))).toMatch(/Next allowed .*UTC\)/);
    expect(Date.now() - started).toBeLessThan(8_000);
    await held.arrived;
    held.release();
  });
});
