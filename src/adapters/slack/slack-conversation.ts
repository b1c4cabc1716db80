/**
 * Where a Slack conversation lives, and who is talking: the dialogs' conversation key carries the team, the
 * channel and the thread's root, so a result can find its thread again after a restart with nothing else.
 * Direct messages are not threaded unless the person threads them; channel conversations always are.
 */
import type { ChatContext } from "../../dialogs/chat-context.js";

export interface SlackConversation {
  teamId: string;
  channelId: string;
  /** The thread's root message; undefined for the top level of a direct message. */
  threadTs?: string;
}

export function isDirectMessage(channelId: string): boolean {
  return channelId.startsWith("D");
}

export function conversationKeyOf(conversation: SlackConversation): string {
  const { teamId, channelId, threadTs } = conversation;
  return threadTs ? `slack:${teamId}:${channelId}:${threadTs}` : `slack:${teamId}:${channelId}`;
}

export function parseConversationKey(key: string): SlackConversation | undefined {
  const match = /^slack:([^:]+):([^:]+)(?::(\d+\.\d+))?$/.exec(key);
  if (!match?.[1] || !match[2]) return undefined;
  return { teamId: match[1], channelId: match[2], threadTs: match[3] };
}

/** The Slack user id in a dialogs user id ("slack:T123:U456" -> "U456"). */
export function slackUserOf(userId: string): string | undefined {
  return /^slack:[^:]+:([^:]+)$/.exec(userId)?.[1];
}

export function chatContextOf(
  conversation: SlackConversation,
  user: { id: string; name?: string },
): ChatContext {
  return {
    platform: "slack",
    userId: `slack:${conversation.teamId}:${user.id}`,
    userName: user.name,
    conversationKey: conversationKeyOf(conversation),
    channelId: isDirectMessage(conversation.channelId) ? undefined : `slack:${conversation.channelId}`,
  };
}

/**
 * The conversation a message belongs to: its thread, or in a channel the thread it starts. The top level of a
 * direct message stays unthreaded.
 */
export function conversationOfMessage(
  teamId: string,
  channelId: string,
  message: { ts: string; thread_ts?: string },
): SlackConversation {
  const threadTs = message.thread_ts ?? (isDirectMessage(channelId) ? undefined : message.ts);
  return { teamId, channelId, threadTs };
}
