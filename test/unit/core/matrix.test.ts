import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ADVISORY_CODES,
  BLOCKER_CODES,
  EXCLUSION_CODES,
  evaluate,
  SUPPORT_MATRIX,
  SUPPORTED_SCENARIO_CODES,
} from "../../../src/core/index.js";
import {
  buildCollection,
  buildDisk,
  buildFacts,
  buildHistory,
  buildOsDisk,
  buildPoint,
  hoursBefore,
  NOW,
} from "./build-facts.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const seedPath = path.resolve(repoRoot, "../shared/seeds/vm-restore-points-support-matrix.txt");
const seedLines = readFileSync(seedPath, "utf8")
  .split(/\r?\n/)
  .map((line) => line.trimEnd())
  .filter((line) => line.length > 0);

/** Seed lines that carry no rule of their own: titles, headings, introductions, and the "Next steps" link. */
const NOT_A_RULE = new Set([
  "Support matrix for VM restore points",
  "This article summarizes the support matrix and limitations of using VM restore points.",
  "VM restore points support matrix",
  "The following table summarizes the support matrix for VM restore points.",
  "Scenarios | Supported by VM restore points |",
  "---|---|",
  "Note",
  // Restates the two frequency rows just above it.
  "Restore Points (App consistent or crash consistent) can be created by customer at the minimum supported frequency as mentioned above. Taking restore points at a frequency lower than supported would result in failure.",
  "Operating system support for application consistency",
  "Windows",
  "Linux",
  "Operating system support for crash consistency",
  "Other limitations",
  "Public preview of cross-region creation and copying of VM restore points is available, with the following limitations:",
  "Next steps",
  "- Learn how to create VM restore points using CLI, Azure portal, and PowerShell.",
]);

const seedRows = new Set(SUPPORT_MATRIX.map((entry) => entry.seedRow));

describe("the support matrix covers the seed document", () => {
  it("reads the seed", () => {
    expect(seedLines.length).toBeGreaterThan(60);
  });

  it.each(seedLines.filter((line) => !NOT_A_RULE.has(line)))("has an entry for: %s", (line) => {
    expect(seedRows.has(line)).toBe(true);
  });

  it("has one entry per scenario row of the table", () => {
    const tableRows = seedLines.filter((line) => line.endsWith(" |") && !NOT_A_RULE.has(line));
    expect(tableRows).toHaveLength(38);
    for (const row of tableRows)
      expect(SUPPORT_MATRIX.filter((entry) => entry.seedRow === row)).toHaveLength(1);
  });

  it("quotes only lines that exist in the seed, and marks newer guidance as such", () => {
    for (const entry of SUPPORT_MATRIX) {
      if (entry.source === "seed") expect(seedLines).toContain(entry.seedRow);
      else expect(entry.seedRow).toBeNull();
    }
  });

  it("uses only known rule codes, and every blocker, exclusion and advisory code has a row", () => {
    const known = new Set<string>([
      ...BLOCKER_CODES,
      ...EXCLUSION_CODES,
      ...ADVISORY_CODES,
      ...SUPPORTED_SCENARIO_CODES,
    ]);
    const used = new Set<string>(SUPPORT_MATRIX.map((entry) => entry.rule));
    for (const rule of used) expect(known.has(rule)).toBe(true);
    for (const rule of [
      ...BLOCKER_CODES,
      ...EXCLUSION_CODES,
      ...ADVISORY_CODES,
      ...SUPPORTED_SCENARIO_CODES,
    ]) {
      expect(used.has(rule)).toBe(true);
    }
  });

  it("gives both frequency rows the too-soon code", () => {
    const frequency = SUPPORT_MATRIX.filter((entry) => entry.seedRow?.startsWith("Minimum Frequency"));
    expect(frequency.map((entry) => entry.rule)).toEqual(["too-soon", "too-soon"]);
  });

  it("says per mode what Ultra and Premium SSD v2 rows mean", () => {
    const ultra = SUPPORT_MATRIX.find((entry) => entry.rule === "ultra-disk");
    expect(ultra?.outcome.ApplicationConsistent.support).toBe("supported");
    expect(ultra?.outcome.CrashConsistent.support).toBe("supported-excluding-disk");
  });
});

