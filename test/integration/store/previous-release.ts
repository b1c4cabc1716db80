/**
 * A database as release 0.1 left it: only migration 1 applied, and rows written by 0.1's own statements
 * with 0.1's plan shapes. The shapes and statements are copied literally from that release (create.dialog.ts
 * offerPlans: `plan: { vm, plans }`; job-runner.ts createJob: `plan: { ...plan, resourceGroup }`;
 * sql-confirmation-store.ts and sql-job-store.ts INSERT), so a change to today's code cannot change them.
 */

import type { SqlParam, SqlRow } from "../../../src/store/sql/sql-database.port.js";

export interface RawDatabase {
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
}

/** The moment the upgraded bot looks at the rows: the pending confirmation has not expired yet. */
export const UPGRADE_NOW = new Date("2026-11-25T06:10:00.000Z");

const SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
const VM_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-sql/providers/Microsoft.Compute/virtualMachines/vm-sql-01`;

/** 0.1's VmRef (src/azure/vm-ref.ts), as resolve() returned it. */
export const V01_VM = {
  id: VM_ID,
  name: "vm-sql-01",
  resourceGroup: "rg-sql",
  subscriptionId: SUBSCRIPTION,
  location: "eastus",
  type: "virtualMachine",
} as const;

/** 0.1's RestorePointPlan (src/core/plan.ts) for a crash-consistent point into a new collection. */
export const V01_CRASH_PLAN = {
  ok: true,
  vm: { id: VM_ID, name: "vm-sql-01", location: "eastus" },
  mode: "CrashConsistent",
  collection: { id: null, name: "rpc-vm-sql-01", location: "eastus", create: true },
  restorePointName: "rp-crash-20261125-060934",
  captureDisks: [
    { id: `${VM_ID}-disks/vm-sql-01_OsDisk_1`, name: "vm-sql-01_OsDisk_1" },
    { id: `${VM_ID}-disks/vm-sql-01-data`, name: "vm-sql-01-data" },
  ],
  excludeDisks: [
    { id: `${VM_ID}-disks/vm-sql-01-log-ultra`, name: "vm-sql-01-log-ultra", rule: "ultra-disk" },
  ],
  armExcludeDisks: [{ id: `${VM_ID}-disks/vm-sql-01-log-ultra` }],
} as const;

/** The application-consistent plan offered beside it, into the collection that exists by then. */
export const V01_APP_PLAN = {
  ok: true,
  vm: { id: VM_ID, name: "vm-sql-01", location: "eastus" },
  mode: "ApplicationConsistent",
  collection: {
    id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-sql/providers/Microsoft.Compute/restorePointCollections/rpc-vm-sql-01`,
    name: "rpc-vm-sql-01",
    location: "eastus",
    create: false,
  },
  restorePointName: "rp-app-20261125-061000",
  captureDisks: [
    { id: `${VM_ID}-disks/vm-sql-01_OsDisk_1`, name: "vm-sql-01_OsDisk_1" },
    { id: `${VM_ID}-disks/vm-sql-01-data`, name: "vm-sql-01-data" },
    { id: `${VM_ID}-disks/vm-sql-01-log-ultra`, name: "vm-sql-01-log-ultra" },
  ],
  excludeDisks: [],
  armExcludeDisks: [],
} as const;

/** 0.1's INSERT statements, verbatim. */
const V01_INSERT_CONFIRMATION = `
INSERT INTO confirmations (id, platform, requested_by, conversation_key, vm_id, vm_name, modes, plan,
  created_at, expires_at, state, decided_at, decided_by, mode, job_id, message_ref)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`;

const V01_INSERT_JOB = `
INSERT INTO jobs (id, confirmation_id, vm_id, vm_name, subscription_id, mode, requested_by, platform,
  conversation_key, message_ref, state, collection_id, restore_point_id, restore_point_name, poller_state,
  plan, error_code, error_message, created_at, updated_at, finished_at, notified_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`;

const ms = (iso: string): number => Date.parse(iso);
const CONSOLE = "console:alice";
const CONVERSATION = "console:alice@host";

/** The ids of the rows below, for the assertions. */
export const V01 = {
  pending: "conf-v01-pending",
  confirmed: "conf-v01-confirmed",
  running: "job-v01-running",
  succeeded: "job-v01-succeeded",
  /** Job.plan was untyped in 0.1; this row's plan lacks resourceGroup, so the VM id must supply it. */
  withoutGroup: "job-v01-without-group",
  /** 0.1 let Job.plan be absent: the row cannot be read now, and must say so. */
  withoutPlan: "job-v01-without-plan",
  conversation: CONVERSATION,
  requester: CONSOLE,
  runningCollectionId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-sql/providers/Microsoft.Compute/restorePointCollections/rpc-vm-sql-01`,
  runningRestorePointId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-sql/providers/Microsoft.Compute/restorePointCollections/rpc-vm-sql-01/restorePoints/rp-crash-20261125-060934`,
} as const;

const SHOWN = JSON.stringify({ vm: V01_VM, plans: [V01_APP_PLAN, V01_CRASH_PLAN] });
const BOTH_MODES = JSON.stringify(["ApplicationConsistent", "CrashConsistent"]);

