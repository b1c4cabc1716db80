/**
 * What the service knows about a VM's guest: power state and VM agent, from the inline instance view.
 * A VM without an instance view in the fleet is taken as running with a Ready agent (the simple fleet case).
 */
import { asArray, type JsonObject, objectAt, stringAt } from "./json.js";

export type OsType = "Windows" | "Linux";

export function osTypeOf(vm: JsonObject): OsType {
  const osType = stringAt(vm, "properties", "storageProfile", "osDisk", "osType");
  return osType?.toLowerCase() === "linux" ? "Linux" : "Windows";
}

export function isRunning(vm: JsonObject): boolean {
  const instanceView = objectAt(vm, "properties", "instanceView");
  if (!instanceView) return true;
  return statusCodes(instanceView.statuses).some((code) => code === "powerstate/running");
}

export function isAgentReady(vm: JsonObject): boolean {
  const osProfile = objectAt(vm, "properties", "osProfile");
  const provision =
    objectAt(osProfile, "windowsConfiguration")?.provisionVMAgent ??
    objectAt(osProfile, "linuxConfiguration")?.provisionVMAgent;
  if (provision === false) return false;
  const instanceView = objectAt(vm, "properties", "instanceView");
  if (!instanceView) return true;
  const first = asArray(objectAt(instanceView, "vmAgent")?.statuses)[0];
  return stringAt(first, "displayStatus")?.toLowerCase() === "ready";
}

function statusCodes(statuses: unknown): string[] {
  return asArray(statuses).flatMap((status) => stringAt(status, "code")?.toLowerCase() ?? []);
}
