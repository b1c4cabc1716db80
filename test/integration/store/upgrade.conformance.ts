/**
 * Upgrading in place: a database release 0.1 made (previous-release.ts) opens with today's store, which
 * migrates it, reads 0.1's rows as typed confirmations and jobs, and writes new rows beside them.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS, StoreError } from "../../../src/store/index.js";
import type { Store } from "../../../src/store/store.port.js";
import {
  insertReleaseV01Rows,
  type RawDatabase,
  UPGRADE_NOW,
  V01,
  V01_APP_PLAN,
  V01_CRASH_PLAN,
  V01_VM,
} from "./previous-release.js";
import { buildConfirmation, buildJob, uniqueId } from "./store-builders.js";

/** A database with only migration 1 applied, reachable directly and through today's store. */
export interface ReleaseV01Database extends RawDatabase {
  /** Opens it with today's store (which migrates it). */
  open(): Promise<Store>;
  close(): Promise<void>;
}

const BOTH_MODES = ["ApplicationConsistent", "CrashConsistent"];
const ALICE = { platform: "console", requestedBy: V01.requester, conversationKey: V01.conversation } as const;
const OF_VM = { vmId: V01_VM.id, vmName: V01_VM.name } as const;

const PENDING = {
  ...ALICE,
  ...OF_VM,
  id: V01.pending,
  modes: BOTH_MODES,
  plan: { schemaVersion: 1, vm: V01_VM, plans: [V01_APP_PLAN, V01_CRASH_PLAN] },
  createdAt: new Date("2026-11-25T06:09:00.000Z"),
  expiresAt: new Date("2026-11-25T06:19:00.000Z"),
  state: "pending",
};

const RUNNING = {
  ...ALICE,
  ...OF_VM,
  id: V01.running,
  confirmationId: V01.confirmed,
  subscriptionId: V01_VM.subscriptionId,
  resourceGroup: "rg-sql",
  mode: "CrashConsistent",
  messageRef: "msg-1",
  state: "running",
  collectionName: "rpc-vm-sql-01",
  collectionId: V01.runningCollectionId,
  restorePointId: V01.runningRestorePointId,
  restorePointName: "rp-crash-20261125-060934",
  pollerState: '{"status":"running"}',
  plan: { schemaVersion: 1, plan: V01_CRASH_PLAN },
  createdAt: new Date("2026-11-25T06:01:00.000Z"),
  updatedAt: new Date("2026-11-25T06:01:02.000Z"),
  delivery: "none",
};

