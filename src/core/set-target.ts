/**
 * What a person asks to protect together: an availability set, a Flexible scale set, a resource group, or every
 * VM with a tag. Plain values; who the members are is ARM's answer (src/azure/set-members.ts).
 */

export type SetTarget =
  | { kind: "availability-set"; name: string; resourceGroup?: string }
  | { kind: "scale-set"; name: string; resourceGroup?: string }
  /** Without a subscription, the group of that name in every subscription the bot reads (as the fleet report). */
  | { kind: "resource-group"; name: string; subscriptionId?: string }
  /** Tag names compare case-insensitively, values case-sensitively (as ARM treats them). */
  | { kind: "tag"; key: string; value: string };

/**
 * A bare name ("protect avset-web"): an availability set, a Flexible scale set or a resource group, whichever
 * Azure has; `resourceGroup` when typed as `group/name` (then it names a set, not a group).
 */
export interface NamedSetTarget {
  kind: "named";
  name: string;
  resourceGroup?: string;
}

export type SetTargetQuery = SetTarget | NamedSetTarget;

/** "availability set avset-web", "resource group rg-prod", "tag env=prod", "avset-web". */
export function describeSetTarget(target: SetTargetQuery): string {
  switch (target.kind) {
    case "availability-set":
      return `availability set ${qualified(target.name, target.resourceGroup)}`;
    case "scale-set":
      return `scale set ${qualified(target.name, target.resourceGroup)}`;
    case "resource-group":
      return `resource group ${target.name}`;
    case "tag":
      return `tag ${target.key}=${target.value}`;
    case "named":
      return qualified(target.name, target.resourceGroup);
  }
}

function qualified(name: string, resourceGroup: string | undefined): string {
  return resourceGroup === undefined ? name : `${resourceGroup}/${name}`;
}
