/**
 * The simulator's Resource Graph through the real @azure/arm-resourcegraph client over HTTPS: queries across
 * both sample subscriptions, rows from the same live state as the ARM routes, paging over a generated fleet
 * while it changes, the per-user quota (on a clock the test moves, so nothing sleeps), and the error bodies.
 */
import { type QueryRequest, type QueryResponse, ResourceGraphClient } from "@azure/arm-resourcegraph";
import type { RestError } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCertificate, type SimulatorCertificate } from "../../../src/simulator/certificate.js";
import { type ListeningServer, listenHttps } from "../../../src/simulator/http/server.js";
import {
  API_VERSIONS,
  createSimulatorCore,
  generateFleet,
  type RunningSimulator,
  type SimulatorCore,
} from "../../../src/simulator/index.js";
import { parseResourceId } from "../../../src/simulator/resource-id.js";
import { eventually } from "../../support/eventually.js";
import {
  COMPUTE_API_VERSION,
  collect,
  fakeCredential,
  rawRequest,
  type SimulatorAddress,
  simClient,
  trustPolicy,
} from "../../support/sim-client.js";
import { PRODUCTION, STAGING, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

type Row = Record<string, unknown>;

function graphClient(sim: SimulatorAddress, apiVersion?: string): ResourceGraphClient {
  return new ResourceGraphClient(fakeCredential, {
    endpoint: sim.endpoint,
    credentialScopes: ["https://management.azure.com/.default"],
    additionalPolicies: [{ policy: trustPolicy(sim.caPem), position: "perCall" }],
    retryOptions: { maxRetries: 0 },
    apiVersion,
  });
}

/** The SDK maps `data` as a dictionary, so a row array arrives keyed "0", "1", ...: Object.values restores it. */
function rowsOf(response: QueryResponse): Row[] {
  return Object.values(response.data) as Row[];
}

async function refusal(promise: Promise<unknown>): Promise<RestError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught as RestError,
  );
  if (!error) throw new Error("the query was answered");
  return error;
}

function detailsOf(error: RestError): Row[] {
  // core-client puts the deserialized ErrorResponse on the response.
  const response = error.response as { parsedBody?: { error: { details: Row[] } } } | undefined;
  return response?.parsedBody?.error.details ?? [];
}

async function walk(
  client: ResourceGraphClient,
  request: QueryRequest,
  between: (page: number, rows: Row[]) => Promise<void> = async () => {},
): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = [];
  let pages = 0;
  let skipToken: string | undefined;
  do {
    const response = await client.resources({ ...request, options: { ...request.options, skipToken } });
    pages += 1;
    rows.push(...rowsOf(response));
    skipToken = response.skipToken;
    if (skipToken) await between(pages, rows);
  } while (skipToken);
  return { rows, pages };
}

