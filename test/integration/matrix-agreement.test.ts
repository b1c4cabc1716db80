/**
 * The verdict and its explanation agree, VM by VM, over the built-in sample fleet and a generated fleet of
 * 5,000 VMs: every finding of the verdict is named by an applying row of its rule, a row that does not apply
 * names nothing, and a row that blocks names exactly its mode's blockers. Facts are built from the fleet's
 * resources with the bot's own ARM mappers, without HTTP.
 */
import type { Disk, RestorePointCollection, VirtualMachine } from "@azure/arm-compute";
import { beforeAll, describe, expect, it } from "vitest";
import { toCollectionRecord } from "../../src/azure/history.mapper.js";
import { toDiskResource, toVmFacts, withDiskResources } from "../../src/azure/vm-facts.mapper.js";
import {
  ADVISORY_CODES,
  BLOCKER_CODES,
  CONSISTENCY_MODES,
  type CollectionRecord,
  type ConsistencyMode,
  EXCLUSION_CODES,
  evaluate,
  type MatrixEntry,
  type MatrixExplanation,
  SUPPORT_MATRIX,
  type Verdict,
  type VmFacts,
  type VmHistory,
  type VmRef,
} from "../../src/core/index.js";
import { buildSampleFleet, type Fleet, generateFleet } from "../../src/simulator/index.js";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const MODE_LABEL: Record<ConsistencyMode, string> = {
  ApplicationConsistent: "Application-consistent",
  CrashConsistent: "Crash-consistent",
};

type Json = Record<string, unknown>;
const isType = (resource: Json, type: string) => String(resource.type).toLowerCase() === type.toLowerCase();

/** ARM's wire format nests a resource's fields under `properties`; the SDK's models lift them to the top. */
function lift(resource: Json): Json {
  const { properties, ...rest } = resource;
  return { ...rest, ...(properties as Json | undefined) };
}

function liftCollection(resource: Json): RestorePointCollection {
  const collection = lift(resource);
  const points = (collection.restorePoints as Json[] | undefined) ?? [];
  return { ...collection, restorePoints: points.map(lift) } as unknown as RestorePointCollection;
}

function refOf(vm: Json, uniform: boolean): VmRef {
  const id = String(vm.id);
  const segments = id.split("/");
  const ref: VmRef = {
    id,
    name: String(vm.name),
    resourceGroup: segments[4] ?? "",
    subscriptionId: segments[2] ?? "",
    location: String(vm.location),
    type: uniform ? "scaleSetInstance" : "virtualMachine",
  };
  // .../virtualMachineScaleSets/{set}/virtualMachines/{instance}
  return uniform ? { ...ref, scaleSetName: segments[8], instanceId: segments[10] } : ref;
}

/** Collections by a lower-cased key, so 5,000 VMs do not each scan every collection. */
function indexBy(collections: CollectionRecord[], keys: (c: CollectionRecord) => string[]) {
  const index = new Map<string, CollectionRecord[]>();
  for (const collection of collections)
    for (const key of new Set(keys(collection).map((k) => k.toLowerCase()))) {
      const list = index.get(key);
      if (list) list.push(collection);
      else index.set(key, [collection]);
    }
  return (key: string | undefined) => (key === undefined ? [] : (index.get(key.toLowerCase()) ?? []));
}

/**
 * Each VM (and Uniform instance) of the fleet with its facts and history, as the bot gathers them: its own
 * collections and those holding points of its vmId (a move), and the collections in its subscription and region.
 */
