/**
 * Gathers what the eligibility core needs about one VM, in two parallel rounds of ARM reads:
 * (1) the VM with its instance view, and the collections of its subscription and of every other subscription
 * the bot reads (cached briefly);
 * (2) its managed disks, and its related collections with their restore points.
 * The other subscriptions only add a moved VM's old collections: reading them is best-effort, so one the
 * identity lost access to does not stop the check.
 */
import type { Disk, VirtualMachine, VirtualMachineScaleSetVM } from "@azure/arm-compute";
import type { CollectionRecord, VmFacts, VmHistory } from "../core/facts.js";
import { toArmError } from "./arm-error.js";
import type { ArmClients } from "./clients.js";
import {
  type CollectionDirectory,
  type CollectionSummary,
  readCollectionWithPoints,
  relatedCollections,
  sameRegion,
} from "./collection-directory.js";
import { toCollectionRecord } from "./history.mapper.js";
import type { KnownSubscriptions } from "./known-subscriptions.js";
import { parseResourceId, sameId } from "./resource-id.js";
import { managedDiskIds, toVmFacts } from "./vm-facts.mapper.js";
import type { VmRef } from "./vm-ref.js";

export type GatherResult =
  | { ok: true; facts: VmFacts; history: VmHistory; collections: CollectionSummary[] }
  | { ok: false; code: "vm-not-found"; message: string };

export interface ElsewhereSettings {
  subscriptions: Pick<KnownSubscriptions, "list">;
  /**
   * How old a listing of another subscription's collections may be. Longer than the VM's own: what is looked
   * for there, a moved VM's old collection, gains no points (its source id is gone); the points themselves are
   * read at every check.
   */
  listingMaxAgeMs: number;
}

export class FactsGatherer {
  constructor(
    private readonly clients: ArmClients,
    private readonly directory: CollectionDirectory,
    private readonly elsewhere: ElsewhereSettings,
  ) {}

  /** `fresh` bypasses the cached collection listing of the VM's subscription (used right before creating). */
  async gather(ref: VmRef, options: { fresh?: boolean } = {}): Promise<GatherResult> {
    const [vm, collections, elsewhere] = await Promise.all([
      this.getVm(ref),
      this.directory.list(ref.subscriptionId, { fresh: options.fresh }),
      this.collectionsElsewhere(ref.subscriptionId),
    ]);
    if (!vm) {
      return {
        ok: false,
        code: "vm-not-found",
        message: `VM ${ref.resourceGroup}/${ref.name} no longer exists.`,
      };
    }
    const location = vm.location || ref.location;
    const vmId = vm.id ?? ref.id;
    const vmName = vm.name ?? ref.name;
    const [disks, own, moved] = await Promise.all([
      this.getDisks(managedDiskIds(vm)),
      this.expand(relatedCollections(collections, vmId, vmName)),
      this.expand(relatedCollections(elsewhere, vmId, vmName), { bestEffort: true }),
    ]);
    const facts = toVmFacts(vm, ref, disks);
    return {
      ok: true,
      facts,
      history: {
        collections: keepOwnOrMoved([...own, ...moved], facts),
        collectionsInSubscriptionRegion: collections.filter((c) => sameRegion(c.location, location)).length,
      },
      collections,
    };
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

  /** The collections of every other subscription the bot reads; one that cannot be listed is left out. */
  private async collectionsElsewhere(subscriptionId: string): Promise<CollectionSummary[]> {
    const { subscriptions, listingMaxAgeMs } = this.elsewhere;
    const known = await subscriptions.list().catch(() => []);
    const others = known.filter((id) => !sameId(id, subscriptionId));
    const listings = await Promise.all(
      others.map((id) => this.directory.list(id, { maxAgeMs: listingMaxAgeMs }).catch(() => [])),
    );
    return listings.flat();
  }

  private async expand(
    related: CollectionSummary[],
    options: { bestEffort?: boolean } = {},
  ): Promise<CollectionRecord[]> {
    const expanded = await Promise.all(
      related.map((summary) => {
        const read = readCollectionWithPoints(this.clients, summary);
        return options.bestEffort ? read.catch(() => undefined) : read;
      }),
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
