/**
 * Durable state behind one interface (README, Architecture): confirmations, locks, jobs, conversation
 * references and the audit log. SQLite is the embedded default; PostgreSQL serves several replicas.
 * Every method that decides something under concurrency (claim a confirmation, take a lock, mark a job
 * notified) is atomic in the database, so two bot processes never both win.
 */

import type { RestorePointPlan } from "../core/plan.js";
import type { VmRef } from "../core/vm-ref.js";

export type Platform = "console" | "slack" | "teams";
export type Mode = "ApplicationConsistent" | "CrashConsistent";

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
}

export type ConfirmationState = "pending" | "confirmed" | "cancelled" | "expired";

export interface Confirmation {
  /** Random, unguessable id carried by the buttons. */
  id: string;
  platform: Platform;
  /** Who asked: "console:alice", "slack:T123:U456", "teams:<aadObjectId>". Only they may press. */
  requestedBy: string;
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

export type JobState = "starting" | "running" | "succeeded" | "failed";

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
}

export type JobPatch = Partial<
  Pick<
    Job,
    | "state"
    | "collectionId"
    | "restorePointId"
    | "restorePointName"
    | "pollerState"
    | "errorCode"
    | "errorMessage"
    | "finishedAt"
    | "messageRef"
    | "capturedDiskNames"
  >
>;

export interface AuditEntry {
  at: Date;
  /** The chat user (same form as Confirmation.requestedBy), or "system". */
  actor: string;
  action: "check" | "create" | "confirm" | "cancel" | "result" | "deny";
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
  create(job: Job): Promise<void>;
  get(id: string): Promise<Job | undefined>;
  update(id: string, patch: JobPatch, now: Date): Promise<Job | undefined>;
  /** Jobs in state starting or running (to resume after a restart). */
  listUnfinished(): Promise<Job[]>;
  /** The unfinished job of a VM, if any (vm ids compared case-insensitively). */
  findActiveForVm(vmId: string): Promise<Job | undefined>;
  /** Newest first. */
  listRecent(options: { requestedBy?: string; limit: number }): Promise<Job[]>;
  /** Sets notifiedAt once: true only for the one caller that set it (exactly-once notification). */
  markNotified(id: string, at: Date): Promise<boolean>;
}

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
  conversations: ConversationStore;
  audit: AuditLog;
  close(): Promise<void>;
}
