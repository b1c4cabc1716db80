/**
 * How often a VM may get a restore point: the seed's minimum interval (3 h application, 1 h crash) and the
 * service's own hourly budget (about 3 accepted PUTs per VM, hour and mode family). Both answer 429 with the
 * Compute throttling body, each naming its own policy. The simulator's clock is driven by the test.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSampleFleet,
  FleetFileError,
  loadFleetFile,
  type RunningSimulator,
  startSimulator,
  validateFleet,
} from "../../../src/simulator/index.js";
import { COMPUTE_API_VERSION, type RawResponse, rawRequest } from "../../support/sim-client.js";
import { PRODUCTION, vmId } from "../../support/sim-fixture.js";

const START = new Date("2026-11-25T12:00:00Z");
const MINUTE = 60_000;
const GROUP = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections`;
const crash = { properties: { consistencyMode: "CrashConsistent" } };

interface Clocked {
  sim: RunningSimulator;
  at(minutes: number): void;
}

/** Creations finish at the next request (duration 0), so only the minimum interval and the budget decide. */
async function clockedSimulator(fleet = buildSampleFleet(START)): Promise<Clocked> {
  let now = START;
  const sim = await startSimulator({ fleet, now: () => now, restorePointDurationMs: 0 });
  return { sim, at: (minutes) => (now = new Date(START.getTime() + minutes * MINUTE)) };
}

function put(sim: RunningSimulator, collection: string, name: string, body: unknown): Promise<RawResponse> {
  const path = `${GROUP}/${collection}/restorePoints/${name}?api-version=${COMPUTE_API_VERSION}`;
  return rawRequest(sim, "PUT", path, { body });
}

async function newCollection(sim: RunningSimulator, name: string, vmName: string): Promise<void> {
  const response = await rawRequest(sim, "PUT", `${GROUP}/${name}?api-version=${COMPUTE_API_VERSION}`, {
    body: { location: "eastus", properties: { source: { id: vmId(PRODUCTION, "rg-web", vmName) } } },
  });
  expect(response.status).toBe(201);
}

function target(response: RawResponse): string | undefined {
  return (response.body as { details?: { target?: string }[] }).details?.[0]?.target;
}

function detail(response: RawResponse): Record<string, unknown> {
  const message = (response.body as { details: { message: string }[] }).details[0]?.message ?? "{}";
  return JSON.parse(message) as Record<string, unknown>;
}

describe("with the seed's minimum intervals (the default)", () => {
  let clock: Clocked;
  beforeAll(async () => {
    clock = await clockedSimulator();
    await newCollection(clock.sim, "rpc-limits", "vm-web-02");
  });
  afterAll(() => clock.sim.close());

  it("reports the hourly budget left on an accepted PUT, as real Azure's ';2' after one creation", async () => {
    clock.at(0);
    const first = await put(clock.sim, "rpc-limits", "rp-1", crash);
    expect(first.status).toBe(201);
    expect(first.headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/PutRestorePointResource;5,Microsoft.Compute/PutRestorePointSubscriptionMaximum;149,Microsoft.Compute/CreateCrashConsistentRestorePoint;2",
    );
  });

  it("refuses the next crash point within the hour with the interval's policy and Retry-After", async () => {
    clock.at(10);
    const tooSoon = await put(clock.sim, "rpc-limits", "rp-2", crash);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers["retry-after"]).toBe(String(50 * 60));
    expect(target(tooSoon)).toBe("CreateCrashConsistentRestorePoint");
    expect(tooSoon.headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/CreateCrashConsistentRestorePoint;0",
    );
    clock.at(60);
    expect((await put(clock.sim, "rpc-limits", "rp-3", crash)).status).toBe(201);
  });
});

