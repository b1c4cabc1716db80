/**
 * "report rg-prod": how many VMs of a scope can take each kind of restore point now, how many only by leaving
 * disks out, and which rules block the others. Every VM goes through the same `evaluate` as a single check;
 * only the reading differs (in bulk, see src/azure/fleet-reader.ts).
 */
import { type FleetEntry, type FleetSource, readFleet } from "../azure/index.js";

/** The dialogs read a report's scope as the reader does, to ask the policy about it first. */
export { parseFleetScope } from "../azure/fleet-scope.js";

import { evaluate } from "../core/eligibility.js";
import { CONSISTENCY_MODES, type ConsistencyMode } from "../core/facts.js";
import type { Limits } from "../core/limits.js";
import type { RuleCode } from "../core/rule-codes.js";
import type { ModeVerdict } from "../core/verdict.js";

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
  /** The time every VM was evaluated at (ISO-8601). */
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

export async function buildFleetReport(
  deps: FleetReportDependencies,
  scope: string,
): Promise<FleetReportOutcome> {
  const startedAt = deps.now();
  const read = await readFleet(deps.arm, scope);
  if (!read.ok) return read;
  const evaluatedAt = deps.now();
  const labels = labelVms(read.vms);
  const modes = { ApplicationConsistent: emptyTally(), CrashConsistent: emptyTally() };
  read.vms.forEach((entry, index) => {
    const verdict = evaluate(entry.facts, entry.history, evaluatedAt, deps.limits);
    for (const mode of CONSISTENCY_MODES) count(modes[mode], verdict.modes[mode], labels[index] ?? "");
  });
  for (const mode of CONSISTENCY_MODES) sortNames(modes[mode]);
  return {
    ok: true,
    report: {
      scope: read.scope,
      totalVms: read.vms.length,
      modes,
      evaluatedAt: evaluatedAt.toISOString(),
      durationMs: deps.now().getTime() - startedAt.getTime(),
      requests: read.requests,
      throttled: read.throttled,
    },
  };
}

function emptyTally(): ModeTally {
  return { allowed: 0, allowedWithExclusions: 0, blocked: 0, blockedByRule: {} };
}

function count(tally: ModeTally, verdict: ModeVerdict, label: string): void {
  if (!verdict.allowed) {
    tally.blocked++;
    // A rule can appear twice in one verdict only by mistake; the VM is still named once.
    for (const rule of new Set(verdict.blockers.map((blocker) => blocker.rule))) {
      const names = tally.blockedByRule[rule] ?? [];
      names.push(label);
      tally.blockedByRule[rule] = names;
    }
  } else if (verdict.excludeDisks.length > 0) {
    tally.allowedWithExclusions++;
  } else {
    tally.allowed++;
  }
}

function sortNames(tally: ModeTally): void {
  for (const names of Object.values(tally.blockedByRule)) names.sort();
}

/**
 * How a VM is named in the report: its name, unless another VM in scope has the same one; then its resource
 * group too, and the subscription when even that is shared.
 */
export function labelVms(entries: readonly FleetEntry[]): string[] {
  const byName = countBy(entries, (entry) => entry.facts.name.toLowerCase());
  const byGroup = countBy(entries, (entry) => groupKey(entry));
  return entries.map((entry) => {
    const { facts } = entry;
    if ((byName.get(facts.name.toLowerCase()) ?? 0) < 2) return facts.name;
    const inGroup = `${facts.resourceGroup}/${facts.name}`;
    return (byGroup.get(groupKey(entry)) ?? 0) < 2 ? inGroup : `${inGroup} (${facts.subscriptionId})`;
  });
}

function groupKey(entry: FleetEntry): string {
  return `${entry.facts.resourceGroup}/${entry.facts.name}`.toLowerCase();
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
