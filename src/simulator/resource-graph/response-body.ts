/**
 * The QueryResponse body, in the order the service writes it: totalRecords (rows of the whole result), count
 * (rows of this page), data (objectArray: one object per row; table: columns and rows), facets,
 * resultTruncated, and $skipToken when another page can be asked for. resultTruncated is "true" only when rows
 * are left out and no $skipToken can be given ("When resultTruncated is true, the $skipToken property isn't
 * set", the pagination guidance); a paged answer says "false", as the service's next-page example does.
 */
import { clone, type JsonObject } from "../json.js";
import type { ResultSet } from "./executor.js";
import type { ResultFormat } from "./graph-request.js";
import type { Page } from "./result-paging.js";
import { TABLE_COLUMN_TYPE, type Value } from "./values.js";

export function queryResponse(
  result: ResultSet,
  page: Page,
  format: ResultFormat,
  skipToken?: string,
): JsonObject {
  const body: JsonObject = {
    totalRecords: result.entries.length,
    count: page.entries.length,
    data: format === "table" ? tableData(result, page) : objectData(result, page),
    // ours: facet requests are accepted but not computed.
    facets: [],
    resultTruncated: page.more && skipToken === undefined ? "true" : "false",
  };
  if (skipToken !== undefined) body.$skipToken = skipToken;
  return body;
}

/** Copies: a response never shares objects with the store. */
function cell(value: Value): Value {
  return typeof value === "object" && value !== null ? clone(value) : value;
}

function objectData(result: ResultSet, page: Page): JsonObject[] {
  return page.entries.map(({ row }) => {
    const object: JsonObject = {};
    for (const column of result.columns) object[column.name] = cell(row.get(column.name));
    return object;
  });
}

function tableData(result: ResultSet, page: Page): JsonObject {
  return {
    columns: result.columns.map((column) => ({ name: column.name, type: TABLE_COLUMN_TYPE[column.type] })),
    rows: page.entries.map(({ row }) => result.columns.map((column) => cell(row.get(column.name)))),
  };
}