export function describeUpgradeFromReleaseV01(name: string, create: () => Promise<ReleaseV01Database>): void {
  describe(`${name} database made by release 0.1`, () => {
    let db: ReleaseV01Database | undefined;
    let opened: Store | undefined;
    const legacy = (): ReleaseV01Database => db ?? fail("the 0.1 database was not made: see beforeAll");
    const store = (): Store => opened ?? fail("the store did not open: see beforeAll");

    beforeAll(async () => {
      db = await create();
      await insertReleaseV01Rows(db);
      opened = await db.open();
    });
    afterAll(async () => {
      await opened?.close();
      await db?.close();
    });

    it("is migrated to the current version; the job columns are filled and the old plans left as they were", async () => {
      const versions = await legacy().query("SELECT version FROM schema_migrations ORDER BY version");
      expect(versions.map((row) => Number(row.version))).toStrictEqual(MIGRATIONS.map((m) => m.version));
      const [row] = await legacy().query(
        "SELECT plan, resource_group, collection_name, captured_disk_names FROM jobs WHERE id = $1",
        [V01.running],
      );
      expect(row).toMatchObject({ resource_group: "rg-sql", collection_name: "rpc-vm-sql-01" });
      expect(row?.captured_disk_names).toBeNull();
      expect(JSON.parse(String(row?.plan))).toStrictEqual({ ...V01_CRASH_PLAN, resourceGroup: "rg-sql" });
    });

    it("reads 0.1's confirmations as typed confirmations", async () => {
      expect(await store().confirmations.get(V01.pending)).toStrictEqual(PENDING);
      expect(await store().confirmations.get(V01.confirmed)).toStrictEqual({
        ...PENDING,
        id: V01.confirmed,
        createdAt: new Date("2026-11-25T06:00:00.000Z"),
        expiresAt: new Date("2026-11-25T06:10:00.000Z"),
        state: "confirmed",
        decidedAt: new Date("2026-11-25T06:01:00.000Z"),
        decidedBy: V01.requester,
        mode: "CrashConsistent",
        jobId: V01.running,
        messageRef: "msg-1",
      });
    });

    it("reads 0.1's jobs with their resource group, collection name, mode and typed plan", async () => {
      expect(await store().jobs.get(V01.running)).toStrictEqual(RUNNING);
      expect(await store().jobs.get(V01.succeeded)).toMatchObject({
        resourceGroup: "rg-sql",
        collectionName: "rpc-vm-sql-01",
        collectionId: V01_APP_PLAN.collection.id,
        mode: "ApplicationConsistent",
        state: "succeeded",
        plan: { schemaVersion: 1, plan: V01_APP_PLAN },
        notifiedAt: new Date("2026-11-24T06:05:01.000Z"),
        // Told before the outbox existed: counted as notified, so nobody is told twice.
        delivery: "notified",
      });
      expect(await store().jobs.listUnfinished()).toStrictEqual([RUNNING]);
      // 0.1 decided the confirmation without linking its job: the job is found by the confirmation's id.
      expect(await store().jobs.findForConfirmation(V01.confirmed)).toStrictEqual(RUNNING);
      expect(await store().jobs.findActiveForVm(V01_VM.id.toUpperCase())).toStrictEqual(RUNNING);
    });

    it("takes the resource group from the VM id when the old plan has none", async () => {
      const job = await store().jobs.get(V01.withoutGroup);
      expect(job).toMatchObject({
        resourceGroup: "RG-Legacy",
        collectionName: "rpc-vm-sql-01",
        state: "failed",
      });
      expect(Object.keys(job?.plan.plan ?? {})).not.toContain("resourceGroup");
    });

    it("reports a 0.1 job it cannot read, by its id, and still lists the others", async () => {
      const reading = store().jobs.get(V01.withoutPlan);
      await expect(reading).rejects.toBeInstanceOf(StoreError);
      await expect(reading).rejects.toThrow(
        `Job "${V01.withoutPlan}" has no collection name: the stored row is incomplete.`,
      );
      const alices = await store().jobs.listRecent({ requestedBy: V01.requester, limit: 10 });
      expect(alices.map((job) => job.id)).toStrictEqual([V01.running, V01.succeeded, V01.withoutGroup]);
    });

    it("takes new writes beside the old rows", async () => {
      expect(
        await store().confirmations.findPending(V01.requester, V01.conversation, UPGRADE_NOW),
      ).toStrictEqual(PENDING);
      const decided = await store().confirmations.decide(V01.pending, {
        state: "confirmed",
        by: V01.requester,
        at: UPGRADE_NOW,
        mode: "ApplicationConsistent",
        jobId: "job-new",
      });
      expect(decided).toMatchObject({
        decided: true,
        confirmation: { state: "confirmed", plan: PENDING.plan },
      });

      const captured = ["vm-sql-01_OsDisk_1", "vm-sql-01-data"];
      const done = await store().jobs.finish(
        V01.running,
        { state: "succeeded", capturedDiskNames: captured },
        "outbox",
        UPGRADE_NOW,
      );
      expect(await store().jobs.get(V01.running)).toStrictEqual(done);
      expect(done).toMatchObject({
        state: "succeeded",
        capturedDiskNames: captured,
        resourceGroup: "rg-sql",
        delivery: "outbox",
      });
      expect(await store().outbox.get(V01.running)).toMatchObject({
        state: "pending",
        platform: RUNNING.platform,
      });

      // Migration 4's columns: new rows name their requester, beside 0.1's rows that have no name.
      const confirmation = buildConfirmation({ requestedByName: "Alice Doe" });
      const job = buildJob({ requestedByName: "Alice Doe" });
      await store().confirmations.create(confirmation);
      await store().jobs.create(job);
      expect(await store().confirmations.get(confirmation.id)).toStrictEqual(confirmation);
      expect(await store().jobs.get(job.id)).toStrictEqual(job);
      const [row] = await legacy().query("SELECT plan FROM jobs WHERE id = $1", [job.id]);
      expect(JSON.parse(String(row?.plan))).toMatchObject({ schemaVersion: 1 });
    });

    it("refuses a job row without a resource group now that it is a NOT NULL column", async () => {
      const id = uniqueId("job-null-group");
      await expect(
        legacy().query(
          `INSERT INTO jobs (id, vm_id, vm_name, subscription_id, mode, requested_by, platform, conversation_key,
             state, created_at, updated_at, resource_group, collection_name, delivery)
           VALUES ($1, 'vm', 'vm', 'sub', 'CrashConsistent', 'x', 'console', 'k', 'starting', 0, 0, NULL, 'c', 'none')`,
          [id],
        ),
      ).rejects.toThrow(
        /NOT NULL constraint failed: jobs\.resource_group|"resource_group".*violates not-null/,
      );
    });

    it("reports a plan written by a newer release, by the row's id", async () => {
      const job = buildJob();
      const confirmation = buildConfirmation();
      await store().jobs.create(job);
      await store().confirmations.create(confirmation);
      const newer = JSON.stringify({ schemaVersion: 2, anything: true });
      await legacy().query("UPDATE jobs SET plan = $2 WHERE id = $1", [job.id, newer]);
      await legacy().query("UPDATE confirmations SET plan = $2 WHERE id = $1", [confirmation.id, newer]);
      const newerRelease =
        "was written by a newer release (plan schema version 2; this release reads up to 1).";
      await expect(store().jobs.get(job.id)).rejects.toThrow(
        `The stored plan of job "${job.id}" ${newerRelease}`,
      );
      await expect(store().confirmations.get(confirmation.id)).rejects.toThrow(
        `The stored plan of confirmation "${confirmation.id}" ${newerRelease}`,
      );
    });
  });
}

function fail(message: string): never {
  throw new Error(message);
}
