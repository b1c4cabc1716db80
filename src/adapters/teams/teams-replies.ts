/**
 * The activities the door sends: a message as a card, the same addressed to one person with an @mention, and
 * the two invoke responses of Action.Execute (a card that replaces the pressed one, or a line only the
 * presser sees).
 */
import type { Activity, InvokeResponse } from "botbuilder";
import type { BotMessage } from "../../dialogs/message.js";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "./adaptive-card.js";
import type { TeamsMember } from "./teams-identity.js";
import { mentionOf, teamsCard, withPlainNames } from "./teams-people.js";

export const MESSAGE_RESPONSE_TYPE = "application/vnd.microsoft.activity.message";

export function cardActivity(message: BotMessage): Partial<Activity> {
  return {
    type: "message",
    // What notifications and the chat list show instead of "Card".
    summary: withPlainNames(message).title,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: teamsCard(message) }],
  };
}

/** The card with an @mention of one person, so Teams notifies them (a result, an answer meant for them). */
export function addressedActivity(message: BotMessage, member: TeamsMember | undefined): Partial<Activity> {
  const activity = cardActivity(message);
  const mention = member && mentionOf(member);
  if (!mention) return activity;
  return { ...activity, text: mention.text, entities: [mention] };
}

/** Action.Execute answered with a card: Teams replaces the pressed card with it, in place. */
export function cardInvokeResponse(message: BotMessage): Partial<Activity> {
  return invokeResponse({
    statusCode: 200,
    type: ADAPTIVE_CARD_CONTENT_TYPE,
    value: teamsCard(message),
  });
}

/** Action.Execute answered with text: only the presser sees it, and the card stays as it was. */
export function messageInvokeResponse(message: BotMessage): Partial<Activity> {
  return invokeResponse({
    statusCode: 200,
    type: MESSAGE_RESPONSE_TYPE,
    value: plainText(withPlainNames(message)),
  });
}

function invokeResponse(body: unknown): Partial<Activity> {
  const value: InvokeResponse = { status: 200, body };
  return { type: "invokeResponse", value };
}

export function plainText(message: BotMessage): string {
  return message.text ? `${message.title}: ${message.text}` : message.title;
}
