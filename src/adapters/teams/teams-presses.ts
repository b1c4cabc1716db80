/**
 * Button presses. Action.Execute arrives as an `adaptiveCard/action` invoke and is answered in the HTTP
 * response; the Action.Submit fallback of older clients arrives as a message whose `value` is the button's
 * data, and is answered with ordinary sends and updates. In both, the pressed card is the message the press
 * replies to: its id is the messageRef the job updates when Azure finishes.
 */
import type { Activity, TurnContext } from "botbuilder";
import type { Bot } from "../../dialogs/bot.js";
import type { ActionReply, ChatContext } from "../../dialogs/chat-context.js";
import type { BotMessage } from "../../dialogs/message.js";
import { renderSimple } from "../../dialogs/problem.message.js";
import type { Logger } from "../../logger.js";
import type { PressData } from "./adaptive-card.js";
import { executeDataOf, pressOf } from "./press-data.js";
import { memberOf } from "./teams-identity.js";
import {
  addressedActivity,
  cardActivity,
  cardInvokeResponse,
  messageInvokeResponse,
} from "./teams-replies.js";

export interface PressDependencies {
  bot: Pick<Bot, "handleAction">;
  log: Logger;
}

export async function answerExecute(
  deps: PressDependencies,
  context: TurnContext,
  ctx: ChatContext,
): Promise<void> {
  const press = pressOf(executeDataOf(context.activity.value));
  if (!press) {
    deps.log.warn({}, "a card action carried data this bot never sends");
    await context.sendActivity(messageInvokeResponse(unknownButton()));
    return;
  }
  const reply = await handlePress(deps, context.activity, ctx, press);
  switch (reply.kind) {
    case "update":
      if (reply.followUp) await context.sendActivity(cardActivity(reply.followUp));
      await context.sendActivity(cardInvokeResponse(reply.message));
      return;
    case "ephemeral":
      await context.sendActivity(messageInvokeResponse(reply.message));
      return;
    case "reply":
      // The pressed card stays (its other buttons still work); the presser sees what was posted.
      await context.sendActivity(cardActivity(reply.message));
      await context.sendActivity(
        messageInvokeResponse({ title: `Posted: ${reply.message.title}`, tone: "info" }),
      );
      return;
  }
}

/** Called for a message whose value is a press; Teams has no ephemeral bot messages, so "only you" is a reply naming you. */
export async function answerSubmit(
  deps: PressDependencies,
  context: TurnContext,
  ctx: ChatContext,
  press: PressData,
): Promise<void> {
  const activity = context.activity;
  const reply = await handlePress(deps, activity, ctx, press);
  switch (reply.kind) {
    case "update":
      if (activity.replyToId)
        await context.updateActivity({ ...cardActivity(reply.message), id: activity.replyToId });
      else await context.sendActivity(cardActivity(reply.message));
      if (reply.followUp) await context.sendActivity(cardActivity(reply.followUp));
      return;
    case "ephemeral":
      await context.sendActivity(addressedActivity(reply.message, memberOf(activity)));
      return;
    case "reply":
      await context.sendActivity(cardActivity(reply.message));
      return;
  }
}

async function handlePress(
  deps: PressDependencies,
  activity: Activity,
  ctx: ChatContext,
  press: PressData,
): Promise<ActionReply> {
  const messageRef = activity.replyToId || undefined;
  deps.log.info({ action: press.action, messageRef }, "button pressed");
  return deps.bot.handleAction(ctx, { action: press.action, value: press.value, messageRef });
}

function unknownButton(): BotMessage {
  return renderSimple("This button no longer works", 'Ask again, e.g. "create vm-web-01".', "warning");
}
