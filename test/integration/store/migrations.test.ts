/**
 * The migration list itself. Released migrations are pinned by hash: the upgrade tests build "a database
 * made by release 0.1" by running migration 1, which is only faithful while migration 1 is the one 0.1
 * shipped. Append a migration instead of editing one, and pin it here once it is released.
 */

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../../src/store/index.js";
import { pendingMigrations } from "../../../src/store/migrations.js";

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** As release 0.1 shipped them. */
const RELEASED = [
  {
    version: 1,
    sqlite: "54f08a23af11b5e3e4d2979cb5347c74663097a02cf60e215829ed60235cdc2f",
    postgres: "92968eac66b4178c3bc921cb34f8b1873c571be1ce0a7330cd9d39b8e100dc3c",
  },
  {
    version: 2,
    sqlite: "b1a522936e3f4eca16a1b70e85a12c8e5efc554b77162915c375c8a8f86eabab",
    postgres: "85a101ce3be61631c30b4759bf8ca1138f33a8488c1c40cc55c5a2c5291b85b8",
  },
  {
    version: 3,
    sqlite: "3eaae987ab70071528da48e45f66c440b6460d7a111804d81b64bed6cfe23b66",
    postgres: "32c72ef6a101ea0dd92c35de2731e5336882029250a7b037ca00ef585d41e489",
  },
  {
    version: 4,
    sqlite: "601b702bd8a614af4ef18a7a68cbfdeacbc54d02e6e2f1f5f353cf1e376206fa",
    postgres: "601b702bd8a614af4ef18a7a68cbfdeacbc54d02e6e2f1f5f353cf1e376206fa",
  },
  // Migration 5 (runs, run items, jobs.run_id, audit action delete) ships with this release.
  {
    version: 5,
    sqlite: "33dffd1955788970fcb4252444646eb95a3dfa82343bcde65a2752cd86ccdfc1",
    postgres: "65e9faeddf8dc8f5ad7ed9baecae3e50f8af1c9ba7cc8cbb643d0e1db5479b38",
  },
];

describe("migrations", () => {
  it("keep every released migration exactly as it shipped", () => {
    for (const released of RELEASED) {
      const migration = MIGRATIONS.find((candidate) => candidate.version === released.version);
      expect(
        migration && { sqlite: sha256(migration.sqlite), postgres: sha256(migration.postgres) },
      ).toStrictEqual({
        sqlite: released.sqlite,
        postgres: released.postgres,
      });
    }
  });

  it("are numbered 1, 2, ... without gaps, each with a name", () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toStrictEqual(
      MIGRATIONS.map((_, index) => index + 1),
    );
    for (const migration of MIGRATIONS) expect(migration.name).not.toBe("");
  });

  it("leave to apply only what a database has not recorded, in order", () => {
    expect(pendingMigrations(new Set([1])).map((migration) => migration.version)).toStrictEqual(
      MIGRATIONS.slice(1).map((migration) => migration.version),
    );
    expect(pendingMigrations(new Set(MIGRATIONS.map((migration) => migration.version)))).toStrictEqual([]);
  });
});
