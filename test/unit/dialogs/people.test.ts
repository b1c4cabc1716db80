import { describe, expect, it } from "vitest";
import type { BotMessage } from "../../../src/dialogs/message.js";
import { naming, requesterOf, resolvePeople } from "../../../src/dialogs/people.js";

const ALICE = "teams:a11ce000-0000-4000-8000-000000000001";
const show = (person: { id: string; name?: string }) => `[${person.name ?? "?"}]`;
const DETAILS = { action: "details" as const, label: "Details", value: "v2|/subscriptions/s/x" };

describe("people in a neutral message", () => {
  it("are resolved in every text a person reads, and the list is gone once they are", () => {
    const message: BotMessage = {
      title: `For ${ALICE}`,
      tone: "info",
      text: `Requested by ${ALICE}.`,
      facts: [{ label: "Asked by", value: ALICE }],
      sections: [{ heading: `Of ${ALICE}`, lines: [`${ALICE} asked`] }],
      context: [`Requested by ${ALICE} · job 1`],
      links: [{ label: `${ALICE}'s card`, url: "https://example.test/1" }],
      details: { sections: [{ lines: [`by ${ALICE}`] }], button: DETAILS },
      people: [{ id: ALICE, name: "Alice Doe" }],
    };
    expect(resolvePeople(message, show)).toStrictEqual({
      title: "For [Alice Doe]",
      tone: "info",
      text: "Requested by [Alice Doe].",
      facts: [{ label: "Asked by", value: "[Alice Doe]" }],
      sections: [{ heading: "Of [Alice Doe]", lines: ["[Alice Doe] asked"] }],
      context: ["Requested by [Alice Doe] · job 1"],
      links: [{ label: "[Alice Doe]'s card", url: "https://example.test/1" }],
      details: { sections: [{ lines: ["by [Alice Doe]"] }], button: DETAILS },
    });
  });

  it("leave ids the message does not list as written, and never match part of a longer id", () => {
    const message = naming(
      {
        title: "Not allowed",
        tone: "danger",
        text: `${ALICE} asked; you are ${ALICE}0 and teams:${ALICE}; ${ALICE}`,
      },
      [{ id: ALICE, name: "Alice Doe" }],
    );
    expect(resolvePeople(message, show).text).toBe(
      `[Alice Doe] asked; you are ${ALICE}0 and teams:${ALICE}; [Alice Doe]`,
    );
  });

  it("are listed once each, keeping a name any entry gave", () => {
    const message = naming({ title: "t", tone: "info", people: [{ id: ALICE }] }, [
      requesterOf({ requestedBy: ALICE, requestedByName: "Alice Doe" }),
      requesterOf({ requestedBy: ALICE }),
      requesterOf({ requestedBy: "console:bob" }),
    ]);
    expect(message.people).toStrictEqual([{ id: ALICE, name: "Alice Doe" }, { id: "console:bob" }]);
  });

  it("leave a message that names nobody as it is, without the empty list", () => {
    const message: BotMessage = { title: `By ${ALICE}`, tone: "info", people: [] };
    expect(resolvePeople(message, show)).toStrictEqual({ title: `By ${ALICE}`, tone: "info" });
  });
});
