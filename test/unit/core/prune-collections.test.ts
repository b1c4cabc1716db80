/** emptyCollections: what `clean up` may delete now, and what will be empty once deletions finish. */
import { describe, expect, it } from "vitest";
import type { CollectionRecord } from "../../../src/core/index.js";
import { emptyCollections } from "../../../src/core/prune-collections.js";
import { buildCollection, collectionId, VM_ID } from "./build-facts.js";
import { point } from "./prune-builders.js";

function collection(
  name: string,
  states: string[],
  overrides: Partial<CollectionRecord> = {},
): CollectionRecord {
  const restorePoints = states.map((state, index) =>
    point({ name: `rp-${index}`, hours: 1, state, collection: name }),
  );
  return buildCollection({ name, restorePoints, ...overrides });
}

const names = (refs: { name: string }[]) => refs.map((ref) => ref.name);

describe("emptyCollections", () => {
  it.each<[string, string[], "empty" | "emptying" | "neither"]>([
    ["no restore point at all", [], "empty"],
    ["only points being deleted", ["Deleting", "deleting"], "emptying"],
    ["a succeeded point", ["Succeeded"], "neither"],
    ["a failed point (it still counts until deleted)", ["Failed"], "neither"],
    ["a point being created", ["Creating"], "neither"],
    ["points being deleted and one left", ["Deleting", "Succeeded"], "neither"],
  ])("a collection with %s is %s", (_case, states, expected) => {
    const result = emptyCollections([collection("rpc-x", states)]);
    const where = result.empty.length > 0 ? "empty" : result.emptying.length > 0 ? "emptying" : "neither";
    expect(where).toBe(expected);
  });

  it("describes each collection by id, name, location and source, and counts what is still being deleted", () => {
    const gone =
      "/subscriptions/s/resourceGroups/rg-batch/providers/Microsoft.Compute/virtualMachines/vm-gone";
    const result = emptyCollections([
      collection("rpc-left", [], { sourceId: gone, location: "westus3" }),
      collection("rpc-going", ["Deleting", "Deleting", "Deleting"]),
    ]);
    expect(result).toStrictEqual({
      empty: [{ id: collectionId("rpc-left"), name: "rpc-left", location: "westus3", sourceId: gone }],
      emptying: [
        {
          id: collectionId("rpc-going"),
          name: "rpc-going",
          location: "westeurope",
          sourceId: VM_ID,
          deleting: 3,
        },
      ],
    });
  });

  it("lists by name, then id, whatever the order given, and changes nothing given", () => {
    const input = [
      collection("rpc-c", []),
      collection("rpc-a", [], { id: `${collectionId("rpc-a")}-2` }),
      collection("rpc-b", ["Deleting"]),
      collection("rpc-a", []),
      collection("rpc-d", ["Deleting"]),
      collection("rpc-0", ["Succeeded"]),
    ];
    const order = input.map((each) => each.id);
    const result = emptyCollections(input);
    expect(result.empty.map((ref) => ref.id)).toEqual([
      collectionId("rpc-a"),
      `${collectionId("rpc-a")}-2`,
      collectionId("rpc-c"),
    ]);
    expect(names(result.emptying)).toEqual(["rpc-b", "rpc-d"]);
    expect(input.map((each) => each.id)).toEqual(order);
  });

  it("orders by name, not by where the collection lives", () => {
    const inGroup = (group: string, name: string) =>
      collection(name, [], {
        id: `/subscriptions/s/resourceGroups/${group}/providers/Microsoft.Compute/restorePointCollections/${name}`,
      });
    const result = emptyCollections([inGroup("rg-a", "rpc-b"), inGroup("rg-b", "rpc-a")]);
    expect(names(result.empty)).toEqual(["rpc-a", "rpc-b"]);
  });

  it("finds nothing in nothing", () => {
    expect(emptyCollections([])).toEqual({ empty: [], emptying: [] });
  });
});
