/**
 * Completes a fleet read's VM facts with their disk resources while the VMs and the disks are still being
 * listed, so that a VM is handed on as soon as its last disk is seen instead of when the whole subscription's
 * disks are. Only two things wait here: VMs whose disks have not come yet, and disks whose VM has not. Both
 * listings tend to follow resource groups, so both stay small; `room()` lets the VM listing wait while too many
 * VMs wait for their disks, which bounds the memory when the disk listing is the slower one.
 */
import type { VmFacts } from "../core/facts.js";
import { addToList } from "./lists-by-key.js";
import { type DiskResource, isDiskResource, withDiskResources } from "./vm-facts.mapper.js";

interface WaitingVm {
  facts: VmFacts;
  /** Lower-case ids of the disks not seen yet. */
  missing: Set<string>;
  found: Map<string, DiskResource>;
}

/** VMs waiting for disks before the VM listing pauses (per subscription). */
const DEFAULT_MOST_WAITING = 300;

export class DiskJoin {
  private readonly waiting = new Map<string, WaitingVm[]>();
  /** Disks seen before their VM; a shared disk stays, as more VMs may name it. */
  private readonly early = new Map<string, DiskResource>();
  private waitingVms = 0;
  private disksDone = false;
  private roomMade: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(
    /** Receives each VM once, complete. */
    private readonly complete: (facts: VmFacts) => void,
    private readonly mostWaiting = DEFAULT_MOST_WAITING,
  ) {}

  /** A VM listed, with facts from its model alone. */
  addVm(facts: VmFacts): void {
    const found = new Map<string, DiskResource>();
    const missing = new Set<string>();
    for (const disk of facts.disks.filter(isDiskResource)) {
      const id = disk.id.toLowerCase();
      const resource = this.early.get(id);
      if (resource) {
        found.set(id, resource);
        if ((resource.maxShares ?? 1) <= 1) this.early.delete(id);
      } else if (!this.disksDone) {
        missing.add(id);
      }
    }
    if (missing.size === 0) {
      this.complete(withDiskResources(facts, found));
      return;
    }
    const vm = { facts, missing, found };
    for (const id of missing) addToList(this.waiting, id, vm);
    this.waitingVms++;
  }

  /** A disk listed: the VMs waiting for it may now be complete. */
  addDisk(id: string, resource: DiskResource): void {
    const vms = this.waiting.get(id);
    if (!vms) {
      this.early.set(id, resource);
      return;
    }
    this.waiting.delete(id);
    for (const vm of vms) {
      vm.found.set(id, resource);
      vm.missing.delete(id);
      if (vm.missing.size === 0) this.finish(vm);
    }
    // A shared disk may be named by a VM not listed yet.
    if ((resource.maxShares ?? 1) > 1) this.early.set(id, resource);
  }

  /**
   * Every disk has been listed: a disk still missing is gone, and the VM model's word stands for it. The disks
   * no VM has named yet stay, for machines still to be listed (the instances of scale sets come last).
   */
  endOfDisks(): void {
    this.disksDone = true;
    const vms = new Set([...this.waiting.values()].flat());
    this.waiting.clear();
    for (const vm of vms) this.finish(vm);
  }

  /** Undefined while there is room for more listed VMs; otherwise resolves when there is. */
  room(): Promise<void> | undefined {
    if (this.waitingVms < this.mostWaiting) return undefined;
    if (!this.roomMade) {
      let resolve = () => {};
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      this.roomMade = { promise, resolve };
    }
    return this.roomMade.promise;
  }

  private finish(vm: WaitingVm): void {
    this.waitingVms--;
    this.complete(withDiskResources(vm.facts, vm.found));
    if (this.roomMade && this.waitingVms < this.mostWaiting) {
      this.roomMade.resolve();
      this.roomMade = undefined;
    }
  }
}
