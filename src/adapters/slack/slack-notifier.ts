/**
 * Tells a Slack requester how their job ended, in the outbox's two steps: the confirmation message is
 * updated in place (chat.update, idempotent) and the result is posted in the conversation's thread,
 * mentioning them. Everything needed comes from the job (conversation key, message ts), so it works after a
 * restart and from another replica. Slack's refusals for good (the app left the channel) are told apart
 * from passing failures, which the outbox retries.
 */
import type { webApi } from "@slack/bolt";
import { renderJobResult, renderResultPointer } from "../../dialogs/job.message.js";
import type { BotMessage } from "../../dialogs/message.js";
import { renderRunCard, renderRunSummary } from "../../dialogs/run.message.js";
import type { Logger } from "../../logger.js";
import {
  CardGoneError,
  type JobNotifier,
  type RunNotifier,
  type RunReport,
  UndeliverableError,
} from "../../operations/delivery.js";
import type { Job } from "../../store/store.port.js";
import { renderBlocks } from "./render-blocks.js";
import { parseConversationKey, slackUserOf } from "./slack-conversation.js";
import { slackErrorOf } from "./slack-errors.js";
import type { SlackTimeZones } from "./slack-time-zones.js";

/** The conversation is out of reach for good: posting again cannot help. */
const GONE = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "invalid_auth",
  "token_revoked",
  "team_access_not_granted",
  "team_not_found",
]);

/** The message cannot be edited any more; the post still goes out. */
const CARD_GONE = new Set(["message_not_found", "cant_update_message", "edit_window_closed"]);

export class SlackNotifier implements JobNotifier, RunNotifier {
  constructor(
    private readonly client: Pick<webApi.WebClient, "chat">,
    private readonly log: Logger,
    /** The requester's zone, looked up again (cached): the result comes later than their request. */
    private readonly timeZones?: SlackTimeZones,
    /** Where results link the restore point (RPBOT_PORTAL_URL); none with the simulator. */
    private readonly portalUrl?: string,
  ) {}

  async updateCard(job: Job): Promise<void> {
    if (!job.messageRef) return;
    const { update } = renderJobResult(job, await this.zoneOf(job), this.portalUrl);
    await this.replace(job, job.messageRef, update);
  }

  async postResult(job: Job): Promise<string | undefined> {
    const conversation = this.conversationOf(job);
    const ts = await this.postIn(job, await this.resultPost(job, conversation.channelId));
    this.log.info({ jobId: job.id, channel: conversation.channelId }, "result posted in Slack");
    return ts;
  }

  async updateRunCard(report: RunReport): Promise<void> {
    const { run } = report;
    if (!run.messageRef) return;
    await this.replace(run, run.messageRef, renderRunCard(report, await this.zoneOf(run)));
  }

  async postRunSummary(report: RunReport): Promise<string | undefined> {
    const { run } = report;
    const ts = await this.postIn(run, renderRunSummary(report, await this.zoneOf(run)));
    this.log.info(
      { runId: run.id, channel: this.conversationOf(run).channelId },
      "run summary posted in Slack",
    );
    return ts;
  }

  /** chat.update of the card (idempotent); a card that can no longer be edited is told apart. */
  private async replace(about: { conversationKey: string }, ts: string, message: BotMessage): Promise<void> {
    const { channelId } = this.conversationOf(about);
    try {
      await this.client.chat.update({ channel: channelId, ts, ...renderBlocks(message) });
    } catch (error) {
      const code = slackErrorOf(error);
      if (CARD_GONE.has(code)) throw new CardGoneError(`Slack: ${code}`);
      throw classified(code);
    }
  }

  /** A post in the conversation's thread that mentions the requester; Slack's ts of the post. */
  private async postIn(
    about: { conversationKey: string; requestedBy: string },
    message: BotMessage,
  ): Promise<string | undefined> {
    const conversation = this.conversationOf(about);
    try {
      const posted = await this.client.chat.postMessage({
        channel: conversation.channelId,
        ...(conversation.threadTs ? { thread_ts: conversation.threadTs } : {}),
        ...renderBlocks(message, { mention: slackUserOf(about.requestedBy) }),
      });
      return typeof posted.ts === "string" ? posted.ts : undefined;
    } catch (error) {
      throw classified(slackErrorOf(error));
    }
  }

  /**
   * The card already shows the result: the thread gets one line that mentions the requester and links to it.
   * Without a card to link to (none, or deleted), the whole result is posted.
   */
  private async resultPost(job: Job, channelId: string): Promise<BotMessage> {
    const { post } = renderJobResult(job, await this.zoneOf(job), this.portalUrl);
    if (!job.messageRef) return post;
    try {
      const { permalink } = await this.client.chat.getPermalink({
        channel: channelId,
        message_ts: job.messageRef,
      });
      return typeof permalink === "string" ? renderResultPointer(job, permalink) : post;
    } catch (error) {
      const code = slackErrorOf(error);
      if (!CARD_GONE.has(code)) throw classified(code);
      return post;
    }
  }

  private async zoneOf(asker: { requestedBy: string }): Promise<string | undefined> {
    return this.timeZones?.of(slackUserOf(asker.requestedBy), this.log);
  }

  private conversationOf(about: { conversationKey: string }) {
    const conversation = parseConversationKey(about.conversationKey);
    if (!conversation) throw new UndeliverableError(`not a Slack conversation key: ${about.conversationKey}`);
    return conversation;
  }
}

function classified(code: string): Error {
  return GONE.has(code)
    ? new UndeliverableError(`Slack refused for good: ${code}`)
    : new Error(`Slack: ${code}`);
}