describe("the sample fleet", () => {
  let sim: RunningSimulator;
  let graph: ResourceGraphClient;
  let clock = Date.parse("2026-03-02T09:00:00Z");

  beforeAll(async () => {
    sim = await startSampleSimulator({ now: () => new Date(clock) });
    graph = graphClient(sim);
  });
  afterAll(() => sim.close());
  // Every test starts in a fresh quota window.
  beforeEach(() => {
    clock += 60_000;
  });

  it("finds a VM by name in both sample subscriptions when none is named", async () => {
    const response = await graph.resources({
      query:
        "Resources | where type == 'microsoft.compute/virtualmachines' and name == 'vm-app-01' | project name, subscriptionId, resourceGroup, location | order by subscriptionId asc",
    });
    expect(response).toMatchObject({ totalRecords: 2, count: 2, resultTruncated: "false", facets: [] });
    expect(rowsOf(response).map((row) => row.subscriptionId)).toEqual([PRODUCTION, STAGING]);
    const [production] = rowsOf(response);
    expect(production).toEqual({
      name: "vm-app-01",
      subscriptionId: PRODUCTION,
      resourceGroup: expect.any(String),
      location: expect.any(String),
    });
  });

  it("matches names with in~ whatever their case, in the subscriptions named", async () => {
    const query =
      "Resources | where type =~ 'Microsoft.Compute/virtualMachines' and name in~ ('VM-WEB-01', 'Vm-Sql-01', 'vm-stage-web-01') | project name | order by name asc";
    const both = await graph.resources({ query, subscriptions: [PRODUCTION, STAGING] });
    expect(rowsOf(both).map((row) => row.name)).toEqual(["vm-sql-01", "vm-stage-web-01", "vm-web-01"]);
    const production = await graph.resources({ query, subscriptions: [PRODUCTION] });
    expect(rowsOf(production).map((row) => row.name)).toEqual(["vm-sql-01", "vm-web-01"]);
  });

  it("counts by type what the ARM lists hold", async () => {
    const response = await graph.resources({
      query: "Resources | summarize count() by type | order by type asc",
    });
    const counts = Object.fromEntries(rowsOf(response).map((row) => [row.type, row.count_]));
    const vms = [
      ...(await collect(simClient(sim, PRODUCTION).virtualMachines.listAll())),
      ...(await collect(simClient(sim, STAGING).virtualMachines.listAll())),
    ];
    expect(counts["microsoft.compute/virtualmachines"]).toBe(vms.length);
    expect(Object.keys(counts)).toEqual([
      "microsoft.compute/availabilitysets",
      "microsoft.compute/disks",
      "microsoft.compute/restorepointcollections",
      "microsoft.compute/virtualmachines",
      "microsoft.compute/virtualmachinescalesets",
    ]);
    const uniform = await graph.resources({ query: "ComputeResources | summarize count() by type" });
    expect(rowsOf(uniform)).toEqual([
      { type: "microsoft.compute/virtualmachinescalesets/virtualmachines", count_: 2 },
    ]);
  });

  it("shows a collection created through ARM in the next query", async () => {
    const query =
      "Resources | where type == 'microsoft.compute/restorepointcollections' and name == 'rpc-graph-new' | project id, name, source = tostring(properties.source.id)";
    expect((await graph.resources({ query })).totalRecords).toBe(0);
    const created = await simClient(sim, PRODUCTION).restorePointCollections.createOrUpdate(
      "rg-web",
      "rpc-graph-new",
      {
        location: "eastus",
        source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") },
      },
    );
    const after = await graph.resources({ query });
    expect(rowsOf(after)).toEqual([
      { id: created.id, name: "rpc-graph-new", source: vmId(PRODUCTION, "rg-web", "vm-web-02") },
    ]);
  });

  it("answers in table format when asked", async () => {
    const response = await graph.resources({
      query:
        "Resources | where name == 'vm-web-01' | project name, power = tostring(properties.extended.instanceView.powerState.code)",
      options: { resultFormat: "table" },
    });
    expect(response.data).toEqual({
      columns: [
        { name: "name", type: "string" },
        { name: "power", type: "string" },
      ],
      rows: [["vm-web-01", "PowerState/running"]],
    });
  });

  it("counts the quota down per window, answers 429 past 15, and leaves the ARM read bucket alone", async () => {
    const vmPath = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01?api-version=${COMPUTE_API_VERSION}`;
    const armBefore = await rawRequest(sim, "GET", vmPath);
    const remaining: string[] = [];
    const resets = new Set<string>();
    for (let i = 0; i < 15; i += 1) {
      await graph.resources(
        { query: "Resources | take 1" },
        {
          onResponse: (raw) => {
            remaining.push(raw.headers.get("x-ms-user-quota-remaining") ?? "");
            resets.add(raw.headers.get("x-ms-user-quota-resets-after") ?? "");
            expect(raw.headers.get("x-ms-ratelimit-remaining-subscription-reads")).toBeUndefined();
          },
        },
      );
    }
    expect(remaining).toEqual([
      "14",
      "13",
      "12",
      "11",
      "10",
      "9",
      "8",
      "7",
      "6",
      "5",
      "4",
      "3",
      "2",
      "1",
      "0",
    ]);
    expect([...resets]).toEqual(["00:00:05"]);
    // The clock has not moved: had the queries taken from the read bucket, it would be 15 reads lower.
    const armAfter = await rawRequest(sim, "GET", vmPath);
    const reads = (response: typeof armBefore) =>
      Number(response.headers["x-ms-ratelimit-remaining-subscription-reads"]);
    expect(reads(armBefore) - reads(armAfter)).toBe(1);
    clock += 2_000;
    const throttled = await refusal(graph.resources({ query: "Resources | take 1" }));
    expect(throttled.statusCode).toBe(429);
    expect(throttled.code).toBe("RateLimiting");
    expect(throttled.response?.headers.get("retry-after")).toBe("3");
    expect(throttled.response?.headers.get("x-ms-user-quota-remaining")).toBe("0");
    expect(throttled.response?.headers.get("x-ms-user-quota-resets-after")).toBe("00:00:03");
    expect(detailsOf(throttled)).toEqual([
      { code: "RateLimiting", message: expect.stringContaining("throttled") },
    ]);
    clock += 3_000;
    await expect(graph.resources({ query: "Resources | take 1" })).resolves.toMatchObject({ count: 1 });
  });

  it("counts the queries in the stats under resourceGraph.resources", async () => {
    sim.resetStats();
    await graph.resources({ query: "Resources | take 1" });
    await graph.resources({ query: "Resources | take 2" });
    expect(sim.stats().byRoute["resourceGraph.resources"]).toBe(2);
  });

  it("holds a query while reads are frozen (a query reads), not while writes are", async () => {
    sim.faults.freeze("writes");
    await expect(graph.resources({ query: "Resources | take 1" })).resolves.toMatchObject({ count: 1 });
    sim.faults.freeze("reads");
    let answered = false;
    const pending = graph.resources({ query: "Resources | take 1" }).then((response) => {
      answered = true;
      return response;
    });
    await eventually(() => expect(sim.faults.settings().held).toBe(1));
    expect(answered).toBe(false);
    sim.faults.freeze("none");
    await expect(pending).resolves.toMatchObject({ count: 1 });
  });

  it("needs the bearer token, as every ARM request", async () => {
    const response = await rawRequest(
      sim,
      "POST",
      "/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01",
      {
        body: { query: "Resources" },
        withoutToken: true,
      },
    );
    expect(response.status).toBe(401);
    expect(response.headers["x-ms-user-quota-remaining"]).toBeUndefined();
  });

  it("refuses an unsupported operator with the service's error body, naming it", async () => {
    const error = await refusal(
      graph.resources({
        query: "Resources | mv-apply disk = properties.storageProfile.dataDisks on (take 1)",
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("BadRequest");
    expect(error.message).toMatch(
      /^Please provide below info when asking for support: timestamp = .+, correlationId = .+\.$/,
    );
    const [invalid, detail] = detailsOf(error);
    expect(invalid).toEqual({
      code: "InvalidQuery",
      message:
        "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.",
    });
    expect(detail).toMatchObject({
      code: "UnsupportedBySimulator",
      line: 1,
      characterPositionInLine: 12,
      token: "mv-apply",
    });
    expect(String(detail?.message)).toContain("'mv-apply' operator");
  });

  it("refuses a syntax error with ParserFailure where the parser stopped", async () => {
    const error = await refusal(graph.resources({ query: "where where" }));
    expect(error.statusCode).toBe(400);
    expect(detailsOf(error)[1]).toEqual({
      code: "ParserFailure",
      message: "ParserFailure",
      line: 1,
      characterPositionInLine: 11,
      token: "<EOF>",
    });
  });

  it("serves its api-versions, and refuses others as ARM does", async () => {
    for (const version of API_VERSIONS.resourcegraph) {
      await expect(
        graphClient(sim, version).resources({ query: "Resources | take 1" }),
      ).resolves.toMatchObject({ count: 1 });
    }
    const unknown = await refusal(graphClient(sim, "2099-01-01").resources({ query: "Resources" }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.code).toBe("NoRegisteredProviderFound");
    expect(unknown.message).toContain("for type 'resources'");
    expect(unknown.message).toContain(API_VERSIONS.resourcegraph.join(", "));
    const malformed = await refusal(graphClient(sim, "latest").resources({ query: "Resources" }));
    expect(malformed.code).toBe("InvalidApiVersionParameter");
  });
});

describe("a generated fleet of 3,000 VMs", () => {
  let core: SimulatorCore;
  let certificate: SimulatorCertificate;
  let server: ListeningServer;
  let address: SimulatorAddress;
  let subscription: string;

  beforeAll(async () => {
    core = createSimulatorCore({
      fleet: generateFleet({ count: 3000, now: new Date() }),
      resourceGraphQuota: { queries: 10_000 },
    });
    certificate = await createCertificate();
    server = await listenHttps(core.handler, {
      host: "127.0.0.1",
      port: 0,
      certPem: certificate.certPem,
      keyPem: certificate.keyPem,
    });
    address = { endpoint: server.origin, caPem: certificate.certPem };
    subscription = core.context.state.subscriptions()[0]?.subscriptionId ?? "";
  });
  afterAll(async () => {
    await server.close();
    await certificate.dispose();
  });

  const vmIdOf = (index: number) =>
    vmId(
      subscription,
      `rg-gen-${String(Math.floor(index / 50)).padStart(4, "0")}`,
      `vm-gen-${String(index).padStart(5, "0")}`,
    );

  it("serves every VM exactly once over pages of 1000", async () => {
    const { rows, pages } = await walk(graphClient(address), {
      query: "Resources | where type == 'microsoft.compute/virtualmachines' | project id, name",
      options: { top: 1000 },
    });
    expect(pages).toBe(3);
    const names = rows.map((row) => String(row.name));
    expect(new Set(names).size).toBe(3000);
    expect(names).toHaveLength(3000);
    expect(names).toContain("vm-gen-00000");
    expect(names).toContain("vm-gen-02999");
  });

  it("neither skips nor repeats a row while VMs and collections are added between pages", async () => {
    const graph = graphClient(address);
    const request: QueryRequest = { query: "Resources | project id, name, type", options: { top: 1000 } };
    const before = (await walk(graph, request)).rows.map((row) => String(row.id).toLowerCase());
    expect(before.length).toBeGreaterThan(3000);
    const compute = simClient(address, subscription);
    const added: { behind: string[]; ahead: string[] } = { behind: [], ahead: [] };
    const { rows } = await walk(graph, request, async (page, seen) => {
      if (page !== 2) return;
      const cursor = String(seen.at(-1)?.id).toLowerCase();
      const behind = await compute.restorePointCollections.createOrUpdate("rg-gen-0000", "rpc-graph-behind", {
        location: "eastus",
        source: { id: vmIdOf(0) },
      });
      const ahead = await compute.restorePointCollections.createOrUpdate("rg-gen-0059", "rpc-graph-ahead", {
        location: "southeastasia",
        source: { id: vmIdOf(2950) },
      });
      added.behind.push(
        String(behind.id).toLowerCase(),
        addVm(core, vmIdOf(0).replace("vm-gen-00000", "vm-gen-00000-added")),
      );
      added.ahead.push(
        String(ahead.id).toLowerCase(),
        addVm(core, vmIdOf(2999).replace("vm-gen-02999", "vm-gen-02999-added")),
      );
      expect([...added.behind, ...added.ahead].map((id) => id < cursor)).toEqual([true, true, false, false]);
    });
    const seen = rows.map((row) => String(row.id).toLowerCase());
    const counts = new Map<string, number>();
    for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(before.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(seen).toHaveLength(new Set(seen).size);
    for (const id of added.ahead) expect(counts.get(id)).toBe(1);
    for (const id of added.behind) expect(counts.has(id)).toBe(false);
  });

  it("shows the rows added above in the next query", async () => {
    const response = await graphClient(address).resources({
      query:
        "Resources | where name endswith '-added' or name startswith 'rpc-graph-' | summarize count() by type | order by type asc",
    });
    expect(rowsOf(response)).toEqual([
      { type: "microsoft.compute/restorepointcollections", count_: 2 },
      { type: "microsoft.compute/virtualmachines", count_: 2 },
    ]);
  });
});

/** A VM added to the store directly (ARM has no VM PUT in the simulator); returns its lower-case id. */
function addVm(core: SimulatorCore, id: string): string {
  const parsed = parseResourceId(id);
  if (!parsed) throw new Error(`bad id ${id}`);
  const name = parsed.names.at(-1) ?? "";
  core.context.state.resources.add(id, "Microsoft.Compute/virtualMachines", parsed, {
    id,
    name,
    type: "Microsoft.Compute/virtualMachines",
    location: "eastus",
    properties: {},
  });
  return id.toLowerCase();
}
