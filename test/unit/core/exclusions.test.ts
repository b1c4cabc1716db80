import { describe, expect, it } from "vitest";
import { type DiskFacts, evaluate } from "../../../src/core/index.js";
import { buildDisk, buildFacts, buildHistory, buildOsDisk, NOW } from "./build-facts.js";

function excludedIn(disks: DiskFacts[]) {
  const verdict = evaluate(buildFacts({ disks }), buildHistory(), NOW);
  return {
    application: verdict.modes.ApplicationConsistent.excludeDisks.map((disk) => `${disk.name}:${disk.rule}`),
    crash: verdict.modes.CrashConsistent.excludeDisks.map((disk) => `${disk.name}:${disk.rule}`),
    verdict,
  };
}

describe("disk exclusions", () => {
  it("ephemeral-os-disk: excluded in both modes", () => {
    const result = excludedIn([buildOsDisk({ name: "os", ephemeral: true }), buildDisk({ name: "d0" })]);
    expect(result.application).toEqual(["os:ephemeral-os-disk"]);
    expect(result.crash).toEqual(["os:ephemeral-os-disk"]);
  });

  it("shared-disk: maxShares > 1 is excluded in both modes; maxShares 1 or unknown is not", () => {
    const result = excludedIn([
      buildOsDisk({ name: "os" }),
      buildDisk({ name: "shared", maxShares: 2 }),
      buildDisk({ name: "single", maxShares: 1 }),
      buildDisk({ name: "unknown", maxShares: undefined }),
    ]);
    expect(result.application).toEqual(["shared:shared-disk"]);
    expect(result.crash).toEqual(["shared:shared-disk"]);
  });

  it("ultra-disk: excluded from crash-consistent restore points only", () => {
    const result = excludedIn([
      buildOsDisk({ name: "os" }),
      buildDisk({ name: "ultra", storageAccountType: "UltraSSD_LRS" }),
    ]);
    expect(result.application).toEqual([]);
    expect(result.crash).toEqual(["ultra:ultra-disk"]);
    expect(result.verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  it("premium-v2-disk: excluded from crash-consistent restore points only", () => {
    const result = excludedIn([
      buildOsDisk({ name: "os" }),
      buildDisk({ name: "v2", storageAccountType: "PremiumV2_LRS" }),
    ]);
    expect(result.application).toEqual([]);
    expect(result.crash).toEqual(["v2:premium-v2-disk"]);
  });

  it("other SKUs are never excluded", () => {
    const skus = [
      "Standard_LRS",
      "StandardSSD_LRS",
      "Premium_LRS",
      "Premium_ZRS",
      "StandardSSD_ZRS",
      undefined,
    ];
    const result = excludedIn(
      skus.map((sku, lun) => buildDisk({ name: `d${lun}`, lun, storageAccountType: sku })),
    );
    expect(result.application).toEqual([]);
    expect(result.crash).toEqual([]);
  });

  it("a disk with several reasons is listed once, under the first reason", () => {
    const result = excludedIn([
      buildOsDisk({ name: "os" }),
      buildDisk({ name: "shared-ultra", maxShares: 3, storageAccountType: "UltraSSD_LRS" }),
    ]);
    expect(result.application).toEqual(["shared-ultra:shared-disk"]);
    expect(result.crash).toEqual(["shared-ultra:shared-disk"]);
  });

  it("lists an ephemeral OS disk that is also shared as ephemeral", () => {
    const result = excludedIn([buildOsDisk({ name: "os", ephemeral: true, maxShares: 2 }), buildDisk()]);
    expect(result.application).toEqual(["os:ephemeral-os-disk"]);
    expect(result.crash).toEqual(["os:ephemeral-os-disk"]);
  });

  it("reads the disk SKU case-insensitively", () => {
    const result = excludedIn([
      buildOsDisk({ name: "os" }),
      buildDisk({ name: "u", storageAccountType: "ultrassd_lrs" }),
      buildDisk({ name: "v", storageAccountType: "PREMIUMV2_LRS" }),
    ]);
    expect(result.crash).toEqual(["u:ultra-disk", "v:premium-v2-disk"]);
  });

  it("keeps the VM's disk order and reports id, name and rule", () => {
    const result = excludedIn([
      buildOsDisk({ name: "os" }),
      buildDisk({ name: "b-ultra", lun: 0, storageAccountType: "UltraSSD_LRS" }),
      buildDisk({ name: "a-shared", lun: 1, maxShares: 2 }),
      buildDisk({ name: "c-v2", lun: 2, storageAccountType: "PremiumV2_LRS" }),
    ]);
    expect(result.crash).toEqual(["b-ultra:ultra-disk", "a-shared:shared-disk", "c-v2:premium-v2-disk"]);
    expect(result.verdict.modes.CrashConsistent.excludeDisks[0]).toEqual({
      id: expect.stringContaining("/disks/b-ultra"),
      name: "b-ultra",
      rule: "ultra-disk",
    });
  });
});
