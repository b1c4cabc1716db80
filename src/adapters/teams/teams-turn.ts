/**
 * One turn of the Teams door, after botbuilder authenticated the request: an activity that does not say where
 * or from whom, or that was already handled (teams-replays.ts), is acknowledged and nothing else. Otherwise
 * remember where the conversation is (in the store, so notifications survive a restart), then answer a
 * message, a button press or the bot's arrival. One child logger per activity.
 */
import { randomUUID } from "node:crypto";
import type { Activity, TurnContext } from "botbuilder";
import type { Bot } from "../../dialogs/bot.js";
import type { ChatContext } from "../../dialogs/chat-context.js";
import { renderSimple } from "../../dialogs/problem.message.js";
import { knownTimeZone } from "../../dialogs/time-wording.js";
import type { Logger } from "../../logger.js";
import type { Store } from "../../store/store.port.js";
import { pressOf } from "./press-data.js";
import {
  chatContextOf,
  conversationReferenceOf,
  memberKey,
  memberOf,
  type TeamsMember,
  textWithoutMention,
} from "./teams-identity.js";
import { answerExecute, answerSubmit } from "./teams-presses.js";
import { TeamsReplayGuard } from "./teams-replays.js";
import { cardActivity, messageInvokeResponse } from "./teams-replies.js";

export interface TeamsTurnDependencies {
  bot: Pick<Bot, "handleMessage" | "handleAction">;
  /** `replays`: a redelivered activity is acted on once, across replicas. */
  store: Pick<Store, "conversations" | "replays">;
  log: Logger;
  now: () => Date;
}

export const ADAPTIVE_CARD_ACTION = "adaptiveCard/action";

export class TeamsTurn {
  private readonly replays: TeamsReplayGuard;

  constructor(private readonly deps: TeamsTurnDependencies) {
    this.replays = new TeamsReplayGuard(deps.store.replays, deps.now);
  }

  readonly handle = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    const person = chatContextOf(activity);
    const log = this.logFor(activity, person);
    // The dialogs, and the job a press starts, write through this event's logger.
    const ctx: ChatContext = { ...person, log };
    if (!activity.conversation?.id) return ignore(context, log, "an activity without a conversation");
    if (!activity.from?.id) return ignore(context, log, "an activity that does not say who sent it");
    if (await this.replays.isReplay(activity, log)) return acknowledgeReplay(context);
    const knownZone = await this.remember(activity, ctx);
    // An activity without a zone is answered in the one the person's client said before.
    ctx.timeZone ??= knownZone;
    const deps = { bot: this.deps.bot, log };
    if (activity.type === "invoke") {
      if (activity.name === ADAPTIVE_CARD_ACTION) await answerExecute(deps, context, ctx);
      else log.debug({ name: activity.name }, "invoke ignored");
      return;
    }
    if (activity.type === "message") {
      // An Action.Submit press (older clients) is a message whose value is the button's data.
      const press = pressOf(activity.value);
      if (press) await answerSubmit(deps, context, ctx, press);
      else await this.answerMessage(context, ctx);
      return;
    }
    if (activity.type === "conversationUpdate" && this.botWasAdded(activity)) {
      await context.sendActivity(cardActivity(await this.deps.bot.handleMessage(ctx, "help")));
    }
  };

  private async answerMessage(context: TurnContext, ctx: ChatContext): Promise<void> {
    const reply = await this.deps.bot.handleMessage(ctx, textWithoutMention(context.activity));
    await context.sendActivity(cardActivity(reply));
  }

  /** The adapter's last-resort handler: log with a reference, apologise briefly, never show the error. */
  readonly onError = async (context: TurnContext, error: Error): Promise<void> => {
    const reference = randomUUID().slice(0, 8);
    const activity = context.activity;
    this.logFor(activity, chatContextOf(activity)).error(
      { reference, err: error.message.split("\n")[0] },
      "the Teams turn failed",
    );
    // A proactive turn (the notifier's) has nobody to apologise to; the notifier reports its own errors.
    if (activity.type === "event") return;
    const apology = renderSimple(
      "Something went wrong on my side",
      `Sorry. The operator can find the details under reference ${reference}.`,
      "danger",
    );
    try {
      if (activity.type === "invoke") await context.sendActivity(messageInvokeResponse(apology));
      else await context.sendActivity(cardActivity(apology));
    } catch (sendError) {
      this.deps.log.warn({ reference, err: String(sendError) }, "the apology could not be sent either");
    }
  };

  /** One child logger per activity: its id is the request id, with the tenant and the person. */
  private logFor(activity: Activity, ctx: ChatContext): Logger {
    return this.deps.log.child({
      requestId: activity.id ?? randomUUID(),
      activityType: activity.type,
      tenant: activity.conversation?.tenantId,
      user: ctx.userId,
      conversation: ctx.conversationKey,
    });
  }

  /**
   * On every activity: the latest reference (service URL can move) and who this person is, for @mentions and
   * for the zone a later result is worded in. Returns that zone.
   */
  private async remember(activity: Activity, ctx: ChatContext): Promise<string | undefined> {
    const now = this.deps.now();
    const { conversations } = this.deps.store;
    await conversations.save(ctx.conversationKey, "teams", conversationReferenceOf(activity), now);
    const member = memberOf(activity);
    if (!member) return undefined;
    const key = memberKey(ctx.userId);
    const known = await this.withKnownZone(member, key);
    await conversations.save(key, "teams", known, now);
    return known.timeZone;
  }

  /** An activity without a zone (not every client sends one) keeps the zone the person's client said before. */
  private async withKnownZone(member: TeamsMember, key: string): Promise<TeamsMember> {
    if (member.timeZone) return member;
    const stored = await this.deps.store.conversations.get(key);
    const timeZone = knownTimeZone((stored?.reference as Partial<TeamsMember> | undefined)?.timeZone);
    return timeZone ? { ...member, timeZone } : member;
  }

  private botWasAdded(activity: Activity): boolean {
    const botId = activity.recipient?.id;
    return Boolean(botId && activity.membersAdded?.some((member) => member.id === botId));
  }
}

/** Nothing is done and nothing remembered; an invoke still gets its answer (botbuilder would say 501). */
async function ignore(context: TurnContext, log: Logger, what: string): Promise<void> {
  log.warn({}, `${what} was ignored`);
  if (context.activity.type !== "invoke") return;
  const refused = renderSimple(
    "Nothing was done",
    "This request did not say where or from whom it came.",
    "warning",
  );
  await context.sendActivity(messageInvokeResponse(refused));
}

/** A redelivery: the first delivery is (being) answered; an invoke gets a short answer of its own. */
async function acknowledgeReplay(context: TurnContext): Promise<void> {
  if (context.activity.type !== "invoke") return;
  const already = renderSimple("Already received", "This press is being handled.", "info");
  await context.sendActivity(messageInvokeResponse(already));
}
