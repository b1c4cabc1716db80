/** Builds a VM (or Uniform instance) in ARM's JSON shape, plus the disk resources it owns. */
import { stableGuid } from "../ids.js";
import type { JsonObject } from "../json.js";
import { computeId } from "../resource-id.js";
import { type DiskOwner, type DiskSpec, diskId, diskResource, managedDiskRef } from "./disks.js";
import { type AgentState, instanceView, type PowerState } from "./instance-view.js";
import type { OsImage } from "./os-images.js";

export interface OsDiskSpec {
  sku?: string;
  sizeGB?: number;
  caching?: "None" | "ReadOnly" | "ReadWrite";
  /** Ephemeral OS disk on the VM's cache/resource disk: no disk resource exists. */
  ephemeral?: boolean;
  /** A VHD in a storage account instead of a managed disk. */
  unmanaged?: boolean;
  encryptionSetId?: string;
  diskAccessId?: string;
  /** Confidential VM OS disk: `managedDisk.securityProfile.securityEncryptionType`. */
  securityEncryptionType?: string;
}

export interface DataDiskSpec extends Partial<DiskSpec> {
  unmanaged?: boolean;
  /** Attach a disk defined by another VM (a shared disk): no resource is emitted for it here. */
  existingDiskId?: string;
  /** For a shared disk this VM owns: every VM id it is attached to. */
  sharedWith?: string[];
}

export interface VmSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  size: string;
  os: OsImage;
  osDisk?: OsDiskSpec;
  dataDisks?: DataDiskSpec[];
  power?: PowerState;
  agent?: AgentState;
  /** Merged into `properties` (availabilitySet, priority, licenseType, securityProfile, host...). */
  properties?: JsonObject;
  tags?: Record<string, string>;
  zones?: string[];
  /** Azure Migrate / attached OS disk: ARM shows no osProfile and no image. */
  attachedOsDisk?: boolean;
  /** When the VM agent last reported. */
  now: Date;
}

export interface BuiltVm {
  vm: JsonObject;
  disks: JsonObject[];
}

export function vmIdOf(spec: Pick<VmSpec, "subscriptionId" | "resourceGroup" | "name">): string {
  return computeId(spec.subscriptionId, spec.resourceGroup, "virtualMachines", spec.name);
}

export function buildVm(spec: VmSpec, id = vmIdOf(spec)): BuiltVm {
  const owner: DiskOwner = { ...spec, vmId: id };
  const disks: JsonObject[] = [];
  const osDisk = osDiskEntry(spec, owner, disks);
  const dataDisks = (spec.dataDisks ?? []).map((disk, lun) => dataDiskEntry(spec, owner, disk, lun, disks));
  const properties: JsonObject = {
    vmId: stableGuid(`vmId:${id.toLowerCase()}`),
    hardwareProfile: { vmSize: spec.size },
    storageProfile: storageProfile(spec, osDisk, dataDisks),
  };
  if (!spec.attachedOsDisk) properties.osProfile = osProfile(spec);
  properties.networkProfile = { networkInterfaces: [{ id: nicId(spec) }] };
  properties.diagnosticsProfile = { bootDiagnostics: { enabled: true } };
  Object.assign(properties, spec.properties);
  properties.provisioningState = "Succeeded";
  properties.timeCreated = "2024-03-14T09:30:00.0000000+00:00";
  properties.instanceView = instanceView({
    computerName: spec.name.slice(0, 15),
    os: spec.os,
    power: spec.power ?? "running",
    agent: spec.agent ?? "ready",
    diskNames: [osDisk, ...dataDisks].map((disk) => String(disk.name)),
    reportedAt: new Date(spec.now.getTime() - 60_000),
  });
  const vm: JsonObject = {
    name: spec.name,
    id,
    type: "Microsoft.Compute/virtualMachines",
    location: spec.location,
  };
  if (spec.tags) vm.tags = spec.tags;
  if (spec.zones) vm.zones = spec.zones;
  vm.properties = properties;
  return { vm, disks };
}

function storageProfile(spec: VmSpec, osDisk: JsonObject, dataDisks: JsonObject[]): JsonObject {
  const profile: JsonObject = {};
  if (!spec.attachedOsDisk) profile.imageReference = { ...spec.os.image, exactVersion: "2024.10.08" };
  profile.osDisk = osDisk;
  profile.dataDisks = dataDisks;
  profile.diskControllerType = spec.size.startsWith("Standard_L") ? "NVMe" : "SCSI";
  return profile;
}

