/** VMs, scale sets, disks and subscriptions through the real @azure/arm-compute client. */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { collect, rawRequest, simClient } from "../../support/sim-client.js";
import { PRODUCTION, STAGING, startSampleSimulator } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
let prod: ComputeManagementClient;

beforeAll(async () => {
  sim = await startSampleSimulator({ pageSize: 7 });
  prod = simClient(sim, PRODUCTION);
});
afterAll(() => sim.close());

describe("virtual machines", () => {
  it("gets a VM without its instance view unless asked", async () => {
    const vm = await prod.virtualMachines.get("rg-web", "vm-web-01");
    expect(vm.name).toBe("vm-web-01");
    expect(vm.vmId).toMatch(/^[0-9a-f-]{36}$/);
    expect(vm.storageProfile?.dataDisks).toHaveLength(2);
    expect(vm.instanceView).toBeUndefined();
    const expanded = await prod.virtualMachines.get("rg-web", "vm-web-01", { expand: "instanceView" });
    expect(expanded.instanceView?.osName).toBe("Windows Server 2022 Datacenter Azure Edition");
    expect(expanded.instanceView?.vmAgent?.statuses?.[0]?.displayStatus).toBe("Ready");
    expect(expanded.instanceView?.statuses?.map((status) => status.code)).toContain("PowerState/running");
  });

  it("treats names and resource groups case-insensitively", async () => {
    const vm = await prod.virtualMachines.get("RG-WEB", "VM-Web-01");
    expect(vm.id).toBe(
      `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01`,
    );
  });

  it("serves the instance view route", async () => {
    const view = await prod.virtualMachines.instanceView("rg-ops", "vm-agent-down-01");
    expect(view.vmAgent?.statuses?.[0]?.displayStatus).toBe("Not Ready");
  });

  it("answers 404 ResourceNotFound for a missing VM and ResourceGroupNotFound for a missing group", async () => {
    await expect(prod.virtualMachines.get("rg-web", "vm-nope")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceNotFound",
    });
    await expect(prod.virtualMachines.get("rg-nope", "vm-web-01")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceGroupNotFound",
    });
  });

  it("lists a resource group", async () => {
    const vms = await collect(prod.virtualMachines.list("rg-web"));
    expect(vms.map((vm) => vm.name)).toEqual(["vm-web-01", "vm-web-02"]);
    expect(vms[0]?.instanceView).toBeUndefined();
  });

  it("lists a subscription across several pages with absolute nextLinks", async () => {
    const pages = await collect(prod.virtualMachines.listAll().byPage());
    expect(pages.length).toBeGreaterThan(3);
    const names = pages.flat().map((vm) => vm.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("vm-moved-01");
    expect(names.some((name) => name?.startsWith("vmss-api_"))).toBe(true);
    expect(names).not.toContain("vmss-web_0");
    const first = await rawRequest(
      sim,
      "GET",
      `/subscriptions/${PRODUCTION}/providers/Microsoft.Compute/virtualMachines?api-version=2026-03-01`,
    );
    const nextLink = (first.body as { nextLink?: string }).nextLink ?? "";
    expect(nextLink.startsWith(`${sim.endpoint}/subscriptions/`)).toBe(true);
    expect(new URL(nextLink).searchParams.get("api-version")).toBe("2026-03-01");
  });

  it("honours $expand=instanceView on listAll", async () => {
    const vms = await collect(prod.virtualMachines.listAll({ expand: "instanceView" }));
    expect(vms.every((vm) => vm.instanceView !== undefined)).toBe(true);
  });
});

