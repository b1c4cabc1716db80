/** Where and how VMs run: scale sets (Uniform, Flexible), availability sets, Spot, dedicated hosts, security types. */
import type { JsonObject } from "../json.js";
import { at, flatten, type Placement, PRODUCTION, resourceIdIn } from "./common.js";
import { OS } from "./os-images.js";
import { buildFlexibleMember, buildScaleSet, buildUniformInstance, type ScaleSetSpec } from "./scale-sets.js";
import { type BuiltVm, buildVm } from "./vm-builder.js";

export function placementScenarios(now: Date): JsonObject[] {
  const scale: Placement = { subscriptionId: PRODUCTION, resourceGroup: "rg-scale", location: "eastus", now };
  const uniform: ScaleSetSpec = {
    ...scale,
    name: "vmss-web",
    size: "Standard_D2s_v5",
    mode: "Uniform",
    capacity: 2,
  };
  const flexible: ScaleSetSpec = {
    ...scale,
    name: "vmss-api",
    size: "Standard_D2s_v5",
    mode: "Flexible",
    capacity: 2,
  };
  const linux = { ...scale, os: OS.ubuntu2204, dataDisks: [{ sizeGB: 64 }] };
  const avset = availabilitySet(scale);
  return [
    buildScaleSet(uniform),
    buildScaleSet(flexible),
    avset.set,
    ...flatten([
      buildUniformInstance(uniform, "0", linux),
      buildUniformInstance(uniform, "1", linux),
      // Two members: a set to protect together (a restore point for each VM, see SAMPLE-FLEET.md).
      buildFlexibleMember(flexible, linux, 0),
      buildFlexibleMember(flexible, linux, 1),
      ...avset.members,
      ...hosting(now),
      ...securityTypes(now),
    ]),
  ];
}

/** The set `avset-app` and its two members, whose references to it are upper-case as ARM tends to write them. */
function availabilitySet(scale: Placement): { set: JsonObject; members: BuiltVm[] } {
  const id = resourceIdIn(scale, "Microsoft.Compute", "availabilitySets", "avset-app");
  const availabilitySet = { id: resourceIdIn(scale, "Microsoft.Compute", "availabilitySets", "AVSET-APP") };
  const member = { size: "Standard_D2s_v5", os: OS.windows2022, properties: { availabilitySet } };
  const members = [
    buildVm(at(scale, { name: "vm-avset-01", ...member })),
    buildVm(at(scale, { name: "vm-avset-02", ...member })),
  ];
  const set: JsonObject = {
    name: "avset-app",
    id,
    type: "Microsoft.Compute/availabilitySets",
    location: scale.location,
    sku: { name: "Aligned" },
    properties: {
      platformUpdateDomainCount: 5,
      platformFaultDomainCount: 2,
      virtualMachines: members.map(({ vm }) => ({ id: vm.id })),
    },
  };
  return { set, members };
}

function hosting(now: Date): BuiltVm[] {
  const compute: Placement = {
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-compute",
    location: "eastus",
    now,
  };
  const hostGroup = resourceIdIn(compute, "Microsoft.Compute", "hostGroups", "hg-contoso");
  const placementGroup = resourceIdIn(
    compute,
    "Microsoft.Compute",
    "proximityPlacementGroups",
    "ppg-trading",
  );
  const spot = { priority: "Spot", evictionPolicy: "Deallocate", billingProfile: { maxPrice: -1 } };
  return [
    buildVm(
      at(compute, { name: "vm-spot-01", size: "Standard_D2s_v5", os: OS.ubuntu2204, properties: spot }),
    ),
    buildVm(
      at(compute, {
        name: "vm-dedicated-01",
        size: "Standard_E4s_v5",
        os: OS.windows2022,
        properties: { host: { id: `${hostGroup}/hosts/host-01` } },
      }),
    ),
    buildVm(
      at(compute, {
        name: "vm-ppg-01",
        size: "Standard_D2s_v5",
        os: OS.windows2022,
        properties: { proximityPlacementGroup: { id: placementGroup } },
      }),
    ),
  ];
}

function securityTypes(now: Date): BuiltVm[] {
  const security: Placement = {
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-security",
    location: "eastus",
    now,
  };
  const uefiSettings = { secureBootEnabled: true, vTpmEnabled: true };
  return [
    buildVm(
      at(security, {
        name: "vm-trusted-01",
        size: "Standard_D2s_v5",
        os: OS.windows2022,
        dataDisks: [{ sizeGB: 128 }],
        properties: { securityProfile: { securityType: "TrustedLaunch", uefiSettings } },
      }),
    ),
    buildVm(
      at(security, {
        name: "vm-confidential-01",
        size: "Standard_DC4as_v5",
        os: OS.ubuntu2204,
        osDisk: { securityEncryptionType: "DiskWithVMGuestState" },
        properties: { securityProfile: { securityType: "ConfidentialVM", uefiSettings } },
      }),
    ),
  ];
}
