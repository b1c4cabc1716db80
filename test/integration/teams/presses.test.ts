/**
 * Button presses over real HTTP: Action.Execute invokes answered in the HTTP response, the Action.Submit
 * fallback answered with updates and replies, and the job's result told later through the fake connector.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  alice,
  bob,
  executeActivity,
  submitActivity,
  TENANT_ID,
  type TeamsPerson,
} from "../../support/teams-activities.js";
import {
  actionNamed,
  cardOf,
  cardText,
  eventually,
  startTeamsBot,
  type TeamsBot,
} from "../../support/teams-bot.js";
import { cardProblems } from "../../support/teams-card-check.js";

const CARD = "application/vnd.microsoft.card.adaptive";
const MESSAGE = "application/vnd.microsoft.activity.message";

let teams: TeamsBot;
beforeEach(async () => {
  teams = await startTeamsBot();
});
afterEach(async () => {
  expect(teams.everyCard().flatMap(cardProblems)).toEqual([]);
  await teams.close();
});

async function plan() {
  const { card, cardId } = await teams.say("create vm-web-02 crash");
  expect(cardProblems(card)).toEqual([]);
  return { cardId, create: actionNamed(card, /^Create crash/), cancel: actionNamed(card, /^Cancel$/) };
}

const jobs = () => teams.served.runtime.store.jobs.listRecent({ limit: 10 });

/** How a card @mentions someone by name (msteams.entities), as Teams wants it inside Adaptive Cards. */
const mentionOf = (person: TeamsPerson) => ({
  type: "mention",
  text: `<at>${person.name}</at>`,
  mentioned: { id: person.aadObjectId, name: person.name },
});

/** Waits for the result: the card updated in place, and a new message that @mentions the requester. */
async function result(cardId: string) {
  const update = await eventually(() => {
    const found = teams.connector.updates().find((call) => /succeeded/.test(cardText(cardOf(call.body))));
    expect(found).toBeDefined();
    return found;
  });
  const post = await eventually(() => {
    const found = teams.connector.posts().find((call) => /succeeded/.test(cardText(cardOf(call.body))));
    expect(found).toBeDefined();
    return found;
  });
  expect(update?.activityId).toBe(cardId);
  return { update: cardOf(update?.body), post };
}

describe("Action.Execute", () => {
  it("starts the job, replaces the card in place, then updates it and tells the requester by @mention", async () => {
    const { cardId, create } = await plan();
    expect(create).toMatchObject({
      type: "Action.Execute",
      verb: "create",
      fallback: { type: "Action.Submit" },
    });
    const pressed = await teams.post(executeActivity(teams.where, alice, cardId, create.data));
    expect(pressed.status).toBe(200);
    expect(pressed.body).toMatchObject({ statusCode: 200, type: CARD });
    const started = (pressed.body as { value: unknown }).value;
    expect(cardProblems(started)).toEqual([]);
    expect(cardText(started)).toMatch(/^Creating restore point rp-crash-\S+ of vm-web-02/);

    const { update, post } = await result(cardId);
    expect(cardProblems(update)).toEqual([]);
    // The title's green container says it succeeded: no "✓ " before it, as the terminal prints.
    expect(cardText(update)).toMatch(/^Restore point rp-crash-\S+ of vm-web-02 succeeded\n/);
    expect(update.actions).toBeUndefined();
    expect(post?.body).toMatchObject({
      text: `<at>${alice.name}</at>`,
      entities: [
        { type: "mention", text: `<at>${alice.name}</at>`, mentioned: { id: alice.id, name: alice.name } },
      ],
    });
    expect(cardProblems(cardOf(post?.body))).toEqual([]);
    // The card names the requester by name, as an @mention Teams reads from the card's entities.
    for (const card of [update, cardOf(post?.body)]) {
      expect(cardText(card)).toContain(`Requested by <at>${alice.name}</at>`);
      expect(cardText(card)).not.toContain("teams:");
      expect(card.msteams).toMatchObject({ entities: [mentionOf(alice)] });
    }
    await teams.served.runtime.jobs.idle(); // the follower tells first, then records the outcome
    // One child logger per activity: the press's id, tenant and person are on every line down to the job's.
    const event = { platform: "teams", tenant: TENANT_ID, user: `teams:${alice.aadObjectId}` };
    const requested = teams.served.logs.find((record) => record.message === "restore point requested");
    expect(requested?.fields).toMatchObject(event);
    const ended = teams.served.logs.find((record) => record.message === "job ended");
    expect(ended?.fields).toMatchObject({ ...event, requestId: requested?.fields.requestId });
    const [job] = await jobs();
    expect(job).toMatchObject({
      state: "succeeded",
      messageRef: cardId,
      requestedBy: `teams:${alice.aadObjectId}`,
      requestedByName: alice.name,
    });
    expect(job?.notifiedAt).toBeInstanceOf(Date);
  });

  it("answers a second press of the same button clearly, creating nothing more", async () => {
    const { cardId, create } = await plan();
    await teams.post(executeActivity(teams.where, alice, cardId, create.data));
    const again = await teams.post(executeActivity(teams.where, alice, cardId, create.data));
    expect(again.body).toMatchObject({
      statusCode: 200,
      type: MESSAGE,
      value: expect.stringMatching(/^Already started/),
    });
    expect(await jobs()).toHaveLength(1);
  });

  it("refuses someone else's press: only they see why, the card stays, no job", async () => {
    const { cardId, create } = await plan();
    const updatesBefore = teams.connector.updates().length;
    const pressed = await teams.post(executeActivity(teams.where, bob, cardId, create.data));
    expect(pressed.body).toMatchObject({
      type: MESSAGE,
      value: expect.stringMatching(/^Only the person who asked can confirm/),
    });
    // An invoke's answer is plain text, which carries no mention: the requester by name, never by id.
    const refusal = String((pressed.body as { value: unknown }).value);
    expect(refusal).toContain(`${alice.name} asked for this restore point of vm-web-02`);
    expect(refusal).not.toContain("teams:");
    expect(teams.connector.updates()).toHaveLength(updatesBefore);
    expect(await jobs()).toHaveLength(0);
  });

  it("cancels in place", async () => {
    const { cardId, cancel } = await plan();
    expect(cancel).not.toHaveProperty("style"); // cancelling destroys nothing: not drawn as destructive
    const pressed = await teams.post(executeActivity(teams.where, alice, cardId, cancel.data));
    expect(cardText((pressed.body as { value: unknown }).value)).toMatch(
      /^Cancelled: no restore point of vm-web-02/,
    );
    expect(await jobs()).toHaveLength(0);
  });

  it("posts the plan as a new card when a check's button is pressed, leaving the check card as it was", async () => {
    const { card, cardId } = await teams.say("check vm-web-02");
    const postsBefore = teams.connector.posts().length;
    const pressed = await teams.post(
      executeActivity(teams.where, alice, cardId, actionNamed(card, /crash/i).data),
    );
    expect(pressed.body).toMatchObject({
      type: MESSAGE,
      value: expect.stringMatching(/^Posted: Create a restore point/),
    });
    const posted = teams.connector.posts().slice(postsBefore);
    expect(posted).toHaveLength(1);
    expect(cardText(cardOf(posted[0]?.body))).toMatch(/^Create a restore point of vm-web-02\?/);
    expect(teams.connector.updates()).toHaveLength(0);
  });

  it("answers data it never sent with a message, not a crash", async () => {
    const pressed = await teams.post(
      executeActivity(teams.where, alice, "act-x", { action: "drop-table", value: "1" }),
    );
    expect(pressed.body).toMatchObject({ type: MESSAGE, value: expect.stringMatching(/no longer works/) });
  });
});

