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

export interface BotMessage {
  title: string;
  tone: Tone;
  text?: string;
  facts?: MessageFact[];
  sections?: MessageSection[];
  buttons?: MessageButton[];
  /** Small print: ids, times, advisories that always apply. */
  context?: string[];
}

/** A button that does `press`: the one way dialogs draw buttons, so every value goes through the codec. */
export function pressButton(
  press: Press,
  label: string,
  options: Pick<MessageButton, "style" | "confirm"> = {},
): MessageButton {
  return { ...encodePress(press), label, ...options };
}
