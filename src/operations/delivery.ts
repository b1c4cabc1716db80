/**
 * How a door tells a requester how their job ended, in two steps the outbox records separately: the
 * confirmation message is replaced by the result (idempotent: redone on a retry), and the result is posted
 * in the conversation with a mention (done once: the outbox never repeats a post the platform accepted).
 */
import type { SetProtection } from "../core/set-protection.js";
import type { Run, RunItem } from "../store/run-store.port.js";
import type { Job } from "../store/store.port.js";

export interface JobNotifier {
  /** Replaces the message the press was made on (job.messageRef) with the result. */
  updateCard(job: Job): Promise<void>;
  /** Posts the result in the job's conversation; resolves to the platform's id of the post, if it gives one. */
  postResult(job: Job): Promise<string | undefined>;
}

/**
 * A run (run-store.port.ts) as it stands, for its card and its summary: the doors word it (dialogs'
 * run.message.ts) in the requester's zone.
 */
export interface RunReport {
  run: Run;
  /** A protect run: its members' jobs so far. */
  jobs: Job[];
  /** A delete run: its items as they stand. */
  items: RunItem[];
  /** Every member or item has ended: the summary. */
  final: boolean;
  /**
   * A final protect run of an availability set or Flexible scale set: whether every member now has a restore
   * point within the window of each other, or why that could not be read.
   */
  protection?: SetProtection | { error: string };
}

/**
 * How a door tells a run's progress and summary. Errors are classified as for jobs: UndeliverableError for
 * good, CardGoneError when the card cannot be edited, anything else passing.
 */
export interface RunNotifier {
  /** Replaces the run's card (run.messageRef) with its progress (idempotent; nothing without a card). */
  updateRunCard(report: RunReport): Promise<void>;
  /** Posts the summary in the run's conversation, mentioning the requester; the platform's id of the post. */
  postRunSummary(report: RunReport): Promise<string | undefined>;
}

/**
 * The platform refused for good (the app was removed from the conversation: 403/404, channel_not_found):
 * retrying cannot help, so the notification is settled as undeliverable and audited.
 */
export class UndeliverableError extends Error {
  override readonly name = "UndeliverableError";
}

/** The message is gone or can no longer be edited: the card step is skipped, the post still goes out. */
export class CardGoneError extends Error {
  override readonly name = "CardGoneError";
}
