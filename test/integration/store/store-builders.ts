/** Valid store records with every field filled (or only the required ones), one override away from a test case. */

import { randomUUID } from "node:crypto";
import type { RestorePointPlan } from "../../../src/core/plan.js";
import type { VmRef } from "../../../src/core/vm-ref.js";
import {
  type AuditEntry,
  type Confirmation,
  type ConfirmationPlan,
  type Job,
  type JobPlan,
  PLAN_SCHEMA_VERSION,
} from "../../../src/store/store.port.js";

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function vmIdOf(name: string): string {
  return `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/RG-Apps/providers/Microsoft.Compute/virtualMachines/${name}`;
}

export const SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000001";

/** The VM of every sample: a plain VM in RG-Apps. */
export const SAMPLE_VM: VmRef = {
  id: vmIdOf("vm-web-01"),
  name: "vm-web-01",
  resourceGroup: "RG-Apps",
  subscriptionId: SUBSCRIPTION_ID,
  location: "eastus",
  type: "virtualMachine",
};

/** A crash-consistent plan into a new collection, leaving out a disk whose name is not ASCII. */
export const CRASH_PLAN: RestorePointPlan = {
  ok: true,
  vm: { id: SAMPLE_VM.id, name: SAMPLE_VM.name, location: "eastus" },
  mode: "CrashConsistent",
  collection: { id: null, name: "rpc-vm-web-01", location: "eastus", create: true },
  restorePointName: "rp-crash-20300101-100000",
  captureDisks: [{ id: `${SAMPLE_VM.id}/disks/os`, name: "vm-web-01_OsDisk_1" }],
  excludeDisks: [{ id: `${SAMPLE_VM.id}/disks/ultra`, name: "données ☁", rule: "ultra-disk" }],
  armExcludeDisks: [{ id: `${SAMPLE_VM.id}/disks/ultra` }],
};

/** An application-consistent plan into the VM's existing collection, capturing every disk. */
export const APP_PLAN: RestorePointPlan = {
  ...CRASH_PLAN,
  mode: "ApplicationConsistent",
  collection: { id: `${SAMPLE_VM.id}-rpc`, name: "rpc-vm-web-01", location: "eastus", create: false },
  restorePointName: "rp-app-20300101-100000",
  captureDisks: [
    { id: `${SAMPLE_VM.id}/disks/os`, name: "vm-web-01_OsDisk_1" },
    { id: `${SAMPLE_VM.id}/disks/ultra`, name: "données ☁" },
  ],
  excludeDisks: [],
  armExcludeDisks: [],
};

export function confirmationPlanOf(plans: RestorePointPlan[], vm: VmRef = SAMPLE_VM): ConfirmationPlan {
  return structuredClone({ schemaVersion: PLAN_SCHEMA_VERSION, vm, plans });
}

export function jobPlanOf(plan: RestorePointPlan): JobPlan {
  return structuredClone({ schemaVersion: PLAN_SCHEMA_VERSION, plan });
}

export function buildConfirmation(overrides: Partial<Confirmation> = {}): Confirmation {
  const createdAt = overrides.createdAt ?? new Date("2030-01-01T10:00:00.123Z");
  return {
    id: uniqueId("conf"),
    platform: "slack",
    requestedBy: "slack:T123:U456",
    conversationKey: "slack:T123:C789:1700000000.000100",
    vmId: SAMPLE_VM.id,
    vmName: SAMPLE_VM.name,
    modes: ["ApplicationConsistent", "CrashConsistent"],
    plan: confirmationPlanOf([APP_PLAN, CRASH_PLAN]),
    createdAt,
    expiresAt: new Date(createdAt.getTime() + 15 * 60_000),
    state: "pending",
    ...overrides,
  };
}

export function buildJob(overrides: Partial<Job> = {}): Job {
  const createdAt = overrides.createdAt ?? new Date("2030-01-01T10:05:00.456Z");
  return {
    id: uniqueId("job"),
    vmId: SAMPLE_VM.id,
    vmName: SAMPLE_VM.name,
    subscriptionId: SUBSCRIPTION_ID,
    resourceGroup: SAMPLE_VM.resourceGroup,
    mode: "CrashConsistent",
    requestedBy: "teams:aad-object-id",
    platform: "teams",
    conversationKey: "teams:19:abc@thread.tacv2",
    state: "starting",
    collectionName: CRASH_PLAN.collection.name,
    plan: jobPlanOf(CRASH_PLAN),
    createdAt,
    updatedAt: createdAt,
    delivery: "none",
    ...overrides,
  };
}

/** Every optional job field set, so a round-trip proves each column is written and read. */
export function buildFullJob(overrides: Partial<Job> = {}): Job {
  return buildJob({
    confirmationId: uniqueId("conf"),
    requestedByName: "Åsa Öberg-Lind 🦊",
    messageRef: "activity-1",
    state: "running",
    collectionId: `${SAMPLE_VM.id}-rpc`,
    restorePointId: `${SAMPLE_VM.id}-rpc/restorePoints/rp-1`,
    restorePointName: "rp-1",
    pollerState: JSON.stringify({ status: "InProgress", config: { operationLocation: "https://x/op/1" } }),
    capturedDiskNames: ["vm-web-01_OsDisk_1", "données ☁"],
    errorCode: "arm-error",
    errorMessage: "ARM said no",
    finishedAt: new Date("2030-01-01T10:09:00.789Z"),
    notifiedAt: new Date("2030-01-01T10:09:01.001Z"),
    ...overrides,
  });
}

/**
 * How each dialect refuses a second row with the same primary key (SQLite's and PostgreSQL's own words), so
 * a duplicate is told apart from any other failure.
 */
export function duplicateIdError(table: "confirmations" | "jobs"): RegExp {
  return new RegExp(
    `UNIQUE constraint failed: ${table}\\.id|duplicate key value violates unique constraint "${table}_pkey"`,
  );
}

export function buildAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date("2030-01-01T10:00:00.000Z"),
    actor: "console:alice",
    action: "check",
    target: SAMPLE_VM.id,
    outcome: "allowed",
    ...overrides,
  };
}

let slot = 0;

/**
 * A moment later than anything stored so far by these tests (one day apart, from 2100 on), so a test that
 * lists "since" or "newest" sees only its own rows in a database the other tests share.
 */
export function freshEpoch(): number {
  slot += 1;
  return Date.UTC(2100, 0, 1) + slot * 86_400_000;
}
