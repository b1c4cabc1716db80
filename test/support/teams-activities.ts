/**
 * Builders for the Bot Framework activities Teams sends: a message (with the bot's @mention in channels and
 * group chats), an Action.Execute invoke and an Action.Submit message. Each returns a valid activity with
 * the fields a test cares about changed.
 */
import { randomUUID } from "node:crypto";

export interface TeamsPerson {
  /** Teams account id (29:…). */
  id: string;
  aadObjectId: string;
  name: string;
}

export const alice: TeamsPerson = {
  id: "29:alice-account",
  aadObjectId: "a11ce000-0000-4000-8000-000000000001",
  name: "Alice Doe",
};
export const bob: TeamsPerson = {
  id: "29:bob-account",
  aadObjectId: "b0b00000-0000-4000-8000-000000000002",
  name: "Bob Roe",
};
export const BOT = { id: "28:restore-point-bot", name: "rpbot" };
export const TENANT_ID = "tenant-1";

export type Scope = "personal" | "groupChat" | "channel";

export interface Where {
  serviceUrl: string;
  conversationId: string;
  scope?: Scope;
  /** The team channel id (channel scope). */
  channelId?: string;
}

export type Activity = Record<string, unknown>;

function base(where: Where, from: TeamsPerson): Activity {
  const scope = where.scope ?? "personal";
  const channelData: Record<string, unknown> = { tenant: { id: TENANT_ID } };
  if (scope === "channel") {
    channelData.channel = { id: where.channelId ?? "19:ops-channel@thread.tacv2" };
    channelData.team = { id: "19:team@thread.tacv2" };
  }
  return {
    id: `in-${randomUUID().slice(0, 8)}`,
    channelId: "msteams",
    serviceUrl: where.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: { id: where.conversationId, conversationType: scope, tenantId: TENANT_ID },
    channelData,
    locale: "en-US",
  };
}

/** Outside personal chats Teams delivers only messages that @mention the bot, mention included. */
export function messageActivity(where: Where, from: TeamsPerson, text: string): Activity {
  const scope = where.scope ?? "personal";
  if (scope === "personal") return { ...base(where, from), type: "message", text };
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(where, from),
    type: "message",
    text: `${mention} ${text}`,
    entities: [{ type: "mention", text: mention, mentioned: BOT }],
  };
}

export function executeActivity(where: Where, from: TeamsPerson, cardId: string, data: unknown): Activity {
  const verb = typeof data === "object" && data !== null ? (data as { action?: unknown }).action : undefined;
  return {
    ...base(where, from),
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId: cardId,
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
  };
}

export function submitActivity(where: Where, from: TeamsPerson, cardId: string, data: unknown): Activity {
  return { ...base(where, from), type: "message", replyToId: cardId, value: data };
}

export function botAddedActivity(where: Where, from: TeamsPerson): Activity {
  return { ...base(where, from), type: "conversationUpdate", membersAdded: [BOT] };
}

/**
 * Posts `text` as alice's personal message to a bot serving Teams without authentication
 * (TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED), the way the end-to-end tests talk to a bot process; returns the
 * HTTP status of the turn. The answer reaches the fake connector at `serviceUrl`.
 */
export async function sendUnauthenticatedMessage(
  botUrl: string,
  serviceUrl: string,
  conversationId: string,
  text: string,
): Promise<number> {
  const activity = messageActivity({ serviceUrl, conversationId }, alice, text);
  const turn = await fetch(`${botUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  return turn.status;
}
