/** Disk resources and the VM model's disk entries, built together so they always agree. */
import { stableGuid } from "../ids.js";
import type { JsonObject } from "../json.js";
import { computeId } from "../resource-id.js";

export interface DiskSpec {
  name: string;
  sizeGB: number;
  /** Disk sku.name: Premium_LRS, StandardSSD_LRS, Standard_LRS, UltraSSD_LRS, PremiumV2_LRS, Premium_ZRS... */
  sku: string;
  caching?: "None" | "ReadOnly" | "ReadWrite";
  maxShares?: number;
  writeAccelerator?: boolean;
  /** Customer-managed key: the disk encryption set id. */
  encryptionSetId?: string;
  /** Private access only, through this DiskAccess resource. */
  diskAccessId?: string;
  /** The OS disk of a confidential VM. */
  confidential?: boolean;
}

export interface DiskOwner {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  vmId: string;
  zones?: string[];
}

const TIERS: Record<string, string> = {
  Premium_LRS: "Premium",
  Premium_ZRS: "Premium",
  StandardSSD_LRS: "Standard",
  StandardSSD_ZRS: "Standard",
  Standard_LRS: "Standard",
  UltraSSD_LRS: "Ultra",
  PremiumV2_LRS: "Premium",
};

export function diskId(owner: DiskOwner, name: string): string {
  return computeId(owner.subscriptionId, owner.resourceGroup, "disks", name);
}

/** The `managedDisk` object of a VM model disk entry. */
export function managedDiskRef(owner: DiskOwner, spec: DiskSpec): JsonObject {
  const ref: JsonObject = { storageAccountType: spec.sku, id: diskId(owner, spec.name) };
  if (spec.encryptionSetId) ref.diskEncryptionSet = { id: spec.encryptionSetId };
  return ref;
}

export function diskResource(
  owner: DiskOwner,
  spec: DiskSpec,
  osType?: string,
  sharedWith: string[] = [],
): JsonObject {
  const id = diskId(owner, spec.name);
  const properties: JsonObject = {};
  if (osType) properties.osType = osType;
  properties.creationData = { createOption: osType ? "FromImage" : "Empty" };
  properties.diskSizeGB = spec.sizeGB;
  properties.diskSizeBytes = spec.sizeGB * 1024 ** 3;
  if (spec.sku === "UltraSSD_LRS" || spec.sku === "PremiumV2_LRS") {
    properties.diskIOPSReadWrite = 5000;
    properties.diskMBpsReadWrite = 200;
  }
  properties.encryption = spec.encryptionSetId
    ? { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: spec.encryptionSetId }
    : { type: "EncryptionAtRestWithPlatformKey" };
  properties.networkAccessPolicy = spec.diskAccessId ? "AllowPrivate" : "AllowAll";
  if (spec.diskAccessId) properties.diskAccessId = spec.diskAccessId;
  properties.publicNetworkAccess = spec.diskAccessId ? "Disabled" : "Enabled";
  if (spec.confidential)
    properties.securityProfile = { securityType: "ConfidentialVM_DiskEncryptedWithPlatformKey" };
  if (spec.maxShares && spec.maxShares > 1) {
    properties.maxShares = spec.maxShares;
    properties.shareInfo = sharedWith.map((vmUri) => ({ vmUri }));
  }
  properties.timeCreated = "2024-03-14T09:30:00.0000000+00:00";
  properties.provisioningState = "Succeeded";
  properties.diskState = "Attached";
  properties.uniqueId = stableGuid(`disk:${id.toLowerCase()}`);
  const disk: JsonObject = {
    name: spec.name,
    id,
    type: "Microsoft.Compute/disks",
    location: owner.location,
    managedBy: sharedWith.length > 1 ? sharedWith[0] : owner.vmId,
    sku: { name: spec.sku, tier: TIERS[spec.sku] ?? "Standard" },
    properties,
  };
  if (sharedWith.length > 1) disk.managedByExtended = sharedWith.slice(1);
  if (owner.zones) disk.zones = owner.zones;
  return disk;
}
