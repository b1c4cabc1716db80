/**
 * Azure Resource Graph: one KQL query across many subscriptions, with a quota of its own (reference 15.4), which
 * is how the portal lists a fleet. The graph can lag ARM by a short while and can be refused (no access,
 * throttled past a retry, switched off): every caller has an ARM listing to fall back on, so a refusal is a
 * value here, never an exception.
 */
import type { QueryRequest, QueryResponse } from "@azure/arm-resourcegraph";
import { type ArmError, toArmError } from "./arm-error.js";

/** What the bot needs of ResourceGraphClient; tests and the fallback path need nothing more. */
export interface GraphClient {
  resources(query: QueryRequest): Promise<QueryResponse>;
}

export type GraphRow = Record<string, unknown>;

/** Subscriptions to query, or "all" that the identity can see (the request then names none). */
export type GraphScope = readonly string[] | "all";

export type GraphAnswer<T = GraphRow> =
  | { ok: true; rows: T[]; queries: number }
  | { ok: false; refusal: ArmError };

/** The service takes at most 1,000 rows per page and advises fewer than 300 subscriptions per query. */
const PAGE_ROWS = 1000;
const SUBSCRIPTIONS_PER_QUERY = 250;

/** Paced by the client's pipeline (graph-quota.ts, installed by createGraphClient). */
export class ResourceGraph {
  constructor(private readonly client: GraphClient) {}

  /**
   * Every row of the query over the subscriptions, page after page; a refusal stops at once. `convert` turns
   * each page's rows into the caller's values as the page arrives (a row it cannot read is left out), so a
   * listing of 10,000 rows is never converted in one go while checks wait for the event loop.
   */
  async query<T = GraphRow>(
    kql: string,
    scope: GraphScope,
    convert: (row: GraphRow) => T | undefined = (row) => row as T,
  ): Promise<GraphAnswer<T>> {
    const rows: T[] = [];
    let queries = 0;
    const scopes = scope === "all" ? [undefined] : batches(scope, SUBSCRIPTIONS_PER_QUERY);
    for (const batch of scopes) {
      let skipToken: string | undefined;
      do {
        const page = await this.page(kql, batch, skipToken);
        if (!page.ok) return page;
        queries += 1;
        for (const row of page.rows) {
          const converted = convert(row);
          if (converted !== undefined) rows.push(converted);
        }
        skipToken = page.skipToken;
      } while (skipToken);
    }
    return { ok: true, rows, queries };
  }

  private async page(
    kql: string,
    subscriptions: string[] | undefined,
    skipToken: string | undefined,
  ): Promise<{ ok: true; rows: GraphRow[]; skipToken?: string } | { ok: false; refusal: ArmError }> {
    try {
      const response = await this.client.resources({
        query: kql,
        ...(subscriptions ? { subscriptions } : {}),
        options: { resultFormat: "objectArray", top: PAGE_ROWS, ...(skipToken ? { skipToken } : {}) },
      });
      return { ok: true, rows: rowsOf(response), skipToken: response.skipToken || undefined };
    } catch (error) {
      return { ok: false, refusal: toArmError(error, "querying Azure Resource Graph") };
    }
  }
}

/**
 * The rows of an objectArray answer. The SDK's mapper types `data` as an object, so an array arrives keyed
 * "0", "1", ... (in order); a table answer ({ columns, rows }) is turned into rows as well.
 */
export function rowsOf(response: QueryResponse): GraphRow[] {
  const data: unknown = response.data;
  if (typeof data !== "object" || data === null) return [];
  const table = data as { columns?: unknown; rows?: unknown };
  if (Array.isArray(table.columns) && Array.isArray(table.rows)) return tableRows(table.columns, table.rows);
  const rows: unknown[] = Array.isArray(data) ? data : Object.values(data);
  return rows.filter((row): row is GraphRow => typeof row === "object" && row !== null);
}

function tableRows(columns: unknown[], rows: unknown[]): GraphRow[] {
  const names = columns.map((column) => String((column as { name?: unknown }).name ?? ""));
  return rows.flatMap((row) =>
    Array.isArray(row) ? [Object.fromEntries(names.map((name, index) => [name, row[index]]))] : [],
  );
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** A KQL string literal for a value the bot did not choose (a typed VM name): quotes and backslashes escaped. */
export function kqlString(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

export function stringField(row: GraphRow, key: string): string | undefined {
  const value = row[key];
  return typeof value === "string" ? value : undefined;
}
