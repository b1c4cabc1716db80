/**
 * Availability sets through the real @azure/arm-compute client: get, the two lists, the members ARM keeps in
 * `virtualMachines`, and the answers for a set or group that is not there.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../../src/simulator/index.js";
import { collect, rawRequest, simClient } from "../../support/sim-client.js";
import { PRODUCTION, STAGING, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
let prod: ComputeManagementClient;

beforeAll(async () => {
  sim = await startSampleSimulator({ pageSize: 1 });
  prod = simClient(sim, PRODUCTION);
});
afterAll(() => sim.close());

const lower = (ids: (string | undefined)[]) => ids.map((id) => id?.toLowerCase()).sort();

describe("availability sets", () => {
  it("gets a set with its SKU, domains and the VMs that name it", async () => {
    const set = await prod.availabilitySets.get("rg-scale", "avset-app");
    expect(set).toMatchObject({
      name: "avset-app",
      type: "Microsoft.Compute/availabilitySets",
      location: "eastus",
      sku: { name: "Aligned" },
      platformFaultDomainCount: 2,
      platformUpdateDomainCount: 5,
    });
    expect(lower((set.virtualMachines ?? []).map((vm) => vm.id))).toEqual(
      lower([vmId(PRODUCTION, "rg-scale", "vm-avset-01"), vmId(PRODUCTION, "rg-scale", "vm-avset-02")]),
    );
  });

  it("treats the set's name and group case-insensitively", async () => {
    expect((await prod.availabilitySets.get("RG-SCALE", "AVSET-APP")).name).toBe("avset-app");
  });

  it("lists a group's and a subscription's sets, page after page", async () => {
    expect((await collect(prod.availabilitySets.list("rg-scale"))).map((set) => set.name)).toEqual([
      "avset-app",
    ]);
    expect((await collect(prod.availabilitySets.listBySubscription())).map((set) => set.name)).toEqual([
      "avset-app",
    ]);
    expect(await collect(simClient(sim, STAGING).availabilitySets.listBySubscription())).toEqual([]);
    expect(await collect(prod.availabilitySets.list("rg-web"))).toEqual([]);
  });

  it("answers 404 ResourceNotFound for a set that is not there, ResourceGroupNotFound for a group", async () => {
    await expect(prod.availabilitySets.get("rg-scale", "avset-none")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceNotFound",
    });
    await expect(prod.availabilitySets.get("rg-none", "avset-app")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceGroupNotFound",
    });
  });

  it("refuses an api-version Compute does not have, as for every Compute route", async () => {
    const path = `/subscriptions/${PRODUCTION}/providers/Microsoft.Compute/availabilitySets?api-version=2099-01-01`;
    const response = await rawRequest(sim, "GET", path);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: "NoRegisteredProviderFound" } });
  });
});

describe("an availability set of a fleet file", () => {
  it("has no members until a VM names it, and keeps what the file says besides", async () => {
    const setId = `/subscriptions/${PRODUCTION}/resourceGroups/rg-a/providers/Microsoft.Compute/availabilitySets/as-empty`;
    const own = await startSimulator({
      fleet: {
        resources: [
          {
            id: setId,
            name: "as-empty",
            type: "Microsoft.Compute/availabilitySets",
            location: "westeurope",
            tags: { tier: "web" },
            properties: { platformFaultDomainCount: 3, virtualMachines: [{ id: "stale" }] },
          },
        ],
      },
    });
    try {
      const set = await simClient(own, PRODUCTION).availabilitySets.get("rg-a", "as-empty");
      expect(set).toMatchObject({ tags: { tier: "web" }, platformFaultDomainCount: 3, virtualMachines: [] });
    } finally {
      await own.close();
    }
  });
});
