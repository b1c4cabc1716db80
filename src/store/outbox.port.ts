/** The notification outbox's port (docs/jobs.md, "The guarantee"): results waiting to be told, and their claims. */
import type { Platform } from "./values.js";

/** A job's result waiting to be told: one row per job, sent by whichever process claims it. */
export interface Notification {
  jobId: string;
  platform: Platform;
  state: "pending" | "sent" | "undeliverable";
  attempts: number;
  nextAttemptAt: Date;
  /** The card showing the confirmation was updated (or could not be, for good): not redone on a retry. */
  cardDone: boolean;
  /** The platform accepted the result post (its ref when it gave one): never posted again. */
  postedAt?: Date;
  postRef?: string;
  lastError?: string;
  createdAt: Date;
  settledAt?: Date;
}

export interface OutboxStore {
  /**
   * Claims up to `limit` pending notifications of `platforms` (the doors this process has) that are due and
   * not claimed by a live claim, for `leaseMs`; two processes never claim the same row at once.
   */
  claimDue(
    owner: string,
    platforms: readonly Platform[],
    now: Date,
    leaseMs: number,
    limit: number,
  ): Promise<Notification[]>;
  get(jobId: string): Promise<Notification | undefined>;
  /** Records a step done, while `owner` still holds the claim (false when it lost it). */
  recordStep(
    jobId: string,
    owner: string,
    step: { card: true } | { posted: Date; ref?: string },
  ): Promise<boolean>;
  /** Sent, or refused for good: the job's delivery and notifiedAt follow in the same transaction. */
  settle(
    jobId: string,
    owner: string,
    outcome: "sent" | "undeliverable",
    error: string | undefined,
    now: Date,
  ): Promise<boolean>;
  /** Not delivered this time: try again at `retryAt` (the claim is released). */
  retryLater(jobId: string, owner: string, retryAt: Date, error: string): Promise<boolean>;
  /** Results still to deliver (pending, due or waiting for a retry): how many, and when the oldest was written. */
  backlog(): Promise<OutboxBacklog>;
}

export interface OutboxBacklog {
  depth: number;
  /** Absent when nothing waits. */
  oldestCreatedAt?: Date;
}
