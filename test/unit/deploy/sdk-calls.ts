/**
 * The Azure calls in the bot's code, found in its sources, and the RBAC action each needs. The scan finds
 * `<client>.<operationGroup>.<method>` of @azure/arm-compute (groups and methods read from a real client, so a
 * chained `.compute(id)\n.disks.get(` counts and `facts.disks.filter(` does not), Resource Graph queries, the
 * resumption of a restore point poller, and raw ARM requests (`${endpoint}/path?api-version=`). A call that
 * ACTIONS_OF_CALL does not know is reported as unknown: a new SDK call makes the custom role be revisited.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ComputeManagementClient } from "@azure/arm-compute";
import { ResourceGraphClient } from "@azure/arm-resourcegraph";
import type { TokenCredential } from "@azure/core-auth";

export interface SourceFile {
  file: string;
  text: string;
}

export interface Call {
  file: string;
  line: number;
  /** "restorePoints.create", "resourceGraph.resources", "restorePoller", "GET /subscriptions/{}" */
  call: string;
}

const READ_VM = "Microsoft.Compute/virtualMachines/read";
const READ_SCALE_SET = "Microsoft.Compute/virtualMachineScaleSets/read";
const READ_AVAILABILITY_SET = "Microsoft.Compute/availabilitySets/read";
const READ_INSTANCE = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/read";
const READ_DISK = "Microsoft.Compute/disks/read";
const READ_COLLECTION = "Microsoft.Compute/restorePointCollections/read";
const WRITE_COLLECTION = "Microsoft.Compute/restorePointCollections/write";
const READ_POINT = "Microsoft.Compute/restorePointCollections/restorePoints/read";
const WRITE_POINT = "Microsoft.Compute/restorePointCollections/restorePoints/write";
const DELETE_COLLECTION = "Microsoft.Compute/restorePointCollections/delete";
const DELETE_POINT = "Microsoft.Compute/restorePointCollections/restorePoints/delete";
/** The Azure-AsyncOperation URL of a Compute operation: /subscriptions/{s}/providers/Microsoft.Compute/locations/{l}/operations/{id}. */
export const POLL_OPERATION = "Microsoft.Compute/locations/operations/read";
const READ_SUBSCRIPTION = "Microsoft.Resources/subscriptions/read";

/** Every call the bot may make, and what Azure RBAC must allow for it. */
export const ACTIONS_OF_CALL: Readonly<Record<string, readonly string[]>> = {
  "virtualMachines.get": [READ_VM],
  "virtualMachines.list": [READ_VM],
  "virtualMachines.listAll": [READ_VM],
  "availabilitySets.listBySubscription": [READ_AVAILABILITY_SET],
  "virtualMachineScaleSets.list": [READ_SCALE_SET],
  "virtualMachineScaleSets.listAll": [READ_SCALE_SET],
  "virtualMachineScaleSetVMs.get": [READ_INSTANCE],
  "virtualMachineScaleSetVMs.list": [READ_INSTANCE],
  "disks.get": [READ_DISK],
  "disks.list": [READ_DISK],
  "disks.listByResourceGroup": [READ_DISK],
  "restorePointCollections.get": [READ_COLLECTION],
  "restorePointCollections.list": [READ_COLLECTION],
  "restorePointCollections.listAll": [READ_COLLECTION],
  "restorePointCollections.createOrUpdate": [WRITE_COLLECTION],
  "restorePoints.get": [READ_POINT],
  // A long-running PUT: the SDK polls the operation's Azure-AsyncOperation URL until it ends.
  "restorePoints.create": [WRITE_POINT, POLL_OPERATION],
  // Long-running DELETEs: polled the same way, with no final GET.
  "restorePoints.delete": [DELETE_POINT, POLL_OPERATION],
  "restorePointCollections.delete": [DELETE_COLLECTION, POLL_OPERATION],
  // Another process resumes a serialized poller (a create's or a delete's): the operation URL again, then (after a
  // create) the restore point.
  restorePoller: [POLL_OPERATION, READ_POINT],
  "resourceGraph.resources": ["Microsoft.ResourceGraph/resources/read"],
  "GET /subscriptions": [READ_SUBSCRIPTION],
  "GET /subscriptions/{}": [READ_SUBSCRIPTION],
};

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The bot's sources: src/ without src/simulator, which serves ARM and calls nothing of Azure (and, by the
 * dependency-cruiser rule simulator-is-independent, cannot reach the code that does).
 */
export function botSources(): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return path.endsWith(join("src", "simulator")) ? [] : walk(path);
      return entry.name.endsWith(".ts") ? [path] : [];
    });
  return walk(join(ROOT, "src")).map((path) => ({
    file: relative(ROOT, path),
    text: readFileSync(path, "utf8"),
  }));
}

const NO_CREDENTIAL: TokenCredential = { getToken: async () => null };

/** @azure/arm-compute's operation groups and their methods, as a client built offline exposes them. */
export function computeOperations(): Map<string, Set<string>> {
  const client = new ComputeManagementClient(NO_CREDENTIAL, "00000000-0000-0000-0000-000000000000");
  const groups = new Map<string, Set<string>>();
  for (const [name, value] of Object.entries(client)) {
    if (name.startsWith("_") || !value || typeof value !== "object") continue;
    const methods = Object.entries(value).filter(([, member]) => typeof member === "function");
    if (methods.length > 0) groups.set(name, new Set(methods.map(([method]) => method)));
  }
  return groups;
}

