/** A VM the bot can talk about: where it lives in ARM, before its facts are gathered. */
export interface VmRef {
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  location: string;
  /** Uniform scale-set instances are a different ARM resource type from VMs (and Flexible members). */
  type: "virtualMachine" | "scaleSetInstance";
  scaleSetName?: string;
  instanceId?: string;
}

export type ResolveResult =
  | { ok: true; vm: VmRef }
  | { ok: false; code: "vm-not-found"; message: string; suggestions: VmRef[] }
  | { ok: false; code: "vm-ambiguous"; message: string; candidates: VmRef[] }
  | { ok: false; code: "bad-input"; message: string };

export function describeRef(vm: VmRef): string {
  return `${vm.resourceGroup}/${vm.name} (subscription ${vm.subscriptionId})`;
}
