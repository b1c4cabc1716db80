/**
 * api-version checks as ARM makes them: each route family has its own real versions; a malformed version is
 * InvalidApiVersionParameter, an unknown well-formed one NoRegisteredProviderFound; restore point creation has
 * the API's own minimum versions (2021-03-01 application-consistent, 2021-07-01 crash-consistent).
 */
import { ComputeManagementClient } from "@azure/arm-compute";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_VERSIONS, type RunningSimulator } from "../../../src/simulator/index.js";
import {
  COMPUTE_API_VERSION,
  collect,
  DISKS_API_VERSION,
  fakeCredential,
  rawRequest,
  trustPolicy,
} from "../../support/sim-client.js";
import { POLL, PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
const GROUP = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute`;
const VM = `${GROUP}/virtualMachines/vm-web-01`;

beforeAll(async () => {
  sim = await startSampleSimulator();
});
afterAll(() => sim.close());

/** The real SDK, with a policy that notes the api-version of every request it sends. */
function recordingClient(seen: Set<string>): ComputeManagementClient {
  const record: PipelinePolicy = {
    name: "recordApiVersion",
    sendRequest: (request, next) => {
      seen.add(new URL(request.url).searchParams.get("api-version") ?? "(none)");
      return next(request);
    },
  };
  return new ComputeManagementClient(fakeCredential, PRODUCTION, {
    endpoint: sim.endpoint,
    additionalPolicies: [
      { policy: trustPolicy(sim.caPem), position: "perCall" },
      { policy: record, position: "perCall" },
    ],
  });
}

describe("the versions the pinned SDK sends", () => {
  it("are served for a create, a poll, a get and lists of each family", async () => {
    const seen = new Set<string>();
    const client = recordingClient(seen);
    await client.restorePointCollections.createOrUpdate("rg-web", "rpc-versions", {
      location: "eastus",
      source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") },
    });
    const point = await client.restorePoints.create(
      "rg-web",
      "rpc-versions",
      "rp-versions",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    expect(point.provisioningState).toBe("Succeeded");
    expect((await collect(client.restorePointCollections.listAll())).length).toBeGreaterThan(1);
    expect((await collect(client.virtualMachines.listAll())).length).toBeGreaterThan(1);
    expect((await collect(client.disks.listByResourceGroup("rg-web"))).length).toBeGreaterThan(1);
    expect([...seen].sort()).toEqual([DISKS_API_VERSION, COMPUTE_API_VERSION]);
  });

  it("include the subscriptions version the bot lists with", async () => {
    expect((await rawRequest(sim, "GET", "/subscriptions?api-version=2022-12-01")).status).toBe(200);
  });
});

describe("a version ARM does not serve", () => {
  it("is InvalidApiVersionParameter when malformed, listing the family's versions newest first", async () => {
    const response = await rawRequest(sim, "GET", `${VM}?api-version=1`);
    expect(response.status).toBe(400);
    const newestFirst = [...API_VERSIONS.compute].reverse().join(",");
    expect(response.body).toEqual({
      error: {
        code: "InvalidApiVersionParameter",
        message: `The api-version '1' is invalid. The supported versions are '${newestFirst}'.`,
      },
    });
    expect(newestFirst.startsWith("2026-04-01,2026-03-01,2025-11-01")).toBe(true);
  });

  it("is NoRegisteredProviderFound when well-formed but unknown, in ARM's wording", async () => {
    const response = await rawRequest(sim, "GET", `${VM}?api-version=2099-01-01`);
    expect(response.status).toBe(400);
    const body = response.body as { error: { code: string; message: string } };
    expect(body.error.code).toBe("NoRegisteredProviderFound");
    expect(body.error.message).toBe(
      `No registered resource provider found for location 'global' and API version '2099-01-01' for type 'virtualMachines'. The supported api-versions are '${API_VERSIONS.compute.join(", ")}'. The supported locations are '${locationsIn(body.error.message)}'.`,
    );
    expect(locationsIn(body.error.message)).toContain("East US, East US 2, West US");
  });

  it("names the body's location and the nested type on a restore point PUT", async () => {
    const path = `${GROUP}/restorePointCollections/rpc-vm-web-01/restorePoints/rp-x?api-version=2026-03-01-preview`;
    const response = await rawRequest(sim, "PUT", path, { body: { location: "East US", properties: {} } });
    expect(response.status).toBe(400);
    expect((response.body as { error: { message: string } }).error.message).toMatch(
      /^No registered resource provider found for location 'eastus' and API version '2026-03-01-preview' for type 'restorePointCollections\/restorePoints'\./,
    );
  });

  it("is checked per family: a compute version is unknown to disks, a disks version to compute", async () => {
    const disks = await rawRequest(sim, "GET", `${GROUP}/disks?api-version=${COMPUTE_API_VERSION}`);
    expect(disks.body).toMatchObject({ error: { code: "NoRegisteredProviderFound" } });
    expect((disks.body as { error: { message: string } }).error.message).toContain(
      `for type 'disks'. The supported api-versions are '${API_VERSIONS.disks.join(", ")}'.`,
    );
    const vm = await rawRequest(sim, "GET", `${VM}?api-version=${DISKS_API_VERSION}`);
    expect(vm.body).toMatchObject({ error: { code: "NoRegisteredProviderFound" } });
    const operations = await rawRequest(
      sim,
      "GET",
      `/subscriptions/${PRODUCTION}/providers/Microsoft.Compute/locations/westeurope/operations/x?api-version=2099-01-01`,
    );
    expect((operations.body as { error: { message: string } }).error.message).toContain(
      "for location 'westeurope' and API version '2099-01-01' for type 'locations/operations'",
    );
  });

  it("is InvalidApiVersionParameter for any unknown version of ARM's own subscriptions (no provider to miss)", async () => {
    const response = await rawRequest(sim, "GET", `/subscriptions?api-version=${COMPUTE_API_VERSION}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: "InvalidApiVersionParameter",
        message: `The api-version '${COMPUTE_API_VERSION}' is invalid. The supported versions are '${[...API_VERSIONS.subscriptions].reverse().join(",")}'.`,
      },
    });
  });

  it("changes nothing: a refused PUT creates no restore point", async () => {
    const path = `${GROUP}/restorePointCollections/rpc-vm-web-01/restorePoints/rp-refused`;
    await rawRequest(sim, "PUT", `${path}?api-version=2099-01-01`, { body: {} });
    expect((await rawRequest(sim, "GET", `${path}?api-version=${COMPUTE_API_VERSION}`)).status).toBe(404);
  });
});

