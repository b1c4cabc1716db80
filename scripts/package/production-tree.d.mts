/** Types of production-tree.mjs, for the tests. */
export interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  extraneous?: boolean;
  link?: boolean;
}
export interface PackageLock {
  lockfileVersion?: number;
  packages?: Record<string, LockEntry>;
}
export function productionPackagePaths(lock: PackageLock): string[];
export function installedProductionPackages(
  lock: PackageLock,
  installedVersion: (path: string) => string | undefined,
): string[];
