/**
 * A neutral message as an Adaptive Card 1.5, the newest schema Teams renders in bot messages. Buttons are
 * Action.Execute (Universal Actions: the bot answers with the card that replaces this one), with Action.Submit
 * as the fallback for clients that predate them. Pure: no botbuilder here, so the renderer survives an SDK move.
 */
import type { BotMessage, MessageButton, MessageSection, Tone } from "../../dialogs/message.js";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
export const ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

export interface TextBlock {
  type: "TextBlock";
  text: string;
  wrap: true;
  weight?: "Bolder";
  size?: "Small" | "Medium";
  color?: "Accent" | "Good" | "Warning" | "Attention";
  isSubtle?: true;
  fontType?: "Monospace";
  spacing?: "None" | "Small" | "Medium";
  style?: "heading";
}

export interface FactSet {
  type: "FactSet";
  facts: Array<{ title: string; value: string }>;
}

export interface Container {
  type: "Container";
  style?: "emphasis" | "good" | "warning" | "attention";
  bleed?: true;
  spacing?: "Medium";
  items: CardElement[];
}

export type CardElement = TextBlock | FactSet | Container;

/** What a press carries back, in both Action.Execute and its Action.Submit fallback. */
export interface PressData {
  action: MessageButton["action"];
  value: string;
}

export interface SubmitAction {
  type: "Action.Submit";
  title: string;
  data: PressData;
  style?: "positive" | "destructive";
}

export interface ExecuteAction {
  type: "Action.Execute";
  title: string;
  verb: MessageButton["action"];
  data: PressData;
  style?: "positive" | "destructive";
  fallback: SubmitAction;
}

/** A link (the VM in the Azure portal): opened by the client, never sent to the bot. */
export interface OpenUrlAction {
  type: "Action.OpenUrl";
  title: string;
  url: string;
}

/** The message's details, folded away until pressed: no round trip to the bot. */
export interface ShowCardAction {
  type: "Action.ShowCard";
  title: string;
  card: { type: "AdaptiveCard"; body: CardElement[] };
}

/** An @mention: `text` (`<at>Name</at>`) as it appears in the card, and whom it mentions. */
export interface MentionEntity {
  type: "mention";
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  /** Fact sets and long lines read better across the whole message column; mentions in the card's text. */
  msteams: { width: "Full"; entities?: MentionEntity[] };
  body: CardElement[];
  actions?: Array<ExecuteAction | OpenUrlAction | ShowCardAction>;
}

/** Markdown drops leading spaces; non-breaking ones survive. */
const NBSP = "\u00a0";

/** The title's container and colour say the tone: no "✓ " or "✗ " mark as the terminal (no colour) needs. */
const TONE: Record<Tone, { style: Container["style"]; color: TextBlock["color"] }> = {
  info: { style: "emphasis", color: "Accent" },
  success: { style: "good", color: "Good" },
  warning: { style: "warning", color: "Warning" },
  danger: { style: "attention", color: "Attention" },
};

export function renderCard(message: BotMessage): AdaptiveCard {
  const body: CardElement[] = [titleOf(message)];
  if (message.text) body.push(text(message.text));
  if (message.facts && message.facts.length > 0) {
    body.push({
      type: "FactSet",
      facts: message.facts.map((fact) => ({
        title: escapeMarkdown(fact.label),
        value: escapeMarkdown(fact.value),
      })),
    });
  }
  for (const section of message.sections ?? []) body.push(sectionOf(section));
  for (const note of message.context ?? []) body.push({ ...text(note), size: "Small", isSubtle: true });
  const card: AdaptiveCard = {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: "1.5",
    msteams: { width: "Full" },
    body,
  };
  const actions: Array<ExecuteAction | OpenUrlAction | ShowCardAction> = [
    ...(message.buttons ?? []).map(actionOf),
    ...(message.links ?? []).map((link) => ({
      type: "Action.OpenUrl" as const,
      title: link.label,
      url: link.url,
    })),
  ];
  if (message.details && message.details.sections.length > 0) {
    actions.push({
      type: "Action.ShowCard",
      title: "Details",
      card: { type: "AdaptiveCard", body: message.details.sections.map(sectionOf) },
    });
  }
  if (actions.length > 0) card.actions = actions;
  return card;
}

function titleOf(message: BotMessage): Container {
  const tone = TONE[message.tone];
  return {
    type: "Container",
    style: tone.style,
    bleed: true,
    items: [
      {
        type: "TextBlock",
        text: escapeMarkdown(message.title),
        wrap: true,
        weight: "Bolder",
        size: "Medium",
        color: tone.color,
        style: "heading",
      },
    ],
  };
}

function sectionOf(section: MessageSection): Container {
  const items: CardElement[] = [];
  if (section.heading) items.push({ ...text(section.heading), weight: "Bolder" });
  for (const line of section.lines) items.push(...lineBlocks(line));
  return { type: "Container", spacing: "Medium", items };
}

/** A line with line breaks is a snippet to copy (a policy rule): one monospace block per line keeps its indent. */
function lineBlocks(line: string): TextBlock[] {
  const [first = "", ...rest] = line.split("\n");
  const bullet: TextBlock = { ...text(`• ${first}`), spacing: "Small" };
  return [
    bullet,
    ...rest.map(
      (part): TextBlock => ({
        type: "TextBlock",
        text: escapeMarkdown(part).replace(/^ +/, (indent) => NBSP.repeat(indent.length)) || NBSP,
        wrap: true,
        fontType: "Monospace",
        spacing: "None",
      }),
    ),
  ];
}

/** Markdown needs a blank line for a line break; a single newline would run the lines together. */
function text(value: string): TextBlock {
  return { type: "TextBlock", text: escapeMarkdown(value).replace(/\n+/g, "\n\n"), wrap: true };
}

/**
 * Teams has no native confirm dialog for card buttons, and the card already shows the whole plan, so the
 * button's `confirm` adds nothing here. Teams draws every action in its default style; positive/destructive
 * still say what the button means to hosts that honour them.
 */
function actionOf(button: MessageButton): ExecuteAction {
  const data: PressData = { action: button.action, value: button.value };
  const style =
    button.style === "primary" ? "positive" : button.style === "danger" ? "destructive" : undefined;
  const fallback: SubmitAction = { type: "Action.Submit", title: button.label, data };
  const action: ExecuteAction = {
    type: "Action.Execute",
    title: button.label,
    verb: button.action,
    data,
    fallback,
  };
  if (style) {
    action.style = style;
    fallback.style = style;
  }
  return action;
}

/** TextBlock and FactSet text is Markdown in Teams: names like vm_web_01 must not turn italic or into links. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\*_[\]]/g, (char) => `\\${char}`);
}
