/** ARM resource ids: parsing and case-insensitive keys (ARM compares ids without regard to case). */

export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup?: string;
  /** e.g. "Microsoft.Compute"; undefined for subscription and resource group ids. */
  provider?: string;
  /** Type segments after the provider, e.g. ["virtualMachineScaleSets", "virtualMachines"]. */
  types: string[];
  /** Names matching `types`, e.g. ["vmss-web", "0"]. */
  names: string[];
}

export function resourceKey(id: string): string {
  return id.toLowerCase().replace(/\/+$/, "");
}

export function parseResourceId(id: string): ParsedResourceId | undefined {
  const parts = id.split("/");
  if (parts[0] !== "" || parts[1]?.toLowerCase() !== "subscriptions" || !parts[2]) return undefined;
  const subscriptionId = parts[2];
  if (parts.length === 3) return { subscriptionId, types: [], names: [] };
  if (parts[3]?.toLowerCase() !== "resourcegroups" || !parts[4]) return undefined;
  const resourceGroup = parts[4];
  if (parts.length === 5) return { subscriptionId, resourceGroup, types: [], names: [] };
  if (parts[5]?.toLowerCase() !== "providers" || !parts[6]) return undefined;
  const rest = parts.slice(7);
  if (rest.length === 0 || rest.length % 2 !== 0 || rest.some((part) => part === "")) return undefined;
  const types = rest.filter((_, index) => index % 2 === 0);
  const names = rest.filter((_, index) => index % 2 === 1);
  return { subscriptionId, resourceGroup, provider: parts[6], types, names };
}

/** "Microsoft.Compute/virtualMachineScaleSets/virtualMachines" for a parsed id. */
export function typeOfId(parsed: ParsedResourceId): string | undefined {
  if (!parsed.provider) return undefined;
  return [parsed.provider, ...parsed.types].join("/");
}

export function subscriptionKey(subscriptionId: string): string {
  return subscriptionId.toLowerCase();
}

export function groupKey(subscriptionId: string, resourceGroup: string): string {
  return `${subscriptionId}/${resourceGroup}`.toLowerCase();
}

export function computeId(subscriptionId: string, resourceGroup: string, ...typeAndNames: string[]): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/${typeAndNames.join("/")}`;
}
