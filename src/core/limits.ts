/** The service limits the rules enforce; configuration, with the support matrix's values as defaults. */
export interface Limits {
  /** Minimum time between application-consistent restore points of one VM. */
  applicationConsistentIntervalMs: number;
  /** Minimum time between crash-consistent restore points of one VM. */
  crashConsistentIntervalMs: number;
  /** Restore points retained per VM, across all its collections. */
  maxRestorePointsPerVm: number;
  /** Restore point collections per subscription and region. */
  maxCollectionsPerSubscriptionRegion: number;
  /** From this many retained restore points on, warn that the per-VM limit is near. */
  retentionWarningAt: number;
  /** From this many collections in the subscription and region on, warn a VM without one there that the limit is near. */
  collectionWarningAt: number;
}

const HOUR_MS = 3_600_000;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  applicationConsistentIntervalMs: 3 * HOUR_MS,
  crashConsistentIntervalMs: 1 * HOUR_MS,
  maxRestorePointsPerVm: 500,
  maxCollectionsPerSubscriptionRegion: 10_000,
  retentionWarningAt: 450,
  collectionWarningAt: 9_500,
});
