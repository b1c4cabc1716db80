/**
 * Durable state behind one interface (README, Architecture): confirmations, locks, jobs, conversation
 * references and the audit log. SQLite is the embedded default; PostgreSQL serves several replicas.
 * Every method that decides something under concurrency (claim a confirmation, take a lock, mark a job
 * notified) is atomic in the database, so two bot processes never both win.
 */

import type { RestorePointPlan } from "../core/plan.js";
import type { VmRef } from "../core/vm-ref.js";
import type { OutboxStore } from "./outbox.port.js";
import type { RunJobInsert, RunStore } from "./run-store.port.js";
import type { Mode, Platform } from "./values.js";

export type { Notification, OutboxBacklog, OutboxStore } from "./outbox.port.js";
export type { Mode, Platform } from "./values.js";

/**
 * The version of the stored plan shapes below; rows written by older releases are decoded to it on read.
 * Bump it (and teach plan-codec.ts the old version) whenever ConfirmationPlan or JobPlan changes shape.
 */
export const PLAN_SCHEMA_VERSION = 1;

/** What a person was shown and may confirm: the VM as resolved, and one plan per mode offered. */
export interface ConfirmationPlan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  vm: VmRef;
  /** One per mode offered, in the order of the buttons. */
  plans: RestorePointPlan[];
}

/** What a job creates: the plan that was confirmed (and re-checked under the VM's lock). */
export interface JobPlan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  plan: RestorePointPlan;
  /** The VM as resolved, to re-check it when the job is resumed; rows of release 0.1 do not have it. */
  vm?: VmRef;
}

export type ConfirmationState = "pending" | "confirmed" | "cancelled" | "expired";

export interface Confirmation {
  /** Random, unguessable id carried by the buttons. */
  id: string;
  platform: Platform;
  /** Who asked: "console:alice", "slack:T123:U456", "teams:<aadObjectId>". Only they may press. */
  requestedBy: string;
  /** Their display name as the chat gave it ("Alice Doe"), to name them by; rows before migration 4 have none. */
  requestedByName?: string;
  /** The conversation the request came from; the result is told there. */
  conversationKey: string;
  vmId: string;
  vmName: string;
  /** The modes offered (one button each). */
  modes: Mode[];
  /** The plan(s) shown to the person; encoded and decoded once, in the store codec. */
  plan: ConfirmationPlan;
  createdAt: Date;
  expiresAt: Date;
  state: ConfirmationState;
  decidedAt?: Date;
  decidedBy?: string;
  /** The mode chosen on confirmation. */
  mode?: Mode;
  jobId?: string;
  /** Platform message that shows the confirmation (Slack ts, Teams activity id), to update it later. */
  messageRef?: string;
}

/**
 * A job's life (docs/jobs.md): pending (the press is recorded, nothing sent to Azure) -> starting (re-checked;
 * requests to Azure may be in flight) -> running (Azure accepted the restore point) -> succeeded | failed |
 * lost (the bot could not learn the outcome in time). Which moves are allowed is job-states.ts; the store
 * refuses any other, and never leaves a terminal state.
 */
export type JobState = "pending" | "starting" | "running" | "succeeded" | "failed" | "lost";

/**
 * How the person hears of the outcome: "reply" (the answer to the press said it), "outbox" (a notification
 * row is being delivered), "notified" (the platform accepted it), "undeliverable" (refused for good).
 */
export type JobDelivery = "none" | "reply" | "outbox" | "notified" | "undeliverable";

export interface Job {
  id: string;
  confirmationId?: string;
  vmId: string;
  vmName: string;
  subscriptionId: string;
  /** The VM's resource group (a column: the job is resumed from it after a restart). */
  resourceGroup: string;
  mode: Mode;
  requestedBy: string;
  /** As Confirmation.requestedByName: how the result names the requester; absent in older rows. */
  requestedByName?: string;
  platform: Platform;
  conversationKey: string;
  messageRef?: string;
  state: JobState;
  /** The restore point collection's name (a column); its id once it exists. */
  collectionName: string;
  collectionId?: string;
  restorePointId?: string;
  restorePointName?: string;
  /** Serialized poller state, so another process can resume polling after a restart. */
  pollerState?: string;
  /** What is being created; encoded and decoded once, in the store codec. */
  plan: JobPlan;
  /** The disks Azure reports captured, once the restore point succeeded. */
  capturedDiskNames?: string[];
  errorCode?: string;
  errorMessage?: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  notifiedAt?: Date;
  delivery: JobDelivery;
  /** A run's member (run-store.port.ts): its result is told by the run's summary, not on its own. */
  runId?: string;
}

/** What a transition may set besides the state. */
export type JobPatch = Partial<
  Pick<
    Job,
    | "collectionId"
    | "restorePointId"
    | "restorePointName"
    | "pollerState"
    | "errorCode"
    | "errorMessage"
    | "messageRef"
    | "capturedDiskNames"
  >
>;

/** The outcome a terminal transition records; `finishedAt` is the transition's time. */
export type JobEnding =
  | { state: "succeeded"; restorePointId?: string; capturedDiskNames?: string[] }
  | { state: "failed" | "lost"; errorCode: string; errorMessage: string };

/** The decision a press makes on its confirmation, written with the job it creates. */
export interface ConfirmDecision {
  confirmationId: string;
  by: string;
  at: Date;
  mode: Mode;
}