function entriesOf(fleet: Fleet): { facts: VmFacts; history: VmHistory }[] {
  const resources = fleet.resources as Json[];
  const disks = disksOf(resources);
  const collections = resources
    .filter((r) => isType(r, "Microsoft.Compute/restorePointCollections"))
    .map((r) => toCollectionRecord(liftCollection(r)));
  const bySource = indexBy(collections, (c) => [c.sourceId]);
  const byPointOf = indexBy(collections, (c) => c.restorePoints.flatMap((point) => point.sourceVmId ?? []));
  const inRegion = indexBy(collections, (c) => [`${c.id.split("/")[2]}/${c.location}`]);
  const vmTypes = [
    "Microsoft.Compute/virtualMachines",
    "Microsoft.Compute/virtualMachineScaleSets/virtualMachines",
  ];
  return resources
    .filter((r) => vmTypes.some((type) => isType(r, type)))
    .map((resource) => {
      const uniform = isType(resource, vmTypes[1] ?? "");
      const vm = lift(resource);
      vm.resources = ((vm.resources as Json[] | undefined) ?? []).map(lift);
      const facts = toVmFacts(vm as unknown as VirtualMachine, refOf(resource, uniform), disks);
      const sameSubscription = (c: CollectionRecord) => c.id.split("/")[2] === facts.subscriptionId;
      const related = new Set([...bySource(facts.id), ...byPointOf(facts.vmId)].filter(sameSubscription));
      return {
        facts,
        history: {
          collections: collections.filter((collection) => related.has(collection)),
          collectionsInSubscriptionRegion: inRegion(`${facts.subscriptionId}/${facts.location}`).length,
        },
      };
    });
}

function disksOf(resources: Json[]): Map<string, Disk> {
  const disks = new Map<string, Disk>();
  for (const resource of resources.filter((r) => isType(r, "Microsoft.Compute/disks")))
    disks.set(String(resource.id).toLowerCase(), lift(resource) as unknown as Disk);
  return disks;
}

const blocks = (entry: MatrixEntry, mode: ConsistencyMode) =>
  ["not-supported", "limited"].includes(entry.outcome[mode].support);

/** Every disagreement between the verdict and its explanation, as readable lines (empty when they agree). */
function disagreements(verdict: Verdict): string[] {
  const problems: string[] = [];
  const rows = verdict.matrix ?? [];
  if (rows.length !== SUPPORT_MATRIX.length) return [`${rows.length} explained rows`];
  const namedBy = (rule: string, text: string) =>
    rows.some((row) => row.rule === rule && row.applies && row.outcome.includes(text));
  for (const mode of CONSISTENCY_MODES) {
    for (const blocker of verdict.modes[mode].blockers)
      if (!namedBy(blocker.rule, blocker.message))
        problems.push(`${mode} blocker ${blocker.rule} unexplained`);
    for (const disk of verdict.modes[mode].excludeDisks)
      if (!namedBy(disk.rule, disk.name)) problems.push(`${mode} exclusion of ${disk.name} unexplained`);
  }
  for (const advisory of verdict.advisories)
    if (!namedBy(advisory.rule, advisory.message)) problems.push(`advisory ${advisory.rule} unexplained`);
  rows.forEach((row, index) => {
    const entry = SUPPORT_MATRIX[index];
    if (!entry || entry.rule !== row.rule || entry.scenario !== row.scenario)
      problems.push(`row ${index} moved`);
    else problems.push(...rowDisagreements(row, entry, verdict));
  });
  return problems;
}

function rowDisagreements(row: MatrixExplanation, entry: MatrixEntry, verdict: Verdict): string[] {
  const problems: string[] = [];
  const where = `row "${row.scenario}"`;
  const blockersIn = (mode: ConsistencyMode) =>
    verdict.modes[mode].blockers.filter((blocker) => blocker.rule === row.rule).map((b) => b.message);
  const findings = [
    ...CONSISTENCY_MODES.flatMap(blockersIn),
    ...verdict.advisories.filter((advisory) => advisory.rule === row.rule).map((a) => a.message),
  ];
  if (!row.applies) {
    if (findings.some((message) => row.outcome.includes(message)))
      problems.push(`${where} does not apply yet reports`);
    return problems;
  }
  for (const mode of CONSISTENCY_MODES) {
    const own = blockersIn(mode);
    if (blocks(entry, mode))
      for (const message of own)
        if (!row.outcome.includes(message)) problems.push(`${where} hides a ${mode} blocker`);
    for (const message of findings) {
      const claimed =
        row.outcome.includes(`${MODE_LABEL[mode]}: ${message}`) ||
        (blocks(entry, mode) && claimsForEveryMode(row.outcome, message));
      const isBlocker = CONSISTENCY_MODES.some((other) => blockersIn(other).includes(message));
      if (claimed && isBlocker && (!blocks(entry, mode) || !own.includes(message)))
        problems.push(`${where} reports a ${mode} blocker the verdict does not have`);
    }
  }
  return problems;
}

