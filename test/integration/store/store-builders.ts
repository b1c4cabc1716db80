/** Valid store records with every field filled (or only the required ones), one override away from a test case. */

import { randomUUID } from "node:crypto";
import type { AuditEntry, Confirmation, Job } from "../../../src/store/store.port.js";

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function vmIdOf(name: string): string {
  return `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/RG-Apps/providers/Microsoft.Compute/virtualMachines/${name}`;
}

/** A plan as the dialogs would store it: nested objects, arrays, unicode, numbers, booleans and nulls. */
export const SAMPLE_PLAN = {
  mode: "CrashConsistent",
  captured: [{ id: "/disks/os", name: "os-disk", lun: null }],
  excluded: [{ id: "/disks/ultra", name: "données ☁", rule: "ultra-disk" }],
  sizeGb: 128.5,
  shared: false,
};

export function buildConfirmation(overrides: Partial<Confirmation> = {}): Confirmation {
  const createdAt = overrides.createdAt ?? new Date("2030-01-01T10:00:00.123Z");
  return {
    id: uniqueId("conf"),
    platform: "slack",
    requestedBy: "slack:T123:U456",
    conversationKey: "slack:T123:C789:1700000000.000100",
    vmId: vmIdOf("vm-web-01"),
    vmName: "vm-web-01",
    modes: ["ApplicationConsistent", "CrashConsistent"],
    plan: SAMPLE_PLAN,
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
    vmId: vmIdOf("vm-web-01"),
    vmName: "vm-web-01",
    subscriptionId: "00000000-0000-0000-0000-000000000001",
    mode: "CrashConsistent",
    requestedBy: "teams:aad-object-id",
    platform: "teams",
    conversationKey: "teams:19:abc@thread.tacv2",
    state: "starting",
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** Every optional job field set, so a round-trip proves each column is written and read. */
export function buildFullJob(overrides: Partial<Job> = {}): Job {
  return buildJob({
    confirmationId: uniqueId("conf"),
    messageRef: "activity-1",
    state: "running",
    collectionId: `${vmIdOf("vm-web-01")}-rpc`,
    restorePointId: `${vmIdOf("vm-web-01")}-rpc/restorePoints/rp-1`,
    restorePointName: "rp-1",
    pollerState: JSON.stringify({ status: "InProgress", config: { operationLocation: "https://x/op/1" } }),
    plan: SAMPLE_PLAN,
    errorCode: "arm-error",
    errorMessage: "ARM said no",
    finishedAt: new Date("2030-01-01T10:09:00.789Z"),
    notifiedAt: new Date("2030-01-01T10:09:01.001Z"),
    ...overrides,
  });
}

export function buildAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date("2030-01-01T10:00:00.000Z"),
    actor: "console:alice",
    action: "check",
    target: vmIdOf("vm-web-01"),
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
