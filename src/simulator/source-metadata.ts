/** `properties.sourceMetadata` of a new restore point: the VM's configuration at creation time. */
import { asObject, clone, type JsonObject, objectAt, stringAt } from "./json.js";
import { displayLocation } from "./locations.js";
import type { DiskSlot } from "./vm-disks.js";

export function buildSourceMetadata(vm: JsonObject, described: readonly DiskSlot[]): JsonObject {
  const properties = asObject(vm.properties) ?? {};
  const metadata: JsonObject = {
    vmId: properties.vmId,
    location: displayLocation(stringAt(vm, "location") ?? ""),
    hyperVGeneration: stringAt(properties, "instanceView", "hyperVGeneration") ?? "V1",
    hardwareProfile: clone(properties.hardwareProfile),
    storageProfile: storageProfileOf(properties, described),
  };
  const osProfile = asObject(properties.osProfile);
  if (osProfile) metadata.osProfile = withoutSecrets(osProfile);
  for (const key of ["diagnosticsProfile", "licenseType", "securityProfile"]) {
    if (properties[key] !== undefined) metadata[key] = clone(properties[key]);
  }
  return metadata;
}

function storageProfileOf(properties: JsonObject, described: readonly DiskSlot[]): JsonObject {
  const osSlot = described.find((slot) => slot.role === "os");
  const profile: JsonObject = {
    dataDisks: described.filter((slot) => slot.role === "data").map((slot) => diskEntry(slot)),
  };
  if (osSlot) profile.osDisk = diskEntry(osSlot);
  const controller = stringAt(properties, "storageProfile", "diskControllerType");
  if (controller) profile.diskControllerType = controller;
  return profile;
}

function diskEntry(slot: DiskSlot): JsonObject {
  const model = slot.model;
  const entry: JsonObject = {};
  if (slot.role === "os") entry.osType = model.osType;
  else entry.lun = slot.lun;
  if (model.encryptionSettings !== undefined) entry.encryptionSettings = clone(model.encryptionSettings);
  entry.name = slot.name;
  entry.caching = model.caching ?? "None";
  entry.diskSizeGB = model.diskSizeGB ?? objectAt(slot.resource, "properties")?.diskSizeGB;
  entry.managedDisk = managedDiskOf(slot);
  if (model.writeAcceleratorEnabled === true) entry.writeAcceleratorEnabled = true;
  return entry;
}

function managedDiskOf(slot: DiskSlot): JsonObject {
  const model = objectAt(slot.model, "managedDisk") ?? {};
  const managed: JsonObject = {
    id: slot.id,
    storageAccountType: model.storageAccountType ?? slot.storageType,
  };
  if (model.diskEncryptionSet !== undefined) managed.diskEncryptionSet = clone(model.diskEncryptionSet);
  if (model.securityProfile !== undefined) managed.securityProfile = clone(model.securityProfile);
  return managed;
}

function withoutSecrets(osProfile: JsonObject): JsonObject {
  const copy = clone(osProfile);
  delete copy.adminPassword;
  delete copy.customData;
  return copy;
}
