/** The fields the simulator relies on, per known resource type; anything else in a resource is kept as is. */
import { asArray, at, isObject, type JsonObject } from "./json.js";
import {
  DISK,
  isType,
  RESTORE_POINT_COLLECTION,
  SCALE_SET,
  SCALE_SET_VM,
  VIRTUAL_MACHINE,
} from "./resource-types.js";

export type Report = (field: string, message: string) => void;

export function checkShape(resource: JsonObject, report: Report): void {
  const type = typeof resource.type === "string" ? resource.type : "";
  if (isType(type, VIRTUAL_MACHINE)) checkVm(resource, report, true);
  else if (isType(type, SCALE_SET_VM)) checkVm(resource, report, false);
  else if (isType(type, SCALE_SET)) checkScaleSet(resource, report);
  else if (isType(type, DISK)) checkDisk(resource, report);
  else if (isType(type, RESTORE_POINT_COLLECTION)) checkCollection(resource, report);
}

function expectString(value: unknown, path: string, field: string, report: Report): void {
  if (typeof at(value, ...path.split(".")) !== "string") report(field || path, "must be a string");
}

function expectObject(value: unknown, path: string, report: Report): boolean {
  const ok = isObject(at(value, ...path.split(".")));
  if (!ok) report(path, "must be an object");
  return ok;
}

function checkVm(vm: JsonObject, report: Report, standalone: boolean): void {
  expectString(vm, "location", "", report);
  if (!expectObject(vm, "properties", report)) return;
  expectString(vm, "properties.hardwareProfile.vmSize", "", report);
  if (standalone) expectString(vm, "properties.vmId", "", report);
  else expectString(vm, "instanceId", "", report);
  if (expectObject(vm, "properties.storageProfile.osDisk", report)) {
    const osType = at(vm, "properties", "storageProfile", "osDisk", "osType");
    if (osType !== "Windows" && osType !== "Linux")
      report("properties.storageProfile.osDisk.osType", 'must be "Windows" or "Linux"');
    checkDiskReference(
      at(vm, "properties", "storageProfile", "osDisk"),
      "properties.storageProfile.osDisk",
      report,
    );
  }
  const dataDisks = at(vm, "properties", "storageProfile", "dataDisks");
  if (dataDisks !== undefined && !Array.isArray(dataDisks))
    report("properties.storageProfile.dataDisks", "must be an array");
  asArray(dataDisks).forEach((disk, index) => {
    const field = `properties.storageProfile.dataDisks[${index}]`;
    if (typeof at(disk, "lun") !== "number") report(`${field}.lun`, "must be a number");
    checkDiskReference(disk, field, report);
  });
  const instanceView = at(vm, "properties", "instanceView");
  if (instanceView !== undefined && !isObject(instanceView))
    report("properties.instanceView", "must be an object");
}

function checkDiskReference(disk: unknown, field: string, report: Report): void {
  const managed = typeof at(disk, "managedDisk", "id") === "string";
  const unmanaged = typeof at(disk, "vhd", "uri") === "string";
  const ephemeral = at(disk, "diffDiskSettings", "option") === "Local";
  if (!managed && !unmanaged && !ephemeral)
    report(field, "needs managedDisk.id (managed disk) or vhd.uri (unmanaged disk)");
}

function checkScaleSet(set: JsonObject, report: Report): void {
  expectString(set, "location", "", report);
  const mode = at(set, "properties", "orchestrationMode");
  if (mode !== "Uniform" && mode !== "Flexible")
    report("properties.orchestrationMode", 'must be "Uniform" or "Flexible"');
}

function checkDisk(disk: JsonObject, report: Report): void {
  expectString(disk, "location", "", report);
  expectString(disk, "sku.name", "", report);
  const maxShares = at(disk, "properties", "maxShares");
  if (maxShares !== undefined && typeof maxShares !== "number")
    report("properties.maxShares", "must be a number");
}

function checkCollection(collection: JsonObject, report: Report): void {
  expectString(collection, "location", "", report);
  expectString(collection, "properties.source.id", "", report);
  const points = at(collection, "properties", "restorePoints");
  if (points !== undefined && !Array.isArray(points)) report("properties.restorePoints", "must be an array");
  const prefix = `${String(collection.id ?? "").toLowerCase()}/restorepoints/`;
  for (const [index, point] of asArray(points).entries()) {
    checkPoint(point, `properties.restorePoints[${index}]`, prefix, report);
  }
}

function checkPoint(point: unknown, field: string, prefix: string, report: Report): void {
  if (!isObject(point)) {
    report(field, "must be an object");
    return;
  }
  expectString(point, "name", `${field}.name`, report);
  const id = point.id;
  if (typeof id !== "string" || !id.toLowerCase().startsWith(prefix))
    report(`${field}.id`, "must be the collection's id + /restorePoints/<name>");
  const created = at(point, "properties", "timeCreated");
  if (typeof created !== "string" || !Number.isFinite(Date.parse(created)))
    report(`${field}.properties.timeCreated`, "must be an ISO-8601 date");
  const mode = at(point, "properties", "consistencyMode");
  if (
    mode !== undefined &&
    mode !== "CrashConsistent" &&
    mode !== "ApplicationConsistent" &&
    mode !== "FileSystemConsistent"
  ) {
    report(
      `${field}.properties.consistencyMode`,
      "must be CrashConsistent, ApplicationConsistent or FileSystemConsistent",
    );
  }
}
