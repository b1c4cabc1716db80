/**
 * Stable rule codes (DESIGN.md section 3). Chat text may change; codes never do.
 * Add a code when a new rule needs one; never rename one.
 */

export const BLOCKER_CODES = [
  "unmanaged-disks",
  "confidential-vm",
  "vmss-uniform",
  "no-disks-to-protect",
  "creation-in-progress",
  "restore-point-limit",
  "collection-limit",
  "too-soon",
  "os-not-supported",
  "vm-agent-not-ready",
] as const;

/**
 * The order in which a mode lists its blockers: what the VM is, what application consistency needs of it (OS
 * and agent), whether anything is left to capture, the history, and last the time. (BLOCKER_CODES keeps its
 * own order: the fleet report's sections follow it.)
 */
export const BLOCKER_ORDER: readonly BlockerCode[] = [
  "vmss-uniform",
  "confidential-vm",
  "unmanaged-disks",
  "os-not-supported",
  "vm-agent-not-ready",
  "no-disks-to-protect",
  "creation-in-progress",
  "restore-point-limit",
  "collection-limit",
  "too-soon",
];

/** A disk with several reasons to be left out is listed once, under the first of these. */
export const EXCLUSION_CODES = ["ephemeral-os-disk", "shared-disk", "ultra-disk", "premium-v2-disk"] as const;

/** In the order a verdict lists them, most pressing first: the history, the OS, crash-consistency caveats, general notes. */
export const ADVISORY_CODES = [
  "vm-moved",
  "retention-near-limit",
  // Ours: a VM without a collection in its region, whose subscription nears the 10,000 collections there.
  "collection-limit-near",
  // Ours: the last 180 days before an OS's extended security updates end (past them, os-not-supported blocks).
  "os-end-of-support",
  "linux-distro-not-endorsed",
  "linux-python-required",
  "write-accelerated-disk",
  "crash-readwrite-caching",
  "crash-boost-sku",
  "crash-premium-storage-size",
  "cross-region-private-link",
  "cross-region-cmk-becomes-pmk",
  "confidential-vm-preview",
  "availability-set-member",
  "vmss-flex-member",
  "temporary-disk-not-captured",
  "nfs-not-captured",
] as const;

/** Matrix rows that the service supports without conditions: they explain, they never block. */
export const SUPPORTED_SCENARIO_CODES = [
  "managed-disks",
  "extensions",
  "trusted-launch",
  "generation-2",
  "nvme-disks",
  "proximity-placement-group",
  "spot-vm",
  "dedicated-host",
  "host-caching",
  "marketplace-image",
  "custom-image",
  "hybrid-use-benefit",
  "azure-migrate",
  "rbac",
  "standard-hdd",
  "standard-ssd",
  "premium-ssd",
  "zrs-disks",
  "sse-platform-key",
  "sse-customer-key",
  "double-encryption",
  "encryption-at-host",
  "azure-disk-encryption",
  "accelerated-networking",
  "api-version",
  "crash-os-any",
  "cross-region-no-portal",
] as const;

export type BlockerCode = (typeof BLOCKER_CODES)[number];
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];
export type AdvisoryCode = (typeof ADVISORY_CODES)[number];
export type SupportedScenarioCode = (typeof SUPPORTED_SCENARIO_CODES)[number];
export type RuleCode = BlockerCode | ExclusionCode | AdvisoryCode | SupportedScenarioCode;
