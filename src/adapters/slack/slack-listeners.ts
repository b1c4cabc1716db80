/**
 * Slack's entry points, translated into the neutral bot: the slash command, mentions in channels, direct
 * messages, button presses and the Home tab (slack-home.ts). Every listener acknowledges first (Slack's 3
 * seconds) and then does the work; each event gets its own child logger. What people typed is read with
 * readSlackText, so echoing it never mentions anyone. In Socket Mode, a middleware in front of them all drops
 * Slack's retries of an event already handled (the HTTP door has looked that up before Bolt, with the
 * signature: slack-http.ts).
 */
import type { App, BlockAction, SlackCommandMiddlewareArgs, webApi } from "@slack/bolt";
import type { Bot } from "../../dialogs/bot.js";
import type { ActionReply, ChatContext } from "../../dialogs/chat-context.js";
import { PRESS_ACTIONS } from "../../dialogs/press-codec.js";
import type { Logger } from "../../logger.js";
import type { ReplayStore } from "../../store/store.port.js";
import { askedPreface, renderBlocks } from "./render-blocks.js";
import { REPLAY_CHECKED, SlackReplayGuard } from "./replay-guard.js";
import {
  chatContextOf,
  conversationOfMessage,
  isDirectMessage,
  type SlackConversation,
} from "./slack-conversation.js";
import { slackErrorOf } from "./slack-errors.js";
import { registerHomeTab } from "./slack-home.js";
import { readSlackText } from "./slack-text.js";
import { answeringInTheirZone, type SlackTimeZones } from "./slack-time-zones.js";
import { WorkQueue } from "./work-queue.js";

export interface SlackListenerOptions {
  bot: Pick<Bot, "handleMessage" | "handleAction" | "handleHome">;
  log: Logger;
  /** The slash command, "/restorepoint" unless configured otherwise in the manifest. */
  command: string;
  /** How many requests are worked on at once after their acknowledgement (default 8). */
  concurrency?: number;
  /** Events already handled, shared by every replica (the store's); without it, remembered in this process. */
  replays?: ReplayStore;
  now?: () => Date;
  /** Each person's zone from their Slack profile, for the times in answers; without it, times are in UTC. */
  timeZones?: SlackTimeZones;
}

type Client = webApi.WebClient;

/** Our buttons' action ids: "rp:<press action>:<index>" (render-blocks.ts). */
const OUR_BUTTONS = new RegExp(`^rp:(${PRESS_ACTIONS.join("|")}):`);

/** Conversations the bot cannot post in (not a member, a DM between other people). */
const CANNOT_POST = new Set(["not_in_channel", "channel_not_found", "is_archived", "restricted_action"]);

export function registerSlackListeners(app: App, given: SlackListenerOptions): void {
  const { timeZones } = given;
  const options = timeZones ? { ...given, bot: answeringInTheirZone(given.bot, timeZones) } : given;
  const queue = new WorkQueue(options.concurrency ?? 8);
  /** After the acknowledgement: let waiting acknowledgements go first, then take a turn at the work. */
  const afterAck = (work: () => Promise<void>) => acknowledgementsFirst().then(() => queue.run(work));

  registerRetryGuard(app, options);
  registerMessages(app, options, afterAck);
  registerPresses(app, options, afterAck);
  registerHomeTab(app, options, afterAck);
  // Any other press (an old message's button) is acknowledged so Slack does not show an error.
  app.action(/.*/, async ({ ack }) => ack());
}

type AfterAck = (work: () => Promise<void>) => Promise<void>;

/**
 * Socket Mode has no signatures, but Slack retries events there too (retry_attempt, the same event_id): an
 * event already handled stops here, already acknowledged by Bolt. Requests through the HTTP door were looked
 * up there and pass.
 */
function registerRetryGuard(app: App, { replays, log, now }: SlackListenerOptions): void {
  const guard = new SlackReplayGuard(replays, log, now);
  app.use(async ({ body, context, next }) => {
    const { retryNum, retryReason } = context;
    const sighting = { body: body as Record<string, unknown>, retryNum, retryReason };
    if (context[REPLAY_CHECKED] !== true && (await guard.isReplay(sighting))) return;
    await next();
  });
}

/** The slash command, mentions in channels and direct messages. */
function registerMessages(app: App, { bot, log, command }: SlackListenerOptions, afterAck: AfterAck): void {
  app.command(command, async (args) => {
    await args.ack();
    const { team_id: team, user_id: user, trigger_id: requestId } = args.command;
    const commandLog = log.child({ event: "command", requestId, team, user });
    await afterAck(() => answerCommand(args, bot, commandLog));
  });

  app.event("app_mention", async ({ event, body, client }) => {
    if (!event.user || event.bot_id) return;
    const conversation = conversationOfMessage(body.team_id, event.channel, event);
    const user = { id: event.user };
    const mentionLog = log.child({
      event: "mention",
      requestId: body.event_id,
      team: body.team_id,
      user: user.id,
    });
    const text = readSlackText(event.text);
    await afterAck(() => answerMessage(client, bot, conversation, user, text, mentionLog));
  });

  app.message(async ({ message, body, client }) => {
    // Channels reach the bot through mentions; only direct messages from people are read here.
    if (message.channel_type !== "im" || message.subtype !== undefined || message.bot_id) return;
    const conversation = conversationOfMessage(body.team_id, message.channel, message);
    const user = { id: message.user };
    const dmLog = log.child({ event: "dm", requestId: body.event_id, team: body.team_id, user: user.id });
    const text = readSlackText(message.text ?? "");
    await afterAck(() => answerMessage(client, bot, conversation, user, text, dmLog));
  });
}

