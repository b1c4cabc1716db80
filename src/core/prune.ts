/**
 * Planning the deletion of a VM's restore points (`delete <point> of <vm>`, `prune <vm> keep N`,
 * `prune <vm> older than D`): exactly which points go and why each other one stays. Pure; nothing is deleted
 * here. The rules, for `keep` and `older-than`:
 * - a point being created is never deleted, and is not one of the N kept (it may still fail);
 * - a point being deleted is neither deleted again nor kept: it is listed apart, and stops counting once gone;
 * - a Failed point cannot be restored to, so it is never one of the N kept and is deleted whatever its age
 *   (unless `keepFailed`);
 * - a point without a readable time is never deleted (its age is unknown) and is not one of the N kept;
 * - the newest restorable point of each mode is kept (unless `includeNewestOfEachMode`), beyond the N.
 * `one` deletes the named point whatever it is, except one being created or already being deleted.
 */
import type { VmFacts, VmHistory } from "./facts.js";
import { sameId } from "./ids.js";
import { hasTime, pointsOfVm, type VmPoint } from "./prune-points.js";
import type {
  KeepReason,
  PruneFailure,
  PruneFailureCode,
  PruneOptions,
  PrunePlan,
  PrunePoint,
  PruneRequest,
  PruneResult,
} from "./prune-types.js";
import { formatNumber } from "./text.js";

/** What becomes of one point: deleted, already being deleted, or kept for a reason. */
type Fate = "delete" | "deleting" | KeepReason;

export function planPrune(
  facts: VmFacts,
  history: VmHistory,
  request: PruneRequest,
  options: PruneOptions,
): PruneResult {
  const invalid = invalidRequest(request);
  if (invalid) return invalid;
  const points = pointsOfVm(facts, history);
  if (request.kind === "one") return planOne(facts, points, request);
  const cutMs = request.kind === "older-than" ? options.now.getTime() - request.ms : Number.NaN;
  const step = request.kind === "keep" ? keepNewest(request.newest) : keepYounger(cutMs);
  const fate = (entry: VmPoint): Fate => {
    if (entry.status === "creating") return "creating";
    if (entry.status === "deleting") return "deleting";
    if (entry.status === "failed") return options.keepFailed ? "not-asked" : "delete";
    if (!hasTime(entry)) return "unknown-age";
    const kept = step(entry);
    if (kept) return kept;
    return entry.point.newestOfMode && !options.includeNewestOfEachMode ? "newest-of-mode" : "delete";
  };
  const plan = assemble(facts, request, points, fate);
  // No cut for `keep` (NaN), nor for an age past any date or an unreadable clock: those have no ISO form.
  const cut = new Date(cutMs);
  if (!Number.isNaN(cut.getTime())) plan.cutoff = cut.toISOString();
  return plan;
}

/** The rule of `keep`: the first `newest` restorable points with a time (asked newest first) stay. */
function keepNewest(newest: number): (entry: VmPoint) => KeepReason | undefined {
  let kept = 0;
  return () => {
    if (kept >= newest) return undefined;
    kept++;
    return "within-keep";
  };
}

/**
 * The rule of `older-than`: a point created at the cut or later stays; one created before it goes. Written
 * so that a cut that is not a number (an unreadable clock) keeps every point rather than deleting every one.
 */
function keepYounger(cutMs: number): (entry: VmPoint) => KeepReason | undefined {
  return (entry) => (entry.createdAtMs < cutMs ? undefined : "younger");
}

function planOne(
  facts: VmFacts,
  points: VmPoint[],
  request: Extract<PruneRequest, { kind: "one" }>,
): PruneResult {
  const name = request.name.trim();
  const inCollection = request.collection === undefined ? "" : ` in collection ${request.collection}`;
  const matches = points.filter(
    (entry) =>
      sameId(entry.point.name, name) &&
      (request.collection === undefined || sameId(entry.point.collection.name, request.collection)),
  );
  const [target] = matches;
  if (!target)
    return failure("not-found", `${facts.name} has no restore point named ${name}${inCollection}.`);
  if (matches.length > 1) {
    const where = matches.map((entry) => entry.point.collection.name).join(" and ");
    const reason = `${facts.name} has a restore point named ${name} in ${formatNumber(matches.length)} collections (${where}): say which collection.`;
    return failure("ambiguous", reason, matches);
  }
  if (target.status === "creating") {
    const reason = `Restore point ${name} of ${facts.name} is still being created: it can be deleted once that has finished.`;
    return failure("creating", reason, matches);
  }
  if (target.status === "deleting")
    return failure(
      "already-deleting",
      `Restore point ${name} of ${facts.name} is already being deleted.`,
      matches,
    );
  return assemble(facts, request, points, (entry) => {
    if (entry === target) return "delete";
    if (entry.status === "creating" || entry.status === "deleting") return entry.status;
    return "not-asked";
  });
}

function invalidRequest(request: PruneRequest): PruneFailure | undefined {
  if (request.kind === "keep" && !(Number.isSafeInteger(request.newest) && request.newest >= 0))
    return failure(
      "invalid-keep",
      `How many restore points to keep must be a whole number, 0 or more (not ${request.newest}).`,
    );
  if (request.kind === "older-than" && !(Number.isFinite(request.ms) && request.ms >= 0))
    return failure(
      "invalid-age",
      `The age to prune from must be a duration of 0 or more (not ${request.ms} ms).`,
    );
  return undefined;
}

function assemble(
  facts: VmFacts,
  request: PruneRequest,
  points: VmPoint[],
  fate: (entry: VmPoint) => Fate,
): PrunePlan {
  const plan: PrunePlan = {
    ok: true,
    vm: { id: facts.id, name: facts.name },
    request: { ...request },
    delete: [],
    keep: [],
    deleting: [],
    counts: { retainedNow: points.length, retainedAfter: points.length },
  };
  for (const entry of points) {
    const outcome = fate(entry);
    if (outcome === "delete") plan.delete.push(entry.point);
    else if (outcome === "deleting") plan.deleting.push(entry.point);
    else plan.keep.push({ ...entry.point, reason: outcome });
  }
  plan.counts.retainedAfter -= plan.delete.length + plan.deleting.length;
  return plan;
}

function failure(code: PruneFailureCode, reason: string, matches: VmPoint[] = []): PruneFailure {
  const points: PrunePoint[] = matches.map((entry) => entry.point);
  return { ok: false, code, reason, matches: points };
}
