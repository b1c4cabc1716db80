import { describe, expect, it } from "vitest";
import { teamsCard, withPlainNames } from "../../../../src/adapters/teams/teams-people.js";
import type { BotMessage } from "../../../../src/dialogs/message.js";
import { cardProblems } from "../../../support/teams-card-check.js";

const AAD = "a11ce000-0000-4000-8000-000000000001";
const ALICE = `teams:${AAD}`;

function naming(text: string, people: BotMessage["people"]): BotMessage {
  return { title: "Restore point of vm-web-01 succeeded", tone: "success", context: [text], people };
}

const textsOf = (card: unknown) => JSON.stringify(card);

describe("people on a Teams card", () => {
  it("are @mentioned by name, with the mention entity Teams reads from msteams.entities", () => {
    const card = teamsCard(naming(`Requested by ${ALICE}`, [{ id: ALICE, name: "Alice Doe" }]));
    expect(cardProblems(card)).toEqual([]);
    expect(textsOf(card.body)).toContain("Requested by <at>Alice Doe</at>");
    expect(textsOf(card)).not.toContain(ALICE);
    expect(card.msteams).toStrictEqual({
      width: "Full",
      entities: [{ type: "mention", text: "<at>Alice Doe</at>", mentioned: { id: AAD, name: "Alice Doe" } }],
    });
  });

  it("keep markup out of the mention's text, so the card's escaping cannot break the match", () => {
    const card = teamsCard(naming(`Requested by ${ALICE}`, [{ id: ALICE, name: "Al_ice *<Ops>* [x]" }]));
    const [entity] = card.msteams.entities ?? [];
    expect(entity).toMatchObject({ text: "<at>Alice Ops x</at>", mentioned: { name: "Al_ice *<Ops>* [x]" } });
    expect(textsOf(card.body)).toContain("Requested by <at>Alice Ops x</at>");
  });

  it("are named plainly when Teams cannot mention them, and by id when no name is known", () => {
    const card = teamsCard(
      naming(`By ${ALICE} and slack:T1:U1`, [{ id: ALICE }, { id: "slack:T1:U1", name: "bob" }]),
    );
    expect(textsOf(card.body)).toContain(`By ${ALICE} and bob`);
    expect(card.msteams.entities).toBeUndefined();
  });

  it("lose their entity when the card budget cuts their mention away", () => {
    const card = teamsCard(naming(`${"x".repeat(2_100)} ${ALICE}`, [{ id: ALICE, name: "Alice Doe" }]));
    expect(textsOf(card.body)).not.toContain("<at>Alice Doe</at>");
    expect(card.msteams.entities).toBeUndefined();
  });

  it("are plain names in text that carries no entities (an invoke's answer)", () => {
    const message = naming(`Requested by ${ALICE}`, [{ id: ALICE, name: "Alice Doe" }]);
    expect(withPlainNames(message).context).toEqual(["Requested by Alice Doe"]);
  });
});
