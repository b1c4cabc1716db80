/**
 * Upgrading a database at migration 4 (the release before runs) to migration 5: the audit log keeps its
 * entries, their ids and their order, and takes "delete" only from then on; jobs keep their rows and gain a
 * run; run rows are written with their items in one transaction, and a run row that cannot be read says which.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS, StoreError } from "../../../src/store/index.js";
import type { AuditEntry, Store } from "../../../src/store/store.port.js";
import type { RawDatabase } from "./previous-release.js";
import { buildDeleteRun, buildMemberJob, buildRun } from "./run-builders.js";
import { buildAuditEntry, buildJob, freshEpoch } from "./store-builders.js";

/** A database migrated up to some version, reachable directly and through today's store. */
export interface MigratedDatabase extends RawDatabase {
  /** Opens it with today's store (which migrates it the rest of the way). */
  open(): Promise<Store>;
  close(): Promise<void>;
}

const INSERT_AUDIT = `
INSERT INTO audit_log (at, actor, action, target, outcome, details) VALUES ($1, $2, $3, $4, $5, $6)`;

/** The jobs INSERT of the release at migration 4 (without run_id), with its columns. */
const INSERT_JOB_V4 = `
INSERT INTO jobs (id, vm_id, vm_name, subscription_id, mode, requested_by, platform, conversation_key, state,
  plan, created_at, updated_at, resource_group, collection_name, delivery, requested_by_name)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`;

const CHECK_REFUSED = /CHECK constraint failed|violates check constraint "audit_log_action_check"/;