/** A finding named without a mode prefix is said of every mode the row blocks in. */
function claimsForEveryMode(outcome: string, message: string): boolean {
  let from = outcome.indexOf(message);
  while (from !== -1) {
    if (!outcome.slice(0, from).endsWith("consistent: ")) return true;
    from = outcome.indexOf(message, from + 1);
  }
  return false;
}

/** What must hold of any verdict: a rule once per mode, a disk once per mode, an advisory code once. */
function verdictProblems(verdict: Verdict): string[] {
  const problems: string[] = [];
  const repeated = (values: string[]) => values.length !== new Set(values).size;
  for (const mode of CONSISTENCY_MODES) {
    const { blockers, excludeDisks, allowed, nextAllowedAt } = verdict.modes[mode];
    if (repeated(blockers.map((blocker) => blocker.rule))) problems.push(`${mode}: a rule blocks twice`);
    if (repeated(excludeDisks.map((disk) => disk.id))) problems.push(`${mode}: a disk is left out twice`);
    if (allowed !== (blockers.length === 0)) problems.push(`${mode}: allowed contradicts the blockers`);
    if (nextAllowedAt !== null && (blockers.length !== 1 || blockers[0]?.rule !== "too-soon"))
      problems.push(`${mode}: a time although not only time blocks`);
  }
  if (repeated(verdict.advisories.map((advisory) => advisory.rule))) problems.push("an advisory repeats");
  return problems;
}

/** Facts are built once per fleet; every test evaluates them itself (so mutation testing sees who ran what). */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

/**
 * Sample VMs changed to show the newer-guidance advisories the sample fleet does not show yet (a size without
 * Premium storage; a confidential VM of a size and region with a documented preview). They belong in the
 * simulator's sample fleet; until they are there, they are built here from its resources.
 */
function withNewerGuidanceVms(fleet: Fleet): Fleet {
  const resources = fleet.resources as Json[];
  const variant = (name: string, newName: string, change: Json, location?: string): Json => {
    const original = resources.find((resource) => resource.name === name);
    if (!original) throw new Error(`the sample fleet has no ${name}`);
    const properties = original.properties as Json;
    return {
      ...original,
      id: String(original.id).replace(new RegExp(`/${name}$`), `/${newName}`),
      name: newName,
      location: location ?? original.location,
      properties: { ...properties, ...change, vmId: undefined },
    };
  };
  const hardware = (vmSize: string) => ({ hardwareProfile: { vmSize } });
  return {
    ...fleet,
    resources: [
      ...resources,
      variant("vm-web-02", "vm-standard-storage-01", hardware("Standard_D2_v3")),
      variant("vm-confidential-01", "vm-confidential-v6-01", hardware("Standard_DC4as_v6"), "koreacentral"),
    ],
  };
}

/**
 * A region close to the collection limit (`collection-limit-near`), which the sample fleet does not have yet: a
 * copy of vm-crowded-01 in westus2, where 9,500 of the crowded region's empty collections are copied. It belongs
 * in the simulator's sample fleet too; until it is there, it is built here from its resources.
 */