function osDiskEntry(spec: VmSpec, owner: DiskOwner, disks: JsonObject[]): JsonObject {
  const os = spec.osDisk ?? {};
  const name = `${spec.name}_OsDisk_1_${stableGuid(`os:${owner.vmId.toLowerCase()}`).replaceAll("-", "")}`;
  const entry: JsonObject = {
    osType: spec.os.osType,
    name,
    createOption: spec.attachedOsDisk ? "Attach" : "FromImage",
  };
  entry.caching = os.caching ?? (os.ephemeral ? "ReadOnly" : "ReadWrite");
  if (os.unmanaged) {
    entry.vhd = { uri: `https://${storageAccount(spec)}.blob.core.windows.net/vhds/${spec.name}-os.vhd` };
  } else if (os.ephemeral) {
    entry.diffDiskSettings = { option: "Local", placement: "ResourceDisk" };
    entry.managedDisk = { storageAccountType: "Standard_LRS", id: diskId(owner, name) };
  } else {
    const disk: DiskSpec = {
      name,
      sizeGB: os.sizeGB ?? (spec.os.osType === "Windows" ? 127 : 30),
      sku: os.sku ?? "Premium_LRS",
      encryptionSetId: os.encryptionSetId,
      diskAccessId: os.diskAccessId,
      confidential: os.securityEncryptionType !== undefined,
    };
    const managedDisk = managedDiskRef(owner, disk);
    if (os.securityEncryptionType)
      managedDisk.securityProfile = { securityEncryptionType: os.securityEncryptionType };
    entry.managedDisk = managedDisk;
    disks.push(diskResource(owner, disk, spec.os.osType));
  }
  entry.deleteOption = "Delete";
  entry.diskSizeGB = os.sizeGB ?? (spec.os.osType === "Windows" ? 127 : 30);
  return entry;
}

function dataDiskEntry(
  spec: VmSpec,
  owner: DiskOwner,
  disk: DataDiskSpec,
  lun: number,
  disks: JsonObject[],
): JsonObject {
  const name = disk.name ?? (disk.existingDiskId?.split("/").at(-1) || `${spec.name}-data-${lun}`);
  const full: DiskSpec = { ...disk, name, sizeGB: disk.sizeGB ?? 256, sku: disk.sku ?? "Premium_LRS" };
  const entry: JsonObject = { lun, name, createOption: "Attach", caching: disk.caching ?? "ReadOnly" };
  entry.writeAcceleratorEnabled = disk.writeAccelerator ?? false;
  if (disk.unmanaged) {
    entry.vhd = { uri: `https://${storageAccount(spec)}.blob.core.windows.net/vhds/${name}.vhd` };
  } else {
    entry.managedDisk = disk.existingDiskId
      ? { storageAccountType: full.sku, id: disk.existingDiskId }
      : managedDiskRef(owner, full);
    if (!disk.existingDiskId) disks.push(diskResource(owner, full, undefined, disk.sharedWith));
  }
  entry.deleteOption = "Detach";
  entry.diskSizeGB = full.sizeGB;
  entry.toBeDetached = false;
  return entry;
}

function osProfile(spec: VmSpec): JsonObject {
  const provisionVMAgent = spec.agent !== "none";
  const base: JsonObject = { computerName: spec.name.slice(0, 15), adminUsername: "azureadmin" };
  if (spec.os.osType === "Windows") {
    base.windowsConfiguration = {
      provisionVMAgent,
      enableAutomaticUpdates: true,
      patchSettings: { patchMode: "AutomaticByOS", assessmentMode: "ImageDefault" },
    };
  } else {
    base.linuxConfiguration = {
      disablePasswordAuthentication: true,
      provisionVMAgent,
      patchSettings: { patchMode: "ImageDefault", assessmentMode: "ImageDefault" },
    };
  }
  return { ...base, secrets: [], allowExtensionOperations: true, requireGuestProvisionSignal: true };
}

function nicId(spec: VmSpec): string {
  return `/subscriptions/${spec.subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/Microsoft.Network/networkInterfaces/${spec.name}-nic`;
}

function storageAccount(spec: VmSpec): string {
  return `${spec.resourceGroup.replace(/[^a-z0-9]/gi, "").toLowerCase()}vhds`.slice(0, 24);
}