export function describeUpgradeFromMigration4(name: string, create: () => Promise<MigratedDatabase>): void {
  describe(`${name} database at migration 4`, () => {
    let db: MigratedDatabase | undefined;
    let opened: Store | undefined;
    let refusedBefore: unknown;
    const raw = (): MigratedDatabase => db ?? fail("the database was not made: see beforeAll");
    const store = (): Store => opened ?? fail("the store did not open: see beforeAll");

    const base = freshEpoch();
    const entries: AuditEntry[] = [
      buildAuditEntry({ at: new Date(base), action: "create", details: { mode: "CrashConsistent" } }),
      // Same millisecond as the next one: only the id keeps them in order.
      buildAuditEntry({ at: new Date(base + 1), actor: "system", action: "result", outcome: "first" }),
      buildAuditEntry({ at: new Date(base + 1), action: "deny", outcome: "second" }),
    ];
    /** Written and deleted before the upgrade: its id must never be given out again. */
    const removed = buildAuditEntry({ at: new Date(base + 2), outcome: "removed" });
    const job = buildJob({ requestedByName: "Alice Doe", state: "running" });
    let idsBefore: number[] = [];

    beforeAll(async () => {
      db = await create();
      for (const entry of [...entries, removed]) await db.query(INSERT_AUDIT, auditParams(entry));
      await db.query("DELETE FROM audit_log WHERE outcome = 'removed'");
      idsBefore = (await db.query("SELECT id FROM audit_log ORDER BY id")).map((row) => Number(row.id));
      await db.query(INSERT_JOB_V4, [
        job.id,
        job.vmId,
        job.vmName,
        job.subscriptionId,
        job.mode,
        job.requestedBy,
        job.platform,
        job.conversationKey,
        job.state,
        JSON.stringify(job.plan),
        job.createdAt.getTime(),
        job.updatedAt.getTime(),
        job.resourceGroup,
        job.collectionName,
        job.delivery,
        job.requestedByName ?? null,
      ]);
      refusedBefore = await db
        .query(INSERT_AUDIT, auditParams(buildAuditEntry({ at: new Date(base + 3), action: "delete" })))
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      opened = await db.open();
    });
    afterAll(async () => {
      await opened?.close();
      await db?.close();
    });

    it("refused an audit entry with action delete before the upgrade", () => {
      expect(refusedBefore).toBeInstanceOf(Error);
      expect(String(refusedBefore)).toMatch(CHECK_REFUSED);
    });

    it("is migrated to the current version with its audit entries, their ids and order, and its jobs", async () => {
      const versions = await raw().query("SELECT version FROM schema_migrations ORDER BY version");
      expect(versions.map((row) => Number(row.version))).toStrictEqual(MIGRATIONS.map((m) => m.version));
      const ids = (await raw().query("SELECT id FROM audit_log ORDER BY id")).map((row) => Number(row.id));
      expect(ids).toStrictEqual(idsBefore);
      expect(await store().audit.list({ since: new Date(base) })).toStrictEqual(entries);
      expect(await store().jobs.get(job.id)).toStrictEqual(job);
      expect(await store().jobs.listUnfinished()).toContainEqual(job);
    });

    it("takes an audit entry with action delete after the old ones, never reusing an id", async () => {
      // At the same millisecond as the last old entry: it must still list after it.
      const deleted = buildAuditEntry({
        at: new Date(base + 1),
        action: "delete",
        outcome: "awaiting confirmation",
      });
      await store().audit.append(deleted);
      expect(await store().audit.list({ since: new Date(base) })).toStrictEqual([...entries, deleted]);
      const [row] = await raw().query("SELECT max(id) AS id FROM audit_log");
      expect(Number(row?.id)).toBeGreaterThan(Math.max(...idsBefore) + 1);
      await expect(
        raw().query(INSERT_AUDIT, auditParams(buildAuditEntry({ action: "erase" as AuditEntry["action"] }))),
      ).rejects.toThrow(CHECK_REFUSED);
    });

    it("writes runs beside the old rows, and member jobs with their run", async () => {
      const run = buildRun();
      await store().runs.create(run);
      await store().runs.decide(run.id, { state: "running", by: run.requestedBy, at: run.createdAt });
      const member = buildMemberJob(run, 0);
      expect(await store().jobs.createForRun(member)).toBe("created");
      expect(await store().jobs.listForRun(run.id)).toStrictEqual([member]);
      const [row] = await raw().query("SELECT run_id FROM jobs WHERE id = $1", [member.id]);
      expect(row?.run_id).toBe(run.id);
    });

    it("writes a delete run and its items together, or neither", async () => {
      const run = buildDeleteRun();
      // An item already there for this run's id: the third item's insert fails, and the run with it.
      await raw().query(
        "INSERT INTO run_items (run_id, position, state, updated_at) VALUES ($1, 2, 'deleted', 0)",
        [run.id],
      );
      await expect(store().runs.create(run)).rejects.toThrow(/UNIQUE constraint failed|duplicate key value/);
      expect(await store().runs.get(run.id)).toBeUndefined();
      expect((await store().runs.items(run.id)).map((item) => item.position)).toStrictEqual([2]);
    });

    it("reports a run row it cannot read as a StoreError naming the run", async () => {
      const run = buildRun();
      await store().runs.create(run);
      const setBody = (body: string) =>
        raw().query("UPDATE runs SET body = $2 WHERE id = $1", [run.id, body]);
      await setBody("{not json");
      await expect(store().runs.get(run.id)).rejects.toBeInstanceOf(StoreError);
      await expect(store().runs.get(run.id)).rejects.toThrow(
        `The stored body of run "${run.id}" is not valid JSON`,
      );
      await setBody(JSON.stringify({ ...run.body, schemaVersion: 2 }));
      await expect(store().runs.get(run.id)).rejects.toThrow(
        `The stored body of run "${run.id}" was written by a newer release (run schema version 2; this release reads up to 1).`,
      );
      await setBody(JSON.stringify({ ...run.body, members: [{ vm: { id: "x" } }] }));
      await expect(
        store().runs.findPending(run.requestedBy, run.conversationKey, run.createdAt),
      ).rejects.toThrow(
        `The stored body of run "${run.id}" cannot be read: body.members[0].vm.name is missing, expected text.`,
      );
    });
  });
}

function auditParams(entry: AuditEntry): (string | number | null)[] {
  const details = entry.details === undefined ? null : JSON.stringify(entry.details);
  return [entry.at.getTime(), entry.actor, entry.action, entry.target, entry.outcome, details];
}

function fail(message: string): never {
  throw new Error(message);
}
