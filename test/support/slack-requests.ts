/** Signed Slack requests as Slack sends them: form-encoded slash commands and button payloads, JSON events. */
import { signSlackRequest } from "../../src/adapters/slack/slack-signature.js";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const TEAM = "T0001";
export const CHANNEL = "C0001";

export interface SlackRequest {
  body: string;
  headers: Record<string, string>;
}

export function signed(
  body: string,
  contentType: string,
  options: { secret?: string; timestamp?: number } = {},
): SlackRequest {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    body,
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signSlackRequest(body, timestamp, options.secret ?? SIGNING_SECRET),
    },
  };
}

/** `triggerId`: Slack gives each command its own; two identical signed commands are one replayed (replay-guard.ts). */
export function slashCommand(
  text: string,
  fields: { user?: string; channel?: string; responseUrl: string; triggerId?: string },
): SlackRequest {
  const form = new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: TEAM,
    team_domain: "contoso",
    channel_id: fields.channel ?? CHANNEL,
    channel_name: "ops",
    user_id: fields.user ?? "U0ALICE",
    user_name: fields.user === "U0BOB" ? "bob" : "alice",
    command: "/restorepoint",
    text,
    api_app_id: "A0001",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? "1.2.3",
  });
  return signed(form.toString(), "application/x-www-form-urlencoded");
}

export interface PressFields {
  user: string;
  actionId: string;
  value: string;
  messageTs: string;
  threadTs?: string;
  channel?: string;
  responseUrl: string;
}

export function buttonPress(fields: PressFields): SlackRequest {
  const channel = fields.channel ?? CHANNEL;
  const payload = {
    type: "block_actions",
    team: { id: TEAM, domain: "contoso" },
    user: {
      id: fields.user,
      username: fields.user.toLowerCase(),
      name: fields.user.toLowerCase(),
      team_id: TEAM,
    },
    api_app_id: "A0001",
    token: "deprecated-verification-token",
    container: { type: "message", message_ts: fields.messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: "1.2.3",
    channel: { id: channel, name: "ops" },
    message: {
      type: "message",
      user: "UBOT0001",
      ts: fields.messageTs,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
      text: "plan",
    },
    response_url: fields.responseUrl,
    actions: [
      {
        type: "button",
        block_id: "rp-actions",
        action_id: fields.actionId,
        text: { type: "plain_text", text: "Create" },
        value: fields.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return signed(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
  );
}

export function eventCallback(
  event: Record<string, unknown>,
  eventId = `Ev${Math.random().toString(36).slice(2, 10)}`,
): SlackRequest {
  const envelope = {
    token: "deprecated-verification-token",
    team_id: TEAM,
    api_app_id: "A0001",
    event: { event_ts: event.ts, ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: "UBOT0001", is_bot: true }],
  };
  return signed(JSON.stringify(envelope), "application/json");
}

export async function post(
  url: string,
  request: SlackRequest,
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: "POST", body: request.body, headers: request.headers });
  return { status: response.status, body: await response.text(), ms: performance.now() - started };
}