describe("the restore point API's minimum versions (the seed's table)", () => {
  const points = `${GROUP}/restorePointCollections/rpc-vm-web-01/restorePoints`;
  const crash = { properties: { consistencyMode: "CrashConsistent" } };

  it("refuses a crash-consistent point with 2021-04-01 and accepts it with 2021-07-01", async () => {
    const old = await rawRequest(sim, "PUT", `${points}/rp-crash-old?api-version=2021-04-01`, {
      body: crash,
    });
    expect(old.status).toBe(400);
    expect(old.body).toEqual({
      error: {
        code: "BadRequest",
        message: "This request can be made with api-version '2021-07-01' or newer.",
      },
    });
    const enough = await rawRequest(sim, "PUT", `${points}/rp-crash?api-version=2021-07-01`, { body: crash });
    expect(enough.status).toBe(201);
  });

  it("refuses an application-consistent point with 2020-12-01 and accepts it with 2021-03-01", async () => {
    const old = await rawRequest(sim, "PUT", `${points}/rp-app-old?api-version=2020-12-01`, { body: {} });
    expect(old.status).toBe(400);
    expect(old.body).toEqual({
      error: {
        code: "BadRequest",
        message: "This request can be made with api-version '2021-03-01' or newer.",
      },
    });
    const enough = await rawRequest(sim, "PUT", `${points}/rp-app?api-version=2021-03-01`, { body: {} });
    expect(enough.status).toBe(201);
    expect(enough.body).toMatchObject({ properties: { consistencyMode: "ApplicationConsistent" } });
  });

  it("still reads with the older versions", async () => {
    expect((await rawRequest(sim, "GET", `${points}/rp-app?api-version=2020-12-01`)).status).toBe(200);
  });
});

function locationsIn(message: string): string {
  return /The supported locations are '([^']*)'\.$/.exec(message)?.[1] ?? "";
}