/** The column lists of the INSERTs above, in order; a row leaves out the columns 0.1 wrote as NULL. */
const CONFIRMATION_COLUMNS = [
  "id",
  "platform",
  "requested_by",
  "conversation_key",
  "vm_id",
  "vm_name",
  "modes",
  "plan",
  "created_at",
  "expires_at",
  "state",
  "decided_at",
  "decided_by",
  "mode",
  "job_id",
  "message_ref",
] as const;
const JOB_COLUMNS = [
  "id",
  "confirmation_id",
  "vm_id",
  "vm_name",
  "subscription_id",
  "mode",
  "requested_by",
  "platform",
  "conversation_key",
  "message_ref",
  "state",
  "collection_id",
  "restore_point_id",
  "restore_point_name",
  "poller_state",
  "plan",
  "error_code",
  "error_message",
  "created_at",
  "updated_at",
  "finished_at",
  "notified_at",
] as const;
type Row<C extends readonly string[]> = Partial<Record<C[number], SqlParam>>;

const BY_ALICE = { platform: "console", requested_by: CONSOLE, conversation_key: CONVERSATION } as const;
const OF_VM = { vm_id: VM_ID, vm_name: "vm-sql-01" } as const;

const CONFIRMATIONS: Row<typeof CONFIRMATION_COLUMNS>[] = [
  {
    ...BY_ALICE,
    ...OF_VM,
    id: V01.pending,
    modes: BOTH_MODES,
    plan: SHOWN,
    state: "pending",
    created_at: ms("2026-11-25T06:09:00.000Z"),
    expires_at: ms("2026-11-25T06:19:00.000Z"),
  },
  {
    ...BY_ALICE,
    ...OF_VM,
    id: V01.confirmed,
    modes: BOTH_MODES,
    plan: SHOWN,
    state: "confirmed",
    created_at: ms("2026-11-25T06:00:00.000Z"),
    expires_at: ms("2026-11-25T06:10:00.000Z"),
    decided_at: ms("2026-11-25T06:01:00.000Z"),
    decided_by: CONSOLE,
    mode: "CrashConsistent",
    job_id: V01.running,
    message_ref: "msg-1",
  },
];

const JOBS: Row<typeof JOB_COLUMNS>[] = [
  {
    ...BY_ALICE,
    ...OF_VM,
    id: V01.running,
    confirmation_id: V01.confirmed,
    subscription_id: SUBSCRIPTION,
    mode: "CrashConsistent",
    message_ref: "msg-1",
    state: "running",
    collection_id: V01.runningCollectionId,
    restore_point_id: V01.runningRestorePointId,
    restore_point_name: "rp-crash-20261125-060934",
    poller_state: '{"status":"running"}',
    plan: JSON.stringify({ ...V01_CRASH_PLAN, resourceGroup: "rg-sql" }),
    created_at: ms("2026-11-25T06:01:00.000Z"),
    updated_at: ms("2026-11-25T06:01:02.000Z"),
  },
  {
    ...BY_ALICE,
    ...OF_VM,
    id: V01.succeeded,
    subscription_id: SUBSCRIPTION,
    mode: "ApplicationConsistent",
    state: "succeeded",
    collection_id: V01_APP_PLAN.collection.id,
    restore_point_id: `${V01_APP_PLAN.collection.id}/restorePoints/rp-app-20261125-061000`,
    restore_point_name: "rp-app-20261125-061000",
    plan: JSON.stringify({ ...V01_APP_PLAN, resourceGroup: "rg-sql" }),
    created_at: ms("2026-11-24T06:00:00.000Z"),
    updated_at: ms("2026-11-24T06:05:00.000Z"),
    finished_at: ms("2026-11-24T06:05:00.000Z"),
    notified_at: ms("2026-11-24T06:05:01.000Z"),
  },
  {
    ...BY_ALICE,
    ...OF_VM,
    id: V01.withoutGroup,
    subscription_id: SUBSCRIPTION,
    mode: "CrashConsistent",
    vm_id: VM_ID.replace("/resourceGroups/rg-sql/", "/resourcegroups/RG-Legacy/"),
    state: "failed",
    restore_point_name: "rp-crash-20261120-000000",
    plan: JSON.stringify(V01_CRASH_PLAN),
    error_code: "arm-error",
    error_message: "Quota exceeded",
    created_at: ms("2026-11-20T00:00:00.000Z"),
    updated_at: ms("2026-11-20T00:00:05.000Z"),
    finished_at: ms("2026-11-20T00:00:05.000Z"),
  },
  {
    ...OF_VM,
    id: V01.withoutPlan,
    platform: "console",
    requested_by: "console:mallory",
    conversation_key: "console:mallory@host",
    subscription_id: SUBSCRIPTION,
    mode: "CrashConsistent",
    state: "failed",
    error_code: "arm-error",
    error_message: "Refused",
    created_at: ms("2026-11-19T00:00:00.000Z"),
    updated_at: ms("2026-11-19T00:00:01.000Z"),
    finished_at: ms("2026-11-19T00:00:01.000Z"),
  },
];

function paramsOf<C extends readonly string[]>(columns: C, row: Row<C>): SqlParam[] {
  return columns.map((column) => row[column as C[number]] ?? null);
}

export async function insertReleaseV01Rows(db: RawDatabase): Promise<void> {
  for (const row of CONFIRMATIONS)
    await db.query(V01_INSERT_CONFIRMATION, paramsOf(CONFIRMATION_COLUMNS, row));
  for (const row of JOBS) await db.query(V01_INSERT_JOB, paramsOf(JOB_COLUMNS, row));
}