/** ResourceGraphClient's own query methods (`resources`, `resourcesHistory`). */
export function graphMethods(): Set<string> {
  const prototype = Object.getPrototypeOf(new ResourceGraphClient(NO_CREDENTIAL)) as object;
  const names = Object.getOwnPropertyNames(prototype).filter(
    (name) => name !== "constructor" && name !== "addCustomApiVersionPolicy",
  );
  return new Set(names);
}

/** Comments out of the way: a call named in a comment is not a call. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "))
    .replace(/\/\/[^\n]*/g, "");
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

export function findComputeCalls(sources: SourceFile[], operations = computeOperations()): Call[] {
  // Overlapping matches: in a.b.c.d each `.x` is tried with the name after it.
  const pattern = /\.\s*([A-Za-z]\w*)(?=\s*\.\s*([A-Za-z_$][\w$]*))/g;
  return sources.flatMap(({ file, text }) => {
    const code = withoutComments(text);
    return [...code.matchAll(pattern)].flatMap((match) => {
      const [, group = "", method = ""] = match;
      if (!operations.get(group)?.has(method)) return [];
      return [{ file, line: lineAt(code, match.index), call: `${group}.${method}` }];
    });
  });
}

export function findGraphCalls(sources: SourceFile[], methods = graphMethods()): Call[] {
  return sources.flatMap(({ file, text }) => {
    const code = withoutComments(text);
    return [...code.matchAll(/\.\s*([A-Za-z]\w*)\s*\(/g)].flatMap((match) =>
      methods.has(match[1] ?? "")
        ? [{ file, line: lineAt(code, match.index), call: `resourceGraph.${match[1]}` }]
        : [],
    );
  });
}

export function findPollerResumes(sources: SourceFile[]): Call[] {
  return sources.flatMap(({ file, text }) => {
    const code = withoutComments(text);
    return [...code.matchAll(/\brestorePoller\s*\(/g)].map((match) => ({
      file,
      line: lineAt(code, match.index),
      call: "restorePoller",
    }));
  });
}

/**
 * Requests sent without an SDK operation: in every file that builds a pipeline request, each URL written
 * as `${endpoint}/path?api-version=` (placeholders become `{}`). A file that sends one with another method
 * than GET, or builds a request from no such URL, is reported with the call "raw request", which no table
 * entry knows.
 */
export function findRawRequests(sources: SourceFile[]): Call[] {
  return sources.flatMap(({ file, text }) => {
    const code = withoutComments(text);
    if (!/\bcreatePipelineRequest\s*\(/.test(code)) return [];
    const urls = [...code.matchAll(/`\$\{[^}]+\}(\/[^`?]*)\?api-version=/g)];
    const methods = [...code.matchAll(/\bmethod:\s*"(\w+)"/g)].map((match) => match[1]);
    if (urls.length === 0 || methods.some((method) => method !== "GET")) {
      return [{ file, line: 1, call: "raw request" }];
    }
    return urls.map((match) => ({
      file,
      line: lineAt(code, match.index),
      call: `GET ${(match[1] ?? "").replace(/\$\{[^}]+\}/g, "{}")}`,
    }));
  });
}

export function allCalls(sources: SourceFile[]): Call[] {
  return [
    ...findComputeCalls(sources),
    ...findGraphCalls(sources),
    ...findPollerResumes(sources),
    ...findRawRequests(sources),
  ];
}

/** The actions the calls need, and the calls ACTIONS_OF_CALL does not know. */
export function actionsOf(calls: Call[]): { actions: string[]; unknown: Call[] } {
  const actions = new Set<string>();
  const unknown: Call[] = [];
  for (const call of calls) {
    const needed = ACTIONS_OF_CALL[call.call];
    if (needed) for (const action of needed) actions.add(action);
    else unknown.push(call);
  }
  return { actions: [...actions].sort(), unknown };
}

const COMPUTE_API = join(ROOT, "node_modules/@azure/arm-compute/dist/esm/api");

/**
 * The HTTP request behind `<group>.<method>` in @azure/arm-compute's own code: the classic method's api
 * function, its `_<name>Send` URL template and verb, and whether it returns a long-running poller.
 */
export function sdkRequestOf(
  group: string,
  method: string,
): { method: string; path: string; longRunning: boolean } {
  const classic = readFileSync(join(COMPUTE_API, `../classic/${group}/index.js`), "utf8");
  const apiName = new RegExp(`\\b${method}: \\([^)]*\\) => (\\$?\\w+)\\(context`).exec(classic)?.[1];
  if (!apiName) throw new Error(`${group}.${method}: no api function in the SDK`);
  const api = readFileSync(join(COMPUTE_API, `${group}/operations.js`), "utf8");
  const section = (name: string) => {
    const at =
      new RegExp(`^export (async )?function ${name.replace("$", "\\$")}\\(`, "m").exec(api)?.index ?? -1;
    if (at < 0) throw new Error(`${group}.${method}: no function ${name} in the SDK`);
    const end = api.indexOf("\nexport ", at + 1);
    return api.slice(at, end < 0 ? undefined : end);
  };
  const send = section(`_${apiName}Send`);
  const path = /expandUrlTemplate\("([^"]+)"/.exec(send)?.[1];
  const verb = /\.path\(path\)\.(get|put|post|patch|delete|head)\(/.exec(send)?.[1];
  if (!path || !verb) throw new Error(`${group}.${method}: no URL or verb in the SDK`);
  const longRunning = section(apiName).includes("getLongRunningPoller");
  return { method: verb.toUpperCase(), path, longRunning };
}
