/** Reading recorded Block Kit messages back: their text and buttons. */
import type { SlackCall } from "./fake-slack.js";

interface RecordedButton {
  action_id: string;
  value: string;
  text: { text: string };
  confirm?: unknown;
}

/** Every text a recorded message shows, joined, for assertions on wording. */
export function shownText(call: SlackCall | undefined): string {
  if (!call) throw new Error("no such Slack call");
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (typeof record.text === "string") texts.push(record.text);
      for (const [key, value] of Object.entries(record))
        if (key !== "text" || typeof value !== "string") visit(value);
    }
  };
  visit(call.body.blocks);
  return texts.join("\n");
}

export function buttonsOf(call: SlackCall | undefined): RecordedButton[] {
  const blocks = (call?.body.blocks ?? []) as Array<{ type: string; elements?: RecordedButton[] }>;
  return blocks.filter((block) => block.type === "actions").flatMap((block) => block.elements ?? []);
}

export function buttonLabelled(call: SlackCall | undefined, label: RegExp): RecordedButton {
  const found = buttonsOf(call).find((each) => label.test(each.text.text));
  if (!found)
    throw new Error(`no button ${label} in ${JSON.stringify(buttonsOf(call).map((b) => b.text.text))}`);
  return found;
}
