/** The KQL the bot sends for sets (src/azure/set-queries.ts) and how their rows become candidates. */
import { describe, expect, it } from "vitest";
import {
  countOf,
  groupsNamedQuery,
  memberCount,
  memberFilters,
  memberListing,
  setsNamedQuery,
  toCandidates,
} from "../../../src/azure/set-queries.js";

const SUB = "11111111-1111-1111-1111-111111111111";
const setId = (type: string, name: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg-a/providers/Microsoft.Compute/${type}/${name}`;

describe("the queries", () => {
  it("looks sets up by type and name, in one group when told, with the name quoted", () => {
    expect(setsNamedQuery("it's", ["availability-set", "scale-set"], "rg-a")).toBe(
      "Resources | where type in~ ('microsoft.compute/availabilitysets', 'microsoft.compute/virtualmachinescalesets') and name =~ 'it\\'s' and resourceGroup =~ 'rg-a' | extend orchestrationMode = tostring(properties.orchestrationMode) | project id, name, type, location, orchestrationMode",
    );
    expect(setsNamedQuery("web", ["scale-set"])).toContain(
      "where type in~ ('microsoft.compute/virtualmachinescalesets') and name =~ 'web' |",
    );
  });

  it("finds groups of a name by the VMs and scale sets in them, per subscription", () => {
    expect(groupsNamedQuery("rg-web")).toBe(
      "Resources | where type in~ ('microsoft.compute/virtualmachines', 'microsoft.compute/virtualmachinescalesets') and resourceGroup =~ 'rg-web' | summarize count() by subscriptionId",
    );
  });

  it("lists one row past the cap while that fits a page, else every member", () => {
    expect(memberListing("Resources", 200)).toBe("Resources | project id, name, location | take 201");
    expect(memberListing("Resources", 999)).toBe("Resources | project id, name, location | take 1000");
    expect(memberListing("Resources", 1000)).toBe("Resources | project id, name, location");
    expect(memberCount("Resources | where x")).toBe("Resources | where x | count");
  });

  it("filters members by the set's reference, the group in both tables, or the tag with mv-expand", () => {
    const avset = {
      kind: "availability-set",
      id: setId("availabilitySets", "as"),
      name: "as",
      resourceGroup: "rg-a",
      subscriptionId: SUB,
      location: "eastus",
    } as const;
    expect(memberFilters(avset, "all")).toEqual([
      {
        kql: `Resources | where type =~ 'microsoft.compute/virtualmachines' and tostring(properties.availabilitySet.id) =~ '${avset.id}'`,
        scope: [SUB],
      },
    ]);
    const flexible = { ...avset, kind: "scale-set", id: setId("virtualMachineScaleSets", "ss") } as const;
    expect(memberFilters(flexible, "all")[0]?.kql).toContain(
      "tostring(properties.virtualMachineScaleSet.id) =~ ",
    );
    const group = memberFilters({ kind: "resource-group", name: "rg-a", subscriptionIds: [SUB] }, "all");
    expect(group.map((filter) => filter.kql)).toEqual([
      "Resources | where type =~ 'microsoft.compute/virtualmachines' and resourceGroup =~ 'rg-a'",
      "ComputeResources | where type =~ 'microsoft.compute/virtualmachinescalesets/virtualmachines' and resourceGroup =~ 'rg-a'",
    ]);
    expect(group.every((filter) => filter.scope.length === 1)).toBe(true);
    expect(memberFilters({ kind: "tag", key: "Env", value: "Prod's" }, [SUB])).toEqual([
      {
        kql: "Resources | where type =~ 'microsoft.compute/virtualmachines' | mv-expand bagexpansion=array tags | where tostring(tags[0]) =~ 'Env' and tostring(tags[1]) == 'Prod\\'s'",
        scope: [SUB],
      },
    ]);
  });
});

describe("rows to candidates", () => {
  it("sorts availability sets, Flexible and Uniform scale sets (no mode: Uniform), and groups", () => {
    const found = toCandidates(
      [
        {
          id: setId("availabilitySets", "as"),
          name: "as",
          type: "microsoft.compute/availabilitysets",
          location: "eastus",
          orchestrationMode: "",
        },
        {
          id: setId("virtualMachineScaleSets", "flex"),
          name: "flex",
          type: "microsoft.compute/virtualmachinescalesets",
          location: "eastus",
          orchestrationMode: "Flexible",
        },
        {
          id: setId("virtualMachineScaleSets", "uni"),
          name: "uni",
          type: "microsoft.compute/virtualmachinescalesets",
          location: "eastus",
          orchestrationMode: "Uniform",
        },
        {
          id: setId("virtualMachineScaleSets", "old"),
          type: "microsoft.compute/virtualmachinescalesets",
          orchestrationMode: "",
        },
        { id: "not an id", type: "microsoft.compute/availabilitysets" },
      ],
      [{ subscriptionId: SUB, count_: 3 }, { count_: 1 }],
    );
    expect(
      found.availabilitySets.map((set) => [set.kind, set.name, set.resourceGroup, set.subscriptionId]),
    ).toEqual([["availability-set", "as", "rg-a", SUB]]);
    expect(found.scaleSets.map((set) => set.name)).toEqual(["flex"]);
    expect(found.uniformScaleSets.map((set) => [set.kind, set.name, set.location])).toEqual([
      ["scale-set", "uni", "eastus"],
      ["scale-set", "old", ""],
    ]);
    expect(found.groupSubscriptions).toEqual([SUB]);
  });

  it("reads the count operator's row", () => {
    expect(countOf({ Count: 250 })).toBe(250);
    expect(countOf({ Count: "250" })).toBeUndefined();
  });
});
