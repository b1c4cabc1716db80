/**
 * The scalar functions the simulator evaluates, and the names of real KQL functions it refuses by name (any
 * other name is the service's UnknownFunction). `count()` is the one aggregation, in `summarize` only.
 */
import { not } from "./compare.js";
import { type ScalarType, toText, type Value } from "./values.js";

export interface ScalarFunction {
  arity: number;
  returns: ScalarType;
  apply(args: readonly Value[]): Value;
}

const first = (args: readonly Value[]): Value => args[0] ?? null;
const isEmpty = (value: Value): boolean => value === null || value === "";

export const SCALAR_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  tostring: { arity: 1, returns: "string", apply: (args) => toText(first(args)) },
  tolower: { arity: 1, returns: "string", apply: (args) => toText(first(args)).toLowerCase() },
  toupper: { arity: 1, returns: "string", apply: (args) => toText(first(args)).toUpperCase() },
  not: {
    arity: 1,
    returns: "bool",
    apply: (args) => {
      const value = first(args);
      return not(typeof value === "boolean" ? value : null);
    },
  },
  isempty: { arity: 1, returns: "bool", apply: (args) => isEmpty(first(args)) },
  isnotempty: { arity: 1, returns: "bool", apply: (args) => !isEmpty(first(args)) },
  isnull: { arity: 1, returns: "bool", apply: (args) => first(args) === null },
  isnotnull: { arity: 1, returns: "bool", apply: (args) => first(args) !== null },
};

/** Aggregations of KQL other than count(). */
export const KQL_AGGREGATES: ReadonlySet<string> = new Set([
  "any",
  "arg_max",
  "arg_min",
  "avg",
  "avgif",
  "count_distinct",
  "countif",
  "dcount",
  "dcountif",
  "make_bag",
  "make_list",
  "make_list_if",
  "make_set",
  "make_set_if",
  "max",
  "maxif",
  "min",
  "minif",
  "percentile",
  "percentiles",
  "stdev",
  "sum",
  "sumif",
  "take_any",
  "variance",
]);

/** Scalar functions of KQL that the simulator does not evaluate. */
export const KQL_SCALAR_FUNCTIONS: ReadonlySet<string> = new Set([
  "abs",
  "ago",
  "array_concat",
  "array_index_of",
  "array_length",
  "array_slice",
  "bag_keys",
  "bag_merge",
  "bag_pack",
  "base64_decode_tostring",
  "base64_encode_tostring",
  "bin",
  "case",
  "coalesce",
  "column_ifexists",
  "countof",
  "datetime_diff",
  "extract",
  "extract_all",
  "floor",
  "format_datetime",
  "gettype",
  "hash",
  "iff",
  "iif",
  "indexof",
  "isnan",
  "now",
  "pack",
  "pack_array",
  "parse_json",
  "parse_path",
  "parse_url",
  "replace",
  "replace_regex",
  "replace_string",
  "reverse",
  "round",
  "set_has_element",
  "split",
  "startofday",
  "strcat",
  "strcat_delim",
  "strlen",
  "substring",
  "tobool",
  "todatetime",
  "todouble",
  "todynamic",
  "toint",
  "tolong",
  "toreal",
  "totimespan",
  "trim",
  "trim_end",
  "trim_start",
  "url_decode",
  "url_encode",
  "zip",
]);
