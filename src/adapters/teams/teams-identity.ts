/**
 * Who is talking, where, in Teams terms: the ChatContext every dialog gets, the conversation reference saved
 * for later notifications, and the member record that lets a notification @mention the requester.
 */
import { type Activity, type ChannelAccount, type ConversationReference, TurnContext } from "botbuilder";
import type { ChatContext } from "../../dialogs/chat-context.js";
import { knownTimeZone } from "../../dialogs/time-wording.js";

/**
 * What a notification needs to @mention someone: their Teams account id (29:…) and display name; and the
 * time zone their client last said, since a notification comes with no activity of theirs to say it.
 */
export interface TeamsMember {
  id: string;
  name: string;
  timeZone?: string;
}

export function chatContextOf(activity: Activity): ChatContext {
  const from = activity.from as Partial<ChannelAccount> | undefined;
  const channel = teamChannelIdOf(activity);
  return {
    platform: "teams",
    userId: userIdOf(from),
    userName: from?.name || undefined,
    conversationKey: `teams:${activity.conversation?.id ?? "unknown"}`,
    channelId: channel ? `teams:${channel}` : undefined,
    ...zoneOf(activity),
  };
}

/** Teams clients send their IANA zone with each activity (localTimezone); one that did not is UTC. */
function zoneOf(activity: Activity): { timeZone?: string } {
  const timeZone = knownTimeZone(activity.localTimezone);
  return timeZone ? { timeZone } : {};
}

/** The Entra object id is the same person across every chat; the Teams account id is the fallback. */
export function userIdOf(from: Partial<ChannelAccount> | undefined): string {
  return `teams:${from?.aadObjectId || from?.id || "unknown"}`;
}

/** Set in team channels only; personal and group chats have none. */
function teamChannelIdOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { channel?: { id?: unknown } } | undefined;
  const id = channelData?.channel?.id;
  return typeof id === "string" && id.length > 0 ? id : undefined;
}

/** The store key of a member record, next to the conversation references. */
export function memberKey(userId: string): string {
  return `member:${userId}`;
}

export function memberOf(activity: Activity): TeamsMember | undefined {
  const from = activity.from as Partial<ChannelAccount> | undefined;
  return from?.id ? { id: from.id, name: from.name || "you", ...zoneOf(activity) } : undefined;
}

export function conversationReferenceOf(activity: Activity): Partial<ConversationReference> {
  return TurnContext.getConversationReference(activity);
}

/** The text without the bot's own @mention (channels and group chats always carry one). */
export function textWithoutMention(activity: Activity): string {
  if (typeof activity.text !== "string") return "";
  if (!activity.recipient?.id) return activity.text.trim();
  const mentions = TurnContext.getMentions(activity);
  // botbuilder reads mention.mentioned.id unguarded; a malformed entity is left to the intent parser's <at> strip.
  if (mentions.length === 0 || mentions.some((mention) => !mention.mentioned?.id))
    return activity.text.trim();
  return (TurnContext.removeRecipientMention(activity) ?? "").trim();
}
