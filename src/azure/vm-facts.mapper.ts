/** ARM VM (or Uniform instance) + its disk resources -> VmFacts, the SDK-free description the core reads. */
import type {
  DataDisk,
  Disk,
  InstanceViewStatus,
  OSDisk,
  VirtualMachine,
  VirtualMachineAgentInstanceView,
  VirtualMachineScaleSetVM,
} from "@azure/arm-compute";
import type { AgentFacts, DiskFacts, OsFacts, VmFacts } from "../core/facts.js";
import { parseResourceId, sameId } from "./resource-id.js";
import type { VmRef } from "./vm-ref.js";

/** The fields VMs and Uniform instances share. */
type VmLike = Pick<
  VirtualMachine,
  | "id"
  | "name"
  | "location"
  | "tags"
  | "vmId"
  | "storageProfile"
  | "osProfile"
  | "securityProfile"
  | "hardwareProfile"
> &
  Partial<Pick<VirtualMachine, "virtualMachineScaleSet" | "proximityPlacementGroup" | "host" | "priority">> &
  Pick<VirtualMachine, "licenseType" | "availabilitySet" | "resources"> & {
    instanceView?: {
      statuses?: InstanceViewStatus[];
      vmAgent?: VirtualMachineAgentInstanceView;
      osName?: string;
      osVersion?: string;
      hyperVGeneration?: string;
    };
  };

/** What the facts take from a disk resource (the VM model alone does not say it). */
export type DiskResource = Pick<
  Disk,
  "sku" | "maxShares" | "encryption" | "networkAccessPolicy" | "diskAccessId"
>;

/** Only what the facts read, so a fleet read keeps 125,000 disks in a few MiB instead of the SDK's models. */
export function toDiskResource(disk: Disk): DiskResource {
  return {
    sku: disk.sku?.name === undefined ? undefined : { name: disk.sku.name },
    maxShares: disk.maxShares,
    encryption: disk.encryption?.type === undefined ? undefined : { type: disk.encryption.type },
    networkAccessPolicy: disk.networkAccessPolicy,
    diskAccessId: disk.diskAccessId,
  };
}

/** `disks`: the VM's managed disk resources by lower-case id (absent ones: the VM model's word stands). */
export function toVmFacts(
  vm: VirtualMachine | VirtualMachineScaleSetVM,
  ref: VmRef,
  disks: ReadonlyMap<string, DiskResource>,
): VmFacts {
  const source = vm as VmLike;
  const parsed = parseResourceId(source.id ?? ref.id);
  return {
    id: source.id ?? ref.id,
    name: source.name ?? ref.name,
    resourceGroup: parsed?.resourceGroup ?? ref.resourceGroup,
    subscriptionId: parsed?.subscriptionId ?? ref.subscriptionId,
    location: source.location || ref.location,
    vmId: source.vmId,
    kind:
      ref.type === "scaleSetInstance"
        ? "vmss-uniform"
        : source.virtualMachineScaleSet?.id
          ? "vmss-flex"
          : "standalone",
    scaleSetId: source.virtualMachineScaleSet?.id,
    availabilitySetId: source.availabilitySet?.id,
    proximityPlacementGroupId: source.proximityPlacementGroup?.id,
    dedicatedHostId: source.host?.id,
    securityType: source.securityProfile?.securityType,
    encryptionAtHost: source.securityProfile?.encryptionAtHost,
    vmSize: source.hardwareProfile?.vmSize ?? "",
    priority: source.priority,
    licenseType: source.licenseType,
    powerState: statusSuffix(source.instanceView?.statuses, "PowerState/"),
    os: osFacts(source),
    agent: agentFacts(source),
    disks: diskFacts(source, disks),
    extensions: (source.resources ?? []).map((extension) => extension.name ?? "").filter(Boolean),
    tags: source.tags ?? {},
    hyperVGeneration: source.instanceView?.hyperVGeneration,
  };
}

function statusSuffix(statuses: InstanceViewStatus[] | undefined, prefix: string): string | undefined {
  const status = statuses?.find((entry) => entry.code?.startsWith(prefix));
  return status?.code?.slice(prefix.length).toLowerCase();
}

function osFacts(vm: VmLike): OsFacts {
  const image = vm.storageProfile?.imageReference;
  const name = vm.instanceView?.osName;
  return {
    type: vm.storageProfile?.osDisk?.osType,
    name,
    version: vm.instanceView?.osVersion,
    image: image
      ? { publisher: image.publisher, offer: image.offer, sku: image.sku, id: image.id }
      : undefined,
    bitness: bitnessOf(`${name ?? ""} ${vm.instanceView?.osVersion ?? ""} ${image?.sku ?? ""}`),
  };
}

