/**
 * Sets through ARM listings: when Resource Graph is off or refused, or found nothing (it can lag ARM, and it
 * knows no empty resource group). What a name could mean costs per subscription one list of availability sets,
 * one of scale sets and the first page of the group's VMs; members cost a listing of the VMs of the set's
 * subscription (or of the group, or, for a tag, of every subscription). ARM lists cannot count without listing,
 * so a set larger than the cap is listed and only its count handed on.
 */
import type { ComputeManagementClient, VirtualMachine } from "@azure/arm-compute";
import { isResourceGroupNotFound, toArmError } from "./arm-error.js";
import type { ArmClients } from "./clients.js";
import { type FoundSet, noCandidates, type PlacementSet, type SetCandidates } from "./found-set.js";
import { collect, mapBounded } from "./paging.js";
import { parseResourceId, sameId } from "./resource-id.js";
import type { CandidateQuery, MemberCount } from "./set-graph.js";
import type { SetKind } from "./set-queries.js";
import { listMachines, vmRefOf } from "./vm-listing.js";
import type { VmRef } from "./vm-ref.js";

/** Subscriptions read at once; each has its own read bucket, this only bounds sockets. */
const SUBSCRIPTIONS_AT_ONCE = 4;

export interface ArmCandidateQuery extends CandidateQuery {
  /** A bare name counts a group only when it holds VMs or scale sets (as the graph's query sees groups). */
  groupMustHoldMachines: boolean;
}

export class ArmSets {
  constructor(private readonly clients: Pick<ArmClients, "compute">) {}

  async candidates(query: ArmCandidateQuery, subscriptionIds: readonly string[]): Promise<SetCandidates> {
    const each = await mapBounded([...subscriptionIds], SUBSCRIPTIONS_AT_ONCE, (id) =>
      this.candidatesIn(id, query),
    );
    const found = noCandidates();
    for (const one of each) {
      found.availabilitySets.push(...one.availabilitySets);
      found.scaleSets.push(...one.scaleSets);
      found.uniformScaleSets.push(...one.uniformScaleSets);
      found.groupSubscriptions.push(...one.groupSubscriptions);
    }
    return found;
  }

  async members(set: FoundSet, cap: number, subscriptionIds: readonly string[]): Promise<MemberCount> {
    const refs = await this.memberRefs(set, subscriptionIds);
    return refs.length <= cap ? { count: refs.length, refs } : { count: refs.length };
  }

  private async candidatesIn(subscriptionId: string, query: ArmCandidateQuery): Promise<SetCandidates> {
    const compute = this.clients.compute(subscriptionId);
    const named = (set: PlacementSet) =>
      sameId(set.name, query.name) &&
      (query.resourceGroup === undefined || sameId(set.resourceGroup, query.resourceGroup));
    const wants = (kind: SetKind) => query.setKinds.includes(kind);
    const groupNeedsScaleSets = query.groups && query.groupMustHoldMachines;
    try {
      const [availabilitySets, scaleSets, group] = await Promise.all([
        wants("availability-set") ? listAvailabilitySets(compute, subscriptionId) : [],
        wants("scale-set") || groupNeedsScaleSets ? listScaleSets(compute, subscriptionId) : [],
        query.groups ? groupState(compute, query.name) : "absent",
      ]);
      const inGroup = scaleSets.some(({ set }) => sameId(set.resourceGroup, query.name));
      const groupCounts =
        group === "has-vms" || (group === "empty" && (!query.groupMustHoldMachines || inGroup));
      const namedScaleSets = wants("scale-set") ? scaleSets.filter(({ set }) => named(set)) : [];
      return {
        availabilitySets: availabilitySets.filter(named),
        scaleSets: namedScaleSets.filter(({ flexible }) => flexible).map(({ set }) => set),
        uniformScaleSets: namedScaleSets.filter(({ flexible }) => !flexible).map(({ set }) => set),
        groupSubscriptions: groupCounts ? [subscriptionId] : [],
      };
    } catch (error) {
      throw toArmError(error, `looking for sets named ${query.name} in subscription ${subscriptionId}`);
    }
  }

