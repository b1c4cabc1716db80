/** The built-in sample fleet's integrity, and the large-fleet generator. */
import { describe, expect, it } from "vitest";
import { buildSampleFleet, type Fleet, generateFleet, validateFleet } from "../../../src/simulator/index.js";
import { PRODUCTION, STAGING } from "../../support/sim-fixture.js";

type Resource = Record<string, unknown> & { id: string; name: string; type: string };

describe("sample fleet", () => {
  const fleet = buildSampleFleet(new Date("2026-11-25T12:00:00Z"));
  const resources = fleet.resources as Resource[];
  const ofType = (type: string) => resources.filter((resource) => resource.type === type);
  const vms = [
    ...ofType("Microsoft.Compute/virtualMachines"),
    ...ofType("Microsoft.Compute/virtualMachineScaleSets/virtualMachines"),
  ];

  it("is a valid fleet with at least 25 VMs in two subscriptions", () => {
    expect(() => validateFleet(fleet)).not.toThrow();
    expect(vms.length).toBeGreaterThanOrEqual(25);
    const subscriptions = new Set(vms.map((vm) => vm.id.split("/")[2]));
    expect(subscriptions).toEqual(new Set([PRODUCTION, STAGING]));
  });

  it("has every managed disk of every VM as a disk resource (ephemeral OS disks have none)", () => {
    const disks = new Set(ofType("Microsoft.Compute/disks").map((disk) => disk.id.toLowerCase()));
    for (const vm of vms) {
      const profile = (vm.properties as { storageProfile: { osDisk: DiskEntry; dataDisks: DiskEntry[] } })
        .storageProfile;
      const entries = [profile.osDisk, ...profile.dataDisks].filter(
        (disk) => disk.managedDisk && !disk.diffDiskSettings,
      );
      for (const entry of entries)
        expect(disks, `${vm.name}: ${entry.name}`).toContain(entry.managedDisk?.id.toLowerCase());
    }
  });

  it("has the scenarios the documentation names", () => {
    const names = new Set(vms.map((vm) => vm.name));
    for (const name of [
      "vm-web-01",
      "vm-sql-01",
      "vm-analytics-01",
      "vm-ephemeral-01",
      "vm-ephemeral-only-01",
      "vm-cluster-01",
      "vm-legacy-01",
      "vm-confidential-01",
      "vmss-web_0",
      "vmss-web_1",
      "vm-avset-01",
      "vm-avset-02",
      "vm-spot-01",
      "vm-dedicated-01",
      "vm-trusted-01",
      "vm-nvme-01",
      "vm-cmk-01",
      "vm-private-01",
      "vm-writeaccel-01",
      "vm-boost-01",
      "vm-ubuntu-01",
      "vm-arch-01",
      "vm-coreos-01",
      "vm-win2008-01",
      "vm-win2012-core-01",
      "vm-win11-01",
      "vm-win10-32-01",
      "vm-agent-down-01",
      "vm-stopped-01",
      "vm-recent-app-01",
      "vm-recent-crash-01",
      "vm-busy-01",
      "vm-failed-rp-01",
      "vm-full-01",
      "vm-nearfull-01",
      "vm-moved-01",
      "vm-moved-02",
      "vm-crowded-01",
      "vm-hub-01",
      "vm-migrated-01",
    ]) {
      expect(names, name).toContain(name);
    }
    expect([...names].some((name) => /^vmss-api_[0-9a-f]{8}$/.test(name ?? ""))).toBe(true);
  });

  it("has vm-app-01 in both subscriptions, an ambiguous name", () => {
    const apps = vms.filter((vm) => vm.name === "vm-app-01").map((vm) => vm.id.split("/")[2]);
    expect(apps.sort()).toEqual([PRODUCTION, STAGING]);
  });

  it("holds 500 points for vm-full-01, 460 for vm-nearfull-01, and 10,000 collections in staging West US 3", () => {
    const collections = ofType("Microsoft.Compute/restorePointCollections");
    const pointsOf = (vmName: string) =>
      collections
        .filter((collection) =>
          String((collection.properties as { source: { id: string } }).source.id).endsWith(`/${vmName}`),
        )
        .reduce(
          (sum, collection) =>
            sum + ((collection.properties as { restorePoints?: unknown[] }).restorePoints?.length ?? 0),
          0,
        );
    expect(pointsOf("vm-full-01")).toBe(500);
    expect(pointsOf("vm-nearfull-01")).toBe(460);
    const crowded = collections.filter(
      (collection) => collection.id.includes(STAGING) && collection.location === "westus3",
    );
    expect(crowded).toHaveLength(10_000);
  });

  it("gives every VM a deterministic vmId", () => {
    const again = buildSampleFleet(new Date()).resources as Resource[];
    const ids = (list: Resource[]) =>
      list
        .filter((item) => item.type === "Microsoft.Compute/virtualMachines")
        .map((vm) => (vm.properties as { vmId: string }).vmId);
    expect(ids(again)).toEqual(ids(resources));
  });
});

interface DiskEntry {
  name: string;
  managedDisk?: { id: string };
  diffDiskSettings?: unknown;
}

describe("generateFleet", () => {
  it("builds 10,000 VMs quickly, spread over subscriptions, regions and resource groups", () => {
    const started = performance.now();
    const fleet = generateFleet({
      count: 10_000,
      now: new Date(),
      withRestorePoints: 500,
      subscriptions: 3,
      seed: 7,
    });
    expect(performance.now() - started).toBeLessThan(2000);
    const resources = fleet.resources as Resource[];
    const vms = resources.filter((resource) => resource.type === "Microsoft.Compute/virtualMachines");
    expect(vms).toHaveLength(10_000);
    expect(new Set(vms.map((vm) => vm.id.split("/")[2])).size).toBe(3);
    expect(new Set(vms.map((vm) => vm.location)).size).toBeGreaterThan(1);
    expect(
      resources.filter((resource) => resource.type === "Microsoft.Compute/restorePointCollections"),
    ).toHaveLength(500);
    expect(() => validateFleet(fleet)).not.toThrow();
  });

  it("is deterministic for a seed", () => {
    const make = (seed: number): Fleet =>
      generateFleet({ count: 300, now: new Date("2026-01-01T00:00:00Z"), withRestorePoints: 20, seed });
    expect(JSON.stringify(make(3))).toBe(JSON.stringify(make(3)));
    expect(JSON.stringify(make(3))).not.toBe(JSON.stringify(make(4)));
  });
});
