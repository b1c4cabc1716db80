/**
 * Disks a restore point of a given mode leaves out (the seed: "exclude these disks and create a VM
 * restore point"). A disk with several reasons is listed once, under the first reason in this order:
 * ephemeral OS disk, shared disk, Ultra Disk, Premium SSD v2.
 */
import type { ConsistencyMode, DiskFacts } from "./facts.js";
import type { ExclusionCode } from "./rule-codes.js";
import type { ExcludedDisk } from "./verdict.js";

export function exclusionReason(disk: DiskFacts, mode: ConsistencyMode): ExclusionCode | undefined {
  if (disk.ephemeral) return "ephemeral-os-disk";
  if (disk.maxShares !== undefined && disk.maxShares > 1) return "shared-disk";
  if (mode === "ApplicationConsistent") return undefined;
  // Ultra Disks and Premium SSD v2 support application consistency only.
  const sku = disk.storageAccountType?.toLowerCase();
  if (sku === "ultrassd_lrs") return "ultra-disk";
  if (sku === "premiumv2_lrs") return "premium-v2-disk";
  return undefined;
}

/** In the VM's disk order (OS disk first, then data disks by LUN), so the output is deterministic. */
export function excludedDisks(disks: readonly DiskFacts[], mode: ConsistencyMode): ExcludedDisk[] {
  const excluded: ExcludedDisk[] = [];
  for (const disk of disks) {
    const rule = exclusionReason(disk, mode);
    if (rule) excluded.push({ id: disk.id, name: disk.name, rule });
  }
  return excluded;
}
