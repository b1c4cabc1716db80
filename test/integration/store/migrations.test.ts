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