export interface AuditEntry {
  at: Date;
  /** The chat user (same form as Confirmation.requestedBy), or "system". */
  actor: string;
  action: "check" | "create" | "delete" | "confirm" | "cancel" | "result" | "deny";
  /** Usually the VM resource id. */
  target: string;
  outcome: string;
  details?: Record<string, unknown>;
}

export interface ConfirmationStore {
  create(confirmation: Confirmation): Promise<void>;
  get(id: string): Promise<Confirmation | undefined>;
  /**
   * Moves a pending, unexpired confirmation to confirmed/cancelled in one atomic step. Returns
   * { decided: true, confirmation } for the one caller that won; otherwise { decided: false, confirmation }
   * with the current row (already decided, expired at `at`, or undefined when unknown).
   */
  decide(
    id: string,
    decision: { state: "confirmed" | "cancelled"; by: string; at: Date; mode?: Mode; jobId?: string },
  ): Promise<{ decided: boolean; confirmation: Confirmation | undefined }>;
  setMessageRef(id: string, messageRef: string): Promise<void>;
  /** The newest pending, unexpired confirmation of this person in this conversation (a typed "cancel"). */
  findPending(requestedBy: string, conversationKey: string, now: Date): Promise<Confirmation | undefined>;
  /** Marks pending confirmations past their expiry as expired; returns them. */
  expire(now: Date): Promise<Confirmation[]>;
}

export interface LockStore {
  /** Takes the lock if free or its lease has run out. True when `owner` now holds it. */
  acquire(key: string, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Extends the lease if `owner` still holds it. */
  renew(key: string, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Releases the lock if `owner` holds it. */
  release(key: string, owner: string): Promise<void>;
  holder(key: string, now: Date): Promise<{ owner: string; expiresAt: Date } | undefined>;
}

export interface JobStore {
  /** A job without a confirmation (tests, imports); a press goes through createConfirmed. */
  create(job: Job): Promise<void>;
  /**
   * In one transaction: decides the pending, unexpired confirmation as confirmed and inserts the job (state
   * pending). Either both are written or neither: a crash leaves the press to be made again, or a job.
   * `decided: false` with the confirmation as it stands when another press won, it expired or is unknown.
   */
  createConfirmed(
    job: Job,
    decision: ConfirmDecision,
  ): Promise<{ decided: true; job: Job } | { decided: false; confirmation: Confirmation | undefined }>;
  get(id: string): Promise<Job | undefined>;
  /**
   * Moves a job to a non-terminal state, if job-states.ts allows it from the state it is in; undefined when
   * it is not (another process moved it, or it already ended).
   */
  advance(id: string, to: "starting" | "running", patch: JobPatch, now: Date): Promise<Job | undefined>;
  /** Fields that change without a move (the confirmation message's ref); refused once the job ended. */
  amend(id: string, patch: Pick<JobPatch, "messageRef" | "pollerState">, now: Date): Promise<Job | undefined>;
  /**
   * Ends an unfinished job, once: the one caller that ends it gets the job back, everyone else undefined.
   * `tell: "outbox"` writes the notification to deliver in the same transaction; `"reply"` means the answer
   * to the press already says it.
   */
  finish(id: string, ending: JobEnding, tell: "outbox" | "reply", now: Date): Promise<Job | undefined>;
  /** The newest job a confirmation started (release 0.1 did not link the job from the confirmation). */
  findForConfirmation(confirmationId: string): Promise<Job | undefined>;
  /** Jobs not ended (pending, starting, running), oldest first: to resume after a restart. */
  listUnfinished(): Promise<Job[]>;
  /** The unfinished job of a VM, if any (vm ids compared case-insensitively). */
  findActiveForVm(vmId: string): Promise<Job | undefined>;
  /** Newest first. */
  listRecent(options: { requestedBy?: string; limit: number }): Promise<Job[]>;
  /**
   * Inserts a run's member job (its id is `${run id}-${index}`, `job.runId` set) in one step with a check that
   * the run is still running: "stopped" when it is not (cancelled), "exists" when a job of that id is there.
   */
  createForRun(job: Job): Promise<RunJobInsert>;
  /** The run's jobs, by id. */
  listForRun(runId: string): Promise<Job[]>;
}

/** Requests already acted on (Slack event ids, signed bodies, Bot Framework activity ids), for a while. */
export interface ReplayStore {
  /** True for the first caller to present `key` within `windowMs`; false for a replay. Forgets older keys. */
  firstSeen(key: string, now: Date, windowMs: number): Promise<boolean>;
}

/** What /readyz reports of the store: ok, or which part fails and why (no secrets). */
export type StoreReadiness = { ok: true } | { ok: false; part: string; reason: string };

export interface ConversationStore {
  /** Platform-specific reference (Teams ConversationReference, Slack channel+thread) as plain JSON. */
  save(key: string, platform: Platform, reference: unknown, now: Date): Promise<void>;
  get(key: string): Promise<{ platform: Platform; reference: unknown } | undefined>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Oldest first. */
  list(options?: { since?: Date; limit?: number }): Promise<AuditEntry[]>;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  confirmations: ConfirmationStore;
  locks: LockStore;
  jobs: JobStore;
  runs: RunStore;
  conversations: ConversationStore;
  audit: AuditLog;
  outbox: OutboxStore;
  replays: ReplayStore;
  /** Answers a query, has every migration applied and (SQLite) is still the file it opened. */
  readiness(): Promise<StoreReadiness>;
  close(): Promise<void>;
}
