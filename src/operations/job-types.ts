/** The ports and values of the restore point job: what it needs, and what it tells. */
import type { RestorePointWriter } from "../azure/restore-point-writer.js";
import type { RestorePointPlan } from "../core/plan.js";
import type { VmRef } from "../core/vm-ref.js";
import type { Logger } from "../logger.js";
import type { Job, Platform, Store } from "../store/store.port.js";

/** Implemented by each door: tells the requester how a job ended, in the conversation it started in. */
export interface JobNotifier {
  jobFinished(job: Job): Promise<void>;
}

export interface JobRunnerOptions {
  store: Pick<Store, "jobs" | "locks" | "audit">;
  writer: Pick<RestorePointWriter, "ensureCollection" | "start" | "waitForResult" | "read">;
  /** Forget cached ARM listings of a subscription after the job changed its collections. */
  invalidate(subscriptionId: string): void;
  notifiers: Partial<Record<Platform, JobNotifier>>;
  now: () => Date;
  log: Logger;
  /** This process, in lock owners: a lease held by a process that died runs out, then another takes over. */
  processId: string;
  /** How long a job's VM lock lasts without renewal (renewed while the job is followed). */
  lockLeaseMs: number;
  /** How long to wait between tries when following an operation fails for a moment (network, throttling). */
  retryDelayMs: number;
  newId(): string;
}

export interface JobRequest {
  /** The VM as resolved when the plan was shown. */
  vm: VmRef;
  requestedBy: string;
  platform: Platform;
  conversationKey: string;
  messageRef?: string;
  confirmationId?: string;
  /** The logger of the request that started the job: its lines, and the job's, carry the request id. */
  log: Logger;
  /** Re-checks eligibility under the VM's lock and says exactly what to create. */
  recheck(): Promise<{ ok: true; plan: RestorePointPlan } | { ok: false; message: string }>;
}

export type StartJobResult =
  | { ok: true; job: Job }
  | { ok: false; code: "busy"; message: string }
  | { ok: false; code: "not-allowed"; message: string }
  | { ok: false; code: "arm-refused"; message: string; job: Job; retryAfterSeconds?: number };

export function vmLockKey(vmId: string): string {
  return `vm:${vmId.toLowerCase()}`;
}

/** The resource group of a collection id (collections may live in another group than their VM). */
export function resourceGroupOf(resourceId: string | undefined): string | undefined {
  return resourceId ? /\/resourceGroups\/([^/]+)\//i.exec(resourceId)?.[1] : undefined;
}
