/**
 * The bot's side of Resource Graph, through the real @azure/arm-resourcegraph client against the simulator:
 * a cold look-up by name costs graph queries, not a listing of the fleet; the graph's quota is paced; a refused
 * or switched-off graph falls back to ARM listings and says so; a kept collection listing spares the quota.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ArmGateway } from "../../../src/azure/index.js";
import {
  buildSampleFleet,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../../../src/simulator/index.js";
import { eventually } from "../../support/eventually.js";
import { type GatewayOptions, gatewayFor } from "../../support/gateway.js";

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function started(options: Omit<SimulatorOptions, "fleet"> = {}) {
  sim = await startSimulator({ ...options, fleet: buildSampleFleet(new Date()) });
  return sim;
}

function withWarnings(running: RunningSimulator, options: GatewayOptions = {}) {
  const warnings: string[] = [];
  const gateway = gatewayFor(running, { ...options, warn: (message) => warnings.push(message) });
  return { gateway, warnings };
}

async function resolved(gateway: ArmGateway, name: string) {
  const result = await gateway.resolve(name);
  if (!result.ok) throw new Error(result.message);
  return result.vm;
}

describe("looking VMs up in Resource Graph", () => {
  it("answers a cold look-up by name with one graph query (two for an instance name), no listing", async () => {
    const running = await started();
    const { gateway, warnings } = withWarnings(running);
    const vm = await resolved(gateway, "vm-web-01");
    expect(vm).toMatchObject({ name: "vm-web-01", resourceGroup: "rg-web", type: "virtualMachine" });
    const instance = await resolved(gateway, "VMSS-WEB_0");
    expect(instance).toMatchObject({ type: "scaleSetInstance", scaleSetName: "vmss-web", instanceId: "0" });
    const { byRoute } = running.stats();
    expect(byRoute["resourceGraph.resources"]).toBe(3);
    expect(byRoute["virtualMachines.listAll"]).toBeUndefined();
    expect(byRoute["subscriptions.list"]).toBeUndefined(); // the graph covers all the identity can see
    expect(warnings).toEqual([]);
  });

  it("still says which VMs a name could mean, and lists through ARM only when the graph knows no such VM", async () => {
    const running = await started();
    const { gateway } = withWarnings(running);
    const ambiguous = await gateway.resolve("vm-app-01");
    expect(ambiguous).toMatchObject({ ok: false, code: "vm-ambiguous" });
    expect(running.stats().byRoute["virtualMachines.listAll"]).toBeUndefined();
    const typo = await gateway.resolve("vm-web-1");
    expect(typo).toMatchObject({ ok: false, code: "vm-not-found" });
    expect(
      typo.ok === false && typo.code === "vm-not-found" && typo.suggestions.map((s) => s.name),
    ).toContain("vm-web-01");
    expect(running.stats().byRoute["virtualMachines.listAll"]).toBe(2); // the graph may lag: ARM settles it
  });

  it("falls back to ARM listings when the graph is throttled past a retry, and says so", async () => {
    const running = await started({ resourceGraphQuota: { queries: 0, windowSeconds: 1 } });
    const { gateway, warnings } = withWarnings(running);
    const vm = await resolved(gateway, "vm-web-01");
    const gathered = await gateway.gather(vm);
    expect(gathered.ok && gathered.history.collections.map((c) => c.name)).toEqual(["rpc-vm-web-01"]);
    expect(running.stats().byRoute["virtualMachines.listAll"]).toBe(2);
    expect(warnings.length).toBeGreaterThan(0);
    expect(
      warnings.every((warning) => /Resource Graph refused; listing through ARM instead/.test(warning)),
    ).toBe(true);
    expect(warnings.join("\n")).toMatch(/429/);
  });

  it("sends nothing to the graph when it is switched off (RPBOT_RESOURCE_GRAPH=off)", async () => {
    const running = await started();
    const { gateway } = withWarnings(running, { resourceGraph: false });
    await gateway.gather(await resolved(gateway, "vm-moved-02"));
    expect(running.stats().byRoute["resourceGraph.resources"]).toBeUndefined();
  });

  it("paces its queries by the quota headers instead of drawing 429s", async () => {
    const running = await started({ resourceGraphQuota: { queries: 3, windowSeconds: 1 } });
    const { gateway, warnings } = withWarnings(running, { maxRetries: 0 });
    for (const name of ["nope_1", "nope_2", "nope_3", "nope_4"]) {
      await gateway.resolve(name); // two queries for each (instance-like) name: 8 over at least 2 windows
    }
    expect(running.stats().byRoute["resourceGraph.resources"]).toBe(8);
    expect(warnings).toEqual([]);
  });
});

describe("collections from Resource Graph", () => {
  it("finds the old collection of a VM moved from another subscription with one query", async () => {
    const running = await started();
    const { gateway } = withWarnings(running);
    const vm = await resolved(gateway, "vm-moved-02");
    running.resetStats();
    const gathered = await gateway.gather(vm);
    expect(gathered.ok && gathered.history.collections.map((c) => c.name)).toEqual(["rpc-vm-moved-02"]);
    expect(running.stats().byRoute["restorePointCollections.listAll"]).toBeUndefined();
  });

  it("counts the region's 10,000 collections without listing them", async () => {
    const running = await started();
    const { gateway } = withWarnings(running);
    const gathered = await gateway.gather(await resolved(gateway, "vm-crowded-01"));
    expect(gathered.ok && gathered.history.collectionsInSubscriptionRegion).toBe(10_000);
    expect(running.stats().byRoute["restorePointCollections.listAll"]).toBeUndefined();
  });

  it("keeps a listing warm in serve: a burst of checks spends no graph quota", async () => {
    const running = await started();
    const { gateway } = withWarnings(running);
    const stop = gateway.keepWarm();
    try {
      const refs = await gateway.listVms();
      await eventually(() => expect(running.stats().byRoute["resourceGraph.resources"]).toBeGreaterThan(12));
      await new Promise((resolve) => setImmediate(resolve));
      const before = running.stats().byRoute["resourceGraph.resources"] ?? 0;
      const checked = await Promise.all(refs.slice(0, 20).map((ref) => gateway.gather(ref)));
      expect(checked.every((result) => result.ok)).toBe(true);
      expect(running.stats().byRoute["resourceGraph.resources"]).toBe(before);
    } finally {
      stop();
    }
  });

  it("sees a collection the bot just made, though the graph may not have it yet", async () => {
    const running = await started();
    const { gateway } = withWarnings(running);
    const vm = await resolved(gateway, "vm-ubuntu-01");
    const before = await gateway.gather(vm);
    expect(before.ok && before.history.collections).toEqual([]);
    const compute = gateway.clients.compute(vm.subscriptionId);
    await compute.restorePointCollections.createOrUpdate(vm.resourceGroup, "rpc-new", {
      location: vm.location,
      source: { id: vm.id },
    });
    gateway.invalidate(vm.subscriptionId);
    running.resetStats();
    const after = await gateway.gather(vm);
    expect(after.ok && after.history.collections.map((c) => c.name)).toEqual(["rpc-new"]);
    expect(running.stats().byRoute["restorePointCollections.listAll"]).toBe(1); // read from ARM, not the graph
  });
});

describe("a cold check by name", () => {
  it("spends one graph query on a VM with its own collection: found with the VM, and no count needed", async () => {
    const running = await started();
    const { gateway, warnings } = withWarnings(running);
    const gathered = await gateway.gather(await resolved(gateway, "vm-web-01"));
    expect(gathered.ok && gathered.history.collections.map((c) => c.name)).toEqual(["rpc-vm-web-01"]);
    expect(gathered.ok && gathered.history.collectionsInSubscriptionRegion).toBeUndefined();
    expect(running.stats().byRoute["resourceGraph.resources"]).toBe(1);
    expect(warnings).toEqual([]);
  });

  it("counts the region's collections for a VM without one there, where a new one would be made", async () => {
    const running = await started();
    const { gateway } = withWarnings(running);
    const vm = await resolved(gateway, "vm-ubuntu-01");
    const gathered = await gateway.gather(vm);
    expect(gathered.ok && gathered.history.collections).toEqual([]);
    const inRegion = buildSampleFleet(new Date()).resources.filter((resource) => {
      const { type, id, location } = resource as Record<string, unknown>;
      return (
        String(type).toLowerCase() === "microsoft.compute/restorepointcollections" &&
        String(id).toLowerCase().startsWith(`/subscriptions/${vm.subscriptionId}/`) &&
        location === vm.location
      );
    });
    expect(gathered.ok && gathered.history.collectionsInSubscriptionRegion).toBe(inRegion.length);
    expect(running.stats().byRoute["resourceGraph.resources"]).toBe(2);
  });

  it("counts after all when the collection the graph found is gone from ARM", async () => {
    const running = await started();
    const { gateway } = withWarnings(running);
    const vm = await resolved(gateway, "vm-web-01");
    const compute = gateway.clients.compute(vm.subscriptionId);
    await compute.restorePointCollections.beginDeleteAndWait(vm.resourceGroup, "rpc-vm-web-01", {
      updateIntervalInMs: 10,
    });
    const gathered = await gateway.gather(vm);
    expect(gathered.ok && gathered.history.collections).toEqual([]);
    expect(gathered.ok && gathered.history.collectionsInSubscriptionRegion).toEqual(expect.any(Number));
    expect(running.stats().byRoute["resourceGraph.resources"]).toBe(2);
  });

  it("asks the graph again for collections found with a name resolved too long ago", async () => {
    const running = await started();
    let clock = Date.now();
    const { gateway } = withWarnings(running, { now: () => clock });
    const vm = await resolved(gateway, "vm-web-01");
    clock += 31_000;
    const gathered = await gateway.gather(vm);
    expect(gathered.ok && gathered.history.collections.map((c) => c.name)).toEqual(["rpc-vm-web-01"]);
    expect(running.stats().byRoute["resourceGraph.resources"]).toBe(2);
  });
});
