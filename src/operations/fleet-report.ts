/**
 * "report rg-prod": how many VMs of a scope can take each kind of restore point now, how many only by leaving
 * disks out, and which rules block the others. Every VM goes through the same `evaluate` as a single check;
 * only the reading differs (in bulk, see src/azure/fleet-reader.ts).
 */
import { type FleetEntry, type FleetSource, readFleetEach } from "../azure/index.js";

/** The dialogs read a report's scope as the reader does, to ask the policy about it first. */
export { parseFleetScope } from "../azure/fleet-scope.js";

import { evaluate } from "../core/eligibility.js";
import { CONSISTENCY_MODES, type ConsistencyMode } from "../core/facts.js";
import type { Limits } from "../core/limits.js";
import type { RuleCode } from "../core/rule-codes.js";
import type { Verdict } from "../core/verdict.js";

export interface ModeTally {
  /** Allowed with every disk. */
  allowed: number;
  /** Allowed, but only by leaving some disks out. */
  allowedWithExclusions: number;
  blocked: number;
  /** Each blocking rule and the VMs it blocks (sorted); a VM blocked by two rules is under both. */
  blockedByRule: Partial<Record<RuleCode, string[]>>;
}

export interface FleetReport {
  /** "resource group rg-prod", "subscription ...", "all 3 subscriptions". */
  scope: string;
  totalVms: number;
  modes: Record<ConsistencyMode, ModeTally>;
  /** When the last VM was evaluated (ISO-8601); each is evaluated as soon as its facts and history are read. */
  evaluatedAt: string;
  /** From the request to the last verdict. */
  durationMs: number;
  /** ARM reads sent, and how many of them ARM throttled (429). */
  requests: number;
  throttled: number;
}

export type FleetReportOutcome =
  | { ok: true; report: FleetReport }
  | { ok: false; code: "scope-not-found"; message: string };

export interface FleetReportDependencies {
  arm: FleetSource;
  limits: Limits;
  now: () => Date;
}

/** What the report keeps of a VM once it is evaluated: enough to name it and count it, not its facts. */
interface Counted extends VmNaming {
  modes: Record<ConsistencyMode, Outcome>;
}

/** Allowed with every disk, allowed leaving disks out, or the rules that block it. */
type Outcome = "allowed" | "excluding" | RuleCode[];

export async function buildFleetReport(
  deps: FleetReportDependencies,
  scope: string,
): Promise<FleetReportOutcome> {
  const startedAt = deps.now();
  const counted: Counted[] = [];
  const shared = new SharedStrings();
  let evaluatedAt = startedAt;
  const read = await readFleetEach(deps.arm, scope, (entry) => {
    evaluatedAt = deps.now();
    counted.push(countable(entry, evaluate(entry.facts, entry.history, evaluatedAt, deps.limits), shared));
  });
  if (!read.ok) return read;
  const labels = labelVms(counted);
  const modes = { ApplicationConsistent: emptyTally(), CrashConsistent: emptyTally() };
  counted.forEach((vm, index) => {
    for (const mode of CONSISTENCY_MODES) count(modes[mode], vm.modes[mode], labels[index] ?? "");
  });
  for (const mode of CONSISTENCY_MODES) sortNames(modes[mode]);
  return {
    ok: true,
    report: {
      scope: read.scope,
      totalVms: counted.length,
      modes,
      evaluatedAt: (counted.length > 0 ? evaluatedAt : deps.now()).toISOString(),
      durationMs: deps.now().getTime() - startedAt.getTime(),
      requests: read.requests,
      throttled: read.throttled,
    },
  };
}

function countable({ facts }: FleetEntry, verdict: Verdict, shared: SharedStrings): Counted {
  const outcome = (mode: ConsistencyMode): Outcome => {
    const { allowed, blockers, excludeDisks } = verdict.modes[mode];
    if (!allowed) return [...new Set(blockers.map((blocker) => blocker.rule))];
    return excludeDisks.length > 0 ? "excluding" : "allowed";
  };
  return {
    name: facts.name,
    // Many VMs share these; one copy each, rather than a slice of every VM's id kept alive.
    resourceGroup: shared.of(facts.resourceGroup),
    subscriptionId: shared.of(facts.subscriptionId),
    modes: {
      ApplicationConsistent: outcome("ApplicationConsistent"),
      CrashConsistent: outcome("CrashConsistent"),
    },
  };
}

class SharedStrings {
  private readonly strings = new Map<string, string>();

  of(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    // A flat copy: `text` may be a slice of a longer string that would otherwise stay alive with it.
    const copy = [...text].join("");
    this.strings.set(copy, copy);
    return copy;
  }
}

function emptyTally(): ModeTally {
  return { allowed: 0, allowedWithExclusions: 0, blocked: 0, blockedByRule: {} };
}

function count(tally: ModeTally, outcome: Outcome, label: string): void {
  if (outcome === "allowed") {
    tally.allowed++;
  } else if (outcome === "excluding") {
    tally.allowedWithExclusions++;
  } else {
    tally.blocked++;
    // A rule can appear twice in one verdict only by mistake (countable() keeps it once); the VM is named once.
    for (const rule of outcome) {
      const names = tally.blockedByRule[rule] ?? [];
      names.push(label);
      tally.blockedByRule[rule] = names;
    }
  }
}

function sortNames(tally: ModeTally): void {
  for (const names of Object.values(tally.blockedByRule)) names.sort();
}

/** What tells VMs apart: its name, its resource group, its subscription. */
export interface VmNaming {
  name: string;
  resourceGroup: string;
  subscriptionId: string;
}

/**
 * How a VM is named in the report: its name, unless another VM in scope has the same one; then its resource
 * group too, and the subscription when even that is shared.
 */
export function labelVms(vms: readonly VmNaming[]): string[] {
  const byName = countBy(vms, (vm) => vm.name.toLowerCase());
  const byGroup = countBy(vms, groupKey);
  return vms.map((vm) => {
    if ((byName.get(vm.name.toLowerCase()) ?? 0) < 2) return vm.name;
    const inGroup = `${vm.resourceGroup}/${vm.name}`;
    return (byGroup.get(groupKey(vm)) ?? 0) < 2 ? inGroup : `${inGroup} (${vm.subscriptionId})`;
  });
}

function groupKey(vm: VmNaming): string {
  return `${vm.resourceGroup}/${vm.name}`.toLowerCase();
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
