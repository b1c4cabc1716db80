/**
 * What a row looks like, read from the sample fleet: the sixteen columns in the service's order, lower-case
 * type/location/resourceGroup, a VM's state under properties.extended.instanceView instead of instanceView,
 * Uniform instances only in ComputeResources, Flexible members as ordinary VMs, restore points no rows.
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../../../src/simulator/json.js";
import { buildSampleFleet, SAMPLE_SUBSCRIPTIONS } from "../../../../src/simulator/sample-fleet/index.js";
import { FleetState } from "../../../../src/simulator/store/state.js";
import { ask, fleetOf, rowsOf, SUB_A, unthrottled } from "./harness.js";

const PRODUCTION = "11111111-1111-1111-1111-111111111111";
const sample = new FleetState(buildSampleFleet(new Date("2026-01-01T00:00:00Z")).resources);

function one(query: string): JsonObject {
  const rows = rowsOf(sample, query);
  expect(rows).toHaveLength(1);
  return rows[0] as JsonObject;
}

describe("a VM row", () => {
  const row = one("Resources | where name == 'vm-web-01'");

  it("has the table's columns, in order", () => {
    expect(Object.keys(row)).toEqual([
      "id",
      "name",
      "type",
      "tenantId",
      "kind",
      "location",
      "resourceGroup",
      "subscriptionId",
      "managedBy",
      "sku",
      "plan",
      "properties",
      "tags",
      "identity",
      "zones",
      "extendedLocation",
    ]);
  });

  it("keeps the id as ARM spells it, lower-cases the type, and names the tenant and subscription", () => {
    expect(row).toMatchObject({
      id: `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01`,
      type: "microsoft.compute/virtualmachines",
      location: "eastus",
      resourceGroup: "rg-web",
      subscriptionId: PRODUCTION,
      kind: "",
      managedBy: "",
      plan: null,
    });
    expect(row.tenantId).toBe(sample.subscription(PRODUCTION)?.tenantId);
    expect(row.tenantId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("has no instanceView in properties, but the power state and guest under extended.instanceView", () => {
    const properties = row.properties as JsonObject;
    expect(properties.instanceView).toBeUndefined();
    expect(properties.storageProfile).toBeDefined();
    expect(properties.extended).toEqual({
      instanceView: {
        computerName: "vm-web-01",
        osName: expect.stringContaining("Windows Server 2022"),
        osVersion: expect.any(String),
        hyperVGeneration: "V2",
        powerState: { code: "PowerState/running", displayStatus: "VM running" },
      },
    });
  });

  it("a deallocated VM says so, without the guest it no longer has", () => {
    const stopped = one("Resources | where name == 'vm-stopped-01'");
    expect((stopped.properties as JsonObject).extended).toEqual({
      instanceView: {
        hyperVGeneration: expect.any(String),
        powerState: { code: "PowerState/deallocated", displayStatus: "VM deallocated" },
      },
    });
  });

  it("lower-cases a resource group and location written otherwise", () => {
    const fleet = fleetOf([
      {
        id: `/subscriptions/${SUB_A}/resourceGroups/RG-Mixed/providers/Microsoft.Compute/disks/Disk-1`,
        name: "Disk-1",
        type: "Microsoft.Compute/disks",
        location: "West Europe",
        sku: { name: "Premium_LRS" },
        zones: ["1"],
      },
    ]);
    expect(rowsOf(fleet, "Resources | project name, resourceGroup, location, sku, zones, tags")).toEqual([
      {
        name: "Disk-1",
        resourceGroup: "rg-mixed",
        location: "westeurope",
        sku: { name: "Premium_LRS" },
        zones: ["1"],
        tags: {},
      },
    ]);
  });
});

describe("which table holds what", () => {
  const types = (table: string) =>
    rowsOf(sample, `${table} | summarize count() by type | order by type asc`).map((row) => row.type);

  it("Resources: VMs (Flexible members among them), scale sets, availability sets, disks, restore point collections", () => {
    expect(types("Resources")).toEqual([
      "microsoft.compute/availabilitysets",
      "microsoft.compute/disks",
      "microsoft.compute/restorepointcollections",
      "microsoft.compute/virtualmachines",
      "microsoft.compute/virtualmachinescalesets",
    ]);
    const flexible = rowsOf(
      sample,
      "Resources | where name startswith 'vmss-api_' and type == 'microsoft.compute/virtualmachines'",
    );
    expect(flexible.map((row) => String(row.name))).toEqual([
      expect.stringMatching(/^vmss-api_[0-9a-f]{8}$/),
      expect.stringMatching(/^vmss-api_[0-9a-f]{8}$/),
    ]);
  });

  it("ComputeResources: the Uniform instances, with their power state only", () => {
    expect(types("ComputeResources")).toEqual(["microsoft.compute/virtualmachinescalesets/virtualmachines"]);
    const instances = rowsOf(sample, "ComputeResources | order by name asc | project name, properties");
    expect(instances.map((row) => row.name)).toEqual(["vmss-web_0", "vmss-web_1"]);
    expect((instances[0]?.properties as JsonObject | undefined)?.extended).toEqual({
      instanceView: { powerState: { code: "PowerState/running", displayStatus: "VM running" } },
    });
    expect(
      rowsOf(sample, "Resources | where name startswith 'vmss-web_' and type contains 'virtualmachines'").map(
        (row) => row.type,
      ),
    ).not.toContain("microsoft.compute/virtualmachinescalesets/virtualmachines");
  });

  it("a restore point collection row without its points; points are no rows", () => {
    const collection = one(
      `Resources | where type == 'microsoft.compute/restorepointcollections' and name == 'rpc-vm-web-01'`,
    );
    expect((collection.properties as JsonObject).restorePoints).toBeUndefined();
    expect((collection.properties as JsonObject).source).toMatchObject({
      id: expect.stringContaining("vm-web-01"),
    });
    expect(rowsOf(sample, "Resources | where type contains 'restorepoints'")).toEqual([]);
  });

  it("every subscription by default, only the named ones when asked", () => {
    const subscriptions = (list?: string[]) =>
      rowsOf(sample, "Resources | summarize count() by subscriptionId | order by subscriptionId asc", {
        subscriptions: list,
      }).map((row) => row.subscriptionId);
    expect(subscriptions()).toEqual([...SAMPLE_SUBSCRIPTIONS].map((s) => s.subscriptionId).sort());
    expect(subscriptions([PRODUCTION.toUpperCase()])).toEqual([PRODUCTION]);
  });

  it("answers 403 when no requested subscription is in the fleet", () => {
    const answer = ask(unthrottled(), sample, "Resources", {
      subscriptions: ["99999999-9999-9999-9999-999999999999"],
    });
    expect(answer.status).toBe(403);
  });
});

describe("what a response shares with the store", () => {
  it("nothing: changing a served row changes no later answer", () => {
    const query = "Resources | where name == 'vm-web-01' | project properties, tags";
    const first = one(query);
    (first.properties as JsonObject).storageProfile = "changed";
    (first.tags as JsonObject).env = "changed";
    const again = one(query);
    expect((again.properties as JsonObject).storageProfile).not.toBe("changed");
    expect((again.tags as JsonObject).env).not.toBe("changed");
  });
});
