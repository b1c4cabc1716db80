import { describe, expect, it } from "vitest";
import { renderBlocks, SLACK_LIMITS } from "../../../../src/adapters/slack/render-blocks.js";
import type { BotMessage } from "../../../../src/dialogs/message.js";

type Block = {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<Record<string, unknown>>;
};

const blocksOf = (message: BotMessage) => renderBlocks(message).blocks as Block[];
const allTexts = (blocks: Block[]) =>
  blocks
    .flatMap((block) => [
      block.text?.text,
      ...(block.fields ?? []).map((f) => f.text),
      ...(block.elements ?? []).map((e) => e.text as { text?: string } | string | undefined),
    ])
    .map((t) => (typeof t === "object" ? t?.text : t))
    .filter((t): t is string => typeof t === "string");

describe("Block Kit rendering", () => {
  it("renders header, text, facts as fields, sections, context and buttons in that order", () => {
    const blocks = blocksOf({
      title: "vm-web-01: restore points possible",
      tone: "success",
      text: "Both modes are allowed.",
      facts: [{ label: "Crash-consistent", value: "Yes" }],
      sections: [{ heading: "Notes", lines: ["one", "two"] }],
      context: ["Job 123"],
      buttons: [
        {
          action: "create",
          label: "Create",
          value: "c1|CrashConsistent",
          style: "primary",
          confirm: { title: "Create?", text: "Sure?", confirm: "Create", deny: "Back" },
        },
        { action: "cancel", label: "Cancel", value: "c1" },
      ],
    });
    expect(blocks.map((block) => block.type)).toEqual([
      "header",
      "section",
      "section",
      "section",
      "context",
      "actions",
    ]);
    expect(blocks[0]?.text?.text).toBe(":white_check_mark: vm-web-01: restore points possible");
    expect(blocks[2]?.fields?.[0]?.text).toBe("*Crash-consistent*\nYes");
    expect(blocks[3]?.text?.text).toBe("*Notes*\n• one\n• two");
    expect(blocks[5]?.elements?.[0]).toMatchObject({
      action_id: "rp:create:0",
      value: "c1|CrashConsistent",
      style: "primary",
      confirm: {
        title: { text: "Create?" },
        text: { text: "Sure?" },
        confirm: { text: "Create" },
        deny: { text: "Back" },
      },
    });
    expect(blocks[5]?.elements?.[1]).toMatchObject({ action_id: "rp:cancel:1" });
  });

  it("escapes Slack markup in what people typed and turns user ids into mentions", () => {
    const rendered = renderBlocks(
      {
        title: "I did not understand that",
        tone: "warning",
        text: '"<!channel> & <@U1>" by slack:T0001:U0ALICE',
      },
      { mention: "U0BOB" },
    );
    const section = (rendered.blocks as Block[])[1];
    expect(section?.text?.text).toBe('<@U0BOB> "&lt;!channel&gt; &amp; &lt;@U1&gt;" by <@U0ALICE>');
    expect(rendered.text).toMatch(/^<@U0BOB> I did not understand that/);
  });

  it("keeps every text within 3,000 characters and a long report within 50 blocks, saying how much was cut", () => {
    const lines = Array.from(
      { length: 2000 },
      (_, i) => `vm-${String(i).padStart(5, "0")}: ${"x".repeat(80)}`,
    );
    const blocks = blocksOf({
      title: "t".repeat(400),
      tone: "info",
      text: "y".repeat(5000),
      sections: [{ heading: "VMs", lines }],
      buttons: [{ action: "plan", label: "Plan", value: "v" }],
    });
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(blocks[0]?.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    for (const text of allTexts(blocks)) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
    expect(blocks.at(-1)?.type).toBe("actions");
    const shownLines =
      allTexts(blocks)
        .join("\n")
        .match(/^• vm-\d{5}/gm)?.length ?? 0;
    const more = allTexts(blocks)
      .join("\n")
      .match(/…and (\d+) more, too long for one Slack message\./);
    expect(Number(more?.[1])).toBe(2000 - shownLines);
  });

  it("splits more than 10 facts over several sections and leaves buttons out when asked", () => {
    const facts = Array.from({ length: 13 }, (_, i) => ({ label: `f${i}`, value: "v" }));
    const rendered = renderBlocks(
      { title: "t", tone: "info", facts, buttons: [{ action: "plan", label: "P", value: "v" }] },
      { withoutButtons: true },
    );
    const sections = (rendered.blocks as Block[]).filter((block) => block.fields);
    expect(sections.map((block) => block.fields?.length)).toEqual([10, 3]);
    expect((rendered.blocks as Block[]).some((block) => block.type === "actions")).toBe(false);
  });

  it("mentions a Slack person by user id, as before, and names anyone else by name", () => {
    const blocks = blocksOf({
      title: "2 restore point(s) being created",
      tone: "info",
      sections: [{ lines: ["vm-web-01 by slack:T1:U0ALICE", "vm-sql-01 by teams:a11ce000"] }],
      people: [
        { id: "slack:T1:U0ALICE", name: "alice" },
        { id: "teams:a11ce000", name: "Alice Doe" },
      ],
    });
    expect(allTexts(blocks).join("\n")).toContain("• vm-web-01 by <@U0ALICE>\n• vm-sql-01 by Alice Doe");
  });
});
