/**
 * The fleet report through the real SDK against the simulator: the bulk read must agree, verdict for verdict,
 * with a single check of every VM in scope; it must cost list pages and collection GETs only; and it must
 * pace itself under a small read budget instead of running into 429s.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArmGateway, readFleet } from "../../src/azure/index.js";
import type { ReadBudgetSettings } from "../../src/azure/read-budget.js";
import { evaluate } from "../../src/core/eligibility.js";
import {
  CONSISTENCY_MODES,
  type ConsistencyMode,
  type VmFacts,
  type VmHistory,
} from "../../src/core/facts.js";
import { findOwnCollectionInRegion } from "../../src/core/history.js";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import type { Verdict } from "../../src/core/verdict.js";
import { checkVm } from "../../src/operations/check-vm.js";
import { buildFleetReport, labelVms, type ModeTally } from "../../src/operations/fleet-report.js";
import {
  buildSampleFleet,
  type Fleet,
  generateFleet,
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/index.js";
import { gatewayFor } from "../support/gateway.js";
import { PRODUCTION, STAGING, TEST_DURATION_MS } from "../support/sim-fixture.js";

const PAGE_SIZE = 100;
/** Large enough that the hundreds of single checks of the cross-check are never throttled. */
const GENEROUS_BUDGET = { capacity: 1_000_000, refillPerSecond: 1_000_000 };

const now = new Date();
const sampleFleet = buildSampleFleet(now);
let sim: RunningSimulator;
let gateway: ArmGateway;
/** The same bot with RPBOT_RESOURCE_GRAPH=off: ARM listings only. */
let armOnly: ArmGateway;
beforeAll(async () => {
  // A fixed clock: the bulk read, the single checks and the simulator all see the same "now".
  sim = await startSimulator({
    fleet: sampleFleet,
    now: () => now,
    readBudget: GENEROUS_BUDGET,
    // The cross-check runs a single check per VM, each with its own graph query; on a clock that stands still
    // the quota window would never reset.
    resourceGraphQuota: { queries: 1_000_000 },
    restorePointDurationMs: TEST_DURATION_MS,
  });
  gateway = gatewayFor(sim);
  armOnly = gatewayFor(sim, { resourceGraph: false });
});
afterAll(() => sim.close());

const deps = () => ({ arm: gateway, limits: DEFAULT_LIMITS, now: () => now });

