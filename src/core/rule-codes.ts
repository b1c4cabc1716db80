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

export const EXCLUSION_CODES = ["ephemeral-os-disk", "shared-disk", "ultra-disk", "premium-v2-disk"] as const;

export const ADVISORY_CODES = [
  "temporary-disk-not-captured",
  "nfs-not-captured",
  "availability-set-member",
  "vmss-flex-member",
  "vm-moved",
  "linux-distro-not-endorsed",
  "linux-python-required",
  "retention-near-limit",
  "write-accelerated-disk",
  "crash-readwrite-caching",
  "crash-boost-sku",
  "cross-region-private-link",
  "cross-region-cmk-becomes-pmk",
  // Ours: the seed says OSes past extended security updates are not supported; the list itself decides.
  "os-end-of-support",
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
