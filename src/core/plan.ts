/**
 * What exactly will be created: the mode, the disks captured and left out, the collection (the VM's own
 * one in its region, or a new one) and the restore point name. A plain serialisable object, shown to the
 * person before they confirm and then handed unchanged to the code that calls ARM.
 */
import type { ConsistencyMode, DiskFacts, VmFacts } from "./facts.js";
import { sameId } from "./ids.js";
import { collectionNameFor, restorePointNameFor } from "./naming.js";
import { modeLabel } from "./text.js";
import type { ExcludedDisk, Verdict } from "./verdict.js";

export interface RestorePointPlan {
  ok: true;
  vm: { id: string; name: string; location: string };
  mode: ConsistencyMode;
  /** `create: true` means a new collection with this name, in the VM's region, with the VM as source. */
  collection: { id: string | null; name: string; location: string; create: boolean };
  restorePointName: string;
  captureDisks: { id: string; name: string }[];
  excludeDisks: ExcludedDisk[];
  /** The `excludeDisks` list for ARM: managed disk ids only; an ephemeral OS disk has none and is simply not captured. */
  armExcludeDisks: { id: string }[];
}

export type PlanResult = RestorePointPlan | { ok: false; reason: string };

/** `existingCollection`: the VM's own collection in its region, when it has one (see findOwnCollectionInRegion). */
export function planRestorePoint(
  facts: VmFacts,
  verdict: Verdict,
  mode: ConsistencyMode,
  now: Date,
  existingCollection?: { id: string; name: string },
): PlanResult {
  if (!sameId(verdict.vm.id, facts.id)) {
    return {
      ok: false,
      reason: `The verdict is about ${verdict.vm.name}, not ${facts.name}; check the VM again.`,
    };
  }
  const modeVerdict = verdict.modes[mode];
  if (!modeVerdict.allowed) {
    const why = modeVerdict.blockers.map((blocker) => blocker.message).join(" ");
    return {
      ok: false,
      reason: `A ${modeLabel(mode)} restore point of ${facts.name} is not possible now. ${why}`,
    };
  }
  const excluded = modeVerdict.excludeDisks;
  const isExcluded = (disk: DiskFacts) => excluded.some((entry) => sameId(entry.id, disk.id));
  return {
    ok: true,
    vm: { id: facts.id, name: facts.name, location: facts.location },
    mode,
    collection: existingCollection
      ? { id: existingCollection.id, name: existingCollection.name, location: facts.location, create: false }
      : { id: null, name: collectionNameFor(facts.name), location: facts.location, create: true },
    restorePointName: restorePointNameFor(mode, now),
    captureDisks: facts.disks
      .filter((disk) => !isExcluded(disk))
      .map((disk) => ({ id: disk.id, name: disk.name })),
    excludeDisks: excluded.map((disk) => ({ ...disk })),
    armExcludeDisks: facts.disks
      .filter((disk) => isExcluded(disk) && disk.managed && !disk.ephemeral)
      .map((disk) => ({ id: disk.id })),
  };
}
