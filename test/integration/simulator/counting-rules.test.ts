/**
 * Which restore points count, as the bot's core counts them: the 500 per VM counts every point of the VM (by
 * `sourceMetadata.vmId`) in any collection, resource group or subscription, Failed and Deleting ones included;
 * a Deleting point still counts for the minimum interval until it is gone.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/core/limits.js";
import { checkVm } from "../../../src/operations/check-vm.js";
import {
  buildSampleFleet,
  type Fleet,
  type RunningSimulator,
  startSimulator,
} from "../../../src/simulator/index.js";
import {
  buildCollection,
  HOUR_MS,
  type PointSpec,
  pointName,
  pointSeries,
} from "../../../src/simulator/sample-fleet/history.js";
import { gatewayFor } from "../../support/gateway.js";
import { COMPUTE_API_VERSION, type RawResponse, rawRequest, simClient } from "../../support/sim-client.js";
import { POLL, PRODUCTION, STAGING, TEST_DURATION_MS } from "../../support/sim-fixture.js";

const NOW = new Date("2026-11-25T12:00:00Z");
const SNAPSHOT_LIMIT =
  "VMRestorePointClientError. Restore Point creation failed as the maximum allowed snapshot limit";

type Resource = Record<string, unknown>;

function vmNamed(fleet: Fleet, name: string): Resource {
  const vm = fleet.resources.find((resource) => (resource as Resource).name === name);
  if (!vm) throw new Error(`no ${name} in the sample fleet`);
  return vm as Resource;
}

/** A collection the VM left behind in the staging subscription when it moved to production (same vmId). */
function leftBehind(vm: Resource, points: PointSpec[]): Resource {
  const oldId = String(vm.id).replace(
    `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/`,
    `/subscriptions/${STAGING}/resourceGroups/rg-old-home/`,
  );
  return buildCollection(vm, {
    name: "rpc-before-move",
    subscriptionId: STAGING,
    resourceGroup: "rg-old-home",
    sourceId: oldId,
    points,
  });
}

function rulesOf(findings: ReadonlyArray<{ rule: string }>): string[] {
  return findings.map((finding) => finding.rule);
}

function withFailed(points: PointSpec[], failed: number): PointSpec[] {
  return points.map((point, index) => (index < failed ? { ...point, state: "Failed" } : point));
}

