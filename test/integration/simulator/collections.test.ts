/** Restore point collections: synchronous PUT, $expand, lists with paging, DELETE as an LRO, refusals. */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { collect, rawRequest, simClient } from "../../support/sim-client.js";
import { POLL, PRODUCTION, STAGING, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
let prod: ComputeManagementClient;

beforeAll(async () => {
  sim = await startSampleSimulator();
  prod = simClient(sim, PRODUCTION);
});
afterAll(() => sim.close());

describe("restore point collections", () => {
  it("creates a collection synchronously: 201, Succeeded, display-style source location, a GUID", async () => {
    const path = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-raw?api-version=2026-03-01`;
    const body = {
      location: "eastus",
      properties: { source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") } },
    };
    const created = await rawRequest(sim, "PUT", path, { body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "rpc-raw",
      type: "Microsoft.Compute/restorePointCollections",
      location: "eastus",
      properties: { provisioningState: "Succeeded", source: { location: "EastUS" } },
    });
    expect(created.headers["x-ms-ratelimit-remaining-resource"]).toContain(
      "PutRestorePointCollectionResource",
    );
    const updated = await rawRequest(sim, "PUT", path, { body: { ...body, tags: { owner: "chatops" } } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ tags: { owner: "chatops" } });
  });

  it("creates through the SDK and embeds points only with $expand=restorePoints", async () => {
    const collection = await prod.restorePointCollections.createOrUpdate("rg-web", "rpc-sdk", {
      location: "eastus",
      source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") },
    });
    expect(collection.provisioningState).toBe("Succeeded");
    expect(collection.restorePointCollectionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(collection.source?.location).toBe("EastUS");
    const plain = await prod.restorePointCollections.get("rg-web", "rpc-vm-web-01");
    expect(plain.restorePoints).toBeUndefined();
    const expanded = await prod.restorePointCollections.get("rg-web", "rpc-vm-web-01", {
      expand: "restorePoints",
    });
    expect(expanded.restorePoints?.map((point) => point.consistencyMode)).toEqual([
      "ApplicationConsistent",
      "CrashConsistent",
    ]);
    expect(expanded.restorePoints?.[0]?.sourceMetadata?.vmId).toBeDefined();
  });

  it("lists by resource group and lists all across many pages", async () => {
    const history = await collect(prod.restorePointCollections.list("rg-history"));
    expect(history.map((collection) => collection.name)).toContain("rpc-vm-full-01-b");
    const staging = simClient(sim, STAGING);
    const pages = await collect(staging.restorePointCollections.listAll().byPage());
    // westus3's 10,000, vm-app-01's own and the one vm-moved-02 left behind, 100 per page.
    expect(pages.length).toBe(101);
    expect(pages.flat()).toHaveLength(10_002);
    expect(new Set(pages.flat().map((collection) => collection.id)).size).toBe(10_002);
  });

  it("deletes a collection and its points as a long-running operation", async () => {
    const path = `/subscriptions/${PRODUCTION}/resourceGroups/rg-history/providers/Microsoft.Compute/restorePointCollections/rpc-vm-failed-rp-01?api-version=2026-03-01`;
    const raw = await rawRequest(sim, "DELETE", path);
    expect(raw.status).toBe(202);
    expect(raw.headers["azure-asyncoperation"]).toMatch(
      /\/providers\/Microsoft\.Compute\/locations\/eastus\/operations\/[0-9a-f-]+\?p=[0-9a-f-]{36}&api-version=2026-03-01&t=\d+&c=[\w-]+&s=[\w-]+&h=[\w-]+$/,
    );
    expect(raw.headers.location).toBe(`${raw.headers["azure-asyncoperation"]}&monitor=true`);
    await prod.restorePointCollections.delete("rg-web", "rpc-sdk", POLL);
    await expect(prod.restorePointCollections.get("rg-web", "rpc-sdk")).rejects.toMatchObject({
      statusCode: 404,
    });
    const gone = await rawRequest(sim, "DELETE", path);
    expect(gone.status).toBe(204);
  });

  it("refuses a collection whose source VM does not exist", async () => {
    const create = prod.restorePointCollections.createOrUpdate("rg-web", "rpc-ghost", {
      location: "eastus",
      source: { id: vmId(PRODUCTION, "rg-web", "vm-ghost") },
    });
    await expect(create).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  });

  it("refuses a Uniform scale-set instance as a source (ours)", async () => {
    const instance = `/subscriptions/${PRODUCTION}/resourceGroups/rg-scale/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-web/virtualMachines/0`;
    const create = prod.restorePointCollections.createOrUpdate("rg-scale", "rpc-vmss-web-0", {
      location: "eastus",
      source: { id: instance },
    });
    await expect(create).rejects.toMatchObject({ statusCode: 409, code: "OperationNotAllowed" });
  });

  it("refuses a collection beyond 10,000 in a subscription+region (ours) but allows another region", async () => {
    const staging = simClient(sim, STAGING);
    const source = { id: vmId(STAGING, "rg-crowded", "vm-crowded-01") };
    const crowded = staging.restorePointCollections.createOrUpdate("rg-crowded", "rpc-vm-crowded-01", {
      location: "westus3",
      source,
    });
    await expect(crowded).rejects.toMatchObject({ statusCode: 409, code: "OperationNotAllowed" });
    const elsewhere = await staging.restorePointCollections.createOrUpdate(
      "rg-crowded",
      "rpc-vm-crowded-01-weu",
      {
        location: "westeurope",
        source,
      },
    );
    expect(elsewhere.provisioningState).toBe("Succeeded");
  });

  it("requires a location and keeps the source fixed", async () => {
    const path = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-vm-web-01?api-version=2026-03-01`;
    const noLocation = await rawRequest(sim, "PUT", path, { body: { properties: {} } });
    expect(noLocation.body).toMatchObject({ error: { code: "LocationRequired" } });
    const otherSource = await rawRequest(sim, "PUT", path, {
      body: { location: "eastus", properties: { source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") } } },
    });
    expect(otherSource.status).toBe(409);
  });
});