describe("with the minimum intervals switched off in the fleet file", () => {
  let clock: Clocked;
  const directory = mkdtempSync(join(tmpdir(), "rpbot-limits-"));
  beforeAll(async () => {
    const path = join(directory, "fleet.json");
    const fleet = {
      ...buildSampleFleet(START),
      simulator: { minimumIntervalMinutes: { applicationConsistent: 0, crashConsistent: 0 } },
    };
    writeFileSync(path, JSON.stringify(fleet));
    clock = await clockedSimulator(loadFleetFile(path));
    await newCollection(clock.sim, "rpc-hourly", "vm-web-02");
    await newCollection(clock.sim, "rpc-attempts", "vm-web-01");
  });
  afterAll(async () => {
    await clock.sim.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("accepts three crash points in an hour, refuses the fourth until the first is an hour old", async () => {
    const remaining: string[] = [];
    for (const [index, minute] of [0, 10, 20].entries()) {
      clock.at(minute);
      const accepted = await put(clock.sim, "rpc-hourly", `rp-crash-${index}`, crash);
      expect(accepted.status).toBe(201);
      remaining.push(String(accepted.headers["x-ms-ratelimit-remaining-resource"]).split(";").at(-1) ?? "");
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    clock.at(30);
    const fourth = await put(clock.sim, "rpc-hourly", "rp-crash-3", crash);
    expect(fourth.status).toBe(429);
    expect(fourth.body).toMatchObject({
      code: "OperationNotAllowed",
      details: [{ code: "TooManyRequests" }],
    });
    expect(target(fourth)).toBe("PutCrashConsistentRestorePointPerVmHourly");
    expect(fourth.headers["retry-after"]).toBe(String(30 * 60));
    expect(detail(fourth)).toMatchObject({ allowedRequestCount: 3, measuredRequestCount: 4 });
    clock.at(60 - 1 / 60);
    expect((await put(clock.sim, "rpc-hourly", "rp-crash-3", crash)).headers["retry-after"]).toBe("1");
    clock.at(60);
    expect((await put(clock.sim, "rpc-hourly", "rp-crash-3", crash)).status).toBe(201);
  });

  it("keeps a separate budget for application-consistent points", async () => {
    clock.at(61);
    for (const index of [0, 1, 2]) {
      expect((await put(clock.sim, "rpc-hourly", `rp-app-${index}`, {})).status).toBe(201);
    }
    const fourth = await put(clock.sim, "rpc-hourly", "rp-app-3", {});
    expect(fourth.status).toBe(429);
    expect(target(fourth)).toBe("PutApplicationConsistentRestorePointPerVmHourly");
  });

  it("counts accepted attempts, including a point that failed and one that was deleted", async () => {
    clock.at(200);
    clock.sim.faults.failNextCreations(1, "VMRestorePointInternalError");
    expect((await put(clock.sim, "rpc-attempts", "rp-failed", crash)).status).toBe(201);
    expect((await put(clock.sim, "rpc-attempts", "rp-deleted", crash)).status).toBe(201);
    const path = `${GROUP}/rpc-attempts/restorePoints/rp-deleted?api-version=${COMPUTE_API_VERSION}`;
    expect((await rawRequest(clock.sim, "DELETE", path)).status).toBe(202);
    expect((await rawRequest(clock.sim, "GET", path)).status).toBe(404);
    const failed = await rawRequest(clock.sim, "GET", path.replace("rp-deleted", "rp-failed"));
    expect(failed.body).toMatchObject({ properties: { provisioningState: "Failed" } });
    expect((await put(clock.sim, "rpc-attempts", "rp-third", crash)).status).toBe(201);
    const fourth = await put(clock.sim, "rpc-attempts", "rp-fourth", crash);
    expect(fourth.status).toBe(429);
    expect(target(fourth)).toBe("PutCrashConsistentRestorePointPerVmHourly");
  });
});

describe("the fleet file's simulator settings", () => {
  it("refuses unknown settings and negative or non-numeric intervals, naming the field", () => {
    const fleet = buildSampleFleet(START);
    const bad = {
      ...fleet,
      simulator: { minimumIntervalMinutes: { crashConsistent: -1, applicationConsistent: "3h", weekly: 1 } },
    };
    expect(() => validateFleet(bad, "fleet.json")).toThrow(FleetFileError);
    expect(() => validateFleet(bad, "fleet.json")).toThrow(
      /fleet\.json: field "simulator\.minimumIntervalMinutes\.crashConsistent" must be a number of minutes, 0 or more/,
    );
    expect(() => validateFleet({ ...fleet, simulator: { pace: 1 } })).toThrow(
      /field "simulator\.pace" is not a known setting/,
    );
  });
});
