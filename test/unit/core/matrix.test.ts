/** The support matrix covers the seed: its rows as facts (support-matrix-rows.ts), one entry or more per row, known codes. */
import { describe, expect, it } from "vitest";
import {
  ADVISORY_CODES,
  BLOCKER_CODES,
  BLOCKER_ORDER,
  DEFAULT_LIMITS,
  EXCLUSION_CODES,
  type MatrixEntry,
  SUPPORT_MATRIX,
  SUPPORT_MATRIX_ROWS,
  SUPPORTED_SCENARIO_CODES,
  type SupportMatrixRow,
} from "../../../src/core/index.js";

const HOUR_MS = 3_600_000;
const rowsIn = (section: SupportMatrixRow["section"]) =>
  SUPPORT_MATRIX_ROWS.filter((row) => row.section === section);
const entriesOf = (rowId: string) => SUPPORT_MATRIX.filter((entry) => entry.row === rowId);
function rowWithId(id: string): SupportMatrixRow {
  const row = SUPPORT_MATRIX_ROWS.find((candidate) => candidate.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

describe("the seed's rows (support-matrix-rows.ts)", () => {
  it("lists the seed's sections: 38 table rows, the OS lists, 8 other limitations, 3 cross-region notes", () => {
    expect(rowsIn("table")).toHaveLength(38);
    expect(rowsIn("os-application-consistency")).toHaveLength(1);
    expect(rowsIn("windows")).toHaveLength(9);
    expect(rowsIn("linux")).toHaveLength(6);
    expect(rowsIn("os-crash-consistency")).toHaveLength(1);
    expect(rowsIn("other-limitations")).toHaveLength(8);
    expect(rowsIn("cross-region-preview")).toHaveLength(3);
    expect(SUPPORT_MATRIX_ROWS).toHaveLength(66);
  });

  it("gives each row a unique id and a short name, not a sentence", () => {
    const ids = SUPPORT_MATRIX_ROWS.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of SUPPORT_MATRIX_ROWS) {
      expect(row.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(row.name.length).toBeGreaterThan(5);
      expect(row.name.length).toBeLessThanOrEqual(80);
      expect(row.name).not.toMatch(/\.$/);
    }
  });

  it("gives every table row its answer as a fact, and no other row one", () => {
    for (const row of SUPPORT_MATRIX_ROWS) {
      if (row.section === "table") expect(row.verdict?.length).toBeGreaterThan(0);
      else expect(row.verdict).toBeUndefined();
    }
    expect(rowWithId("managed-disks").verdict).toBe("yes");
    expect(rowWithId("unmanaged-disks").verdict).toBe("no");
    expect(rowWithId("ultra-disks").verdict).toBe("yes for application only");
    expect(rowWithId("premium-ssd-v2-disks").verdict).toBe("yes for application only");
    expect(rowWithId("confidential-vms").verdict).toBe("no");
    expect(rowWithId("vmss-uniform").verdict).toBe("no");
  });

  it("states the seed's limits as DEFAULT_LIMITS has them: 3 h, 1 h, 500 and 10,000", () => {
    expect(rowWithId("minimum-interval-application")).toMatchObject({
      verdict: "3 hours",
      limit: { kind: "minimum-interval", mode: "ApplicationConsistent", hours: 3 },
    });
    expect(rowWithId("minimum-interval-crash")).toMatchObject({
      verdict: "1 hour",
      limit: { kind: "minimum-interval", mode: "CrashConsistent", hours: 1 },
    });
    expect(DEFAULT_LIMITS.applicationConsistentIntervalMs).toBe(3 * HOUR_MS);
    expect(DEFAULT_LIMITS.crashConsistentIntervalMs).toBe(1 * HOUR_MS);
    expect(rowWithId("restore-points-per-vm").limit).toEqual({ kind: "restore-points-per-vm", maximum: 500 });
    expect(DEFAULT_LIMITS.maxRestorePointsPerVm).toBe(500);
    expect(rowWithId("collections-per-subscription-region").limit).toEqual({
      kind: "collections-per-subscription-region",
      maximum: 10_000,
    });
    expect(DEFAULT_LIMITS.maxCollectionsPerSubscriptionRegion).toBe(10_000);
  });

  it("says 2021-03-01 (application) and 2021-07-01 (crash) in the table, 2021-03-01 for both elsewhere", () => {
    const apiVersions = SUPPORT_MATRIX_ROWS.flatMap((row) =>
      row.limit?.kind === "api-version" ? [[row.section, row.limit.mode, row.limit.minimum]] : [],
    );
    expect(apiVersions).toEqual([
      ["table", "ApplicationConsistent", "2021-03-01"],
      ["table", "CrashConsistent", "2021-07-01"],
      ["other-limitations", "ApplicationConsistent", "2021-03-01"],
      ["other-limitations", "CrashConsistent", "2021-03-01"],
    ]);
    expect(rowWithId("api-version-application").verdict).toBe("2021-03-01 or later");
    expect(rowWithId("api-version-crash").verdict).toBe("2021-07-01 or later");
  });
});

describe("the support matrix covers the seed's rows", () => {
  it.each(SUPPORT_MATRIX_ROWS.map((row) => [row.id, row]))("has an entry for row %s", (_id, row) => {
    expect(entriesOf(row.id).length).toBeGreaterThan(0);
  });

  it("has exactly one entry per table row", () => {
    for (const row of rowsIn("table")) expect(entriesOf(row.id)).toHaveLength(1);
  });

  it("names a listed row for every seed entry, and none for newer guidance", () => {
    const ids = new Set<string>(SUPPORT_MATRIX_ROWS.map((row) => row.id));
    for (const entry of SUPPORT_MATRIX) {
      expect(["seed", "newer-microsoft-doc"]).toContain(entry.source);
      if (entry.source === "seed") expect(ids.has(entry.row ?? "")).toBe(true);
      else expect(entry.row).toBeNull();
    }
    expect(SUPPORT_MATRIX.filter((entry) => entry.source === "newer-microsoft-doc")).toHaveLength(5);
  });

  it("uses only known rule codes, and every blocker, exclusion and advisory code has a row", () => {
    const codes = [...BLOCKER_CODES, ...EXCLUSION_CODES, ...ADVISORY_CODES, ...SUPPORTED_SCENARIO_CODES];
    const known = new Set<string>(codes);
    const used = new Set<string>(SUPPORT_MATRIX.map((entry) => entry.rule));
    for (const rule of used) expect(known.has(rule)).toBe(true);
    for (const rule of codes) expect(used.has(rule)).toBe(true);
  });

  it("orders every blocker code once in BLOCKER_ORDER", () => {
    expect([...BLOCKER_ORDER].sort()).toEqual([...BLOCKER_CODES].sort());
  });

  it("gives both frequency rows the too-soon code", () => {
    const frequency = [...entriesOf("minimum-interval-application"), ...entriesOf("minimum-interval-crash")];
    expect(frequency.map((entry) => entry.rule)).toEqual(["too-soon", "too-soon"]);
  });

  it("says per mode what Ultra and Premium SSD v2 rows mean", () => {
    for (const rule of ["ultra-disk", "premium-v2-disk"]) {
      const entry = SUPPORT_MATRIX.find((candidate) => candidate.rule === rule);
      expect(entry?.outcome.ApplicationConsistent.support).toBe("supported");
      expect(entry?.outcome.CrashConsistent.support).toBe("supported-excluding-disk");
    }
  });

  it("describes every entry: a scenario and a text per mode, with a known kind of support", () => {
    const kinds = ["supported", "supported-excluding-disk", "not-supported", "limited", "advisory"];
    for (const entry of SUPPORT_MATRIX) {
      expect(entry.scenario.length).toBeGreaterThan(10);
      for (const outcome of Object.values(entry.outcome)) {
        expect(kinds).toContain(outcome.support);
        expect(outcome.text).toMatch(/^[A-Z].*\.$/);
      }
    }
  });
});

describe("what each entry owns", () => {
  const kindsOwned = (entry: MatrixEntry) =>
    [entry.blocker && "blocker", entry.excludes && "excludes", entry.advisory && "advisory"].filter(Boolean);
  const supports = (entry: MatrixEntry) => Object.values(entry.outcome).map((outcome) => outcome.support);

  it("owns at most one kind of finding, of its rule's kind, in a mode its outcome allows", () => {
    for (const entry of SUPPORT_MATRIX) {
      expect(kindsOwned(entry).length).toBeLessThanOrEqual(1);
      if (entry.blocker) {
        expect(BLOCKER_CODES as readonly string[]).toContain(entry.rule);
        expect(supports(entry).some((support) => support === "not-supported" || support === "limited")).toBe(
          true,
        );
      }
      if (entry.excludes) {
        expect(EXCLUSION_CODES as readonly string[]).toContain(entry.rule);
        expect(supports(entry)).toContain("supported-excluding-disk");
      }
      if (entry.advisory) {
        expect(ADVISORY_CODES as readonly string[]).toContain(entry.rule);
        expect(supports(entry)).toContain("advisory");
      }
    }
  });

  it("has an owner for every blocker, exclusion and advisory code, and none for a supported scenario", () => {
    const owned = new Set(SUPPORT_MATRIX.filter((entry) => kindsOwned(entry).length > 0).map((e) => e.rule));
    for (const code of [...BLOCKER_CODES, ...EXCLUSION_CODES, ...ADVISORY_CODES])
      expect(owned).toContain(code);
    for (const code of SUPPORTED_SCENARIO_CODES) expect(owned).not.toContain(code);
  });

  it("leaves the restating rows of other limitations to explain the table's finding", () => {
    for (const rowId of ["managed-disks-only", "no-ephemeral-or-shared-disks"]) {
      const restating = entriesOf(rowId).filter((entry) => entry.rule !== "no-disks-to-protect");
      expect(restating.length).toBeGreaterThan(0);
      for (const entry of restating) expect(kindsOwned(entry)).toEqual([]);
    }
  });
});
