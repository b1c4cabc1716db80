/**
 * The advisories of a verdict: things worth knowing that never block. Each code appears at most once,
 * most pressing first: history (move, retention), OS, crash-consistency caveats, then general notes.
 */
import { diskAdvisories } from "./disk-advisories.js";
import type { VmFacts } from "./facts.js";
import type { HistorySummary } from "./history.js";
import type { Limits } from "./limits.js";
import type { OsAssessment } from "./os-support.js";
import { formatNumber } from "./text.js";
import type { Finding } from "./verdict.js";
import { hasLocalTempDisk, parseVmSize } from "./vm-size.js";

const NFS_NOT_CAPTURED: Finding = {
  rule: "nfs-not-captured",
  message: "Restore points capture only disks attached to the VM, not NFS shares mounted inside it.",
};

export function collectAdvisories(
  facts: VmFacts,
  summary: HistorySummary,
  limits: Limits,
  os: OsAssessment,
): Finding[] {
  const advisories: Finding[] = [];
  const moved = summary.movedCollections[0];
  if (moved) {
    advisories.push({
      rule: "vm-moved",
      message: `Collection ${moved.name} holds restore points of this VM under another source VM id: the VM was moved to another resource group or subscription, which restore points do not support. Those points do not count for this VM's limits.`,
    });
  }
  const retained = summary.retained;
  if (retained >= limits.retentionWarningAt && retained < limits.maxRestorePointsPerVm) {
    advisories.push({
      rule: "retention-near-limit",
      message: `This VM retains ${formatNumber(retained)} restore points of at most ${formatNumber(limits.maxRestorePointsPerVm)}; delete old ones before the limit blocks new restore points.`,
    });
  }
  const size = parseVmSize(facts.vmSize);
  advisories.push(...os.advisories, ...diskAdvisories(facts, size), ...placementAdvisories(facts));
  if (hasLocalTempDisk(size)) {
    advisories.push({
      rule: "temporary-disk-not-captured",
      message: `Size ${facts.vmSize} has a local temporary disk; restore points do not capture its data.`,
    });
  }
  advisories.push({ ...NFS_NOT_CAPTURED });
  return advisories;
}

function placementAdvisories(facts: VmFacts): Finding[] {
  const advisories: Finding[] = [];
  if (facts.availabilitySetId) {
    advisories.push({
      rule: "availability-set-member",
      message:
        "This VM is in an availability set; protecting the whole set needs a restore point of every VM in it.",
    });
  }
  if (facts.kind === "vmss-flex") {
    advisories.push({
      rule: "vmss-flex-member",
      message:
        "This VM belongs to a Flexible scale set; protecting the whole scale set needs a restore point of every VM in it.",
    });
  }
  return advisories;
}
