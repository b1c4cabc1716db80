/**
 * Tells the requester how a job ended, from the store alone (so it works after a restart): the stored
 * conversation reference opens a proactive turn that updates the confirmation card in place and posts the
 * result with an @mention. A conversation the bot was removed from (403/404) is logged, not retried.
 */
import type { CloudAdapter, ConversationReference, TurnContext } from "botbuilder";
import { renderJobResult } from "../../dialogs/job.message.js";
import type { BotMessage } from "../../dialogs/message.js";
import type { Logger } from "../../logger.js";
import type { JobNotifier } from "../../operations/job-types.js";
import type { Job, Store } from "../../store/store.port.js";
import { memberKey, type TeamsMember } from "./teams-identity.js";
import { addressedActivity, cardActivity } from "./teams-replies.js";

export interface TeamsNotifierDependencies {
  adapter: Pick<CloudAdapter, "continueConversationAsync">;
  /** The bot's app id mints the outbound token; "" in the unauthenticated local mode. */
  appId: string;
  store: Pick<Store, "conversations">;
  log: Logger;
}

export class TeamsNotifier implements JobNotifier {
  constructor(private readonly deps: TeamsNotifierDependencies) {}

  async jobFinished(job: Job): Promise<void> {
    const log = this.deps.log.child({ jobId: job.id, conversation: job.conversationKey });
    const stored = await this.deps.store.conversations.get(job.conversationKey);
    if (stored?.platform !== "teams") {
      log.warn({}, "no Teams conversation is stored for the job: its result cannot be told");
      return;
    }
    const reference = stored.reference as Partial<ConversationReference>;
    const requester = await this.requester(job.requestedBy);
    const { update, post } = renderJobResult(job);
    try {
      await this.proactively(reference, async (context) => {
        if (job.messageRef) await this.updateCard(context, job.messageRef, update, log);
        await context.sendActivity(addressedActivity(post, requester));
      });
      log.info({ state: job.state }, "the requester was told in Teams");
    } catch (error) {
      const status = statusOf(error);
      if (isGone(status)) {
        log.warn(
          { status },
          "the bot is no longer in the conversation (app removed or uninstalled): result not told",
        );
        return;
      }
      // The job follower retries a notifier that throws. Status and first line only: never the request itself.
      throw new Error(
        `the Teams connector refused the result${status ? ` (HTTP ${status})` : ""}: ${firstLine(error)}`,
      );
    }
  }

  /**
   * Errors are caught inside the turn and rethrown here: left to the adapter, they would reach its onTurnError,
   * which apologises into the chat, and never come back to the job follower that retries.
   */
  private async proactively(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    let failure: unknown;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== undefined) throw failure;
  }

  /** A deleted card must not keep the result from being posted. */
  private async updateCard(
    context: TurnContext,
    id: string,
    message: BotMessage,
    log: Logger,
  ): Promise<void> {
    try {
      await context.updateActivity({ ...cardActivity(message), id });
    } catch (error) {
      const status = statusOf(error);
      if (!isGone(status)) throw error;
      log.warn(
        { status, messageRef: id },
        "the confirmation card could not be updated; posting the result anyway",
      );
    }
  }

  private async requester(userId: string): Promise<TeamsMember | undefined> {
    const stored = await this.deps.store.conversations.get(memberKey(userId));
    const member = stored?.reference as Partial<TeamsMember> | undefined;
    return member?.id && member.name ? { id: member.id, name: member.name } : undefined;
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const candidate = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = candidate.statusCode ?? candidate.status ?? candidate.response?.status;
  return typeof status === "number" ? status : undefined;
}

function isGone(status: number | undefined): boolean {
  return status === 403 || status === 404;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? "").slice(0, 200);
}
