/** A neutral message as terminal text; buttons become numbered choices: [1] Create ...  [2] Cancel */
import {
  type BotMessage,
  buttonsWithDetails,
  type MessageButton,
  type MessagePerson,
} from "../../dialogs/message.js";
import { resolvePeople } from "../../dialogs/people.js";

const TONE_MARK: Record<BotMessage["tone"], string> = {
  info: "",
  success: "✓ ",
  warning: "! ",
  danger: "✗ ",
};

export function renderText(neutral: BotMessage, firstChoice = 1): string {
  const message = resolvePeople(neutral, terminalName);
  const lines = [`${TONE_MARK[message.tone]}${message.title}`];
  if (message.text) lines.push(indent(message.text));
  const facts = message.facts ?? [];
  const width = Math.max(0, ...facts.map((fact) => fact.label.length));
  for (const fact of facts) lines.push(`  ${`${fact.label}:`.padEnd(width + 1)} ${fact.value}`);
  for (const section of message.sections ?? []) {
    if (section.heading) lines.push(`  ${section.heading}:`);
    for (const line of section.lines) lines.push(`    - ${line}`);
  }
  for (const link of message.links ?? []) lines.push(`  ${link.label}: ${link.url}`);
  for (const note of message.context ?? []) lines.push(`  (${note})`);
  const buttons = buttonsWithDetails(message);
  if (buttons.length > 0) lines.push(`  ${renderChoices(buttons, firstChoice)}`);
  return lines.join("\n");
}

/** A terminal has no mentions: the name, or the local user's login without the "console:" of its id. */
function terminalName(person: MessagePerson): string {
  return person.name ?? person.id.replace(/^console:/, "");
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
