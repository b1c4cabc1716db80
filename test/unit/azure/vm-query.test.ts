import { describe, expect, it } from "vitest";
import { editDistance } from "../../../src/azure/name-suggestions.js";
import { parseVmQuery, quoteInput } from "../../../src/azure/vm-query.js";

const VM_ID =
  "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01";

describe("parseVmQuery", () => {
  it("reads a name, resourceGroup/name and a resource id", () => {
    expect(parseVmQuery("vm-web-01")).toEqual({ kind: "name", name: "vm-web-01" });
    expect(parseVmQuery(" rg-prod/vm-web-01 ")).toEqual({
      kind: "group-and-name",
      resourceGroup: "rg-prod",
      name: "vm-web-01",
    });
    expect(parseVmQuery(VM_ID)).toEqual({ kind: "id", id: VM_ID });
    expect(parseVmQuery(VM_ID.toLowerCase())).toEqual({ kind: "id", id: VM_ID.toLowerCase() });
  });

  it("accepts Uniform scale-set instance ids and names", () => {
    const id = VM_ID.replace(
      "virtualMachines/vm-web-01",
      "virtualMachineScaleSets/vmss-web/virtualMachines/3",
    );
    expect(parseVmQuery(id).kind).toBe("id");
    expect(parseVmQuery("vmss-web_3")).toEqual({ kind: "name", name: "vmss-web_3" });
  });

  it("strips surrounding quotes, straight or curly", () => {
    expect(parseVmQuery('"vm-web-01"')).toEqual({ kind: "name", name: "vm-web-01" });
    expect(parseVmQuery("“vm-web-01”")).toEqual({ kind: "name", name: "vm-web-01" });
    expect(parseVmQuery("'rg/vm'")).toEqual({ kind: "group-and-name", resourceGroup: "rg", name: "vm" });
  });

  it("explains what is wrong with input that cannot be a VM", () => {
    expect(parseVmQuery("")).toMatchObject({ kind: "invalid", reason: "No VM name was given." });
    expect(parseVmQuery("a/b/c")).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(/resource id/),
    });
    expect(parseVmQuery("x".repeat(10_000))).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(/10000 characters/),
    });
    expect(parseVmQuery("x".repeat(65))).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(/at most 64/),
    });
    expect(parseVmQuery("/rg-prod")).toMatchObject({ kind: "invalid" });
    expect(
      parseVmQuery(VM_ID.replace("Microsoft.Compute/virtualMachines", "Microsoft.Network/networkInterfaces")),
    ).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(/not a VM/),
    });
  });

  it("keeps unicode names as names: ARM decides whether they exist", () => {
    expect(parseVmQuery("vm-wéb-01")).toEqual({ kind: "name", name: "vm-wéb-01" });
  });
});

describe("quoteInput", () => {
  it("quotes on one line and cuts long input", () => {
    expect(quoteInput("vm\nweb")).toBe('"vm web"');
    expect(quoteInput("y".repeat(500))).toHaveLength(62);
  });
});

describe("editDistance", () => {
  it("counts edits and gives up past the limit", () => {
    expect(editDistance("vm-web-01", "vm-web-01", 2)).toBe(0);
    expect(editDistance("vm-web-1", "vm-web-01", 2)).toBe(1);
    expect(editDistance("vm-wbe-01", "vm-web-01", 2)).toBe(2);
    expect(editDistance("completely-different", "vm-web-01", 2)).toBe(3);
  });
});
