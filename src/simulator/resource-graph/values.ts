/**
 * Values as the evaluator sees them: KQL scalars (string, long, real, bool), `dynamic` JSON values, and null for
 * a missing dynamic value. A string column is never null: a resource without `kind` has kind "" in Resource
 * Graph, and `tostring()` of null is "".
 */
import { isObject, type JsonObject } from "../json.js";

export type Value = string | number | boolean | null | JsonObject | unknown[];

export type ScalarType = "string" | "long" | "real" | "bool" | "dynamic";

export interface Column {
  name: string;
  type: ScalarType;
}

/** The column types of the `table` result format (the SDK's ColumnDataType). */
export const TABLE_COLUMN_TYPE: Readonly<Record<ScalarType, string>> = {
  string: "string",
  long: "integer",
  real: "number",
  bool: "boolean",
  dynamic: "object",
};

/** A JSON value read from a resource: undefined (a missing property) becomes null. */
export function fromJson(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value) || isObject(value)) return value;
  return null;
}

/** KQL's tostring(): null is "", a dynamic object or array is its JSON text. */
export function toText(value: Value): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const TYPE_RANK: Readonly<Record<string, number>> = { boolean: 0, number: 1, string: 2, object: 3 };

/** A total order of non-null values: numbers by value, strings ordinally (as Kusto sorts), then by type. */
export function compareValues(a: Exclude<Value, null>, b: Exclude<Value, null>): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return ordinal(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const rank = (TYPE_RANK[typeof a] ?? 3) - (TYPE_RANK[typeof b] ?? 3);
  return rank !== 0 ? rank : ordinal(JSON.stringify(a), JSON.stringify(b)); // ours: mixed types
}

export function ordinal(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
