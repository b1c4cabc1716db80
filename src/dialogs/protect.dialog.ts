/**
 * `protect <set>`: the set's members found in Azure, each planned for one mode (created, with the disks left
 * out; or left out and why), shown as one plan with one confirmation. The plan is stored as a pending run bound
 * to the person and the conversation; it expires, and each member is checked again when its job starts.
 */
import type { ConsistencyMode } from "../core/facts.js";
import { describeSetTarget } from "../core/set-target.js";
import type { VmRef } from "../core/vm-ref.js";
import { describeFoundSet, type FoundSet } from "../operations/set-finder.js";
import { type ProtectRunBody, RUN_SCHEMA_VERSION } from "../store/run-store.port.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import type { Gate } from "./gate.js";
import type { Located } from "./locate.js";
import { renderSimple } from "./problem.message.js";
import { planMembers } from "./protect-members.js";
import { renderNothingToProtect, renderProtectPlan } from "./protect-plan.message.js";
import type { DialogRequest } from "./request.js";
import { offerRun } from "./run-offer.js";

type ProtectRequest = DialogRequest<CommandOf<"protect">>;

export interface LocatedSet {
  set: FoundSet;
  members: VmRef[];
}

/** The default mode of a set: application-consistent, the one to take before patching. */
const DEFAULT_MODE: ConsistencyMode = "ApplicationConsistent";

export async function locateSet(request: ProtectRequest): Promise<Located<LocatedSet>> {
  const { deps, command } = request;
  const found = await deps.sets.find(command.target, deps.setLimits.maxSize);
  const asked = describeSetTarget(command.target);
  if (!found.ok) {
    const title =
      found.code === "set-too-large" ? `${asked} is too large to protect at once` : "Set not found";
    const tone = found.code === "set-too-large" ? "danger" : "warning";
    const text =
      found.code === "set-not-found"
        ? `${found.message} To create one restore point of a VM, say "create <vm>".`
        : found.message;
    return { ok: false, reply: { kind: "reply", message: renderSimple(title, text, tone) } };
  }
  if (found.members.length === 0) {
    const text = `There is no VM in ${describeFoundSet(found.set)}.`;
    return { ok: false, reply: { kind: "reply", message: renderSimple("Nothing to protect", text) } };
  }
  const about = { kind: "members" as const, ids: found.members.map((vm) => vm.id), label: asked };
  return { ok: true, target: { set: found.set, members: found.members }, about };
}

export async function runProtectPlan(
  request: ProtectRequest,
  located: LocatedSet,
  gate: Gate,
): Promise<ActionReply> {
  const { deps, command } = request;
  const mode = command.mode ?? DEFAULT_MODE;
  const members = await planMembers(request, located.members, mode, gate);
  const planned = members.filter((member) => "plan" in member).length;
  const foundAs = describeFoundSet(located.set);
  if (planned === 0) return { kind: "reply", message: renderNothingToProtect(foundAs, mode, members) };
  const body: ProtectRunBody = {
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "protect",
    target: command.target,
    foundAs,
    // The matrix asks for every member of these two kinds; a resource group or a tag is no such set.
    assessWindow: located.set.kind === "availability-set" || located.set.kind === "scale-set",
    mode,
    windowMs: deps.setLimits.windowMs,
    members,
  };
  const label = describeSetTarget(command.target);
  const details = { mode, members: members.length, planned };
  const run = await offerRun(request, { label, body, auditTarget: label, details });
  return { kind: "reply", message: renderProtectPlan(run, body, deps.confirmationTtlMs) };
}