function withNearlyCrowdedRegion(fleet: Fleet): Fleet {
  const resources = fleet.resources as Json[];
  const crowdedVm = resources.find((resource) => resource.name === "vm-crowded-01");
  if (!crowdedVm) throw new Error("the sample fleet has no vm-crowded-01");
  const copies = resources
    .filter((resource) => /^rpc-batch-\d+$/.test(String(resource.name)))
    .slice(0, 9_500)
    .map((resource) => ({
      ...resource,
      id: `${String(resource.id)}-westus2`,
      name: `${String(resource.name)}-westus2`,
      location: "westus2",
    }));
  const vm = {
    ...crowdedVm,
    id: String(crowdedVm.id).replace(/vm-crowded-01$/, "vm-nearly-crowded-01"),
    name: "vm-nearly-crowded-01",
    location: "westus2",
    properties: { ...(crowdedVm.properties as Json), vmId: undefined },
  };
  return { ...fleet, resources: [...resources, vm, ...copies] };
}

const sampleFleet = once(() =>
  entriesOf(withNearlyCrowdedRegion(withNewerGuidanceVms(buildSampleFleet(NOW)))),
);
const generatedFleet = once(() =>
  entriesOf(generateFleet({ count: 5_000, now: NOW, withRestorePoints: 1_500, subscriptions: 2, seed: 11 })),
);

describe.each([
  ["the sample fleet", sampleFleet],
  ["a generated fleet of 5,000 VMs", generatedFleet],
])("%s", (_name, fleet) => {
  beforeAll(() => {
    fleet();
  });

  it("explains every verdict without contradicting it", () => {
    const verdicts = fleet().map(({ facts, history }) =>
      evaluate(facts, history, NOW, undefined, { explain: true }),
    );
    expect(verdicts.length).toBeGreaterThan(50);
    const problems = verdicts.flatMap((verdict) =>
      [...disagreements(verdict), ...verdictProblems(verdict)].map(
        (problem) => `${verdict.vm.name}: ${problem}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it("gives the same verdict with and without the explanation", () => {
    for (const { facts, history } of fleet()) {
      const { matrix, ...explained } = evaluate(facts, history, NOW, undefined, { explain: true });
      expect(matrix).toHaveLength(SUPPORT_MATRIX.length);
      expect(evaluate(facts, history, NOW)).toEqual(explained);
    }
  });
});

describe("the sample fleet exercises the agreement", () => {
  it("shows every blocker, exclusion and advisory code somewhere, so no check above is vacuous", () => {
    const seen = new Set<string>();
    for (const { facts, history } of sampleFleet()) {
      const verdict = evaluate(facts, history, NOW);
      for (const mode of CONSISTENCY_MODES) {
        for (const blocker of verdict.modes[mode].blockers) seen.add(blocker.rule);
        for (const disk of verdict.modes[mode].excludeDisks) seen.add(disk.rule);
      }
      for (const advisory of verdict.advisories) seen.add(advisory.rule);
    }
    expect([...seen].sort()).toEqual([...BLOCKER_CODES, ...EXCLUSION_CODES, ...ADVISORY_CODES].sort());
  });

  it("gives the same facts built in two steps (VM model, then the few fields a fleet read keeps of each disk)", () => {
    const fleet = withNewerGuidanceVms(buildSampleFleet(NOW));
    const resources = fleet.resources as Json[];
    const disks = disksOf(resources);
    const kept = new Map([...disks].map(([id, disk]) => [id, toDiskResource(disk)]));
    const vms = resources.filter((r) => isType(r, "Microsoft.Compute/virtualMachines"));
    expect(vms.length).toBeGreaterThan(20);
    for (const resource of vms) {
      const vm = lift(resource) as unknown as VirtualMachine;
      const ref = refOf(resource, false);
      const twoSteps = withDiskResources(toVmFacts(vm, ref, new Map()), kept);
      expect(twoSteps).toEqual(toVmFacts(vm, ref, disks));
    }
  });
});
