/** RestorePointCollections_Update (PATCH): only tags may change; 200 with the collection, 404 when missing. */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { COMPUTE_API_VERSION, rawRequest, simClient } from "../../support/sim-client.js";
import { PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
let prod: ComputeManagementClient;
const PATH = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-vm-web-01?api-version=${COMPUTE_API_VERSION}`;

beforeAll(async () => {
  sim = await startSampleSimulator();
  prod = simClient(sim, PRODUCTION);
});
afterAll(() => sim.close());

describe("PATCH a restore point collection", () => {
  it("replaces the tags through the SDK and answers 200 with the collection", async () => {
    const updated = await prod.restorePointCollections.update("rg-web", "rpc-vm-web-01", {
      tags: { owner: "chatops", tier: "gold" },
    });
    expect(updated.name).toBe("rpc-vm-web-01");
    expect(updated.tags).toEqual({ owner: "chatops", tier: "gold" });
    expect(updated.source?.id).toBe(vmId(PRODUCTION, "rg-web", "vm-web-01"));
    expect(updated.restorePoints).toBeUndefined();
    const again = await prod.restorePointCollections.update("rg-web", "rpc-vm-web-01", {
      tags: { owner: "ops" },
    });
    expect(again.tags).toEqual({ owner: "ops" });
    expect((await prod.restorePointCollections.get("rg-web", "rpc-vm-web-01")).tags).toEqual({
      owner: "ops",
    });
  });

  it("keeps the tags when the body has none, and keeps the points", async () => {
    const raw = await rawRequest(sim, "PATCH", PATH, { body: {} });
    expect(raw.status).toBe(200);
    expect(raw.body).toMatchObject({
      tags: { owner: "ops" },
      properties: { provisioningState: "Succeeded" },
    });
    const expanded = await prod.restorePointCollections.get("rg-web", "rpc-vm-web-01", {
      expand: "restorePoints",
    });
    expect(expanded.restorePoints).toHaveLength(2);
  });

  it("answers 404 ResourceNotFound for a missing collection", async () => {
    await expect(
      prod.restorePointCollections.update("rg-web", "rpc-missing", { tags: { owner: "x" } }),
    ).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  });

  it("refuses to change the source or instantAccess (409, messages ours), and changes nothing", async () => {
    const otherSource = await rawRequest(sim, "PATCH", PATH, {
      body: {
        tags: { owner: "nobody" },
        properties: { source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") } },
      },
    });
    expect(otherSource.status).toBe(409);
    expect(otherSource.body).toMatchObject({ error: { code: "PropertyChangeNotAllowed" } });
    const instant = await rawRequest(sim, "PATCH", PATH, { body: { properties: { instantAccess: true } } });
    expect(instant.status).toBe(409);
    const sameSource = await rawRequest(sim, "PATCH", PATH, {
      body: { properties: { source: { id: vmId(PRODUCTION, "RG-WEB", "VM-WEB-01") }, instantAccess: false } },
    });
    expect(sameSource.status).toBe(200);
    expect(sameSource.body).toMatchObject({ tags: { owner: "ops" } });
  });
});
