/**
 * Times in Teams are in the zone the person's client sends with each activity (localTimezone); a result told
 * later, with no activity of theirs, uses the zone stored with their member record.
 */
import { afterEach, describe, expect, it } from "vitest";
import { alice, executeActivity, messageActivity } from "../../support/teams-activities.js";
import {
  actionNamed,
  cardOf,
  cardText,
  eventually,
  startTeamsBot,
  type TeamsBot,
} from "../../support/teams-bot.js";

let teams: TeamsBot;
afterEach(() => teams.close());

const NEW_YORK = /\d{4}-\d\d-\d\d \d\d:\d\d E[SD]T/;
/** A clock time with seconds, milliseconds, or an ISO instant: none of them belongs in chat. */
const TOO_PRECISE = /\d\d:\d\d:\d\d|\.\d{3}Z|\d{4}-\d\d-\d\dT\d\d/;

async function sayFromNewYork(text: string) {
  const before = teams.connector.posts().length;
  const activity = { ...messageActivity(teams.where, alice, text), localTimezone: "America/New_York" };
  expect((await teams.post(activity)).status).toBe(200);
  const reply = teams.connector.posts()[before];
  return { card: cardOf(reply?.body), cardId: reply?.answeredId ?? "" };
}

describe("a Teams person's own time zone", () => {
  it("words an answer in the zone of the activity", async () => {
    teams = await startTeamsBot();
    const { card } = await sayFromNewYork("check vm-recent-app-01");
    expect(cardText(card)).toMatch(new RegExp(`Next allowed in .* \\(${NEW_YORK.source}\\)\\.`));
    expect(cardText(card)).not.toMatch(TOO_PRECISE);
  });

  it("tells a later result in the zone stored for the requester, though the press did not say one", async () => {
    teams = await startTeamsBot();
    const { card, cardId } = await sayFromNewYork("create vm-web-02 crash");
    const create = actionNamed(card, /^Create crash/);
    // Not every client sends its zone with an invoke: the one said before is kept.
    const press = executeActivity(teams.where, alice, cardId, create.data);
    expect(press.localTimezone).toBeUndefined();
    const pressed = await teams.post(press);
    const started = cardText((pressed.body as { value: unknown }).value);
    expect(started).toMatch(new RegExp(`started ${NEW_YORK.source}`));
    const member = await teams.served.runtime.store.conversations.get(`member:teams:${alice.aadObjectId}`);
    expect(member?.reference).toMatchObject({ timeZone: "America/New_York" });

    const result = await eventually(() => {
      const found = teams.connector.posts().find((call) => /succeeded/.test(cardText(cardOf(call.body))));
      expect(found).toBeDefined();
      return cardText(cardOf(found?.body));
    });
    expect(result).toMatch(new RegExp(`finished ${NEW_YORK.source}`));
    const updated = teams.connector.updates().map((call) => cardText(cardOf(call.body)));
    expect(updated.find((text) => /succeeded/.test(text))).toMatch(new RegExp(`finished ${NEW_YORK.source}`));
    for (const text of [started, result, ...updated]) expect(text).not.toMatch(TOO_PRECISE);
  });

  it("answers in UTC when the client does not say, or says a zone that does not exist", async () => {
    teams = await startTeamsBot();
    const activity = {
      ...messageActivity(teams.where, alice, "check vm-recent-app-01"),
      localTimezone: "Mars/Base",
    };
    await teams.post(activity);
    expect(cardText(cardOf(teams.connector.posts()[0]?.body))).toMatch(/Next allowed in .* UTC\)\./);
  });
});