describe("the fleet report over the sample fleet", () => {
  it.each([
    "rg-history",
    "rg-app",
    "rg-scale",
    "rg-app-new",
    "rg-platform",
    "rg-cluster",
    "rg-crowded",
    PRODUCTION,
  ])("%s: the bulk read and a single check of each VM agree verdict for verdict", async (scope) => {
    const read = await readFleet(gateway, scope);
    if (!read.ok) throw new Error(read.message);
    expect(read.vms.map((entry) => entry.facts.id).sort()).toEqual(await idsInScope(scope));
    const verdicts: Verdict[] = [];
    for (const entry of read.vms) {
      const single = await checkVm(deps(), entry.facts.id);
      if (!single.ok) throw new Error(`${entry.facts.name}: ${single.message}`);
      expect(entry.facts).toEqual(single.facts);
      expect(uncountedAsSingle(entry.history, single)).toEqual(single.history);
      expect(evaluate(entry.facts, entry.history, now, DEFAULT_LIMITS)).toEqual(single.verdict);
      verdicts.push(single.verdict);
    }
    const outcome = await buildFleetReport(deps(), scope);
    if (!outcome.ok) throw new Error(outcome.message);
    const labels = labelVms(read.vms.map((entry) => entry.facts));
    expect(outcome.report.totalVms).toBe(read.vms.length);
    for (const mode of CONSISTENCY_MODES) {
      expect(outcome.report.modes[mode]).toEqual(tallyOf(verdicts, labels, mode));
    }
  });

  it("counts per mode, names the blocked VMs by rule, and says what it looked at", async () => {
    const outcome = await buildFleetReport(deps(), "rg-history");
    if (!outcome.ok) throw new Error(outcome.message);
    const { report } = outcome;
    expect(report.scope).toBe("resource group rg-history");
    expect(report.evaluatedAt).toBe(now.toISOString());
    expect(report.modes.ApplicationConsistent.blockedByRule["too-soon"]).toEqual(["vm-recent-app-01"]);
    expect(report.modes.CrashConsistent.blockedByRule["too-soon"]).toEqual([
      "vm-busy-01",
      "vm-recent-crash-01",
    ]);
    expect(report.modes.CrashConsistent.blockedByRule["restore-point-limit"]).toEqual(["vm-full-01"]);
    expect(report.modes.ApplicationConsistent.blockedByRule["creation-in-progress"]).toEqual(["vm-busy-01"]);
    const app = report.modes.ApplicationConsistent;
    expect(app.allowed + app.allowedWithExclusions + app.blocked).toBe(report.totalVms);
  });

  it("looks for a resource group in every subscription and tells same-named VMs apart", async () => {
    const outcome = await buildFleetReport(deps(), "rg-app");
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report.scope).toBe("resource group rg-app (in 2 subscriptions)");
    const labels = labelVms((await readFleetOk("rg-app")).vms.map((entry) => entry.facts));
    expect(labels).toEqual(
      expect.arrayContaining([
        `rg-app/vm-app-01 (${PRODUCTION})`,
        `rg-app/vm-app-01 (${STAGING})`,
        "vm-stage-web-01",
      ]),
    );
  });

  it("says so when the scope is unknown or is not a scope at all", async () => {
    for (const scope of ["rg-does-not-exist", "99999999-9999-9999-9999-999999999999", "no such/thing!"]) {
      const outcome = await buildFleetReport(deps(), scope);
      expect(outcome).toMatchObject({ ok: false, code: "scope-not-found" });
    }
  });

  it("lists every subscription's collections in one graph query (paged by 1,000 rows)", async () => {
    sim.resetStats();
    const outcome = await buildFleetReport(deps(), PRODUCTION);
    if (!outcome.ok) throw new Error(outcome.message);
    const { byRoute } = sim.stats();
    expect(byRoute["restorePointCollections.listAll"]).toBeUndefined();
    const collections = countOf(sampleFleet, "restorePointCollections");
    expect(byRoute["resourceGraph.resources"]).toBe(Math.ceil(collections / 1000));
    expect(byRoute["restorePointCollections.get"]).toBe(collectionsOfVmsIn(sampleFleet, PRODUCTION));
  });

  it("without the graph, costs list pages plus one GET per collection of a VM in scope, never a GET per VM", async () => {
    sim.resetStats();
    const outcome = await buildFleetReport({ ...deps(), arm: armOnly }, PRODUCTION);
    if (!outcome.ok) throw new Error(outcome.message);
    const { requests, byRoute } = sim.stats();
    for (const perVm of ["virtualMachines.get", "virtualMachineScaleSetVMs.get", "disks.get"]) {
      expect(byRoute[perVm]).toBeUndefined();
    }
    const collections = collectionsOfVmsIn(sampleFleet, PRODUCTION);
    expect(collections).toBeGreaterThan(0);
    expect(byRoute["restorePointCollections.get"]).toBe(collections);
    // Staging is outside the scope, but its collections are listed once: a VM may have moved from there.
    const elsewhere = pagesOf(countOf(sampleFleet, "restorePointCollections", STAGING));
    expect(requests).toBeLessThanOrEqual(listPagesOf(sampleFleet, PRODUCTION) + elsewhere + collections);
    // The report counts what it sent to the subscription; the subscription list is a tenant read.
    expect(outcome.report.requests).toBe(requests - (byRoute["subscriptions.list"] ?? 0));
    expect(outcome.report.throttled).toBe(0);
  });

  it("reads a collection once however many subscriptions' VMs it may belong to", async () => {
    sim.resetStats();
    const read = await readFleetOk("*");
    // vm-app-01 is in both subscriptions: each one's collection is read once and kept for its own VM only.
    expect(sim.stats().byRoute["restorePointCollections.get"]).toBe(collectionsOfVmsIn(sampleFleet));
    const apps = read.vms.filter((entry) => entry.facts.name === "vm-app-01");
    expect(apps).toHaveLength(2);
    for (const { facts, history } of apps) {
      expect(history.collections.map((collection) => collection.sourceId)).toEqual([facts.id]);
    }
  });

  it("reads a subscription without the resource group no further than its collection list", async () => {
    sim.resetStats();
    await buildFleetReport({ ...deps(), arm: armOnly }, "rg-crowded");
    // rg-crowded is in staging only: production answers the VM list with ResourceGroupNotFound, and only its
    // collections are listed (once, as staging's are), for VMs moved from there.
    expect(sim.stats().byRoute["restorePointCollections.listAll"]).toBe(
      pagesOf(countOf(sampleFleet, "restorePointCollections", STAGING)) +
        pagesOf(countOf(sampleFleet, "restorePointCollections", PRODUCTION)),
    );
  });

  it("finds the old collection of a VM moved from a subscription outside the report's scope", async () => {
    const read = await readFleetOk("rg-app-new");
    const moved = read.vms.find((entry) => entry.facts.name === "vm-moved-02");
    const old = moved?.history.collections ?? [];
    expect(old.map((collection) => collection.id.split("/")[2])).toEqual([STAGING]);
    expect(old[0]?.restorePoints.map((point) => point.sourceVmId)).toEqual([moved?.facts.vmId]);
  });
});