describe("scale sets", () => {
  it("gets and lists scale sets with their orchestration mode", async () => {
    const uniform = await prod.virtualMachineScaleSets.get("rg-scale", "vmss-web");
    expect(uniform.orchestrationMode).toBe("Uniform");
    const all = await collect(prod.virtualMachineScaleSets.listAll());
    // In id order, as every list of the simulator.
    expect(all.map((set) => [set.name, set.orchestrationMode])).toEqual([
      ["vmss-api", "Flexible"],
      ["vmss-web", "Uniform"],
    ]);
    expect(await collect(prod.virtualMachineScaleSets.list("rg-scale"))).toHaveLength(2);
  });

  it("lists and gets Uniform instances, with the instance view on request", async () => {
    const instances = await collect(prod.virtualMachineScaleSetVMs.list("rg-scale", "vmss-web"));
    expect(instances.map((vm) => [vm.name, vm.instanceId])).toEqual([
      ["vmss-web_0", "0"],
      ["vmss-web_1", "1"],
    ]);
    const one = await prod.virtualMachineScaleSetVMs.get("rg-scale", "vmss-web", "1", {
      expand: "instanceView",
    });
    expect(one.instanceView?.osName).toBe("ubuntu");
    const plain = await prod.virtualMachineScaleSetVMs.get("rg-scale", "vmss-web", "1");
    expect(plain.instanceView).toBeUndefined();
  });

  it("shows a Flexible member as a VM pointing at its scale set", async () => {
    const vms = await collect(prod.virtualMachines.list("rg-scale"));
    const member = vms.find((vm) => vm.name?.startsWith("vmss-api_"));
    expect(member?.name).toMatch(/^vmss-api_[0-9a-f]{8}$/);
    expect(member?.virtualMachineScaleSet?.id).toMatch(/virtualMachineScaleSets\/vmss-api$/);
  });
});

describe("disks", () => {
  it("gets a disk with sku and maxShares", async () => {
    const shared = await prod.disks.get("rg-cluster", "cluster-quorum-shared");
    expect(shared.sku?.name).toBe("Premium_LRS");
    expect(shared.maxShares).toBe(2);
    const ultra = await prod.disks.get("rg-data", "vm-sql-01-log-ultra");
    expect(ultra.sku?.name).toBe("UltraSSD_LRS");
  });

  it("lists disks by resource group and subscription", async () => {
    const group = await collect(prod.disks.listByResourceGroup("rg-data"));
    expect(group.map((disk) => disk.name)).toContain("vm-analytics-01-lake");
    const all = await collect(prod.disks.list());
    expect(all.length).toBeGreaterThan(group.length);
  });
});

describe("ARM front door", () => {
  it("lists subscriptions with display names (not part of arm-compute)", async () => {
    const response = await rawRequest(sim, "GET", "/subscriptions?api-version=2022-12-01");
    expect(response.status).toBe(200);
    const body = response.body as {
      value: { subscriptionId: string; displayName: string; id: string; state: string }[];
    };
    expect(body.value.map((item) => [item.subscriptionId, item.displayName, item.state])).toEqual([
      [PRODUCTION, "Contoso Production", "Enabled"],
      [STAGING, "Contoso Staging", "Enabled"],
    ]);
    expect(body.value[0]?.id).toBe(`/subscriptions/${PRODUCTION}`);
    expect(sim.subscriptions).toEqual([PRODUCTION, STAGING]);
  });

  it("requires a bearer token and an api-version, like ARM", async () => {
    const path = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01`;
    const noToken = await rawRequest(sim, "GET", `${path}?api-version=2026-03-01`, { withoutToken: true });
    expect(noToken.status).toBe(401);
    expect(noToken.body).toMatchObject({ error: { code: "AuthenticationFailed" } });
    const noVersion = await rawRequest(sim, "GET", path);
    expect(noVersion.status).toBe(400);
    expect(noVersion.body).toMatchObject({ error: { code: "MissingApiVersionParameter" } });
    const anyVersion = await rawRequest(sim, "GET", `${path}?api-version=2019-07-01`);
    expect(anyVersion.status).toBe(200);
    expect(anyVersion.headers["x-ms-ratelimit-remaining-subscription-reads"]).toMatch(/^\d+$/);
  });

  it("answers SubscriptionNotFound for an unknown subscription", async () => {
    const other = simClient(sim, "33333333-3333-3333-3333-333333333333");
    await expect(other.virtualMachines.get("rg-web", "vm-web-01")).rejects.toMatchObject({
      statusCode: 404,
      code: "SubscriptionNotFound",
    });
  });
});
