/**
 * Teams refuses bot messages over about 28 KB and shows at most six card buttons. Long answers (a fleet
 * report) are cut until the card fits, and say how much was left out instead of failing to arrive.
 */
import type { BotMessage, MessageFact, MessageSection } from "../../dialogs/message.js";
import { clipText } from "../../dialogs/wording.js";
import { type AdaptiveCard, renderCard } from "./adaptive-card.js";

/** Below Teams' ~28 KB so the activity around the card (mention, ids, envelope) still fits. */
export const MAX_CARD_BYTES = 26_000;
const MAX_ACTIONS = 6;
const MAX_FACTS = 30;
const MAX_SECTIONS = 12;
const MAX_CONTEXT = 5;
const MAX_TEXT_CHARS = 2_000;
/** Lines per section tried in turn until the card fits. */
const LINE_BUDGETS = [25, 12, 6, 3, 1];

/** The card for a message, cut to fit Teams' limits. */
export function renderTeamsCard(message: BotMessage, maxBytes = MAX_CARD_BYTES): AdaptiveCard {
  for (const lines of LINE_BUDGETS) {
    const card = renderCard(cutMessage(message, lines));
    if (cardBytes(card) <= maxBytes) return card;
  }
  return renderCard(tooLong(message));
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card));
}

function cutMessage(message: BotMessage, maxLines: number): BotMessage {
  const sections = message.sections ?? [];
  const shown = sections.slice(0, MAX_SECTIONS).map((section) => cutSection(section, maxLines));
  if (sections.length > shown.length) shown.push({ lines: [`and ${sections.length - shown.length} more`] });
  return {
    ...message,
    title: clip(message.title),
    text: message.text === undefined ? undefined : clip(message.text),
    facts: message.facts ? cutFacts(message.facts) : undefined,
    sections: shown,
    context: message.context?.slice(0, MAX_CONTEXT).map(clip),
    buttons: message.buttons?.slice(0, MAX_ACTIONS),
  };
}

function cutSection(section: MessageSection, maxLines: number): MessageSection {
  const lines = section.lines.slice(0, maxLines).map(clip);
  const more = section.lines.length - lines.length;
  if (more > 0) lines.push(`and ${more} more`);
  return { heading: section.heading === undefined ? undefined : clip(section.heading), lines };
}

function cutFacts(facts: MessageFact[]): MessageFact[] {
  const shown = facts
    .slice(0, MAX_FACTS)
    .map((fact) => ({ label: clip(fact.label), value: clip(fact.value) }));
  const more = facts.length - shown.length;
  return more > 0 ? [...shown, { label: "…", value: `and ${more} more` }] : shown;
}

function clip(text: string): string {
  return clipText(text, MAX_TEXT_CHARS);
}

/** The last resort keeps the buttons: a plan must stay confirmable even when its details do not fit. */
function tooLong(message: BotMessage): BotMessage {
  return {
    title: clip(message.title),
    tone: message.tone,
    text: "This answer is too long for a Teams card. Ask about a narrower scope (one resource group or one VM).",
    buttons: message.buttons?.slice(0, MAX_ACTIONS),
  };
}
