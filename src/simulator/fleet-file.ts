/** Loads and validates a fleet file (docs/fleet-file.md): every problem names the file, the resource and the field. */
import { readFileSync } from "node:fs";
import { type FleetSettings, settingsProblems } from "./fleet-settings.js";
import { checkShape } from "./fleet-shapes.js";
import { isObject, type JsonObject } from "./json.js";
import { parseResourceId, resourceKey, typeOfId } from "./resource-id.js";
import { isType, SCALE_SET_VM } from "./resource-types.js";

/** `{ resources: [...ARM resource objects...], simulator?: { ...service knobs... } }`. */
export interface Fleet {
  resources: unknown[];
  simulator?: FleetSettings;
}

export class FleetFileError extends Error {
  readonly code = "bad-fleet-file";

  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = "FleetFileError";
  }
}

const MAX_PROBLEMS_SHOWN = 20;

export function loadFleetFile(path: string): Fleet {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new FleetFileError(
      `${path}: cannot read the fleet file (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FleetFileError(
      `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return validateFleet(value, path);
}

/** Returns the fleet when it is usable; otherwise throws one FleetFileError listing the problems. */
export function validateFleet(value: unknown, source = "fleet"): Fleet {
  if (!isObject(value) || !Array.isArray(value.resources)) {
    throw new FleetFileError(
      `${source}: the fleet must be an object { "resources": [ ... ] } with "resources" an array`,
    );
  }
  const problems = settingsProblems(value.simulator).map((problem) => `${source}: ${problem}`);
  const seen = new Map<string, number>();
  value.resources.forEach((resource, index) => {
    const where = `${source}: resources[${index}]`;
    if (!isObject(resource)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    const label = typeof resource.name === "string" ? `${where} (${resource.name})` : where;
    const report = (field: string, message: string) => problems.push(`${label}: field "${field}" ${message}`);
    checkIdentity(resource, report, seen, index);
    checkShape(resource, report);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    const more = problems.length > shown.length ? `\n(and ${problems.length - shown.length} more)` : "";
    throw new FleetFileError(`invalid fleet file:\n${shown.join("\n")}${more}`, problems);
  }
  const settings = value.simulator as FleetSettings | undefined;
  return settings === undefined
    ? { resources: value.resources }
    : { resources: value.resources, simulator: settings };
}

function checkIdentity(
  resource: JsonObject,
  report: (field: string, message: string) => void,
  seen: Map<string, number>,
  index: number,
): void {
  const { id, type, name } = resource;
  if (typeof name !== "string") report("name", "must be a string");
  if (typeof type !== "string") report("type", "must be a string");
  if (typeof id !== "string") {
    report("id", "must be a string");
    return;
  }
  const parsed = parseResourceId(id);
  if (!parsed) {
    report(
      "id",
      `"${id}" is not an ARM resource id (/subscriptions/{id}/resourceGroups/{group}/providers/...)`,
    );
    return;
  }
  const idType = typeOfId(parsed);
  if (typeof type === "string" && idType && !isType(type, idType))
    report("type", `"${type}" does not match the id's type "${idType}"`);
  if (
    typeof type === "string" &&
    type.toLowerCase().startsWith("microsoft.compute/") &&
    !parsed.resourceGroup
  ) {
    report("id", "must name a resource group");
  }
  const last = parsed.names.at(-1);
  const instanceName = typeof type === "string" && isType(type, SCALE_SET_VM); // named {scaleSet}_{instanceId}
  if (typeof name === "string" && last && !instanceName && name.toLowerCase() !== last.toLowerCase()) {
    report("name", `"${name}" does not match the last segment of the id ("${last}")`);
  }
  const key = resourceKey(id);
  const previous = seen.get(key);
  if (previous !== undefined) report("id", `duplicates the id of resources[${previous}]`);
  else seen.set(key, index);
}
