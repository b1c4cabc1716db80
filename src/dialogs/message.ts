/**
 * Neutral messages: what the dialogs say, with no idea of the platform. The terminal renders them as text,
 * Slack as Block Kit, Teams as Adaptive Cards.
 */
import type { Press } from "./command.js";
import { encodePress, type PressAction } from "./press-codec.js";

export type Tone = "info" | "success" | "warning" | "danger";

export interface MessageFact {
  label: string;
  value: string;
}

export interface MessageSection {
  heading?: string;
  lines: string[];
}

export interface MessageButton {
  /** Written by the press codec (pressButton); the door hands both back in the ActionEvent, unread. */
  action: PressAction;
  label: string;
  value: string;
  style?: "primary" | "danger";
  /** Platforms with a native confirm dialog show it before sending the press (Slack `confirm`). */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export interface MessageLink {
  label: string;
  url: string;
}

/**
 * Someone a message names. The text names them by their user id (the token, see people.ts), which each door
 * resolves as its platform names people; `name` is the display name the chat gave, when known.
 */
export interface MessagePerson {
  id: string;
  name?: string;
}

export interface BotMessage {
  title: string;
  tone: Tone;
  text?: string;
  facts?: MessageFact[];
  sections?: MessageSection[];
  buttons?: MessageButton[];
  /** Small print: ids, times, advisories that always apply. */
  context?: string[];
  /** Where to look further: the VM or restore point in the Azure portal, the card a result is on. */
  links?: MessageLink[];
  /** What the answer leaves out for brevity, shown on request (Teams: a "Details" card; Slack, terminal: below). */
  details?: MessageDetails;
  /** The people whose user ids appear in the text, with their names. */
  people?: MessagePerson[];
}

/** A button that does `press`: the one way dialogs draw buttons, so every value goes through the codec. */
export function pressButton(
  press: Press,
  label: string,
  options: Pick<MessageButton, "style" | "confirm"> = {},
): MessageButton {
  return { ...encodePress(press), label, ...options };
}

export interface MessageDetails {
  sections: MessageSection[];
  /** Where the details cannot fold out (Slack, the terminal): the button that asks for them. */
  button: MessageButton;
}

/** The buttons a door without folding shows: the message's, then its Details button. */
export function buttonsWithDetails(message: BotMessage): MessageButton[] {
  return [...(message.buttons ?? []), ...(message.details ? [message.details.button] : [])];
}
