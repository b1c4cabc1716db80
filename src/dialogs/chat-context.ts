/** Who is talking, where: what every door (terminal, Slack, Teams) hands the dialogs with each event. */
import type { Logger } from "../logger.js";
import type { Platform } from "../store/store.port.js";
import type { BotMessage } from "./message.js";

export interface ChatContext {
  platform: Platform;
  /** Stable user id with its platform: "console:alice", "slack:T123:U456", "teams:<aadObjectId>". */
  userId: string;
  userName?: string;
  /** Where replies and results go: "console:alice", "slack:T1:C1:<thread ts>", "teams:<conversation id>". */
  conversationKey: string;
  /** The channel for the policy: "slack:C123", "teams:<channel id>"; undefined for the terminal and DMs. */
  channelId?: string;
  /**
   * The person's IANA time zone ("Europe/Paris"), as their platform tells it (Slack's profile, Teams' activity,
   * the terminal's own); every time in an answer is worded in it (time-wording.ts). Undefined: UTC.
   */
  timeZone?: string;
  /**
   * The door's logger for this one event, carrying its request id, platform, team or tenant and user; every
   * line about the request, down to the job it starts, is written through it. Without one, the bot makes it.
   */
  log?: Logger;
}

/** What a button press carries back: the button's action and value (see press-codec.ts), and where it was. */
export interface ActionEvent {
  action: string;
  value: string;
  /** The platform's id of the message holding the button (Slack ts, Teams activity id). */
  messageRef?: string;
}

/** How the door should show the answer to a press. */
export type ActionReply =
  /** Replace the message that held the button. */
  | { kind: "update"; message: BotMessage; followUp?: BotMessage }
  /** Show only to the person who pressed (someone else's button, an expired one). */
  | { kind: "ephemeral"; message: BotMessage }
  /** A new message in the conversation. */
  | { kind: "reply"; message: BotMessage };
