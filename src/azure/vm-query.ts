/** Parses what a person typed as a VM: a name, `resourceGroup/name`, or a full resource id. */
import { parseResourceId } from "./resource-id.js";

export type VmQuery =
  | { kind: "id"; id: string }
  | { kind: "group-and-name"; resourceGroup: string; name: string }
  | { kind: "name"; name: string }
  | { kind: "invalid"; reason: string };

/** ARM resource ids stay well under this; anything longer is not a VM reference. */
const MAX_QUERY_LENGTH = 400;
/** ARM VM names: at most 64 characters; resource groups at most 90. */
const MAX_NAME_LENGTH = 64;
const MAX_GROUP_LENGTH = 90;

export function parseVmQuery(raw: string): VmQuery {
  const text = stripQuotes(raw.trim());
  if (text.length === 0) return { kind: "invalid", reason: "No VM name was given." };
  if (text.length > MAX_QUERY_LENGTH) {
    return { kind: "invalid", reason: `That is ${text.length} characters long; a VM name has at most 64.` };
  }
  if (text.toLowerCase().startsWith("/subscriptions/")) return parseId(text);
  const parts = text.split("/");
  if (parts.length === 2) {
    const [resourceGroup = "", name = ""] = parts;
    if (!resourceGroup || !name)
      return { kind: "invalid", reason: "Use resourceGroup/name, e.g. rg-prod/vm-web-01." };
    if (resourceGroup.length > MAX_GROUP_LENGTH || name.length > MAX_NAME_LENGTH) {
      return { kind: "invalid", reason: "Resource group names have at most 90 characters and VM names 64." };
    }
    return { kind: "group-and-name", resourceGroup, name };
  }
  if (parts.length > 2) {
    return {
      kind: "invalid",
      reason: "Give a VM name, resourceGroup/name, or a full resource id (/subscriptions/...).",
    };
  }
  if (text.length > MAX_NAME_LENGTH) {
    return { kind: "invalid", reason: `That is ${text.length} characters long; a VM name has at most 64.` };
  }
  return { kind: "name", name: text };
}

function parseId(text: string): VmQuery {
  const parsed = parseResourceId(text);
  const types = parsed?.segments.map(([type]) => type.toLowerCase()).join("/");
  const isVm = types === "virtualmachines" || types === "virtualmachinescalesets/virtualmachines";
  if (parsed?.provider.toLowerCase() !== "microsoft.compute" || !isVm) {
    return {
      kind: "invalid",
      reason:
        "That resource id is not a VM (expected .../providers/Microsoft.Compute/virtualMachines/<name>).",
    };
  }
  return { kind: "id", id: text };
}

function stripQuotes(text: string): string {
  const match = /^(["'`“‘])(.*)(["'`”’])$/su.exec(text);
  return match?.[2] !== undefined ? match[2].trim() : text;
}

/** Shortens what a person typed so it can be quoted back safely in one line. */
export function quoteInput(raw: string): string {
  const oneLine = raw.replace(/\s+/g, " ").trim();
  return oneLine.length > 60 ? `"${oneLine.slice(0, 57)}..."` : `"${oneLine}"`;
}
