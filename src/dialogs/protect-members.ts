/**
 * Each member of a set, planned for one mode as a single creation would be: created (with the disks left out),
 * or left out and why: the policy refuses it, the matrix blocks it now, or ARM could not say.
 */

import { ConcurrencyLimit } from "../concurrency-limit.js";
import type { ConsistencyMode } from "../core/facts.js";
import { findOwnCollectionInRegion } from "../core/history.js";
import { planRestorePoint } from "../core/plan.js";
import type { VmRef } from "../core/vm-ref.js";
import { errorCodeOf } from "../errors.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import type { ProtectMember } from "../store/run-store.port.js";
import { blockerLine, nextAllowedLine } from "./blocker-line.js";
import { jobInProgress } from "./check.dialog.js";
import type { Gate } from "./gate.js";
import type { DialogRequest } from "./request.js";

/** Members checked at once: each check is a few ARM reads, paced by the subscription's read budget. */
const CHECKS_AT_ONCE = 8;

export async function planMembers(
  request: DialogRequest,
  members: readonly VmRef[],
  mode: ConsistencyMode,
  gate: Pick<Gate, "may">,
): Promise<ProtectMember[]> {
  const limit = new ConcurrencyLimit(CHECKS_AT_ONCE);
  return Promise.all(members.map((vm) => limit.run(() => planMember(request, vm, mode, gate))));
}

async function planMember(
  request: DialogRequest,
  vm: VmRef,
  mode: ConsistencyMode,
  gate: Pick<Gate, "may">,
): Promise<ProtectMember> {
  if (!gate.may("create", vm.id)) {
    const reason = "the bot's policy does not let you create restore points of this VM";
    return { vm, leftOut: { code: "not-allowed", reason } };
  }
  const { deps, ctx } = request;
  try {
    const outcome = await checkResolvedVm(deps, vm, { jobInProgress: await jobInProgress(deps, vm.id) });
    if (!outcome.ok) return { vm, leftOut: { code: "error", reason: outcome.message } };
    const now = deps.now();
    const existing = findOwnCollectionInRegion(outcome.facts, outcome.history);
    const plan = planRestorePoint(outcome.facts, outcome.verdict, mode, now, existing);
    if (plan.ok) return { vm, plan };
    const verdict = outcome.verdict.modes[mode];
    const lines = verdict.blockers.map((blocker) => blockerLine(blocker, verdict, ctx.timeZone, now));
    const next = nextAllowedLine(verdict, ctx.timeZone, now);
    return { vm, leftOut: { code: "blocked", reason: [...lines, ...(next ? [next] : [])].join(" ") } };
  } catch (error) {
    // One member that ARM cannot read now must not sink the plan of the others.
    if (errorCodeOf(error) !== "arm-error" || !(error instanceof Error)) throw error;
    request.log.warn({ vm: vm.id, err: error.message }, "a set member could not be checked");
    return { vm, leftOut: { code: "error", reason: `Azure could not be read: ${error.message}` } };
  }
}
