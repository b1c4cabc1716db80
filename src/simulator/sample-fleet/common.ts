/** Shared pieces of the sample fleet: the two subscriptions and a shortcut for VM specs. */
import { stableGuid } from "../ids.js";
import type { JsonObject } from "../json.js";
import type { BuiltVm, VmSpec } from "./vm-builder.js";

export const PRODUCTION = "11111111-1111-1111-1111-111111111111";
export const STAGING = "22222222-2222-2222-2222-222222222222";
export const TENANT = stableGuid("contoso tenant");

export const SAMPLE_SUBSCRIPTIONS = [
  { subscriptionId: PRODUCTION, displayName: "Contoso Production" },
  { subscriptionId: STAGING, displayName: "Contoso Staging" },
] as const;

export function subscriptionResources(): JsonObject[] {
  return SAMPLE_SUBSCRIPTIONS.map(({ subscriptionId, displayName }) => ({
    id: `/subscriptions/${subscriptionId}`,
    type: "Microsoft.Resources/subscriptions",
    name: subscriptionId,
    subscriptionId,
    displayName,
    tenantId: TENANT,
    state: "Enabled",
  }));
}

/** Where a group of sample VMs lives. */
export interface Placement {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  now: Date;
}

export type SpecWithoutPlacement = Omit<VmSpec, keyof Placement>;

export function at(placement: Placement, spec: SpecWithoutPlacement): VmSpec {
  return { ...placement, ...spec };
}

export function flatten(built: readonly BuiltVm[]): JsonObject[] {
  return built.flatMap((item) => [item.vm, ...item.disks]);
}

export function resourceIdIn(
  placement: Omit<Placement, "now" | "location">,
  provider: string,
  type: string,
  name: string,
): string {
  return `/subscriptions/${placement.subscriptionId}/resourceGroups/${placement.resourceGroup}/providers/${provider}/${type}/${name}`;
}

export function place(subscriptionId: string, resourceGroup: string, location: string, now: Date): Placement {
  return { subscriptionId, resourceGroup, location, now };
}