describe("Action.Submit fallback", () => {
  it("treats the message as the press: updates the card it came from, then tells the result", async () => {
    const { cardId, create } = await plan();
    const pressed = await teams.post(submitActivity(teams.where, alice, cardId, create.data));
    expect(pressed.status).toBe(200);
    const [started] = teams.connector.updates();
    expect(started?.activityId).toBe(cardId);
    expect(cardText(cardOf(started?.body))).toMatch(/^Creating restore point/);
    await result(cardId);
    await teams.served.runtime.jobs.idle();
    expect((await jobs())[0]).toMatchObject({ state: "succeeded", messageRef: cardId });
  });

  it("answers someone else's press with a reply addressed to them (Teams has no ephemeral bot messages)", async () => {
    const { cardId, create } = await plan();
    const postsBefore = teams.connector.posts().length;
    await teams.post(submitActivity(teams.where, bob, cardId, create.data));
    const [reply] = teams.connector.posts().slice(postsBefore);
    expect(reply?.body).toMatchObject({
      text: `<at>${bob.name}</at>`,
      entities: [{ mentioned: { id: bob.id } }],
    });
    expect(cardText(cardOf(reply?.body))).toMatch(/Only the person who asked can confirm/);
    // The card names who asked by name, with a mention entity: the Entra object id the door keeps for them.
    expect(cardText(cardOf(reply?.body))).toContain(`<at>${alice.name}</at> asked for this restore point`);
    expect(cardOf(reply?.body).msteams).toMatchObject({ entities: [mentionOf(alice)] });
    expect(teams.connector.updates()).toHaveLength(0);
    expect(await jobs()).toHaveLength(0);
  });
});

describe("notification trouble", () => {
  it("settles the result as undeliverable when the app was removed from the conversation (403), without retrying", async () => {
    const { cardId, create } = await plan();
    await teams.post(executeActivity(teams.where, alice, cardId, create.data));
    teams.connector.refuseNext(403, 2);
    await eventually(() =>
      expect(teams.served.logs.map((record) => record.message)).toContain(
        "the result cannot be delivered; given up",
      ),
    );
    await teams.served.runtime.jobs.idle();
    expect(teams.connector.calls.filter((call) => call.status === 403)).toHaveLength(2);
    expect(
      teams.connector.calls.filter(
        (call) => call.status === 200 && /succeeded/.test(JSON.stringify(call.body)),
      ),
    ).toHaveLength(0);
    expect((await jobs())[0]).toMatchObject({ state: "succeeded", delivery: "undeliverable" });
    const audit = await teams.served.runtime.store.audit.list({ limit: 1_000 });
    expect(audit.filter((entry) => entry.action === "result").map((entry) => entry.outcome)).toContain(
      "undeliverable",
    );
  });

  // 5xx and 429 are retried inside botbuilder's HTTP pipeline; anything else reaches the outbox.
  it("retries other connector refusals from the outbox, and tells the result once", async () => {
    const { cardId, create } = await plan();
    await teams.post(executeActivity(teams.where, alice, cardId, create.data));
    teams.connector.refuseNext(401, 1);
    await result(cardId);
    await teams.served.runtime.jobs.idle();
    expect(teams.connector.calls.filter((call) => call.status === 401)).toHaveLength(1);
    const told = teams.connector.posts().filter((call) => /succeeded/.test(cardText(cardOf(call.body))));
    expect(told).toHaveLength(1);
    expect(teams.served.logs.map((record) => record.message)).toContain(
      "telling the requester failed; will try again",
    );
  });
});
