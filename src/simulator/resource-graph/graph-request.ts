/**
 * The QueryRequest body (the pinned SDK's mappers: `subscriptions`, `managementGroups`, `query`, `options`
 * with `$skipToken`, `$top` 1..1000, `$skip` >= 0, `resultFormat`, `allowPartialScopes`). The default format
 * is objectArray from 2021-03-01 on; the older versions' examples answer in table format.
 */
import { isAtLeast } from "../api-versions.js";
import { asArray, asObject, isObject } from "../json.js";

export type ResultFormat = "objectArray" | "table";

export interface GraphRequest {
  query: string;
  /** undefined: every subscription of the fleet. */
  subscriptions?: string[];
  skipToken?: string;
  top?: number;
  skip: number;
  format: ResultFormat;
}

export type RequestCheck = { ok: true; request: GraphRequest } | { ok: false; code: string; message: string };

/** The most rows a page holds, and the default page size (`$top` "maximum: 1000"). */
export const MAX_TOP = 1000;

export function readGraphRequest(body: unknown, apiVersion: string): RequestCheck {
  if (!isObject(body) || typeof body.query !== "string") {
    return refusal("InvalidRequestContent", "The request body must be a QueryRequest with a 'query' string."); // ours
  }
  const options = asObject(body.options) ?? {};
  const subscriptions = readSubscriptions(body.subscriptions);
  if (subscriptions === false)
    return refusal("InvalidRequestContent", "'subscriptions' must be an array of strings."); // ours
  const top = options.$top;
  if (top !== undefined && !(Number.isInteger(top) && (top as number) >= 1 && (top as number) <= MAX_TOP)) {
    return refusal("InvalidRequestParameter", `'$top' must be an integer from 1 to ${MAX_TOP}.`); // ours
  }
  const skip = options.$skip ?? 0;
  if (!Number.isInteger(skip) || (skip as number) < 0) {
    return refusal("InvalidRequestParameter", "'$skip' must be a non-negative integer."); // ours
  }
  const format = readFormat(options.resultFormat, apiVersion);
  if (!format) return refusal("InvalidRequestParameter", "'resultFormat' must be 'objectArray' or 'table'."); // ours
  const skipToken = typeof options.$skipToken === "string" ? options.$skipToken : undefined;
  return {
    ok: true,
    request: {
      query: body.query,
      subscriptions,
      skipToken,
      top: top as number | undefined,
      skip: skip as number,
      format,
    },
  };
}

/** ours: an empty list, like none, means every subscription; management groups scope the whole fleet. */
function readSubscriptions(value: unknown): string[] | undefined | false {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return false;
  const list = asArray(value) as string[];
  return list.length === 0 ? undefined : list;
}

function readFormat(value: unknown, apiVersion: string): ResultFormat | undefined {
  if (value === undefined || value === null)
    return isAtLeast(apiVersion, "2021-03-01") ? "objectArray" : "table";
  if (value === "objectArray" || value === "table") return value;
  return undefined;
}

function refusal(code: string, message: string): RequestCheck {
  return { ok: false, code, message };
}
