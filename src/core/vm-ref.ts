/** A VM the bot can talk about: where it lives in ARM, before its facts are gathered. A plain value. */
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
