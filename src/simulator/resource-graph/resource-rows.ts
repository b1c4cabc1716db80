/**
 * A stored resource as a row of Resource Graph's tables. The columns and their forms follow the service:
 * `type`, `location` and `resourceGroup` lower-case, `kind` and `managedBy` "" when absent, the rest as ARM
 * returns them. A VM's `properties` has no `instanceView`; its state is in `properties.extended.instanceView`
 * (the docs' "extended properties": powerState {code, displayStatus}, and for VMs the guest's names).
 */
import { asArray, asObject, type JsonObject, stringAt } from "../json.js";
import { normalizeLocation } from "../locations.js";
import { parseResourceId } from "../resource-id.js";
import { SCALE_SET_VM, VIRTUAL_MACHINE } from "../resource-types.js";
import type { Row } from "./row.js";
import { type Column, fromJson, type Value } from "./values.js";

/** The columns of the Resources and ComputeResources tables, in the service's order. */
export const TABLE_COLUMNS: readonly Column[] = [
  { name: "id", type: "string" },
  { name: "name", type: "string" },
  { name: "type", type: "string" },
  { name: "tenantId", type: "string" },
  { name: "kind", type: "string" },
  { name: "location", type: "string" },
  { name: "resourceGroup", type: "string" },
  { name: "subscriptionId", type: "string" },
  { name: "managedBy", type: "string" },
  { name: "sku", type: "dynamic" },
  { name: "plan", type: "dynamic" },
  { name: "properties", type: "dynamic" },
  { name: "tags", type: "dynamic" },
  { name: "identity", type: "dynamic" },
  { name: "zones", type: "dynamic" },
  { name: "extendedLocation", type: "dynamic" },
];

const VM_TYPE = VIRTUAL_MACHINE.toLowerCase();
const UNIFORM_INSTANCE_TYPE = SCALE_SET_VM.toLowerCase();
/** The guest facts Resource Graph copies from a VM's instance view, besides the power state. */
const VM_GUEST_FIELDS = ["computerName", "osName", "osVersion", "hyperVGeneration"];

/**
 * Shares the stored objects (nothing here writes to them); the response copies the rows it serves. The
 * properties view is built on first use: most filters never look at it.
 */
export class ResourceRow implements Row {
  private properties: JsonObject | undefined;

  constructor(
    readonly key: string,
    private readonly resource: JsonObject,
    private readonly tenantId: string,
  ) {}

  get(column: string): Value {
    const { resource } = this;
    switch (column) {
      case "id":
      case "name":
      case "kind":
      case "managedBy":
        return stringAt(resource, column) ?? "";
      case "type":
        return (stringAt(resource, "type") ?? "").toLowerCase();
      case "tenantId":
        return this.tenantId;
      case "location":
        return normalizeLocation(stringAt(resource, "location") ?? "");
      case "resourceGroup":
        return (parseResourceId(stringAt(resource, "id") ?? "")?.resourceGroup ?? "").toLowerCase();
      case "subscriptionId":
        return parseResourceId(stringAt(resource, "id") ?? "")?.subscriptionId ?? "";
      case "properties":
        this.properties ??= propertiesView(resource);
        return this.properties;
      case "tags":
        // ours: no tags reads as {} (the service's examples show `{}` for a resource without tags).
        return fromJson(resource.tags ?? {});
      default:
        return fromJson(resource[column]);
    }
  }
}

function propertiesView(resource: JsonObject): JsonObject {
  const { instanceView, ...rest } = asObject(resource.properties) ?? {};
  const type = (stringAt(resource, "type") ?? "").toLowerCase();
  if (type !== VM_TYPE && type !== UNIFORM_INSTANCE_TYPE) return rest;
  const view = asObject(instanceView);
  const extended: JsonObject = {};
  // "This table contains the model view and powerState in the instance view" (ComputeResources, Uniform).
  if (type === VM_TYPE) {
    for (const field of VM_GUEST_FIELDS) if (view?.[field] !== undefined) extended[field] = view[field];
  }
  const powerState = powerStateOf(view);
  if (powerState) extended.powerState = powerState;
  return { ...rest, extended: { instanceView: extended } };
}

/** A VM without an instance view in the fleet runs (the simulator's rule, vm-status.ts). */
function powerStateOf(view: JsonObject | undefined): JsonObject | undefined {
  if (!view) return { code: "PowerState/running", displayStatus: "VM running" };
  const status = asArray(view.statuses).find((item) => stringAt(item, "code")?.startsWith("PowerState/"));
  if (!status) return undefined;
  return { code: stringAt(status, "code"), displayStatus: stringAt(status, "displayStatus") ?? "" };
}

/** Whether a stored type belongs to ComputeResources (Uniform scale-set instances) rather than Resources. */
export function isComputeResourcesType(type: string): boolean {
  return type.toLowerCase().startsWith(UNIFORM_INSTANCE_TYPE);
}
