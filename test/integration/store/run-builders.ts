/** Valid runs of both kinds, one override away from a test case (run-store.port.ts). */

import {
  type DeleteRunBody,
  type DeleteTarget,
  type ProtectRunBody,
  RUN_SCHEMA_VERSION,
  type Run,
} from "../../../src/store/run-store.port.js";
import type { Job } from "../../../src/store/store.port.js";
import { buildJob, CRASH_PLAN, SAMPLE_VM, SUBSCRIPTION_ID, uniqueId, vmIdOf } from "./store-builders.js";

const T0 = new Date("2030-01-01T12:00:00.000Z");
const TEN_MINUTES = 10 * 60_000;

/** Two members as the plan showed them: one to create, one left out (a scale-set instance). */
export function protectBody(overrides: Partial<ProtectRunBody> = {}): ProtectRunBody {
  const instance = {
    ...SAMPLE_VM,
    id: vmIdOf("vmss-web/virtualMachines/3"),
    name: "vmss-web_3",
    type: "scaleSetInstance" as const,
    scaleSetName: "vmss-web",
    instanceId: "3",
  };
  return structuredClone({
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "protect",
    target: { kind: "availability-set", name: "avset-web", resourceGroup: "RG-Apps" },
    foundAs: "availability set avset-web in RG-Apps",
    assessWindow: true,
    mode: "CrashConsistent",
    windowMs: 15 * 60_000,
    members: [
      { vm: SAMPLE_VM, plan: CRASH_PLAN },
      { vm: instance, leftOut: { reason: "Ultra disks cannot be captured ☁", code: "blocked" } },
    ],
    ...overrides,
  });
}

export function deleteTarget(position: number, overrides: Partial<DeleteTarget> = {}): DeleteTarget {
  const collection = `${SAMPLE_VM.id.replace(/virtualMachines\/.*/, "")}restorePointCollections/rpc-vm-web-01`;
  return {
    kind: "restore-point",
    id: `${collection}/restorePoints/rp-${position}`,
    name: `rp-${position}`,
    subscriptionId: SUBSCRIPTION_ID,
    resourceGroup: SAMPLE_VM.resourceGroup,
    collectionName: "rpc-vm-web-01",
    mode: position % 2 === 0 ? "CrashConsistent" : "ApplicationConsistent",
    timeCreated: new Date(Date.UTC(2029, 0, 1 + position)).toISOString(),
    ...overrides,
  };
}

/** `count` restore points of the sample VM, then its emptied collection (no mode, no time). */
export function deleteBody(count = 3, overrides: Partial<DeleteRunBody> = {}): DeleteRunBody {
  const points = Array.from({ length: count }, (_, position) => deleteTarget(position));
  const collection: DeleteTarget = {
    kind: "collection",
    id: `${SAMPLE_VM.id}-rpc`,
    name: "rpc-vm-web-01",
    subscriptionId: SUBSCRIPTION_ID,
    resourceGroup: SAMPLE_VM.resourceGroup,
    collectionName: "rpc-vm-web-01",
  };
  return structuredClone({
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "delete",
    asked: "prune",
    vm: SAMPLE_VM,
    targets: [...points, collection],
    notes: ["kept: the newest of each mode", "données ☁"],
    ...overrides,
  });
}

/** A pending protect run (pass `body: deleteBody()` with `kind: "delete"` for the other kind). */
export function buildRun(overrides: Partial<Run> = {}): Run {
  const createdAt = overrides.createdAt ?? T0;
  return {
    id: uniqueId("run"),
    kind: "protect",
    platform: "slack",
    requestedBy: "slack:T123:U456",
    conversationKey: "slack:T123:C789:1700000000.000100",
    label: "avset-web",
    body: protectBody(),
    state: "pending",
    createdAt,
    expiresAt: new Date(createdAt.getTime() + TEN_MINUTES),
    ...overrides,
  };
}

export function buildDeleteRun(overrides: Partial<Run> = {}): Run {
  return buildRun({ kind: "delete", label: "vm-web-01", body: deleteBody(), ...overrides });
}

/** A person and a conversation no other test uses. */
export function runAsker(): { requestedBy: string; conversationKey: string } {
  return { requestedBy: uniqueId("teams:aad"), conversationKey: uniqueId("teams:19:thread") };
}

/** The job of a run's member at `index`, as the run's runner writes it. */
export function buildMemberJob(run: Pick<Run, "id">, index: number, overrides: Partial<Job> = {}): Job {
  return buildJob({ id: `${run.id}-${index}`, runId: run.id, state: "pending", ...overrides });
}
