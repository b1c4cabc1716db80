/**
 * Neutral messages: what the dialogs say, with no idea of the platform. The terminal renders them as text,
 * Slack as Block Kit, Teams as Adaptive Cards.
 */

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
  /** The action, e.g. "create" or "cancel". */
  action: ButtonAction;
  label: string;
  /** Opaque to adapters: handed back in the ActionEvent. */
  value: string;
  style?: "primary" | "danger";
  /** Platforms with a native confirm dialog show it before sending the press (Slack `confirm`). */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

/** plan: show what a create would do; create: confirm a plan; cancel: drop a plan. */
export type ButtonAction = "plan" | "create" | "cancel";

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
