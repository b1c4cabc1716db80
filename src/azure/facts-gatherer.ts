/**
 * Gathers what the eligibility core needs about one VM, in two parallel rounds of reads:
 * (1) the VM with its instance view (ARM), and the collections that may hold its points (collection-lookup.ts);
 * (2) its managed disks, and those collections with their restore points (ARM: what the verdict depends on is
 * always read from ARM, never from Resource Graph, which can lag), and the count of its subscription's
 * collections in its region, but only for a VM without a collection of its own there (the 10,000 limit
 * applies only when a new collection would be made).
 * Other subscriptions only add a moved VM's old collections: reading them is best-effort, so one the identity
 * lost access to does not stop the check.
 */
import type { Disk, VirtualMachine, VirtualMachineScaleSetVM } from "@azure/arm-compute";
import type { CollectionRecord, VmFacts, VmHistory } from "../core/facts.js";
import { findOwnCollectionInRegion } from "../core/history.js";
import { toArmError } from "./arm-error.js";
import type { ArmClients } from "./clients.js";
import {
  type CollectionSummary,
  forVmSubscription,
  readCollectionWithPoints,
  sameRegion,
} from "./collection-directory.js";
import type { CollectionLookup } from "./collection-lookup.js";
import { toCollectionRecord } from "./history.mapper.js";
import { parseResourceId, sameId } from "./resource-id.js";
import { managedDiskIds, toVmFacts } from "./vm-facts.mapper.js";
import type { VmRef } from "./vm-ref.js";

export type GatherResult =
  | { ok: true; facts: VmFacts; history: VmHistory }
  | { ok: false; code: "vm-not-found"; message: string };

export class FactsGatherer {
  constructor(
    private readonly clients: ArmClients,
    private readonly collections: Pick<CollectionLookup, "forVm">,
  ) {}

  /** `fresh` reads the collections from ARM as they are now (used right before creating a restore point). */
  async gather(ref: VmRef, options: { fresh?: boolean } = {}): Promise<GatherResult> {
    const [vm, collections] = await Promise.all([
      this.getVm(ref),
      this.collections.forVm(ref, { fresh: options.fresh }),
    ]);
    if (!vm) {
      return {
        ok: false,
        code: "vm-not-found",
        message: `VM ${ref.resourceGroup}/${ref.name} no longer exists.`,
      };
    }
    const location = vm.location || ref.location;
    // The count matters only to a VM without its own collection in its region (a new one would be made).
    const countNow = !collections.related.some(
      (c) => sameId(c.sourceId, ref.id) && sameRegion(c.location, location),
    );
    const [disks, expanded, counted] = await Promise.all([
      this.getDisks(managedDiskIds(vm)),
      this.expand(ref, collections.related),
      countNow ? collections.countInRegion(location) : undefined,
    ]);
    const facts = toVmFacts(vm, ref, disks);
    const history: VmHistory = { collections: keepOwnOrMoved(expanded, facts) };
    // The graph listed an own collection that ARM no longer has: count after all.
    const count =
      counted ??
      (findOwnCollectionInRegion(facts, history) ? undefined : await collections.countInRegion(location));
    if (count !== undefined) history.collectionsInSubscriptionRegion = count;
    return { ok: true, facts, history };
  }

  private async getVm(ref: VmRef): Promise<VirtualMachine | VirtualMachineScaleSetVM | undefined> {
    const compute = this.clients.compute(ref.subscriptionId);
    try {
      if (ref.type === "scaleSetInstance" && ref.scaleSetName && ref.instanceId) {
        return await compute.virtualMachineScaleSetVMs.get(
          ref.resourceGroup,
          ref.scaleSetName,
          ref.instanceId,
          {
            expand: "instanceView",
          },
        );
      }
      return await compute.virtualMachines.get(ref.resourceGroup, ref.name, { expand: "instanceView" });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw toArmError(error, `reading VM ${ref.resourceGroup}/${ref.name}`);
    }
  }

  private async getDisks(ids: string[]): Promise<Map<string, Disk>> {
    const disks = await Promise.all(ids.map((id) => this.getDisk(id)));
    const byId = new Map<string, Disk>();
    disks.forEach((disk, index) => {
      const id = ids[index];
      if (disk && id) byId.set(id.toLowerCase(), disk);
    });
    return byId;
  }

  private async getDisk(id: string): Promise<Disk | undefined> {
    const parsed = parseResourceId(id);
    const name = parsed?.segments[0]?.[1];
    if (!parsed || !name) return undefined;
    try {
      return await this.clients.compute(parsed.subscriptionId).disks.get(parsed.resourceGroup, name);
    } catch (error) {
      // A disk deleted or detached since the VM was read: the VM model still describes it well enough.
      if (isNotFound(error)) return undefined;
      throw toArmError(error, `reading disk ${name}`);
    }
  }

  /** Outside the VM's own subscription a collection is read best-effort: that subscription may be unreadable. */
  private async expand(ref: VmRef, related: CollectionSummary[]): Promise<CollectionRecord[]> {
    const expanded = await Promise.all(
      related.map((summary) =>
        forVmSubscription(readCollectionWithPoints(this.clients, summary), summary, ref.subscriptionId),
      ),
    );
    return expanded.flatMap((collection) => (collection ? [toCollectionRecord(collection)] : []));
  }
}

/** A same-named VM elsewhere is only "this VM, moved" when its points were taken of this vmId. */
export function keepOwnOrMoved(collections: CollectionRecord[], facts: VmFacts): CollectionRecord[] {
  return collections.filter(
    (collection) =>
      sameId(collection.sourceId, facts.id) ||
      (facts.vmId !== undefined &&
        collection.restorePoints.some((point) => sameId(point.sourceVmId, facts.vmId))),
  );
}

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { statusCode?: number }).statusCode === 404;
}
