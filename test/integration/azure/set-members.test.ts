/**
 * Who is in a set (src/azure/set-members.ts), through the real SDKs against the simulator: once with Resource
 * Graph (as in production) and once with it off (RPBOT_RESOURCE_GRAPH=off, the ARM listings). The fleet is the
 * sample plus a few sets made to be ambiguous or empty, and 250 generated VMs tagged batch=nightly over two more
 * subscriptions (a set larger than the cap).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnownSubscriptions } from "../../../src/azure/known-subscriptions.js";
import { SetMembers, type SetMembersResult } from "../../../src/azure/set-members.js";
import type { SetTargetQuery } from "../../../src/core/set-target.js";
import {
  buildSampleFleet,
  generateFleet,
  type RunningSimulator,
  startSimulator,
} from "../../../src/simulator/index.js";
import { gatewayFor } from "../../support/gateway.js";
import { PRODUCTION, STAGING, vmId } from "../../support/sim-fixture.js";

const CAP = 200;
const NIGHTLY = 250;

function availabilitySet(subscriptionId: string, group: string, name: string, location: string) {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Compute/availabilitySets/${name}`,
    name,
    type: "Microsoft.Compute/availabilitySets",
    location,
    sku: { name: "Aligned" },
    properties: { platformFaultDomainCount: 2, platformUpdateDomainCount: 5 },
  };
}

function fleet() {
  const sample = buildSampleFleet(new Date());
  const generated = generateFleet({ count: NIGHTLY, now: new Date(), subscriptions: 2, seed: 7 });
  for (const resource of generated.resources as { type: string; tags?: Record<string, string> }[]) {
    if (resource.type === "Microsoft.Compute/virtualMachines") resource.tags = { batch: "nightly" };
  }
  const extras = [
    // Named like the resource group rg-web: a bare "rg-web" could be either.
    availabilitySet(PRODUCTION, "rg-ops", "rg-web", "eastus"),
    availabilitySet(PRODUCTION, "rg-web", "avset-dup", "eastus"),
    availabilitySet(STAGING, "rg-app", "avset-dup", "westeurope"),
    {
      id: `/subscriptions/${PRODUCTION}/resourceGroups/rg-empty`,
      name: "rg-empty",
      type: "Microsoft.Resources/resourceGroups",
      location: "eastus",
    },
  ];
  return { resources: [...sample.resources, ...generated.resources, ...extras] };
}

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ fleet: fleet(), resourceGraphQuota: { queries: 1_000_000 } });
});
afterAll(() => sim.close());

function setMembers(running: RunningSimulator, graph: boolean) {
  const gateway = gatewayFor(running, { resourceGraph: graph });
  const warnings: string[] = [];
  const finder = new SetMembers({
    clients: gateway.clients,
    subscriptions: new KnownSubscriptions(gateway.clients, [], 60_000),
    graph: gateway.graph,
    onGraphRefusal: (message) => warnings.push(message),
  });
  return { finder, warnings };
}

function membersOf(result: SetMembersResult) {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.members;
}

const names = (result: SetMembersResult) => membersOf(result).map((vm) => vm.name);

/** The Compute list calls made, by route name. */
function armListings(byRoute: Record<string, number>): string[] {
  return Object.keys(byRoute).filter((route) =>
    /^(virtualMachines|availabilitySets|virtualMachineScaleSets)/.test(route),
  );
}

