import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArmClients, simulatorConnection } from "../../../src/azure/clients.js";
import { CollectionDirectory } from "../../../src/azure/collection-directory.js";
import { CollectionLookup } from "../../../src/azure/collection-lookup.js";
import { FactsGatherer } from "../../../src/azure/facts-gatherer.js";
import type { ArmGateway, VmRef } from "../../../src/azure/index.js";
import { ArmError } from "../../../src/azure/index.js";
import { buildSampleFleet, type RunningSimulator, startSimulator } from "../../../src/simulator/index.js";
import type { JsonObject } from "../../../src/simulator/json.js";
import { buildCollection } from "../../../src/simulator/sample-fleet/history.js";
import { gatewayFor } from "../../support/gateway.js";
import { PRODUCTION, STAGING, startSampleSimulator } from "../../support/sim-fixture.js";

const PAGE_SIZE = 100;

/** Pages of the subscription's collection list in the sample fleet, at the simulator's page size. */
function pagesOf(subscriptionId: string): number {
  const collections = (buildSampleFleet(new Date()).resources as JsonObject[]).filter(
    (resource) =>
      String(resource.type).toLowerCase() === "microsoft.compute/restorepointcollections" &&
      String(resource.id).startsWith(`/subscriptions/${subscriptionId}/`),
  );
  return Math.max(1, Math.ceil(collections.length / PAGE_SIZE));
}

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

  it("needs 6 requests in 2 rounds for a VM with two data disks and one collection, 7 right before creating", async () => {
    // A simulator of its own, so that no other test has spent the Resource Graph quota.
    const own = await startSampleSimulator();
    try {
      const gateway = gatewayFor(own);
      const ref = await refOf(gateway, "vm-web-01");
      await gateway.gather(ref); // the per-region counts are shared for 30 s
      own.resetStats();
      await gateway.gather(ref);
      // The VM, one graph query for the collections of its name anywhere, 3 disks, its collection.
      expect(own.stats().byRoute).toEqual({
        "virtualMachines.get": 1,
        "resourceGraph.resources": 1,
        "disks.get": 3,
        "restorePointCollections.get": 1,
      });
      own.resetStats();
      await gateway.gather(ref, { fresh: true });
      // Fresh: the VM's own subscription listed through ARM (the graph may lag), the graph for the others.
      expect(own.stats().byRoute).toMatchObject({
        "restorePointCollections.listAll": 1,
        "resourceGraph.resources": 1,
      });
      expect(own.stats().requests).toBe(7);
    } finally {
      await own.close();
    }
  });

  it("without Resource Graph, lists other subscriptions' collections once per name-index TTL, its own when fresh", async () => {
    // A simulator of its own that never throttles: a retried 429 would count as a second listing.
    const unthrottled = await startSampleSimulator({ readBudget: { capacity: 1e6, refillPerSecond: 1e6 } });
    try {
      let clock = Date.now();
      const gateway = gatewayFor(unthrottled, { now: () => clock, ttlMs: 60_000, resourceGraph: false });
      const ref = await refOf(gateway, "vm-web-01");
      const listings = async () => {
        unthrottled.resetStats();
        await gateway.gather(ref, { fresh: true });
        return unthrottled.stats().byRoute["restorePointCollections.listAll"] ?? 0;
      };
      const production = pagesOf(PRODUCTION);
      const staging = pagesOf(STAGING);
      expect(await listings()).toBe(production + staging);
      clock += 59_000;
      expect(await listings()).toBe(production);
      clock += 2_000;
      expect(await listings()).toBe(production + staging);
    } finally {
      await unthrottled.close();
    }
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

  it("finds the old collection of a VM moved from another subscription, by its points' vmId", async () => {
    const { facts, history } = await gathered(gatewayFor(sim), "vm-moved-02");
    expect(history.collections.map((collection) => collection.id.split("/")[2])).toEqual([STAGING]);
    expect(history.collections[0]?.sourceId).toMatch(new RegExp(`^/subscriptions/${STAGING}/`));
    expect(history.collections[0]?.restorePoints.map((point) => point.sourceVmId)).toEqual([facts.vmId]);
  });

  it("looks for moved VMs' collections only in the subscriptions it is configured to read", async () => {
    const { history } = await gathered(gatewayFor(sim, { subscriptionIds: [PRODUCTION] }), "vm-moved-02");
    expect(history.collections).toEqual([]);
  });

  it("does not take a same-named VM's collection in another subscription for this VM's", async () => {
    const fleet = buildSampleFleet(new Date());
    const web = (fleet.resources as JsonObject[]).find((resource) => resource.name === "vm-web-01");
    if (!web) throw new Error("no vm-web-01 in the sample fleet");
    const twin = {
      ...web,
      id: String(web.id).replace(PRODUCTION, STAGING),
      properties: { ...(web.properties as JsonObject), vmId: "0000aaaa-0000-0000-0000-00000000bbbb" },
    };
    fleet.resources.push(
      buildCollection(twin, {
        name: "rpc-twin",
        points: [{ mode: "CrashConsistent", createdAt: new Date() }],
      }),
    );
    const twins = await startSimulator({ fleet });
    try {
      const gateway = gatewayFor(twins);
      const { history } = await gathered(gateway, "vm-web-01");
      expect(history.collections.map((collection) => collection.name)).toEqual(["rpc-vm-web-01"]);
      twins.resetStats();
      await gateway.gather(await refOf(gateway, "vm-web-01"), { fresh: true });
      expect(twins.stats().byRoute["restorePointCollections.get"]).toBe(2); // read, then told apart
    } finally {
      await twins.close();
    }
  });

  it("checks on when another subscription's collections cannot be read", async () => {
    const clients = createArmClients(simulatorConnection(sim.endpoint, sim.caPem));
    const missing = "99999999-9999-9999-9999-999999999999";
    const gathererOver = (list: () => Promise<readonly string[]>) =>
      new FactsGatherer(
        clients,
        new CollectionLookup({
          directory: new CollectionDirectory(clients, 30_000),
          subscriptions: { list, graphScope: () => "all" },
          elsewhereMaxAgeMs: 60_000,
        }),
      );
    const ref = await refOf(gatewayFor(sim), "vm-moved-02");
    const result = await gathererOver(async () => [PRODUCTION, missing, STAGING]).gather(ref);
    expect(result.ok && result.history.collections.map((collection) => collection.name)).toEqual([
      "rpc-vm-moved-02",
    ]);
    const failing = gathererOver(() => Promise.reject(new Error("subscription list refused")));
    const own = await failing.gather(await refOf(gatewayFor(sim), "vm-web-01"));
    expect(own.ok && own.history.collections.map((collection) => collection.name)).toEqual(["rpc-vm-web-01"]);
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
