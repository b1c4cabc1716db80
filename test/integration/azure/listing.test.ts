import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArmError, type ArmGateway, type VmRef } from "../../../src/azure/index.js";
import { type ListedMachine, listMachines, listVmRefs } from "../../../src/azure/vm-listing.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { gatewayFor } from "../../support/gateway.js";
import { PRODUCTION, STAGING, startSampleSimulator } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
let gateway: ArmGateway;
beforeAll(async () => {
  sim = await startSampleSimulator();
  gateway = gatewayFor(sim);
});
afterAll(() => sim.close());

const UNKNOWN_SUBSCRIPTION = "33333333-3333-3333-3333-333333333333";

function names(machines: ListedMachine[] | undefined): string[] {
  return (machines ?? []).map(({ ref }) => ref.name).sort();
}

describe("listing VMs and Uniform instances (vm-listing.ts)", () => {
  it("lists a subscription's VMs, Flexible members as VMs and Uniform instances, but no scale set", async () => {
    const machines = await listMachines(gateway.clients.compute(PRODUCTION), PRODUCTION);
    const byName = new Map((machines ?? []).map((listed) => [listed.ref.name, listed.ref]));
    expect(byName.get("vm-web-01")).toMatchObject({ type: "virtualMachine", resourceGroup: "rg-web" });
    expect(byName.get("vmss-web_1")).toEqual({
      id: expect.stringMatching(/\/virtualMachineScaleSets\/vmss-web\/virtualMachines\/1$/),
      name: "vmss-web_1",
      resourceGroup: "rg-scale",
      subscriptionId: PRODUCTION,
      location: "eastus",
      type: "scaleSetInstance",
      scaleSetName: "vmss-web",
      instanceId: "1",
    });
    const flexible = [...byName.values()].filter((ref) => ref.name.startsWith("vmss-api_"));
    expect(flexible.length).toBeGreaterThan(0);
    expect(flexible.every((ref) => ref.type === "virtualMachine")).toBe(true);
    expect(byName.has("vmss-web")).toBe(false);
    expect(byName.has("vmss-api")).toBe(false);
  });

  it("asks for instance views only when told to, in the list pages (no GET per machine)", async () => {
    const compute = gateway.clients.compute(PRODUCTION);
    const plain = await listMachines(compute, PRODUCTION);
    expect(plain?.some(({ machine }) => machine.instanceView !== undefined)).toBe(false);
    sim.resetStats();
    const viewed = await listMachines(compute, PRODUCTION, { instanceView: true });
    expect(viewed?.every(({ machine }) => machine.instanceView !== undefined)).toBe(true);
    expect(names(viewed)).toEqual(names(plain));
    const { byRoute } = sim.stats();
    expect(byRoute["virtualMachines.get"] ?? 0).toBe(0);
    expect(byRoute["virtualMachineScaleSetVMs.get"] ?? 0).toBe(0);
  });

  it("lists one resource group, and says undefined where the group does not exist", async () => {
    const group = await listMachines(gateway.clients.compute(PRODUCTION), PRODUCTION, {
      resourceGroup: "rg-scale",
    });
    expect(group?.length).toBeGreaterThan(0);
    expect(group?.every(({ ref }) => ref.resourceGroup === "rg-scale")).toBe(true);
    expect(names(group)).toEqual(expect.arrayContaining(["vmss-web_0", "vmss-web_1", "vm-avset-01"]));
    const missing = await listMachines(gateway.clients.compute(STAGING), STAGING, {
      resourceGroup: "rg-scale",
    });
    expect(missing).toBeUndefined();
  });

  it("turns any other failure into an ArmError naming what was listed", async () => {
    const compute = gateway.clients.compute(UNKNOWN_SUBSCRIPTION);
    const failure = listMachines(compute, UNKNOWN_SUBSCRIPTION, { resourceGroup: "rg-web" });
    await expect(failure).rejects.toBeInstanceOf(ArmError);
    await expect(failure).rejects.toThrow(`listing the VMs of resource group rg-web ${UNKNOWN_SUBSCRIPTION}`);
    await expect(listMachines(compute, UNKNOWN_SUBSCRIPTION)).rejects.toMatchObject({
      kind: "not-found",
      message: expect.stringContaining(`listing the VMs of subscription ${UNKNOWN_SUBSCRIPTION}`),
    });
  });

  it("gives the name index the same references, over every subscription", async () => {
    const refs = await listVmRefs(gateway.clients, [PRODUCTION, STAGING]);
    const production = await listMachines(gateway.clients.compute(PRODUCTION), PRODUCTION);
    const staging = await listMachines(gateway.clients.compute(STAGING), STAGING);
    expect(refs).toEqual([...(production ?? []), ...(staging ?? [])].map(({ ref }) => ref));
    expect(refs.filter((ref) => ref.name === "vm-app-01").map((ref) => ref.subscriptionId)).toEqual([
      PRODUCTION,
      STAGING,
    ]);
    // From Resource Graph (in its order), and from ARM when the graph is off: the same references.
    const byId = (list: VmRef[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await gateway.listVms())).toEqual(byId(refs));
    expect(await gatewayFor(sim, { resourceGraph: false }).listVms()).toEqual(refs);
  });
});
