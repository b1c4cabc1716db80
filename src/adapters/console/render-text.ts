/** A neutral message as terminal text; buttons become numbered choices: [1] Create ...  [2] Cancel */
import type { BotMessage, MessageButton } from "../../dialogs/message.js";

const TONE_MARK: Record<BotMessage["tone"], string> = {
  info: "",
  success: "✓ ",
  warning: "! ",
  danger: "✗ ",
};

export function renderText(message: BotMessage, firstChoice = 1): string {
  const lines = [`${TONE_MARK[message.tone]}${message.title}`];
  if (message.text) lines.push(indent(message.text));
  const facts = message.facts ?? [];
  const width = Math.max(0, ...facts.map((fact) => fact.label.length));
  for (const fact of facts) lines.push(`  ${`${fact.label}:`.padEnd(width + 1)} ${fact.value}`);
  for (const section of message.sections ?? []) {
    if (section.heading) lines.push(`  ${section.heading}:`);
    for (const line of section.lines) lines.push(`    - ${line}`);
  }
  for (const note of message.context ?? []) lines.push(`  (${note})`);
  if (message.buttons && message.buttons.length > 0)
    lines.push(`  ${renderChoices(message.buttons, firstChoice)}`);
  return lines.join("\n");
}

export function renderChoices(buttons: MessageButton[], firstChoice = 1): string {
  return buttons.map((button, index) => `[${firstChoice + index}] ${button.label}`).join("  ");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