describe("the fleet report under a small ARM read budget", () => {
  const budget = { capacity: 40, refillPerSecond: 100 };
  const fleet = generateFleet({ count: 200, withRestorePoints: 80, subscriptions: 1, now: new Date() });
  const pacing: ReadBudgetSettings = { reserve: 5, refillPerSecond: 100, capacity: 40 };

  it("waits for the bucket instead of running into 429s (no SDK retries allowed)", async () => {
    const small = await startSimulator({ fleet, readBudget: budget });
    try {
      const strict = gatewayFor(small, { maxRetries: 0, readBudget: pacing, resourceGraph: false });
      const read = await readFleet({ clients: strict.clients }, "*");
      if (!read.ok) throw new Error(read.message);
      expect(read.vms).toHaveLength(200);
      expect(read.throttled).toBe(0);
      expect(read.pauses).toBeGreaterThan(0);
      expect(read.requests).toBeGreaterThan(budget.capacity);
      const outcome = await buildFleetReport(
        { arm: { clients: strict.clients }, limits: DEFAULT_LIMITS, now: () => new Date() },
        "*",
      );
      expect(outcome).toMatchObject({ ok: true, report: { totalVms: 200, throttled: 0 } });
    } finally {
      await small.close();
    }
  });

  it("would run into 429s without pacing (the same fleet, a bucket that barely refills)", async () => {
    // A refill of 1/s keeps the outcome independent of how fast this machine is: the read needs far
    // more requests than the bucket holds plus what it regains during the read.
    const small = await startSimulator({
      fleet,
      readBudget: { capacity: budget.capacity, refillPerSecond: 1 },
    });
    try {
      const unpaced = { ...pacing, reserve: Number.NEGATIVE_INFINITY };
      const strict = gatewayFor(small, { maxRetries: 0, readBudget: unpaced, resourceGraph: false });
      await expect(readFleet({ clients: strict.clients }, "*")).rejects.toMatchObject({
        kind: "throttled",
      });
    } finally {
      await small.close();
    }
  });
});

/**
 * The bulk read counts every region; a single check skips the count for a VM with its own collection in its
 * region (the limit does not apply to it): compare the rest then.
 */
function uncountedAsSingle(bulk: VmHistory, single: { facts: VmFacts; history: VmHistory }): VmHistory {
  if (single.history.collectionsInSubscriptionRegion !== undefined) return bulk;
  expect(findOwnCollectionInRegion(single.facts, single.history)).toBeDefined();
  const { collectionsInSubscriptionRegion: _counted, ...rest } = bulk;
  return rest;
}

async function readFleetOk(scope: string) {
  const read = await readFleet(gateway, scope);
  if (!read.ok) throw new Error(read.message);
  return read;
}