describe.each([
  ["with Resource Graph", true],
  ["with Resource Graph off (ARM listings)", false],
])("set members %s", (_, graph) => {
  let finder: SetMembers;
  /** With the graph, a set that has members is answered by the graph alone; without, nothing reaches it. */
  const find = async (target: SetTargetQuery, limit = CAP) => {
    sim.resetStats();
    const result = await finder.find(target, limit);
    const { byRoute } = sim.stats();
    if (!graph) expect(byRoute["resourceGraph.resources"]).toBeUndefined();
    const hasMembers =
      (result.ok && result.members.length > 0) || (!result.ok && result.code === "set-too-large");
    if (graph && hasMembers) expect(armListings(byRoute)).toEqual([]);
    return result;
  };
  beforeAll(() => {
    finder = setMembers(sim, graph).finder;
  });

  it("an availability set, by kind or by bare name: its VMs by name, found by their (upper-case) references", async () => {
    for (const target of [
      { kind: "availability-set", name: "AVSET-APP" },
      { kind: "named", name: "avset-app" },
      { kind: "named", name: "avset-app", resourceGroup: "RG-SCALE" },
    ] as const) {
      const result = await find(target);
      expect(result).toMatchObject({
        ok: true,
        set: {
          kind: "availability-set",
          id: `/subscriptions/${PRODUCTION}/resourceGroups/rg-scale/providers/Microsoft.Compute/availabilitySets/avset-app`,
          name: "avset-app",
          resourceGroup: "rg-scale",
          subscriptionId: PRODUCTION,
          location: "eastus",
        },
      });
      expect(membersOf(result)).toEqual(
        ["vm-avset-01", "vm-avset-02"].map((name) => ({
          id: vmId(PRODUCTION, "rg-scale", name),
          name,
          resourceGroup: "rg-scale",
          subscriptionId: PRODUCTION,
          location: "eastus",
          type: "virtualMachine",
        })),
      );
    }
  });

  it("a Flexible scale set: its members, which are ordinary VMs", async () => {
    const result = await find({ kind: "scale-set", name: "vmss-api" });
    expect(result).toMatchObject({ ok: true, set: { kind: "scale-set", name: "vmss-api" } });
    const members = membersOf(result);
    expect(members.map((vm) => vm.name)).toEqual([...members.map((vm) => vm.name)].sort());
    expect(members).toHaveLength(2);
    expect(
      members.every((vm) => /^vmss-api_[0-9a-f]{8}$/.test(vm.name) && vm.type === "virtualMachine"),
    ).toBe(true);
    expect(names(await find({ kind: "named", name: "VMSS-API" }))).toEqual(members.map((vm) => vm.name));
  });

  it("a Uniform scale set is no set to protect, by kind or by bare name", async () => {
    for (const target of [
      { kind: "scale-set", name: "vmss-web" },
      { kind: "named", name: "vmss-web" },
    ] as const) {
      const result = await find(target);
      expect(result).toMatchObject({
        ok: false,
        code: "uniform-scale-set",
        scaleSet: { name: "vmss-web", resourceGroup: "rg-scale", subscriptionId: PRODUCTION },
      });
      expect(result.ok === false && result.message).toContain("cannot have restore points");
    }
  });

  it("a resource group: its VMs and its Uniform instances (which the plan will show as not protectable)", async () => {
    const result = await find({ kind: "resource-group", name: "RG-SCALE" });
    expect(result).toMatchObject({
      ok: true,
      set: { kind: "resource-group", name: "RG-SCALE", subscriptionIds: [PRODUCTION] },
    });
    const members = membersOf(result);
    expect(members.map((vm) => vm.name)).toEqual([
      "vm-avset-01",
      "vm-avset-02",
      ...members.filter((vm) => vm.name.startsWith("vmss-api_")).map((vm) => vm.name),
      "vmss-web_0",
      "vmss-web_1",
    ]);
    expect(members.filter((vm) => vm.type === "scaleSetInstance").map((vm) => vm.name)).toEqual([
      "vmss-web_0",
      "vmss-web_1",
    ]);
    expect(members).toHaveLength(6);
  });

  it("a resource group of one name in two subscriptions, unless its resource id names one", async () => {
    const both = await find({ kind: "named", name: "rg-app" });
    expect(both).toMatchObject({ ok: true, set: { kind: "resource-group", name: "rg-app" } });
    expect(
      both.ok && [...(both.set.kind === "resource-group" ? both.set.subscriptionIds : [])].sort(),
    ).toEqual([PRODUCTION, STAGING]);
    expect(membersOf(both).map((vm) => [vm.name, vm.subscriptionId])).toEqual([
      ["vm-app-01", PRODUCTION],
      ["vm-app-01", STAGING],
      ["vm-stage-web-01", STAGING],
    ]);
    const staging = await find({ kind: "resource-group", name: "rg-app", subscriptionId: STAGING });
    expect(names(staging)).toEqual(["vm-app-01", "vm-stage-web-01"]);
    const elsewhere = await find({
      kind: "resource-group",
      name: "rg-app",
      subscriptionId: "99999999-9999-9999-9999-999999999999",
    });
    expect(elsewhere).toMatchObject({ ok: false, code: "set-not-found" });
  });

  it("an ambiguous bare name lists what it could be; the kind settles it (the availability set is empty)", async () => {
    const ambiguous = await find({ kind: "named", name: "rg-web" });
    expect(ambiguous).toMatchObject({ ok: false, code: "set-ambiguous" });
    if (ambiguous.ok || ambiguous.code !== "set-ambiguous") throw new Error("not ambiguous");
    expect(ambiguous.candidates).toEqual([
      expect.objectContaining({ kind: "availability-set", name: "rg-web", resourceGroup: "rg-ops" }),
      { kind: "resource-group", name: "rg-web", subscriptionIds: [PRODUCTION] },
    ]);
    expect(ambiguous.message).toBe(
      `"rg-web" could be 2 sets: availability set rg-ops/rg-web (subscription ${PRODUCTION}); resource group rg-web (subscription ${PRODUCTION}). Say which.`,
    );
    expect(await find({ kind: "availability-set", name: "rg-web" })).toMatchObject({ ok: true, members: [] });
    expect(names(await find({ kind: "resource-group", name: "rg-web" }))).toEqual(["vm-web-01", "vm-web-02"]);
  });

  it("one set name in two subscriptions is ambiguous; group/name picks one", async () => {
    const ambiguous = await find({ kind: "named", name: "avset-dup" });
    expect(ambiguous.ok === false && ambiguous.code === "set-ambiguous" && ambiguous.candidates).toEqual([
      expect.objectContaining({
        kind: "availability-set",
        subscriptionId: PRODUCTION,
        resourceGroup: "rg-web",
      }),
      expect.objectContaining({ kind: "availability-set", subscriptionId: STAGING, resourceGroup: "rg-app" }),
    ]);
    expect(await find({ kind: "named", name: "avset-dup", resourceGroup: "rg-app" })).toMatchObject({
      ok: true,
      set: { subscriptionId: STAGING },
      members: [],
    });
  });

  it("an empty resource group is an empty set; a bare name looks only for groups with VMs", async () => {
    expect(await find({ kind: "resource-group", name: "rg-empty" })).toEqual({
      ok: true,
      set: { kind: "resource-group", name: "rg-empty", subscriptionIds: [PRODUCTION] },
      members: [],
    });
    expect(await find({ kind: "named", name: "rg-empty" })).toMatchObject({
      ok: false,
      code: "set-not-found",
    });
  });

  it("says when nothing has the name", async () => {
    expect(await find({ kind: "named", name: "nothing-here" })).toEqual({
      ok: false,
      code: "set-not-found",
      message:
        "No availability set, Flexible scale set or resource group (with VMs) named nothing-here in the subscriptions the bot reads.",
    });
    expect(await find({ kind: "availability-set", name: "vmss-api" })).toMatchObject({
      code: "set-not-found",
    });
    expect(await find({ kind: "resource-group", name: "rg-none" })).toMatchObject({ code: "set-not-found" });
  });

  it("a tag: its name in any case, its value exactly, across subscriptions", async () => {
    const orders = membersOf(await find({ kind: "tag", key: "app", value: "orders-api" }));
    expect(orders.map((vm) => [vm.name, vm.subscriptionId])).toEqual([
      ["vm-app-01", PRODUCTION],
      ["vm-app-01", STAGING],
    ]);
    // vm-app-01 (staging) has `env`, vm-stage-web-01 has `Env`.
    expect(names(await find({ kind: "tag", key: "ENV", value: "staging" }))).toEqual([
      "vm-app-01",
      "vm-stage-web-01",
    ]);
    expect(await find({ kind: "tag", key: "env", value: "Staging" })).toMatchObject({
      ok: true,
      members: [],
    });
  });

  it("a tag no VM has is an empty set", async () => {
    expect(await find({ kind: "tag", key: "team", value: "nobody" })).toEqual({
      ok: true,
      set: { kind: "tag", key: "team", value: "nobody" },
      members: [],
    });
  });

  it("a set larger than the cap: its count, not its members", async () => {
    const tooLarge = await find({ kind: "tag", key: "batch", value: "nightly" });
    expect(tooLarge).toEqual({
      ok: false,
      code: "set-too-large",
      set: { kind: "tag", key: "batch", value: "nightly" },
      count: NIGHTLY,
      limit: CAP,
      message: `There are ${NIGHTLY} VMs tagged batch=nightly; the bot protects at most ${CAP} at once (RPBOT_MAX_SET_SIZE).`,
    });
    const all = membersOf(await find({ kind: "tag", key: "batch", value: "nightly" }, NIGHTLY));
    expect(all).toHaveLength(NIGHTLY);
    expect(new Set(all.map((vm) => vm.subscriptionId)).size).toBe(2);
    expect(all.map((vm) => vm.name)).toEqual([...all.map((vm) => vm.name)].sort());
    expect(membersOf(await find({ kind: "tag", key: "batch", value: "nightly" }, 1000))).toHaveLength(
      NIGHTLY,
    );
    expect(await find({ kind: "tag", key: "batch", value: "nightly" }, NIGHTLY - 1)).toMatchObject({
      code: "set-too-large",
      count: NIGHTLY,
    });
  });
});

