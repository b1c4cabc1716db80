import { describe, expect, it } from "vitest";
import { renderCard } from "../../../../src/adapters/teams/adaptive-card.js";
import { cardBytes, MAX_CARD_BYTES, renderTeamsCard } from "../../../../src/adapters/teams/card-budget.js";
import { executeDataOf, pressOf } from "../../../../src/adapters/teams/press-data.js";
import type { BotMessage } from "../../../../src/dialogs/message.js";
import { cardProblems } from "../../../support/teams-card-check.js";

const plan: BotMessage = {
  title: "Create a restore point of vm_web_02?",
  tone: "info",
  text: "Choose the consistency mode.\nThe VM is checked again when you press.",
  facts: [{ label: "Collection", value: "rpc-vm_web_02 (new, in eastus)" }],
  sections: [{ heading: "Crash-consistent", lines: ["Restore point: rp-crash-1", "Captures: os, data-1"] }],
  buttons: [
    {
      action: "create",
      label: "Create crash-consistent",
      value: "c1|CrashConsistent",
      style: "primary",
      confirm: { title: "Create?", text: "Create it?", confirm: "Create", deny: "Not now" },
    },
    { action: "cancel", label: "Cancel", value: "c1" },
  ],
  context: ["Only you can confirm."],
};

describe("renderCard", () => {
  it("is an Adaptive Card 1.5 that a 1.5 host parses without a single complaint", () => {
    const card = renderCard(plan);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(cardProblems(card)).toEqual([]);
  });

  it("shows the tone in the title's colour and container, with no mark before the title", () => {
    const titles = (["info", "success", "warning", "danger"] as const).map(
      (tone) => renderCard({ title: "T", tone }).body[0],
    );
    expect(titles.map((title) => title?.type === "Container" && title.style)).toEqual([
      "emphasis",
      "good",
      "warning",
      "attention",
    ]);
    const texts = titles.map((title) => title?.type === "Container" && title.items[0]);
    expect(texts.map((text) => text && text.type === "TextBlock" && [text.text, text.color])).toEqual([
      ["T", "Accent"],
      ["T", "Good"],
      ["T", "Warning"],
      ["T", "Attention"],
    ]);
  });

  it("makes buttons Action.Execute with the action as verb, and an Action.Submit fallback with the same data", () => {
    const [create, cancel] = renderCard(plan).actions ?? [];
    expect(create).toEqual({
      type: "Action.Execute",
      title: "Create crash-consistent",
      verb: "create",
      data: { action: "create", value: "c1|CrashConsistent" },
      style: "positive",
      fallback: {
        type: "Action.Submit",
        title: "Create crash-consistent",
        data: { action: "create", value: "c1|CrashConsistent" },
        style: "positive",
      },
    });
    expect(cancel).toMatchObject({ verb: "cancel" });
    expect(cancel).not.toHaveProperty("style");
    expect(JSON.stringify(create)).not.toMatch(/Not now/); // no confirm dialog in Teams: the card shows the plan
  });

  it("draws a destructive button (style danger) as destructive, in the fallback too", () => {
    const [remove] =
      renderCard({
        title: "T",
        tone: "warning",
        buttons: [{ action: "cancel", label: "Delete", value: "d1", style: "danger" }],
      }).actions ?? [];
    expect(remove).toMatchObject({ style: "destructive", fallback: { style: "destructive" } });
  });

  it("keeps names literal in Markdown, and line breaks as paragraphs", () => {
    const text = JSON.stringify(renderCard(plan).body);
    expect(text).toContain("vm\\\\_web\\\\_02");
    expect(text).toContain("Choose the consistency mode.\\n\\nThe VM");
  });

  it("keeps a snippet's lines and indentation in monospace blocks", () => {
    const card = renderCard({
      title: "T",
      tone: "warning",
      sections: [{ lines: ["Add:\n  - users: [x]\n    actions: [check]"] }],
    });
    const section = card.body[1];
    const blocks = section?.type === "Container" ? section.items : [];
    expect(blocks.map((block) => block.type === "TextBlock" && block.text)).toEqual([
      "• Add:",
      "\u00a0\u00a0- users: \\[x\\]",
      "\u00a0\u00a0\u00a0\u00a0actions: \\[check\\]",
    ]);
    expect(cardProblems(card)).toEqual([]);
  });
});

describe("renderTeamsCard (Teams limits)", () => {
  const huge: BotMessage = {
    title: "Fleet report",
    tone: "warning",
    facts: Array.from({ length: 80 }, (_, i) => ({ label: `Fact ${i}`, value: "x".repeat(40) })),
    sections: Array.from({ length: 20 }, (_, s) => ({
      heading: `Blocker ${s}`,
      lines: Array.from({ length: 200 }, (_, i) => `vm-${s}-${i}: ${"reason ".repeat(20)}`),
    })),
    buttons: Array.from({ length: 9 }, (_, i) => ({
      action: "plan" as const,
      label: `B${i}`,
      value: String(i),
    })),
  };

  it("cuts long lists, says how much was left out, and stays under the size limit", () => {
    const card = renderTeamsCard(huge);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toMatch(/and 50 more/); // facts
    expect(text).toMatch(/and 8 more/); // sections
    expect(text).toMatch(/and 19\d more/); // lines of a section
    expect(card.actions).toHaveLength(6);
  });

  it("leaves a card that fits alone", () => {
    expect(renderTeamsCard(plan)).toEqual(renderCard(plan));
  });

  it("falls back to a short card that keeps the buttons when nothing else fits", () => {
    const card = renderTeamsCard(huge, 3_000);
    expect(JSON.stringify(card)).toMatch(/too long for a Teams card/);
    expect(card.actions).toHaveLength(6);
  });
});

describe("press data", () => {
  it("accepts only what our buttons send", () => {
    expect(pressOf({ action: "create", value: "c1|CrashConsistent", extra: 1 })).toEqual({
      action: "create",
      value: "c1|CrashConsistent",
    });
    expect(pressOf({ action: "delete", value: "x" })).toBeUndefined();
    expect(pressOf({ action: "cancel", value: 3 })).toBeUndefined();
    expect(pressOf("create")).toBeUndefined();
    expect(pressOf(null)).toBeUndefined();
    expect(executeDataOf({ action: { type: "Action.Execute", verb: "cancel", data: { a: 1 } } })).toEqual({
      a: 1,
    });
    expect(executeDataOf({ action: "x" })).toBeUndefined();
  });
});