/** The scope as the single-check path's name index sees it (listed independently of the bulk read). */
async function idsInScope(scope: string): Promise<string[]> {
  const all = await gateway.listVms();
  const inScope = all.filter((vm) => vm.subscriptionId === scope || sameText(vm.resourceGroup, scope));
  return inScope.map((vm) => vm.id).sort();
}

function tallyOf(verdicts: Verdict[], labels: string[], mode: ConsistencyMode): ModeTally {
  const tally: ModeTally = { allowed: 0, allowedWithExclusions: 0, blocked: 0, blockedByRule: {} };
  verdicts.forEach((verdict, index) => {
    const { allowed, excludeDisks, blockers } = verdict.modes[mode];
    if (allowed && excludeDisks.length === 0) tally.allowed++;
    else if (allowed) tally.allowedWithExclusions++;
    else tally.blocked++;
    for (const { rule } of blockers) {
      tally.blockedByRule[rule] = [...(tally.blockedByRule[rule] ?? []), labels[index] ?? ""].sort();
    }
  });
  return tally;
}

type Resource = Fleet["resources"][number];

function field(resource: unknown, ...path: string[]): unknown {
  let current = resource;
  for (const key of path) {
    current = typeof current === "object" && current !== null ? Reflect.get(current, key) : undefined;
  }
  return current;
}

function sameText(a: unknown, b: string): boolean {
  return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

/** Resources of the type, in the subscription or (without one) in any. */
function ofType(fleet: Fleet, type: string, subscriptionId?: string): Resource[] {
  const prefix = subscriptionId === undefined ? "/subscriptions/" : `/subscriptions/${subscriptionId}/`;
  return fleet.resources.filter(
    (resource) =>
      sameText(field(resource, "type"), `Microsoft.Compute/${type}`) &&
      String(field(resource, "id")).toLowerCase().startsWith(prefix),
  );
}

function countOf(fleet: Fleet, type: string, subscriptionId?: string): number {
  return ofType(fleet, type, subscriptionId).length;
}

/**
 * Collections, in any subscription, whose source names a VM of the subscription by name (the old collections of
 * moved VMs included, and those of a same-named VM elsewhere, which only their points tell apart).
 */
function collectionsOfVmsIn(fleet: Fleet, subscriptionId?: string): number {
  const names = new Set(
    [
      ...ofType(fleet, "virtualMachines", subscriptionId),
      ...ofType(fleet, "virtualMachineScaleSets/virtualMachines", subscriptionId),
    ].map((vm) => String(field(vm, "name")).toLowerCase()),
  );
  return ofType(fleet, "restorePointCollections").filter((collection) => {
    const source = String(field(collection, "properties", "source", "id"));
    return names.has(source.split("/").pop()?.toLowerCase() ?? "");
  }).length;
}

function pagesOf(items: number): number {
  return Math.max(1, Math.ceil(items / PAGE_SIZE));
}

/** What listing a whole subscription costs at the simulator's page size, plus the subscription list. */
function listPagesOf(fleet: Fleet, subscriptionId: string): number {
  const uniformSets = ofType(fleet, "virtualMachineScaleSets", subscriptionId).filter(
    (set) => field(set, "properties", "orchestrationMode") === "Uniform",
  );
  const instancePages = uniformSets.reduce<number>((sum, set) => {
    const prefix = `${String(field(set, "id")).toLowerCase()}/virtualmachines/`;
    const instances = ofType(fleet, "virtualMachineScaleSets/virtualMachines", subscriptionId).filter(
      (instance) => String(field(instance, "id")).toLowerCase().startsWith(prefix),
    );
    return sum + pagesOf(instances.length);
  }, 0);
  return (
    1 +
    pagesOf(countOf(fleet, "virtualMachines", subscriptionId)) +
    pagesOf(countOf(fleet, "virtualMachineScaleSets", subscriptionId)) +
    instancePages +
    pagesOf(countOf(fleet, "disks", subscriptionId)) +
    pagesOf(countOf(fleet, "restorePointCollections", subscriptionId))
  );
}