describe("explain", () => {
  it("is absent unless asked for", () => {
    expect(evaluate(buildFacts(), buildHistory(), NOW).matrix).toBeUndefined();
  });

  it("has one entry per matrix row, in the matrix's order, each with an outcome", () => {
    const matrix = evaluate(buildFacts(), buildHistory(), NOW, undefined, { explain: true }).matrix ?? [];
    expect(matrix).toHaveLength(SUPPORT_MATRIX.length);
    matrix.forEach((row, index) => {
      expect(row.rule).toBe(SUPPORT_MATRIX[index]?.rule);
      expect(row.scenario).toBe(SUPPORT_MATRIX[index]?.scenario);
      expect(row.outcome.length).toBeGreaterThan(0);
      expect(Object.keys(row).sort()).toEqual(["applies", "outcome", "rule", "scenario"]);
    });
  });

  function explained(facts = buildFacts(), history = buildHistory()) {
    const matrix = evaluate(facts, history, NOW, undefined, { explain: true }).matrix ?? [];
    return (scenarioStart: string) => matrix.find((row) => row.scenario.startsWith(scenarioStart));
  }

  it("marks what concerns a healthy Windows Server 2022 VM", () => {
    const row = explained();
    expect(row("The VM uses managed disks")?.applies).toBe(true);
    expect(row("The VM uses Trusted Launch")?.applies).toBe(true);
    expect(row("Windows Server 2022")?.applies).toBe(true);
    expect(row("Windows Server 2019")?.applies).toBe(false);
    expect(row("Windows Server 2019")?.outcome).toBe("Does not apply to this VM.");
    expect(row("The VM runs Linux")?.applies).toBe(false);
    expect(row("The VM has Ultra Disks")?.applies).toBe(false);
    expect(row("Minimum time between application-consistent")?.outcome).toContain(
      "No earlier application-consistent",
    );
    expect(row("At most 500 restore points")?.outcome).toContain("0 of at most 500");
  });

  it("uses the verdict's own messages for rows that block, exclude or advise", () => {
    const facts = buildFacts({
      disks: [buildOsDisk(), buildDisk({ name: "fast", storageAccountType: "UltraSSD_LRS" })],
      availabilitySetId: "/as",
    });
    const history = buildHistory({
      collections: [buildCollection({ restorePoints: [buildPoint({ timeCreated: hoursBefore(NOW, 1) })] })],
    });
    const row = explained(facts, history);
    expect(row("The VM has Ultra Disks")).toMatchObject({
      applies: true,
      outcome: "Crash-consistent: Left out: fast.",
    });
    expect(row("Minimum time between application-consistent")?.outcome).toMatch(
      /^Application-consistent: The newest application-consistent restore point/,
    );
    expect(row("The VM is in an availability set")?.outcome).toContain("every VM in it");
  });

  it("shows a both-mode blocker once", () => {
    const row = explained(buildFacts({ securityType: "ConfidentialVM" }));
    expect(row("The VM is a confidential VM")).toEqual({
      rule: "confidential-vm",
      scenario: "The VM is a confidential VM",
      applies: true,
      outcome: "This is a confidential VM; restore points do not support confidential VMs.",
    });
  });

  it("explains why an OS is not supported on the Windows rows", () => {
    const row = explained(
      buildFacts({ os: { type: "Windows", name: "Windows Server 2012 R2 Datacenter Core" } }),
    );
    expect(row("Windows Server 2012 R2")?.outcome).toContain(
      "Application-consistent: This VM runs Windows Server 2012 R2",
    );
    expect(row("The VM runs Windows")?.applies).toBe(true);
    expect(row("The OS is past Microsoft's extended security updates")?.applies).toBe(true);
  });
});
