/**
 * How a door tells a requester how their job ended, in two steps the outbox records separately: the
 * confirmation message is replaced by the result (idempotent: redone on a retry), and the result is posted
 * in the conversation with a mention (done once: the outbox never repeats a post the platform accepted).
 */
import type { Job } from "../store/store.port.js";

export interface JobNotifier {
  /** Replaces the message the press was made on (job.messageRef) with the result. */
  updateCard(job: Job): Promise<void>;
  /** Posts the result in the job's conversation; resolves to the platform's id of the post, if it gives one. */
  postResult(job: Job): Promise<string | undefined>;
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
