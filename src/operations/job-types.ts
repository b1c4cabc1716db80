/** The ports and values of the restore point job: what it needs, and what it tells. */
import type { RestorePointWriter } from "../azure/restore-point-writer.js";
import type { ConsistencyMode } from "../core/facts.js";
import type { RestorePointPlan } from "../core/plan.js";
import type { VmRef } from "../core/vm-ref.js";
import type { Logger } from "../logger.js";
import {
  type Confirmation,
  type Job,
  PLAN_SCHEMA_VERSION,
  type Platform,
  type Store,
} from "../store/store.port.js";
import type { JobNotifier } from "./delivery.js";

export type { JobNotifier } from "./delivery.js";

export type Recheck = { ok: true; plan: RestorePointPlan } | { ok: false; message: string };

export interface JobRunnerOptions {
  store: Pick<Store, "jobs" | "locks" | "audit" | "outbox">;
  writer: Pick<RestorePointWriter, "ensureCollection" | "start" | "waitForResult" | "read">;
  /**
   * Re-checks eligibility under the VM's lock and says exactly what to create: on a press, and again when a
   * job left pending by a process that died is taken over.
   */
  recheck(vm: VmRef, mode: ConsistencyMode): Promise<Recheck>;
  /** Forget cached ARM listings of a subscription after the job changed its collections. */
  invalidate(subscriptionId: string): void;
  notifiers: Partial<Record<Platform, JobNotifier>>;
  now: () => Date;
  log: Logger;
  /** This process, in lock owners: a lease held by a process that died runs out, then another takes over. */
  processId: string;
  /** How long a job's VM lock (and a notification's claim) lasts without renewal. */
  lockLeaseMs: number;
  /** How long to wait between tries when following an operation fails for a moment (network, throttling). */
  retryDelayMs: number;
  /** A job whose outcome is not known this long after it was created ends as lost, releasing its VM. */
  followLimitMs: number;
  newId(): string;
  /** Told of every job this process ends (`rpbot serve`'s metrics). */
  endings?: JobEndingObserver;
}

/** How a job ended, once per job: its terminal state and the seconds from the press to the end. */
export interface JobEndingObserver {
  jobEnded(result: "succeeded" | "failed" | "lost", seconds: number): void;
}

/** A press on a plan's confirm button, by its requester, in its conversation. */
export interface JobRequest {
  confirmation: Confirmation;
  mode: ConsistencyMode;
  pressedBy: string;
  /** The message the press was made on (Slack ts, Teams activity id), to update with the result. */
  messageRef?: string;
  /** The logger of the request that started the job: its lines, and the job's, carry the request id. */
  log: Logger;
}

export type StartJobResult =
  | { ok: true; job: Job }
  | { ok: false; code: "already-decided"; confirmation: Confirmation | undefined }
  /** `startedBy`: who the other creation is for, whom the message names by id (with their name, when known). */
  | { ok: false; code: "busy"; message: string; startedBy?: { id: string; name?: string } }
  /** This process stalled past its lease and another took the job over: the answer must not overwrite theirs. */
  | { ok: false; code: "superseded"; job: Job }
  | { ok: false; code: "not-allowed"; message: string; job: Job }
  | { ok: false; code: "arm-refused"; message: string; job: Job; retryAfterSeconds?: number };

/**
 * How starting a run's member went: started (Azure accepted it: followed now), ended (refused: the job says
 * why), busy (another creation held the VM: a failed job says so), exists (started before: a takeover),
 * stopped (the run was cancelled: nothing written).
 */
export type MemberStart = "started" | "ended" | "busy" | "exists" | "stopped";

/** Who asked and where they hear back: a confirmation's or a run's. */
export interface JobAsker {
  requestedBy: string;
  requestedByName?: string;
  platform: Job["platform"];
  conversationKey: string;
}

/** A pending job that creates `plan` on `vm`, for `asker` (a press's, or a run member's). */
export function pendingJob(
  fields: { id: string; vm: VmRef; plan: RestorePointPlan; asker: JobAsker; at: Date },
  links: Pick<Job, "confirmationId" | "runId" | "messageRef"> = {},
): Job {
  const { id, vm, plan, asker, at } = fields;
  return {
    id,
    ...links,
    vmId: vm.id,
    vmName: vm.name,
    subscriptionId: vm.subscriptionId,
    resourceGroup: vm.resourceGroup,
    mode: plan.mode,
    requestedBy: asker.requestedBy,
    ...(asker.requestedByName ? { requestedByName: asker.requestedByName } : {}),
    platform: asker.platform,
    conversationKey: asker.conversationKey,
    state: "pending",
    restorePointName: plan.restorePointName,
    collectionName: plan.collection.name,
    collectionId: plan.collection.id ?? undefined,
    plan: { schemaVersion: PLAN_SCHEMA_VERSION, plan, vm },
    createdAt: at,
    updatedAt: at,
    delivery: "none",
  };
}

export function vmLockKey(vmId: string): string {
  return `vm:${vmId.toLowerCase()}`;
}

/** The resource group of a collection id (collections may live in another group than their VM). */
export function resourceGroupOf(resourceId: string | undefined): string | undefined {
  return resourceId ? /\/resourceGroups\/([^/]+)\//i.exec(resourceId)?.[1] : undefined;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
}

/** The VM a job is about, to re-check it; rows of release 0.1 rebuild it from the job's columns. */
export function vmOfJob(job: Job): VmRef {
  if (job.plan.vm) return job.plan.vm;
  const base = {
    id: job.vmId,
    name: job.vmName,
    resourceGroup: job.resourceGroup,
    subscriptionId: job.subscriptionId,
    location: job.plan.plan.vm.location,
  };
  const instance = /\/virtualMachineScaleSets\/([^/]+)\/virtualMachines\/([^/]+)$/i.exec(job.vmId);
  if (!instance?.[1] || !instance[2]) return { ...base, type: "virtualMachine" };
  return { ...base, type: "scaleSetInstance", scaleSetName: instance[1], instanceId: instance[2] };
}

/** Where a job's restore point lives in ARM, to read it (collections may live in another group than their VM). */
export function restorePointOf(job: Job): {
  subscriptionId: string;
  resourceGroup: string;
  collectionName: string;
  restorePointName: string;
} {
  return {
    subscriptionId: job.subscriptionId,
    resourceGroup: resourceGroupOf(job.collectionId) ?? job.resourceGroup,
    collectionName: job.collectionName,
    restorePointName: job.restorePointName ?? job.plan.plan.restorePointName,
  };
}
