/** ARM resource ids: parsing and case-insensitive comparison, as ARM compares them. */

export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup: string;
  /** Provider namespace and type segments, e.g. ["Microsoft.Compute", "virtualMachines"]. */
  provider: string;
  /** Alternating type/name pairs after the provider, e.g. [["virtualMachineScaleSets","ss"],["virtualMachines","3"]]. */
  segments: Array<[type: string, name: string]>;
}

const ID_PREFIX = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/(.+)$/i;

export function parseResourceId(id: string): ParsedResourceId | undefined {
  const match = ID_PREFIX.exec(id.trim());
  if (!match) return undefined;
  const [, subscriptionId, resourceGroup, provider, rest] = match;
  if (!subscriptionId || !resourceGroup || !provider || !rest) return undefined;
  const parts = rest.split("/");
  if (parts.length % 2 !== 0 || parts.some((part) => part.length === 0)) return undefined;
  const segments: Array<[string, string]> = [];
  for (let i = 0; i < parts.length; i += 2) segments.push([parts[i] ?? "", parts[i + 1] ?? ""]);
  return { subscriptionId, resourceGroup, provider, segments };
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The last name segment of an id ("/.../disks/data-1" -> "data-1"). */
export function lastName(id: string): string {
  const parts = id.split("/");
  return parts[parts.length - 1] ?? id;
}
