/**
 * Signed presses Slack would never send, or that were tampered with before signing: without the person who
 * pressed, without a value, or confirming a mode the plan never offered. Each gets a clear answer, never a
 * 500, and nothing is created.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../../support/eventually.js";
import { buttonLabelled, shownText } from "../../support/slack-blocks.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";
import { buttonPress, post, signed, slashCommand } from "../../support/slack-requests.js";

let s: SlackBot;
beforeEach(async () => {
  s = await startSlackBot();
});
afterEach(() => s.close());

const sentToSlack = () => s.slack.calls.filter((call) => call.method !== "auth.test");
const jobs = () => s.bot.runtime.store.jobs.listRecent({ limit: 5 });

/** A press as Slack sends it, changed before it is signed. */
function pressWith(change: (payload: Record<string, unknown>) => void, fields = { value: "v2|c1|crash" }) {
  const press = buttonPress({
    user: "U0ALICE",
    actionId: "rp:create:0",
    value: fields.value,
    messageTs: "1764000000.000100",
    responseUrl: s.slack.responseUrl("odd"),
  });
  const payload = JSON.parse(new URLSearchParams(press.body).get("payload") ?? "{}") as Record<
    string,
    unknown
  >;
  change(payload);
  return signed(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    press.headers["content-type"] ?? "",
  );
}

describe("presses missing what every press carries", () => {
  it("answers 400 to a press without its user, and does nothing", async () => {
    const response = await post(
      s.eventsUrl,
      pressWith((payload) => {
        delete payload.user;
      }),
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      error: "malformed Slack request: the block_actions payload does not say who acted (no user)",
    });
    expect(sentToSlack()).toEqual([]);
    expect(await s.bot.runtime.store.audit.list()).toEqual([]);
  });

  it("acknowledges a press of our button without a value, and does nothing", async () => {
    const response = await post(
      s.eventsUrl,
      pressWith((payload) => {
        const [action] = payload.actions as Array<Record<string, unknown>>;
        if (action) delete action.value;
      }),
    );
    expect(response).toMatchObject({ status: 200, body: "" });
    await eventually(() =>
      expect(s.bot.logs).toContainEqual(
        expect.objectContaining({ level: "warn", message: "button press without a value; nothing done" }),
      ),
    );
    expect(sentToSlack()).toEqual([]);
    expect(await s.bot.runtime.store.audit.list()).toEqual([]);
  });
});

describe("a confirm press carrying a mode the plan never offered", () => {
  it("is refused privately and leaves the plan to be confirmed as shown", async () => {
    await post(
      s.eventsUrl,
      slashCommand("create vm-web-02 crash", { responseUrl: s.slack.responseUrl("p") }),
    );
    await eventually(() => expect(s.slack.callsOf("chat.update")).toHaveLength(1));
    const plan = s.slack.callsOf("chat.update")[0];
    const create = buttonLabelled(plan, /^Create crash/);
    const [, confirmationId] = create.value.split("|");
    const forged = buttonPress({
      user: "U0ALICE",
      actionId: create.action_id,
      value: `v2|${confirmationId}|app`,
      messageTs: String(plan?.body.ts),
      responseUrl: s.slack.responseUrl("forged"),
    });
    expect((await post(s.eventsUrl, forged)).status).toBe(200);
    await eventually(() => expect(s.slack.callsOf("response_url")).toHaveLength(1));
    const refusal = s.slack.callsOf("response_url")[0];
    expect(refusal?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(shownText(refusal)).toMatch(/That mode was not in the plan/);
    expect(shownText(refusal)).toMatch(/offered crash-consistent, not application-consistent/);
    expect(s.slack.callsOf("chat.update")).toHaveLength(1);
    expect(await jobs()).toEqual([]);
    const confirmation = await s.bot.runtime.store.confirmations.get(confirmationId ?? "");
    expect(confirmation).toMatchObject({ state: "pending", modes: ["CrashConsistent"] });
  });
});