describe("what sets cost", () => {
  it("with the graph: a few queries and no ARM listing, and a set over the cap costs a listing up to it and a count", async () => {
    const { finder } = setMembers(sim, true);
    sim.resetStats();
    await finder.find({ kind: "named", name: "avset-app" }, CAP);
    const found = sim.stats().byRoute;
    expect(found["resourceGraph.resources"]).toBe(3); // sets and groups of the name, then the members
    expect(found["virtualMachines.listAll"]).toBeUndefined();
    expect(found["availabilitySets.listBySubscription"]).toBeUndefined();
    expect(found["subscriptions.list"]).toBeUndefined(); // the graph covers all the identity can see
    sim.resetStats();
    await finder.find({ kind: "tag", key: "batch", value: "nightly" }, 10);
    const counted = sim.stats().byRoute;
    expect(counted["resourceGraph.resources"]).toBe(2);
    expect(counted["virtualMachines.listAll"]).toBeUndefined();
  });

  it("with the graph off: nothing goes to the graph", async () => {
    const { finder } = setMembers(sim, false);
    sim.resetStats();
    expect(names(await finder.find({ kind: "named", name: "avset-app" }, CAP))).toHaveLength(2);
    expect(sim.stats().byRoute["resourceGraph.resources"]).toBeUndefined();
  });

  it("a refused graph: the ARM listings answer, and the refusal is told", async () => {
    const refusing = await startSimulator({
      fleet: buildSampleFleet(new Date()),
      resourceGraphQuota: { queries: 0, windowSeconds: 1 },
    });
    try {
      const { finder, warnings } = setMembers(refusing, true);
      expect(names(await finder.find({ kind: "scale-set", name: "vmss-api" }, CAP))).toHaveLength(2);
      expect(refusing.stats().byRoute["virtualMachineScaleSets.listAll"]).toBeGreaterThan(0);
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.join("\n")).toMatch(/429/);
    } finally {
      await refusing.close();
    }
  });
});