/** Presses of our buttons: decoded by the bot, answered by updating the message or privately. */
function registerPresses(app: App, { bot, log }: SlackListenerOptions, afterAck: AfterAck): void {
  app.action<BlockAction>({ type: "block_actions", action_id: OUR_BUTTONS }, async (args) => {
    await args.ack();
    const { body, action, client, respond } = args;
    const teamId = body.user.team_id ?? body.team?.id ?? "";
    const press = log.child({
      event: "action",
      requestId: body.trigger_id,
      team: teamId,
      user: body.user.id,
    });
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const message = body.message;
    if (!channelId || !message || action.type !== "button") {
      press.warn({}, "button press without its message; nothing to update");
      return;
    }
    if (typeof action.value !== "string" || action.value.length === 0) {
      press.warn({ actionId: action.action_id }, "button press without a value; nothing done");
      return;
    }
    const value = action.value;
    const conversation = conversationOfMessage(
      teamId,
      channelId,
      message as { ts: string; thread_ts?: string },
    );
    const ctx = { ...chatContextOf(conversation, { id: body.user.id, name: body.user.name }), log: press };
    const pressed = action.action_id.split(":")[1] ?? "";
    const messageTs = String(message.ts);
    await afterAck(async () => {
      const reply = await bot.handleAction(ctx, {
        action: pressed,
        value,
        messageRef: messageTs,
      });
      await showReply(reply, { client, respond, conversation, messageTs, log: press });
    });
  });
}

async function answerCommand(
  { command, client, respond }: SlackCommandMiddlewareArgs & { client: Client },
  bot: SlackListenerOptions["bot"],
  log: Logger,
): Promise<void> {
  const text = readSlackText(command.text).trim() || "help";
  const preface = askedPreface(command.user_id, `${command.command} ${text}`);
  const user = { id: command.user_id, name: command.user_name };
  // A placeholder first: its ts roots the thread the conversation continues in, before the dialog decides.
  let ts: string;
  try {
    const placeholder = await client.chat.postMessage({
      channel: command.channel_id,
      text: "Looking into it…",
      blocks: contextOnly(preface),
    });
    if (!placeholder.ts) throw new Error("Slack posted the placeholder without a ts");
    ts = placeholder.ts;
  } catch (error) {
    const reason = slackErrorOf(error);
    if (!CANNOT_POST.has(reason)) throw error;
    log.info({ reason }, "cannot post in this conversation; answering privately");
    const conversation = { teamId: command.team_id, channelId: command.channel_id };
    const answer = await bot.handleMessage({ ...chatContextOf(conversation, user), log }, text);
    await respond({
      response_type: "ephemeral",
      ...renderBlocks(answer, { withoutButtons: true, preface: NOT_A_MEMBER }),
    });
    return;
  }
  const conversation: SlackConversation = {
    teamId: command.team_id,
    channelId: command.channel_id,
    threadTs: isDirectMessage(command.channel_id) ? undefined : ts,
  };
  const answer = await bot.handleMessage({ ...chatContextOf(conversation, user), log }, text);
  await client.chat.update({ channel: command.channel_id, ts, ...renderBlocks(answer, { preface }) });
}

const NOT_A_MEMBER =
  "I am not a member of this conversation, so only you see this and buttons are left out. Invite me (`/invite @Restore Points`) or send me a direct message.";

async function answerMessage(
  client: Client,
  bot: SlackListenerOptions["bot"],
  conversation: SlackConversation,
  user: { id: string },
  text: string,
  log: Logger,
): Promise<void> {
  const ctx: ChatContext = { ...chatContextOf(conversation, user), log };
  const answer = await bot.handleMessage(ctx, text);
  log.debug({ title: answer.title }, "answered");
  await client.chat.postMessage({
    channel: conversation.channelId,
    ...thread(conversation),
    ...renderBlocks(answer),
  });
}

interface ReplyTarget {
  client: Client;
  respond: (message: Record<string, unknown>) => Promise<unknown>;
  conversation: SlackConversation;
  messageTs: string;
  log: Logger;
}

async function showReply(reply: ActionReply, target: ReplyTarget): Promise<void> {
  const { client, conversation, messageTs } = target;
  const channel = conversation.channelId;
  switch (reply.kind) {
    case "update":
      await client.chat.update({ channel, ts: messageTs, ...renderBlocks(reply.message) });
      if (reply.followUp)
        await client.chat.postMessage({ channel, ...thread(conversation), ...renderBlocks(reply.followUp) });
      return;
    case "ephemeral":
      await target.respond({
        response_type: "ephemeral",
        replace_original: false,
        ...renderBlocks(reply.message),
      });
      return;
    case "reply":
      await client.chat.postMessage({ channel, ...thread(conversation), ...renderBlocks(reply.message) });
      return;
  }
}

/**
 * Lets the event loop send this acknowledgement and read the requests already waiting before the work starts:
 * under a burst, every request is acknowledged before any of them is worked on.
 */
function acknowledgementsFirst(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function thread(conversation: SlackConversation): { thread_ts?: string } {
  return conversation.threadTs ? { thread_ts: conversation.threadTs } : {};
}

function contextOnly(text: string) {
  return [{ type: "context" as const, elements: [{ type: "mrkdwn" as const, text }] }];
}