describe("the 500 points per VM", () => {
  let sim: RunningSimulator;
  let client: ComputeManagementClient;
  beforeAll(async () => {
    const fleet = buildSampleFleet(NOW);
    const web = vmNamed(fleet, "vm-web-02");
    const hub = vmNamed(fleet, "vm-hub-01");
    fleet.resources.push(
      buildCollection(web, { name: "rpc-vm-web-02", points: pointSeries(NOW, 250, 4 * HOUR_MS, 6) }),
      leftBehind(web, pointSeries(NOW, 249, 5 * HOUR_MS, 6)),
      buildCollection(hub, {
        name: "rpc-vm-hub-01",
        points: withFailed(pointSeries(NOW, 500, 4 * HOUR_MS, 6), 2),
      }),
    );
    sim = await startSimulator({ fleet, restorePointDurationMs: TEST_DURATION_MS });
    client = simClient(sim, PRODUCTION, { maxRetries: 0 });
  });
  afterAll(() => sim.close());

  it("accepts the 500th point of a VM whose 499 are spread over two subscriptions, fails the 501st", async () => {
    const check = () =>
      checkVm({ arm: gatewayFor(sim), limits: DEFAULT_LIMITS, now: () => NOW }, "vm-web-02");
    // The bot's check counts as the service does: 499 of 500, the old subscription's included.
    const before = await check();
    expect(before.ok && before.verdict.modes.CrashConsistent.allowed).toBe(true);
    expect(before.ok && rulesOf(before.verdict.advisories)).toContain("vm-moved");
    expect(before.ok && rulesOf(before.verdict.advisories)).toContain("retention-near-limit");
    const crash = await client.restorePoints.create(
      "rg-web",
      "rpc-vm-web-02",
      "rp-500th",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    expect(crash.provisioningState).toBe("Succeeded");
    await expect(
      client.restorePoints.create("rg-web", "rpc-vm-web-02", "rp-501st", {}, POLL),
    ).rejects.toThrow(SNAPSHOT_LIMIT);
    const after = await check();
    expect(after.ok && rulesOf(after.verdict.modes.ApplicationConsistent.blockers)).toEqual([
      "restore-point-limit",
    ]);
  });

  it("counts Failed points: 498 succeeded and 2 failed are the limit", async () => {
    const creation = client.restorePoints.create(
      "rg-ops",
      "rpc-vm-hub-01",
      "rp-over",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    await expect(creation).rejects.toThrow(SNAPSHOT_LIMIT);
  });
});

describe("points being deleted, on the simulator's clock", () => {
  let sim: RunningSimulator;
  let now = NOW;
  const at = (minutes: number) => {
    now = new Date(NOW.getTime() + minutes * 60_000);
  };
  const points = (group: string, collection: string) =>
    `/subscriptions/${PRODUCTION}/resourceGroups/${group}/providers/Microsoft.Compute/restorePointCollections/${collection}/restorePoints`;
  const send = (method: string, path: string, body?: unknown): Promise<RawResponse> =>
    rawRequest(sim, method, `${path}?api-version=${COMPUTE_API_VERSION}`, { body });
  const crash = { properties: { consistencyMode: "CrashConsistent" } };

  beforeAll(async () => {
    const fleet = buildSampleFleet(NOW);
    const rhel = vmNamed(fleet, "vm-rhel-01");
    fleet.resources.push(
      buildCollection(vmNamed(fleet, "vm-web-02"), { name: "rpc-vm-web-02", points: [] }),
      buildCollection(rhel, { name: "rpc-vm-rhel-01", points: pointSeries(NOW, 500, 4 * HOUR_MS, 6) }),
    );
    // Deletes take a minute of the test's clock; creations too, unless they fail at once.
    sim = await startSimulator({ fleet, now: () => now, restorePointDurationMs: 60_000 });
  });
  afterAll(() => sim.close());

  it("blocks a crash-consistent point with the too-soon 429 while a 10-minute-old point is Deleting", async () => {
    at(0);
    const web = points("rg-web", "rpc-vm-web-02");
    expect((await send("PUT", `${web}/rp-first`, crash)).status).toBe(201);
    at(10);
    expect((await send("DELETE", `${web}/rp-first`)).status).toBe(202);
    expect((await send("GET", `${web}/rp-first`)).body).toMatchObject({
      properties: { provisioningState: "Deleting" },
    });
    const tooSoon = await send("PUT", `${web}/rp-second`, crash);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers["retry-after"]).toBe(String(50 * 60));
    expect(tooSoon.body).toMatchObject({ details: [{ target: "CreateCrashConsistentRestorePoint" }] });
    at(11);
    expect((await send("GET", `${web}/rp-first`)).status).toBe(404);
    expect((await send("PUT", `${web}/rp-second`, crash)).status).toBe(201);
  });

  it("counts a Deleting point and a Failed one toward the 500 until each is gone", async () => {
    at(100);
    const rhel = points("rg-ops", "rpc-vm-rhel-01");
    const victim = pointSeries(NOW, 500, 4 * HOUR_MS, 6).at(-1)?.createdAt ?? NOW;
    const victimPath = `${rhel}/${pointName(victim)}`;
    expect((await send("DELETE", victimPath)).status).toBe(202);
    expect(await stateAfterCreate(`${rhel}/rp-while-deleting`)).toBe("Failed");
    at(101);
    expect((await send("GET", victimPath)).status).toBe(404);
    // The Deleting point is gone, but the failed attempt is retained in its place.
    expect(await stateAfterCreate(`${rhel}/rp-after-delete`)).toBe("Failed");
    expect((await send("DELETE", `${rhel}/rp-while-deleting`)).status).toBe(202);
    expect((await send("DELETE", `${rhel}/rp-after-delete`)).status).toBe(202);
    at(102);
    const accepted = await send("PUT", `${rhel}/rp-fits`, crash);
    expect(accepted.status).toBe(201);
    at(103);
    expect((await send("GET", `${rhel}/rp-fits`)).body).toMatchObject({
      properties: { provisioningState: "Succeeded" },
    });
  });

  /** Creates a crash point (201) and answers its state once the operation has settled. */
  async function stateAfterCreate(path: string): Promise<unknown> {
    expect((await send("PUT", path, crash)).status).toBe(201);
    const read = await send("GET", path);
    return (read.body as { properties: { provisioningState: string } }).properties.provisioningState;
  }
});
