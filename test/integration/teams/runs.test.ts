/**
 * A set protected from Teams, over real HTTP: the plan card, the press (Action.Execute) answered with the
 * progress card, that card updated in place through the fake connector, and one summary that @mentions the
 * requester. Every card passes the Adaptive Card checks.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alice, executeActivity } from "../../support/teams-activities.js";
import {
  actionNamed,
  cardOf,
  cardText,
  eventually,
  startTeamsBot,
  type TeamsBot,
} from "../../support/teams-bot.js";
import { cardProblems } from "../../support/teams-card-check.js";

let teams: TeamsBot;
beforeEach(async () => {
  teams = await startTeamsBot();
});
afterEach(async () => {
  expect(teams.everyCard().flatMap(cardProblems)).toEqual([]);
  await teams.close();
});

describe("protecting a set from Teams", () => {
  it("replaces the plan with the progress card, keeps it up to date, and @mentions the requester in the summary", async () => {
    const { card, cardId } = await teams.say("protect avset-app crash");
    expect(cardText(card)).toMatch(/^Protect availability set rg-scale\/avset-app/);
    expect(cardText(card)).toMatch(/vm-avset-01: /);
    const create = actionNamed(card, /^Create 2 restore points$/);
    expect(create).toMatchObject({ type: "Action.Execute", verb: "run" });

    const pressed = await teams.post(executeActivity(teams.where, alice, cardId, create.data));
    expect(pressed.status).toBe(200);
    const progress = (pressed.body as { value: unknown }).value;
    expect(cardText(progress)).toMatch(/^Protecting availability set rg-scale\/avset-app/);
    expect(cardText(progress)).toMatch(/0 of 2 done/);

    const summary = await eventually(() => {
      const found = teams.connector
        .posts()
        .filter((call) => /restore points created/.test(cardText(cardOf(call.body))));
      expect(found).toHaveLength(1);
      return found[0];
    });
    const summaryCard = cardOf(summary?.body);
    expect(cardText(summaryCard)).toMatch(/2 of 2 done/);
    expect(cardText(summaryCard)).toMatch(/Protected: every member has a restore point within 1 h/);
    expect(summary?.body).toMatchObject({
      text: `<at>${alice.name}</at>`,
      entities: [{ type: "mention", mentioned: { id: alice.id, name: alice.name } }],
    });
    // The card the press was made on ends showing the outcome, without the Stop button.
    const last = await eventually(() => {
      const updates = teams.connector.updates().filter((call) => call.activityId === cardId);
      const final = updates.at(-1);
      expect(cardText(cardOf(final?.body))).toMatch(/2 of 2 done/);
      return cardOf(final?.body);
    });
    expect(last.actions ?? []).toEqual([]);
  });
});
