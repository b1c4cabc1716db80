/** "Can I snapshot X?": resolve the VM, gather its facts from ARM, and run the eligibility core over them. */
import type { ArmGateway, ResolveResult, VmRef } from "../azure/index.js";
import { evaluate } from "../core/eligibility.js";
import type { VmFacts, VmHistory } from "../core/facts.js";
import type { Limits } from "../core/limits.js";
import type { Verdict } from "../core/verdict.js";

/** A check's answer, or why the VM could not be resolved (as the resolver says it). */
export type CheckOutcome =
  | { ok: true; vm: VmRef; verdict: Verdict; facts: VmFacts; history: VmHistory }
  | Exclude<ResolveResult, { ok: true }>;

export interface CheckDependencies {
  arm: Pick<ArmGateway, "resolve" | "gather">;
  limits: Limits;
  now: () => Date;
}

export interface CheckOptions {
  explain?: boolean;
  /** Bypass cached listings: used right before creating a restore point. */
  fresh?: boolean;
  /** A creation the bot itself has under way for this VM (ARM may not show it yet). */
  jobInProgress?: VmHistory["jobInProgress"];
}

export async function checkVm(
  deps: CheckDependencies,
  query: string,
  options: CheckOptions = {},
): Promise<CheckOutcome> {
  const resolved = await deps.arm.resolve(query);
  if (!resolved.ok) return resolved;
  return checkResolvedVm(deps, resolved.vm, options);
}

export async function checkResolvedVm(
  deps: CheckDependencies,
  vm: VmRef,
  options: CheckOptions = {},
): Promise<CheckOutcome> {
  const gathered = await deps.arm.gather(vm, { fresh: options.fresh });
  if (!gathered.ok) return { ok: false, code: "vm-not-found", message: gathered.message, suggestions: [] };
  const history: VmHistory = options.jobInProgress
    ? { ...gathered.history, jobInProgress: options.jobInProgress }
    : gathered.history;
  const verdict = evaluate(gathered.facts, history, deps.now(), deps.limits, { explain: options.explain });
  return { ok: true, vm, verdict, facts: gathered.facts, history };
}
