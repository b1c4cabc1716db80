/**
 * A query whose leading `where` pins the type (and the name) reads only those rows from the store's indexes,
 * and answers exactly what a full scan answers: each query below is compared with itself behind an `extend`,
 * which no probe looks past, so that one reads every row.
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../../../src/simulator/json.js";
import { ask, fleetOf, SUB_A, SUB_B, unthrottled, vm } from "./harness.js";

function disk(name: string, subscription = SUB_A): JsonObject {
  return {
    id: `/subscriptions/${subscription}/resourceGroups/rg-d/providers/Microsoft.Compute/disks/${name}`,
    name,
    type: "Microsoft.Compute/disks",
    location: "eastus",
    properties: {},
  };
}

function collection(name: string, sourceVm: string, subscription = SUB_A): JsonObject {
  return {
    id: `/subscriptions/${subscription}/resourceGroups/rg-rp/providers/Microsoft.Compute/restorePointCollections/${name}`,
    name,
    type: "Microsoft.Compute/restorePointCollections",
    location: "eastus",
    properties: {
      source: {
        id: `/subscriptions/${subscription}/resourceGroups/RG-One/providers/Microsoft.Compute/virtualMachines/${sourceVm}`,
      },
    },
  };
}

function instance(set: string, id: number): JsonObject {
  return {
    id: `/subscriptions/${SUB_A}/resourceGroups/rg-s/providers/Microsoft.Compute/virtualMachineScaleSets/${set}/virtualMachines/${id}`,
    name: `${set}_${id}`,
    type: "Microsoft.Compute/virtualMachineScaleSets/virtualMachines",
    location: "eastus",
    properties: {},
  };
}

const fleet = fleetOf([
  ...Array.from({ length: 20 }, (_, index) =>
    vm({ name: `vm-${index}`, subscription: index % 2 === 0 ? SUB_A : SUB_B }),
  ),
  vm({ name: "Vm-Mixed", subscription: SUB_B }),
  ...Array.from({ length: 40 }, (_, index) => disk(`disk-${index}`, index % 2 === 0 ? SUB_A : SUB_B)),
  collection("rpc-vm-3", "vm-3"),
  collection("rpc-vm-4", "vm-4"),
  collection("rpc-vm-4-b", "vm-4", SUB_B),
  instance("set", 0),
  instance("set", 1),
]);
const EVERY_ROW = 20 + 1 + 40 + 3; // Resources (the instances are in ComputeResources)

const VM = "'microsoft.compute/virtualmachines'";
const DISK = "'Microsoft.Compute/disks'";
const COLLECTION = "'microsoft.compute/restorepointcollections'";

/** [query after the table, rows it should read at most] */
const CASES: Array<[string, number]> = [
  [`where type =~ ${VM}`, 21],
  [`where type == ${VM} and name =~ 'vm-3'`, 1],
  [`where name =~ 'VM-MIXED' and type =~ ${VM}`, 1],
  [`where type in~ (${VM}, ${DISK})`, 61],
  [`where type =~ ${DISK} | where name == 'disk-7'`, 40],
  [
    `where (type =~ ${VM} and name =~ 'vm-4') or (type =~ ${COLLECTION} and tostring(properties.source.id) contains '/virtualmachines/vm-4')`,
    1 + 3,
  ],
  [`where type =~ ${VM} and (name =~ 'vm-1' or name =~ 'vm-2')`, 2],
  [`where type =~ ${COLLECTION} | summarize count() by subscriptionId`, 3],
  [`where type != ${VM}`, EVERY_ROW],
  [`where type contains 'virtualmachines'`, EVERY_ROW],
  [`where type =~ ${VM} or name =~ 'disk-1'`, EVERY_ROW],
];

function answer(table: string, query: string) {
  const service = unthrottled();
  const body = ask(service, fleet, `${table} | ${query}`).body;
  return { rows: body.data, scanned: service.counters.rowsScanned };
}

describe("the rows a query's leading where reads", () => {
  it.each(CASES)("%s reads at most %i rows and answers as a full scan does", (query, most) => {
    const probed = answer("Resources", query);
    const full = answer("Resources", `extend unprobed = 1 | project-away unprobed | ${query}`);
    expect((probed.rows as unknown[]).length).toBeGreaterThan(0);
    expect(probed.rows).toEqual(full.rows);
    expect(full.scanned).toBe(EVERY_ROW);
    expect(probed.scanned).toBe(most);
  });

  it("finds Uniform instances by their <set>_<id> name in ComputeResources", () => {
    const query =
      "where type =~ 'microsoft.compute/virtualmachinescalesets/virtualmachines' and name =~ 'SET_1'";
    const probed = answer("ComputeResources", query);
    expect(probed.rows).toEqual([expect.objectContaining({ name: "set_1" })]);
    expect(probed.scanned).toBe(1);
  });

  it("does not look past an operator that may redefine type", () => {
    const redefined = answer("Resources", `extend type = 'x' | where type == 'x' | project name`);
    expect((redefined.rows as unknown[]).length).toBe(EVERY_ROW);
  });

  it("keeps to the subscriptions asked for when it finds rows by name", () => {
    const service = unthrottled();
    const body = ask(
      service,
      fleet,
      `Resources | where type =~ ${COLLECTION} or (type =~ ${VM} and name =~ 'vm-4')`,
      {
        subscriptions: [SUB_B],
      },
    ).body;
    expect((body.data as JsonObject[]).map((row) => row.name)).toEqual(["rpc-vm-4-b"]);
  });
});
