/**
 * Tells a Slack requester how their job ended: the confirmation message is updated in place (chat.update) and
 * the result is posted in the conversation's thread, mentioning them. Everything needed comes from the job
 * (conversation key, message ts), so it works after a restart and from another replica.
 */
import type { webApi } from "@slack/bolt";
import { renderJobResult } from "../../dialogs/job.message.js";
import type { Logger } from "../../logger.js";
import type { JobNotifier } from "../../operations/job-types.js";
import type { Job } from "../../store/store.port.js";
import { renderBlocks } from "./render-blocks.js";
import { parseConversationKey, slackUserOf } from "./slack-conversation.js";
import { slackErrorOf } from "./slack-errors.js";

export class SlackNotifier implements JobNotifier {
  constructor(
    private readonly client: Pick<webApi.WebClient, "chat">,
    private readonly log: Logger,
  ) {}

  async jobFinished(job: Job): Promise<void> {
    const log = this.log.child({ jobId: job.id, event: "job-finished" });
    const conversation = parseConversationKey(job.conversationKey);
    if (!conversation) {
      log.warn({ conversationKey: job.conversationKey }, "not a Slack conversation key; nobody to tell");
      return;
    }
    const { update, post } = renderJobResult(job);
    if (job.messageRef) {
      // The thread post is what matters; a message that can no longer be edited must not stop it.
      await this.client.chat
        .update({ channel: conversation.channelId, ts: job.messageRef, ...renderBlocks(update) })
        .catch((error: unknown) =>
          log.warn({ err: slackErrorOf(error) }, "could not update the confirmation"),
        );
    }
    await this.client.chat.postMessage({
      channel: conversation.channelId,
      ...(conversation.threadTs ? { thread_ts: conversation.threadTs } : {}),
      ...renderBlocks(post, { mention: slackUserOf(job.requestedBy) }),
    });
  }
}
