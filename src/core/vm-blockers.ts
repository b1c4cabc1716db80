/** Blockers that come from the VM itself: what it is, what it runs on, and whether its agent can help. */
import type { ConsistencyMode, DiskFacts, VmFacts } from "./facts.js";
import type { OsAssessment } from "./os-support.js";
import { diskNoun, listDiskNames, modeLabel } from "./text.js";
import type { ExcludedDisk, Finding } from "./verdict.js";

/** Blockers of both modes that no waiting fixes, in a fixed order. */
export function structuralBlockers(facts: VmFacts): Finding[] {
  const blockers: Finding[] = [];
  if (facts.kind === "vmss-uniform") {
    blockers.push({
      rule: "vmss-uniform",
      message:
        "This VM is an instance of a Uniform scale set; restore points do not support Uniform scale-set instances.",
    });
  }
  if (facts.securityType?.toLowerCase() === "confidentialvm") {
    blockers.push({
      rule: "confidential-vm",
      message: "This is a confidential VM; restore points do not support confidential VMs.",
    });
  }
  const unmanaged = facts.disks.filter((disk) => !disk.managed);
  if (unmanaged.length > 0) {
    const words = diskNoun(unmanaged.length);
    blockers.push({
      rule: "unmanaged-disks",
      message: `${words.noun} ${listDiskNames(unmanaged)} ${words.is} unmanaged (VHD blobs); restore points support managed disks only. Convert the VM to managed disks first.`,
    });
  }
  return blockers;
}

/** Application consistency needs a supported OS and a running VM agent that quiesces the applications. */
export function applicationOnlyBlockers(facts: VmFacts, os: OsAssessment): Finding[] {
  const blockers: Finding[] = [];
  if (os.blocker) blockers.push(os.blocker);
  const agentProblems = agentProblemsOf(facts);
  if (agentProblems.length > 0) {
    blockers.push({
      rule: "vm-agent-not-ready",
      message: `Application-consistent restore points need a running VM with a Ready VM agent, but ${agentProblems.join(" and ")}. Start the VM and check its agent, or use a crash-consistent restore point.`,
    });
  }
  return blockers;
}

function agentProblemsOf(facts: VmFacts): string[] {
  const problems: string[] = [];
  const power = facts.powerState?.toLowerCase();
  if (power !== "running") problems.push(power ? `the VM is ${power}` : "the VM's power state is unknown");
  if (facts.agent.provisioned === false) problems.push("the VM was created without the VM agent");
  else if (facts.agent.status === "not-ready") problems.push("the VM agent is not Ready");
  else if (facts.agent.status === "unknown") problems.push("the VM agent reports no status");
  return problems;
}

/** When every disk is excluded there is nothing to capture, so the mode is blocked rather than empty. */
export function noDisksBlocker(
  mode: ConsistencyMode,
  disks: readonly DiskFacts[],
  excluded: readonly ExcludedDisk[],
): Finding | undefined {
  if (excluded.length < disks.length) return undefined;
  const shown = excluded.slice(0, 3).map((disk) => `${disk.name} (${disk.rule})`);
  const more = excluded.length - shown.length;
  const reasons = more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
  const detail = disks.length === 0 ? "the VM has no disks" : `every disk is excluded: ${reasons}`;
  return {
    rule: "no-disks-to-protect",
    message: `A ${modeLabel(mode)} restore point would capture nothing: ${detail}.`,
  };
}
