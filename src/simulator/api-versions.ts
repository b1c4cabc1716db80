/**
 * The api-versions each route family answers, as ARM checks them before a resource provider sees the request.
 * The lists are real versions of each provider (azure-rest-api-specs), including every version the pinned
 * @azure/arm-compute sends (compute 2026-03-01, disks 2025-01-02, resource SKUs 2021-07-01) and the one the bot
 * lists subscriptions with (2022-12-01). Older compute versions stay so that the restore point API's own
 * minimum versions (rules/api-minimum.ts) can be reached. The two errors use ARM's wording as commonly seen;
 * the reference (section 8) does not cover them.
 */
import { invalidApiVersion, noRegisteredProvider } from "./http/errors.js";
import type { SimResponse } from "./http/types.js";
import { displayName, knownLocations } from "./locations.js";

export type ApiFamily = "compute" | "disks" | "subscriptions" | "resourcegraph";

export const API_VERSIONS: Readonly<Record<ApiFamily, readonly string[]>> = {
  compute: [
    "2015-06-15",
    "2016-03-30",
    "2017-03-30",
    "2017-12-01",
    "2018-04-01",
    "2018-06-01",
    "2018-10-01",
    "2019-03-01",
    "2019-07-01",
    "2019-12-01",
    "2020-06-01",
    "2020-12-01",
    "2021-03-01",
    "2021-04-01",
    "2021-07-01",
    "2021-11-01",
    "2022-03-01",
    "2022-08-01",
    "2022-11-01",
    "2023-03-01",
    "2023-07-01",
    "2023-09-01",
    "2024-03-01",
    "2024-07-01",
    "2024-11-01",
    "2025-04-01",
    "2025-11-01",
    "2026-03-01",
    "2026-04-01",
  ],
  disks: [
    "2017-03-30",
    "2018-06-01",
    "2019-07-01",
    "2020-06-30",
    "2020-12-01",
    "2021-04-01",
    "2021-08-01",
    "2021-12-01",
    "2022-03-02",
    "2022-07-02",
    "2023-01-02",
    "2023-04-02",
    "2023-10-02",
    "2024-03-02",
    "2025-01-02",
    "2026-03-02",
  ],
  subscriptions: [
    "2016-06-01",
    "2018-06-01",
    "2019-06-01",
    "2019-11-01",
    "2020-01-01",
    "2021-01-01",
    "2022-12-01",
  ],
  // Microsoft.ResourceGraph's versions with the resources query (azure-rest-api-specs); the pinned
  // @azure/arm-resourcegraph sends 2021-06-01-preview.
  resourcegraph: [
    "2018-09-01-preview",
    "2019-04-01",
    "2020-04-01-preview",
    "2021-03-01",
    "2021-06-01-preview",
    "2022-10-01",
    "2023-09-01-preview",
    "2024-04-01",
  ],
};

/** The family and the ARM type name (as NoRegisteredProviderFound names it) of a route, by its name. */
interface RouteType {
  family: ApiFamily;
  type: string;
}

const ROUTE_TYPES: Readonly<Record<string, RouteType>> = {
  subscriptions: { family: "subscriptions", type: "subscriptions" },
  virtualMachines: { family: "compute", type: "virtualMachines" },
  virtualMachineScaleSets: { family: "compute", type: "virtualMachineScaleSets" },
  virtualMachineScaleSetVMs: { family: "compute", type: "virtualMachineScaleSets/virtualMachines" },
  availabilitySets: { family: "compute", type: "availabilitySets" },
  disks: { family: "disks", type: "disks" },
  restorePointCollections: { family: "compute", type: "restorePointCollections" },
  restorePoints: { family: "compute", type: "restorePointCollections/restorePoints" },
  operations: { family: "compute", type: "locations/operations" },
  resourceGraph: { family: "resourcegraph", type: "resources" },
};

const WELL_FORMED = /^\d{4}-\d{2}-\d{2}(-preview)?$/i;

export interface VersionCheck {
  routeName: string;
  apiVersion: string;
  /** The location the request names (path or body); ARM says 'global' without one. */
  location?: string;
}

/** undefined when the version is served; otherwise ARM's 400. */
export function apiVersionRefusal(check: VersionCheck): SimResponse | undefined {
  const routeType = ROUTE_TYPES[check.routeName.split(".")[0] ?? ""];
  if (!routeType) return undefined;
  const supported = API_VERSIONS[routeType.family];
  if (supported.includes(check.apiVersion.toLowerCase())) return undefined;
  const newestFirst = [...supported].reverse();
  // ours: ARM's own types (Microsoft.Resources) have no provider registration to miss, so any unknown version
  // is InvalidApiVersionParameter there (what ARM is commonly seen to answer; the reference does not cover it).
  if (!WELL_FORMED.test(check.apiVersion) || routeType.family === "subscriptions") {
    return invalidApiVersion(check.apiVersion, newestFirst);
  }
  return noRegisteredProvider({
    apiVersion: check.apiVersion,
    location: check.location ?? "global",
    type: routeType.type,
    supportedVersions: supported,
    supportedLocations: knownLocations().map(displayName),
  });
}

/** Compares two well-formed versions by date; a preview counts as its date. */
export function isAtLeast(version: string, minimum: string): boolean {
  return version.slice(0, 10) >= minimum.slice(0, 10);
}
