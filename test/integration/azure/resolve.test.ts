import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { eventually } from "../../support/eventually.js";
import { gatewayFor } from "../../support/gateway.js";
import { PRODUCTION, STAGING, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSampleSimulator();
});
afterAll(() => sim.close());

describe("VM name resolution through the real SDK", () => {
  it("finds a VM by name, case-insensitively, across every subscription the identity lists", async () => {
    const result = await gatewayFor(sim).resolve("VM-WEB-01");
    expect(result).toMatchObject({
      ok: true,
      vm: { name: "vm-web-01", subscriptionId: PRODUCTION, type: "virtualMachine" },
    });
  });

  it("finds a VM by resourceGroup/name and by resource id", async () => {
    const gateway = gatewayFor(sim);
    const byGroup = await gateway.resolve("rg-web/vm-web-01");
    expect(byGroup).toMatchObject({ ok: true, vm: { id: vmId(PRODUCTION, "rg-web", "vm-web-01") } });
    const byId = await gateway.resolve(vmId(PRODUCTION, "rg-web", "vm-web-01").toUpperCase());
    expect(byId.ok).toBe(true);
  });

  it("resolves Uniform scale-set instances and Flexible members", async () => {
    const gateway = gatewayFor(sim);
    const uniform = await gateway.resolve("vmss-web_1");
    expect(uniform).toMatchObject({
      ok: true,
      vm: { type: "scaleSetInstance", scaleSetName: "vmss-web", instanceId: "1" },
    });
    const all = await gateway.listVms();
    const flex = all.find((vm) => vm.name.startsWith("vmss-api_"));
    expect(flex?.type).toBe("virtualMachine");
  });

  it("returns the candidates of an ambiguous name", async () => {
    const result = await gatewayFor(sim).resolve("vm-app-01");
    expect(result.ok).toBe(false);
    if (result.ok || result.code !== "vm-ambiguous")
      throw new Error(`expected ambiguity, got ${JSON.stringify(result)}`);
    expect(result.candidates.map((vm) => vm.subscriptionId).sort()).toEqual([PRODUCTION, STAGING]);
    expect(result.message).toMatch(/matches 2 VMs/);
  });

  it("says a name is unknown and suggests near misses", async () => {
    const result = await gatewayFor(sim).resolve("vm-web-1");
    if (result.ok || result.code !== "vm-not-found") throw new Error("expected not found");
    expect(result.suggestions.map((vm) => vm.name)).toContain("vm-web-01");
    expect(result.message).toMatch(/No VM named "vm-web-1"/);
  });

  it("suggests, never resolves, a VM by a word of its name", async () => {
    const gateway = gatewayFor(sim);
    for (const typed of ["sql", "the SQL box"]) {
      const result = await gateway.resolve(typed);
      if (result.ok || result.code !== "vm-not-found") throw new Error(`expected not found: ${typed}`);
      expect(result.suggestions.map((vm) => vm.id)).toEqual([vmId(PRODUCTION, "rg-data", "vm-sql-01")]);
    }
  });

  it("answers bad input without asking ARM", async () => {
    const gateway = gatewayFor(sim);
    sim.resetStats();
    for (const input of [
      "a/b/c",
      "x".repeat(10_000),
      "  ",
      "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/nics/z",
    ]) {
      expect(await gateway.resolve(input)).toMatchObject({ ok: false, code: "bad-input" });
    }
    expect(sim.stats().requests).toBe(0);
  });

  it("treats quotes and unicode as part of the name question, not as errors", async () => {
    const gateway = gatewayFor(sim);
    expect(await gateway.resolve('"vm-web-01"')).toMatchObject({ ok: true });
    expect(await gateway.resolve("vm-wéb-01")).toMatchObject({ ok: false, code: "vm-not-found" });
  });

  it("lists the fleet once, then answers from the index and refreshes it in the background after the TTL", async () => {
    let now = 1_000_000;
    const gateway = gatewayFor(sim, { now: () => now, ttlMs: 60_000, resourceGraph: false });
    const listings = () => sim.stats().byRoute["virtualMachines.listAll"] ?? 0;
    sim.resetStats();
    await gateway.resolve("vm-web-01");
    const firstListing = listings();
    expect(firstListing).toBe(2); // one page in each subscription
    await gateway.resolve("vm-sql-01");
    await gateway.resolve("vm-web-02");
    expect(listings()).toBe(firstListing);
    now += 60_001;
    // Stale: answered from the index even while ARM does not answer, and listed again in the background.
    sim.faults.freeze("reads");
    try {
      expect(await gateway.resolve("vm-web-01")).toMatchObject({ ok: true, vm: { name: "vm-web-01" } });
    } finally {
      sim.faults.clear();
    }
    await eventually(() => expect(listings()).toBe(firstListing * 2));
    await gateway.resolve("vm-web-02");
    expect(listings()).toBe(firstListing * 2);
  });
});
