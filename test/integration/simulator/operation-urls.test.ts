/**
 * Operation URLs of realistic length: Azure hands out signed status URLs of about 3 KB
 * (`?p=…&api-version=…&t=…&c=…&s=…&h=…`). The SDK must still poll them to the end; a tampered one is refused.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { COMPUTE_API_VERSION, rawRequest, simClient } from "../../support/sim-client.js";
import { POLL, PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
let prod: ComputeManagementClient;
const POINTS = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-vm-web-01/restorePoints`;

beforeAll(async () => {
  sim = await startSampleSimulator();
  prod = simClient(sim, PRODUCTION);
});
afterAll(() => sim.close());

function relative(url: string): string {
  return url.slice(sim.endpoint.length);
}

describe("signed operation URLs", () => {
  let asyncOperation = "";
  beforeAll(async () => {
    const created = await rawRequest(sim, "PUT", `${POINTS}/rp-long?api-version=${COMPUTE_API_VERSION}`, {
      body: { properties: { consistencyMode: "CrashConsistent" } },
    });
    expect(created.status).toBe(201);
    asyncOperation = String(created.headers["azure-asyncoperation"]);
  });

  it("are longer than 2.5 KB, with Azure's parameters in Azure's order", () => {
    expect(asyncOperation.length).toBeGreaterThan(2500);
    expect(asyncOperation.length).toBeLessThan(4096);
    const url = new URL(asyncOperation);
    expect([...url.searchParams.keys()]).toEqual(["p", "api-version", "t", "c", "s", "h"]);
    expect(url.searchParams.get("api-version")).toBe(COMPUTE_API_VERSION);
    expect(url.searchParams.get("p")).toMatch(/^[0-9a-f-]{36}$/);
    // .NET ticks of now: 100 ns since 0001-01-01, 18 digits in this century.
    expect(url.searchParams.get("t")).toMatch(/^6\d{17}$/);
    expect(url.searchParams.get("c")?.length).toBeGreaterThan(2000);
  });

  it("answer the status as given, and refuse a tampered or stripped signature (400, ours)", async () => {
    expect((await rawRequest(sim, "GET", relative(asyncOperation))).status).toBe(200);
    const url = new URL(asyncOperation);
    const signature = url.searchParams.get("s") ?? "";
    url.searchParams.set("s", `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`);
    const tampered = await rawRequest(sim, "GET", relative(url.href));
    expect(tampered.status).toBe(400);
    expect(tampered.body).toMatchObject({ error: { code: "InvalidOperationUrl" } });
    const otherOperation = asyncOperation.replace(
      /operations\/[0-9a-f-]+/,
      `operations/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`,
    );
    expect((await rawRequest(sim, "GET", relative(otherOperation))).status).toBe(400);
    const bare = new URL(asyncOperation);
    bare.search = `?api-version=${COMPUTE_API_VERSION}`;
    expect((await rawRequest(sim, "GET", relative(bare.href))).status).toBe(400);
  });

  it("are polled to completion by the SDK, for a create and for deletes (Location + monitor=true)", async () => {
    let polls = 0;
    const stop = sim.onRequest((route) => {
      if (route === "operations.get") polls += 1;
    });
    try {
      await prod.restorePointCollections.createOrUpdate("rg-web", "rpc-urls", {
        location: "eastus",
        source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") },
      });
      const point = await prod.restorePoints.create(
        "rg-web",
        "rpc-urls",
        "rp-1",
        { consistencyMode: "CrashConsistent" },
        POLL,
      );
      expect(point.provisioningState).toBe("Succeeded");
      const afterCreate = polls;
      expect(afterCreate).toBeGreaterThan(0);
      await prod.restorePoints.delete("rg-web", "rpc-urls", "rp-1", POLL);
      await prod.restorePointCollections.delete("rg-web", "rpc-urls", POLL);
      expect(polls).toBeGreaterThan(afterCreate + 1);
    } finally {
      stop();
    }
    await expect(prod.restorePointCollections.get("rg-web", "rpc-urls")).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
