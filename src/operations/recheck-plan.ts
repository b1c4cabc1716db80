/** The re-check under the VM's lock: fresh facts from ARM, the verdict, and the plan for the confirmed mode. */
import type { ConsistencyMode } from "../core/facts.js";
import { findOwnCollectionInRegion } from "../core/history.js";
import { planRestorePoint } from "../core/plan.js";
import type { VmRef } from "../core/vm-ref.js";
import { type CheckDependencies, checkResolvedVm } from "./check-vm.js";
import type { Recheck } from "./job-types.js";

export async function recheckPlan(
  deps: CheckDependencies,
  vm: VmRef,
  mode: ConsistencyMode,
): Promise<Recheck> {
  const outcome = await checkResolvedVm(deps, vm, { fresh: true });
  if (!outcome.ok) return { ok: false, message: outcome.message };
  const existing = findOwnCollectionInRegion(outcome.facts, outcome.history);
  const plan = planRestorePoint(outcome.facts, outcome.verdict, mode, deps.now(), existing);
  return plan.ok ? { ok: true, plan } : { ok: false, message: plan.reason };
}