  private async memberRefs(set: FoundSet, subscriptionIds: readonly string[]): Promise<VmRef[]> {
    switch (set.kind) {
      case "availability-set":
        return this.vmsOf(set.subscriptionId, (vm) => sameId(vm.availabilitySet?.id, set.id));
      case "scale-set":
        return this.vmsOf(set.subscriptionId, (vm) => sameId(vm.virtualMachineScaleSet?.id, set.id));
      case "resource-group": {
        const each = await mapBounded(set.subscriptionIds, SUBSCRIPTIONS_AT_ONCE, async (id) => {
          const listed = await listMachines(
            this.clients.compute(id),
            id,
            { resourceGroup: set.name },
            ({ ref }) => ref,
          );
          return listed ?? [];
        });
        return each.flat();
      }
      case "tag": {
        const key = set.key.toLowerCase();
        const tagged = (vm: VirtualMachine) =>
          Object.entries(vm.tags ?? {}).some(
            ([name, value]) => name.toLowerCase() === key && value === set.value,
          );
        const each = await mapBounded([...subscriptionIds], SUBSCRIPTIONS_AT_ONCE, (id) =>
          this.vmsOf(id, tagged),
        );
        return each.flat();
      }
    }
  }

  /** The subscription's VMs (Flexible members are VMs) that pass `keep`, as references. */
  private async vmsOf(subscriptionId: string, keep: (vm: VirtualMachine) => boolean): Promise<VmRef[]> {
    try {
      const refs = await collect(this.clients.compute(subscriptionId).virtualMachines.listAll(), (vm) =>
        keep(vm) ? vmRefOf(vm, subscriptionId) : undefined,
      );
      return refs.filter((ref): ref is VmRef => ref !== undefined);
    } catch (error) {
      throw toArmError(error, `listing the VMs of subscription ${subscriptionId}`);
    }
  }
}

function listAvailabilitySets(
  compute: ComputeManagementClient,
  subscriptionId: string,
): Promise<PlacementSet[]> {
  return collect(compute.availabilitySets.listBySubscription(), (set) =>
    placementSetOf(set, "availability-set", subscriptionId),
  ).then((sets) => sets.filter((set): set is PlacementSet => set !== undefined));
}

async function listScaleSets(
  compute: ComputeManagementClient,
  subscriptionId: string,
): Promise<{ set: PlacementSet; flexible: boolean }[]> {
  const sets = await collect(compute.virtualMachineScaleSets.listAll(), (scaleSet) => {
    const set = placementSetOf(scaleSet, "scale-set", subscriptionId);
    // No orchestrationMode: Uniform, ARM's default before Flexible existed.
    return set && { set, flexible: scaleSet.orchestrationMode === "Flexible" };
  });
  return sets.filter((each) => each !== undefined);
}

/** Whether the subscription has the group, and whether the first page of its VMs has any. */
async function groupState(
  compute: ComputeManagementClient,
  name: string,
): Promise<"absent" | "empty" | "has-vms"> {
  try {
    for await (const _vm of compute.virtualMachines.list(name)) return "has-vms";
    return "empty";
  } catch (error) {
    if (isResourceGroupNotFound(error)) return "absent";
    throw error;
  }
}

function placementSetOf(
  resource: { id?: string; name?: string; location?: string },
  kind: SetKind,
  subscriptionId: string,
): PlacementSet | undefined {
  const parsed = resource.id ? parseResourceId(resource.id) : undefined;
  if (!parsed || !resource.id || !resource.name) return undefined;
  return {
    kind,
    id: resource.id,
    name: resource.name,
    resourceGroup: parsed.resourceGroup,
    subscriptionId: parsed.subscriptionId || subscriptionId,
    location: resource.location ?? "",
  };
}
