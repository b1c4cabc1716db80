import { describe, expect, it } from "vitest";
import {
  collectionNameFor,
  evaluate,
  planRestorePoint,
  type RestorePointPlan,
  restorePointNameFor,
  type VmFacts,
} from "../../../src/core/index.js";
import {
  buildCollection,
  buildDisk,
  buildFacts,
  buildHistory,
  buildOsDisk,
  buildPoint,
  collectionId,
  diskId,
  hoursBefore,
  NOW,
} from "./build-facts.js";

function planFor(
  facts: VmFacts,
  mode: "ApplicationConsistent" | "CrashConsistent",
  existing?: { id: string; name: string },
) {
  const verdict = evaluate(facts, buildHistory(), NOW);
  return planRestorePoint(facts, verdict, mode, NOW, existing);
}

function expectPlan(result: ReturnType<typeof planRestorePoint>): RestorePointPlan {
  if (!result.ok) throw new Error(`expected a plan, got: ${result.reason}`);
  return result;
}

describe("planRestorePoint", () => {
  it("plans an application-consistent point of every disk in a new collection", () => {
    const plan = expectPlan(planFor(buildFacts(), "ApplicationConsistent"));
    expect(plan).toMatchObject({
      mode: "ApplicationConsistent",
      vm: { name: "vm-web-01", location: "westeurope" },
      collection: { id: null, name: "rpc-vm-web-01", location: "westeurope", create: true },
      restorePointName: "rp-app-20261125-120000",
      excludeDisks: [],
      armExcludeDisks: [],
    });
    expect(plan.captureDisks.map((disk) => disk.name)).toEqual([
      "vm-web-01-os",
      "vm-web-01-data-0",
      "vm-web-01-data-1",
    ]);
  });

  it("uses the VM's existing collection when given one", () => {
    const existing = { id: collectionId("rpc-existing"), name: "rpc-existing" };
    const plan = expectPlan(planFor(buildFacts(), "CrashConsistent", existing));
    expect(plan.collection).toEqual({ ...existing, location: "westeurope", create: false });
    expect(plan.restorePointName).toBe("rp-crash-20261125-120000");
  });

  it("lists excluded disks with their rule and passes only managed disk ids to ARM", () => {
    const facts = buildFacts({
      disks: [
        buildOsDisk({ id: "vm-web-01-os", ephemeral: true }),
        buildDisk({ name: "ultra", storageAccountType: "UltraSSD_LRS" }),
        buildDisk({ name: "shared", lun: 1, maxShares: 2 }),
        buildDisk({ name: "plain", lun: 2 }),
      ],
    });
    const crash = expectPlan(planFor(facts, "CrashConsistent"));
    expect(crash.excludeDisks).toEqual([
      { id: "vm-web-01-os", name: "vm-web-01-os", rule: "ephemeral-os-disk" },
      { id: diskId("ultra"), name: "ultra", rule: "ultra-disk" },
      { id: diskId("shared"), name: "shared", rule: "shared-disk" },
    ]);
    expect(crash.armExcludeDisks).toEqual([{ id: diskId("ultra") }, { id: diskId("shared") }]);
    expect(crash.captureDisks).toEqual([{ id: diskId("plain"), name: "plain" }]);

    const app = expectPlan(planFor(facts, "ApplicationConsistent"));
    expect(app.armExcludeDisks).toEqual([{ id: diskId("shared") }]);
    expect(app.captureDisks.map((disk) => disk.name)).toEqual(["ultra", "plain"]);
  });

  it("refuses a mode the verdict does not allow, saying why", () => {
    const facts = buildFacts();
    const history = buildHistory({
      collections: [buildCollection({ restorePoints: [buildPoint({ timeCreated: hoursBefore(NOW, 1) })] })],
    });
    const result = planRestorePoint(facts, evaluate(facts, history, NOW), "ApplicationConsistent", NOW);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toContain("2026-11-25T14:00:00.000Z");
  });

  it("refuses a verdict about another VM; compares ids case-insensitively", () => {
    const facts = buildFacts();
    const verdict = evaluate(facts, buildHistory(), NOW);
    const other = buildFacts({ id: `${facts.id}-2`, name: "vm-web-02" });
    expect(planRestorePoint(other, verdict, "CrashConsistent", NOW).ok).toBe(false);
    const sameVmUpper = buildFacts({ id: facts.id.toUpperCase() });
    expect(planRestorePoint(sameVmUpper, verdict, "CrashConsistent", NOW).ok).toBe(true);
  });

  it("is a plain serialisable object", () => {
    const plan = expectPlan(planFor(buildFacts(), "CrashConsistent"));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});

describe("names", () => {
  it.each([
    ["vm-web-01", "rpc-vm-web-01"],
    ["VM-Web-01", "rpc-vm-web-01"],
    ["vm_web.01", "rpc-vm_web.01"],
    ["vm web#01!", "rpc-vm-web-01"],
    ["vm--web", "rpc-vm-web"],
    ["vmss_a1b2c3d4", "rpc-vmss_a1b2c3d4"],
    ["ends.with.dot.", "rpc-ends.with.dot"],
    ["ünïcode", "rpc-n-code"],
    ["###", "rpc-vm"],
  ])("collection name for %j is %j", (vmName, expected) => {
    expect(collectionNameFor(vmName)).toBe(expected);
  });

  it("keeps collection names within 80 characters and ending with a letter, digit or underscore", () => {
    const name = collectionNameFor(`${"a".repeat(75)}.-.-bbbbbbbbbbbbbbbb`);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^[a-z0-9][a-z0-9_.-]*[a-z0-9_]$/);
    expect(collectionNameFor("x".repeat(200))).toHaveLength(80);
  });

  it("names restore points after the mode and the UTC time", () => {
    expect(restorePointNameFor("ApplicationConsistent", new Date("2026-01-02T03:04:05.678Z"))).toBe(
      "rp-app-20260102-030405",
    );
    expect(restorePointNameFor("CrashConsistent", new Date("2026-12-31T23:59:59.999Z"))).toBe(
      "rp-crash-20261231-235959",
    );
  });
});
