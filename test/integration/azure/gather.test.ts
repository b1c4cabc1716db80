import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArmGateway, VmRef } from "../../../src/azure/index.js";
import { ArmError } from "../../../src/azure/index.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { gatewayFor } from "../../support/gateway.js";
import { startSampleSimulator } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSampleSimulator();
});
afterAll(() => sim.close());

async function refOf(gateway: ArmGateway, name: string): Promise<VmRef> {
  const result = await gateway.resolve(name);
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
  return result.vm;
}

async function gathered(gateway: ArmGateway, name: string) {
  const result = await gateway.gather(await refOf(gateway, name));
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("facts gathering through the real SDK", () => {
  it("reads the VM, its disks and its restore points", async () => {
    const { facts, history } = await gathered(gatewayFor(sim), "vm-web-01");
    expect(facts).toMatchObject({ name: "vm-web-01", kind: "standalone", powerState: "running" });
    expect(facts.os).toMatchObject({ type: "Windows", name: expect.stringMatching(/Windows Server 2022/) });
    expect(facts.agent.status).toBe("ready");
    expect(facts.disks.map((disk) => disk.role)).toEqual(["os", "data", "data"]);
    expect(facts.disks.every((disk) => disk.managed && disk.storageAccountType)).toBe(true);
    expect(history.collections).toHaveLength(1);
    const modes = history.collections[0]?.restorePoints.map((point) => point.consistencyMode).sort();
    expect(modes).toEqual(["ApplicationConsistent", "CrashConsistent"]);
  });

  it("needs at most 6 ARM requests in 2 rounds for a VM with two data disks and one collection", async () => {
    const gateway = gatewayFor(sim);
    const ref = await refOf(gateway, "vm-web-01");
    sim.resetStats();
    await gateway.gather(ref);
    expect(sim.stats().requests).toBeLessThanOrEqual(6);
  });

  it("reads what only the disk resource says: shared disks and their sku", async () => {
    const { facts } = await gathered(gatewayFor(sim), "vm-cluster-01");
    expect(facts.disks.some((disk) => (disk.maxShares ?? 1) > 1)).toBe(true);
    const sql = await gathered(gatewayFor(sim), "vm-sql-01");
    expect(sql.facts.disks.map((disk) => disk.storageAccountType)).toContain("UltraSSD_LRS");
  });

  it("recognises unmanaged, ephemeral and Uniform instances", async () => {
    const gateway = gatewayFor(sim);
    expect((await gathered(gateway, "vm-legacy-01")).facts.disks.some((disk) => !disk.managed)).toBe(true);
    expect((await gathered(gateway, "vm-ephemeral-01")).facts.disks[0]?.ephemeral).toBe(true);
    expect((await gathered(gateway, "vmss-web_0")).facts.kind).toBe("vmss-uniform");
  });

  it("finds the collection of a VM moved to another resource group by its points' vmId", async () => {
    const { facts, history } = await gathered(gatewayFor(sim), "vm-moved-01");
    expect(history.collections).toHaveLength(1);
    expect(history.collections[0]?.sourceId.toLowerCase()).not.toBe(facts.id.toLowerCase());
    expect(history.collections[0]?.restorePoints[0]?.sourceVmId).toBe(facts.vmId);
  });

  it("counts the collections of the VM's subscription and region", async () => {
    const { history } = await gathered(gatewayFor(sim), "vm-crowded-01");
    expect(history.collectionsInSubscriptionRegion).toBeGreaterThanOrEqual(10_000);
  });

  it("turns throttling that outlasts the SDK's retries into a clear ArmError", async () => {
    const gateway = gatewayFor(sim, { maxRetries: 1 });
    const ref = await refOf(gateway, "vm-web-01");
    sim.faults.failReads(1, 429, 0);
    try {
      const error = await gateway.gather(ref).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ArmError);
      expect((error as ArmError).kind).toBe("throttled");
      expect((error as ArmError).message).toMatch(/throttling.*429/);
    } finally {
      sim.faults.clear();
    }
  });

  it("reports ARM's 500s as refusals with the operation named", async () => {
    const gateway = gatewayFor(sim, { maxRetries: 0 });
    const ref = await refOf(gateway, "vm-web-01");
    sim.faults.failReads(1, 500);
    try {
      await expect(gateway.gather(ref)).rejects.toThrow(/reading VM rg-web\/vm-web-01 \(500/);
    } finally {
      sim.faults.clear();
    }
  });

  it("says ARM is unreachable in one line", async () => {
    const closed = await startSampleSimulator();
    const gateway = gatewayFor(closed, { maxRetries: 0 });
    await closed.close();
    const error = await gateway.resolve("vm-web-01").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArmError);
    expect((error as ArmError).kind).toBe("unreachable");
    expect((error as ArmError).message).not.toContain("\n");
  });
});