function bitnessOf(text: string): 32 | 64 | undefined {
  if (/\b(32-?bit|x86|i[3-6]86)\b/i.test(text)) return 32;
  if (/\b(64-?bit|x64|amd64|x86_64|aarch64|arm64)\b/i.test(text)) return 64;
  return undefined;
}

function agentFacts(vm: VmLike): AgentFacts {
  const provisioned =
    vm.osProfile?.windowsConfiguration?.provisionVMAgent ??
    vm.osProfile?.linuxConfiguration?.provisionVMAgent;
  const agent = vm.instanceView?.vmAgent;
  const status = agent?.statuses?.[0];
  const ready = status?.displayStatus?.toLowerCase() === "ready";
  return {
    provisioned,
    status: !agent || !status ? "unknown" : ready ? "ready" : "not-ready",
    version: agent?.vmAgentVersion,
    message: status?.message,
  };
}

function diskFacts(vm: VmLike, disks: ReadonlyMap<string, DiskResource>): DiskFacts[] {
  const osDisk = vm.storageProfile?.osDisk;
  const dataDisks = [...(vm.storageProfile?.dataDisks ?? [])].sort((a, b) => a.lun - b.lun);
  const result: DiskFacts[] = osDisk ? [diskFact(osDisk, "os")] : [];
  for (const disk of dataDisks) result.push(diskFact(disk, "data"));
  return result.map((disk) => withResource(disk, disks));
}

/** What the VM model says of a disk. */
function diskFact(disk: OSDisk | DataDisk, role: "os" | "data"): DiskFacts {
  const managedId = disk.managedDisk?.id;
  const ephemeral = role === "os" && (disk as OSDisk).diffDiskSettings?.option === "Local";
  const customerKey = disk.managedDisk?.diskEncryptionSet?.id ? "EncryptionAtRestWithCustomerKey" : undefined;
  return {
    id: managedId ?? disk.vhd?.uri ?? disk.name ?? "",
    name: disk.name ?? (managedId ? (parseResourceId(managedId)?.segments[0]?.[1] ?? managedId) : ""),
    role,
    lun: role === "data" ? (disk as DataDisk).lun : undefined,
    managed: !disk.vhd?.uri && (Boolean(managedId) || ephemeral),
    storageAccountType: disk.managedDisk?.storageAccountType,
    maxShares: undefined,
    ephemeral,
    caching: disk.caching,
    writeAcceleratorEnabled: disk.writeAcceleratorEnabled ?? false,
    encryptionType: customerKey,
    privateLink: false,
  };
}

/**
 * The disk resource's word over the VM model's, for a managed disk that is not ephemeral (an ephemeral OS
 * disk is no resource). A fleet read applies it once the disks are listed, after the facts were built.
 */
export function withDiskResources(facts: VmFacts, disks: ReadonlyMap<string, DiskResource>): VmFacts {
  return { ...facts, disks: facts.disks.map((disk) => withResource(disk, disks)) };
}

/** A managed disk that is not ephemeral is an ARM resource of its own, under its id. */
export function isDiskResource(disk: DiskFacts): boolean {
  return disk.managed && !disk.ephemeral;
}

function withResource(disk: DiskFacts, resources: ReadonlyMap<string, DiskResource>): DiskFacts {
  const resource = isDiskResource(disk) ? resources.get(disk.id.toLowerCase()) : undefined;
  if (!resource) return disk;
  return {
    ...disk,
    storageAccountType: resource.sku?.name ?? disk.storageAccountType,
    maxShares: resource.maxShares,
    encryptionType: resource.encryption?.type ?? disk.encryptionType,
    privateLink: resource.networkAccessPolicy === "AllowPrivate" || Boolean(resource.diskAccessId),
  };
}

/** The managed disks worth a GET: the disk resource alone says maxShares, sku, encryption and network policy. */
export function managedDiskIds(vm: VirtualMachine | VirtualMachineScaleSetVM): string[] {
  const profile = (vm as VmLike).storageProfile;
  const osDisk = profile?.osDisk;
  const ids: string[] = [];
  if (osDisk?.managedDisk?.id && osDisk.diffDiskSettings?.option !== "Local") ids.push(osDisk.managedDisk.id);
  for (const disk of profile?.dataDisks ?? []) {
    if (disk.managedDisk?.id && !ids.some((id) => sameId(id, disk.managedDisk?.id)))
      ids.push(disk.managedDisk.id);
  }
  return ids;
}
