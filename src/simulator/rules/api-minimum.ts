/**
 * The restore point API's own minimum api-versions (the seed's table, reference section 3): 2021-03-01 for an
 * application-consistent point (a request without consistencyMode), 2021-07-01 for a crash-consistent one.
 * The code and wording are the troubleshooting doc's (which quotes 2022-03-01), with the seed's version filled in.
 */
import { isAtLeast } from "../api-versions.js";
import { cloudError } from "../http/errors.js";
import type { SimResponse } from "../http/types.js";
import type { ConsistencyMode } from "./request.js";

export const MINIMUM_APPLICATION_API_VERSION = "2021-03-01";
export const MINIMUM_CRASH_API_VERSION = "2021-07-01";

export function oldApiVersionRefusal(
  mode: ConsistencyMode | undefined,
  apiVersion: string,
): SimResponse | undefined {
  const minimum = mode === "CrashConsistent" ? MINIMUM_CRASH_API_VERSION : MINIMUM_APPLICATION_API_VERSION;
  if (isAtLeast(apiVersion, minimum)) return undefined;
  return cloudError(400, "BadRequest", `This request can be made with api-version '${minimum}' or newer.`);
}
