/**
 * Tells the requester how a job ended, from the store alone (so it works after a restart), in the outbox's
 * two steps: a proactive turn updates the confirmation card in place (idempotent), another posts the result
 * with an @mention. A conversation the bot was removed from (403/404) is undeliverable, not retried.
 */
import type { CloudAdapter, ConversationReference, TurnContext } from "botbuilder";
import { renderJobResult } from "../../dialogs/job.message.js";
import type { BotMessage } from "../../dialogs/message.js";
import { renderRunCard, renderRunSummary } from "../../dialogs/run.message.js";
import { knownTimeZone } from "../../dialogs/time-wording.js";
import type { Logger } from "../../logger.js";
import {
  CardGoneError,
  type JobNotifier,
  type RunNotifier,
  type RunReport,
  UndeliverableError,
} from "../../operations/delivery.js";
import type { Job, Store } from "../../store/store.port.js";
import { memberKey, type TeamsMember } from "./teams-identity.js";
import { addressedActivity, cardActivity } from "./teams-replies.js";

export interface TeamsNotifierDependencies {
  adapter: Pick<CloudAdapter, "continueConversationAsync">;
  /** The bot's app id mints the outbound token; "" in the unauthenticated local mode. */
  appId: string;
  store: Pick<Store, "conversations">;
  log: Logger;
  /** Where results link the restore point (RPBOT_PORTAL_URL); none with the simulator. */
  portalUrl?: string;
}

export class TeamsNotifier implements JobNotifier, RunNotifier {
  constructor(private readonly deps: TeamsNotifierDependencies) {}

  async updateCard(job: Job): Promise<void> {
    if (!job.messageRef) return;
    const requester = await this.requester(job.requestedBy);
    const named = withRequesterName(job, requester);
    const { update } = renderJobResult(named, requester?.timeZone, this.deps.portalUrl);
    await this.replace(job, job.messageRef, update);
  }

  async postResult(job: Job): Promise<string | undefined> {
    const requester = await this.requester(job.requestedBy);
    const named = withRequesterName(job, requester);
    const { post } = renderJobResult(named, requester?.timeZone, this.deps.portalUrl);
    const id = await this.send(job, post, requester);
    this.deps.log.info({ jobId: job.id, state: job.state }, "the requester was told in Teams");
    return id;
  }

  async updateRunCard(report: RunReport): Promise<void> {
    const { run } = report;
    if (!run.messageRef) return;
    const requester = await this.requester(run.requestedBy);
    await this.replace(run, run.messageRef, renderRunCard(report, requester?.timeZone));
  }

  async postRunSummary(report: RunReport): Promise<string | undefined> {
    const { run } = report;
    const requester = await this.requester(run.requestedBy);
    const id = await this.send(run, renderRunSummary(report, requester?.timeZone), requester);
    this.deps.log.info({ runId: run.id, state: run.state }, "the run's summary was told in Teams");
    return id;
  }

  /** The card, updated in place; a deleted card must not keep the post from going out. */
  private async replace(about: { conversationKey: string }, id: string, message: BotMessage): Promise<void> {
    await this.proactively(about, async (context) => {
      await context.updateActivity({ ...cardActivity(message), id });
    }).catch((error: unknown) => {
      if (error instanceof UndeliverableError) throw new CardGoneError(error.message);
      throw error;
    });
  }

  /** A new message in the conversation, @mentioning the requester; its activity id. */
  private async send(
    about: { conversationKey: string },
    message: BotMessage,
    requester: TeamsMember | undefined,
  ): Promise<string | undefined> {
    let id: string | undefined;
    await this.proactively(about, async (context) => {
      id = (await context.sendActivity(addressedActivity(message, requester)))?.id;
    });
    return id;
  }

  /**
   * Errors are caught inside the turn and rethrown here: left to the adapter, they would reach its onTurnError,
   * which apologises into the chat, and never come back to the outbox that retries.
   */
  private async proactively(
    about: { conversationKey: string },
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const stored = await this.deps.store.conversations.get(about.conversationKey);
    if (stored?.platform !== "teams") {
      throw new UndeliverableError("no Teams conversation is stored for the job or run");
    }
    const reference = stored.reference as Partial<ConversationReference>;
    let failure: unknown;
    try {
      await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
        try {
          await logic(context);
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure ??= error;
    }
    if (failure === undefined) return;
    const status = statusOf(failure);
    if (status === 403 || status === 404) {
      throw new UndeliverableError(`the bot is no longer in the conversation (HTTP ${status})`);
    }
    // Status and first line only: never the request itself.
    throw new Error(`the Teams connector refused${status ? ` (HTTP ${status})` : ""}: ${firstLine(failure)}`);
  }

  /** As the turn stored them (teams-turn.ts): whom to @mention, and the zone to word the result's times in. */
  private async requester(userId: string): Promise<TeamsMember | undefined> {
    const stored = await this.deps.store.conversations.get(memberKey(userId));
    const member = stored?.reference as Partial<TeamsMember> | undefined;
    if (!member?.id || !member.name) return undefined;
    const timeZone = knownTimeZone(member.timeZone);
    return { id: member.id, name: member.name, ...(timeZone ? { timeZone } : {}) };
  }
}

/** Jobs of earlier releases have no requester name: the member record the turn keeps has it. */
function withRequesterName(job: Job, requester: TeamsMember | undefined): Job {
  if (job.requestedByName || !requester) return job;
  return { ...job, requestedByName: requester.name };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const candidate = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = candidate.statusCode ?? candidate.status ?? candidate.response?.status;
  return typeof status === "number" ? status : undefined;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? "").slice(0, 200);
}
