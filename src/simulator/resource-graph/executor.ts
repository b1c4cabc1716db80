/**
 * Runs a plan over a table's rows. The result is a total order, so a page can resume after a cursor: by the
 * last `order by` (then the row key), or by the row key when nothing re-sorted it. ours: Kusto gives no order
 * without `order by`; the simulator's is the resource id's, lower-case.
 */
import type { GroupSpec, Plan, SortSpec, Stage } from "./compiler.js";
import { type Row, ValuesRow } from "./row.js";
import { type Column, compareValues, ordinal, type Value } from "./values.js";

export interface Entry {
  row: Row;
  /** The values of the last sort's keys (empty when none applies). */
  sort: Value[];
}

export interface SortDirection {
  descending: boolean;
  nullsFirst: boolean;
}

export interface ResultSet {
  columns: Column[];
  entries: Entry[];
  /** How `sort` compares; empty: by key only. */
  order: SortDirection[];
  pageable: boolean;
  limited: boolean;
}

/** `rows` must be in key order (tables.ts scans them so). */
export function execute(plan: Plan, rows: readonly Row[]): ResultSet {
  let entries: Entry[] = rows.map((row) => ({ row, sort: [] }));
  let order: SortDirection[] = [];
  for (const stage of plan.stages) {
    const next = runStage(stage, entries, order);
    entries = next.entries;
    order = next.order;
  }
  return { columns: plan.columns, entries, order, pageable: plan.pageable, limited: plan.limited };
}

function runStage(
  stage: Stage,
  entries: Entry[],
  order: SortDirection[],
): { entries: Entry[]; order: SortDirection[] } {
  switch (stage.kind) {
    case "filter":
      return { entries: entries.filter((entry) => stage.test(entry.row)), order };
    case "map":
      return { entries: entries.map((entry) => ({ row: stage.apply(entry.row), sort: entry.sort })), order };
    case "take":
      return { entries: entries.slice(0, stage.count), order };
    case "sort":
      return sortEntries(entries, stage.keys);
    case "summarize":
      return { entries: summarize(entries, stage.by, stage.counts), order: [] };
    case "expand":
      return {
        entries: entries.flatMap((entry) => stage.apply(entry.row).map((row) => ({ row, sort: entry.sort }))),
        order,
      };
  }
}

function sortEntries(entries: Entry[], keys: SortSpec[]): { entries: Entry[]; order: SortDirection[] } {
  const order = keys.map(({ descending, nullsFirst }) => ({ descending, nullsFirst }));
  const sorted = entries.map((entry) => ({
    row: entry.row,
    sort: keys.map((key) => key.value.evaluate(entry.row)),
  }));
  sorted.sort((a, b) => compareEntries(a, b, order));
  return { entries: sorted, order };
}

/** The order of results and of cursors: the sort values by their directions, then the key ascending. */
export function compareEntries(
  a: { sort: readonly Value[]; key: string } | Entry,
  b: { sort: readonly Value[]; key: string } | Entry,
  order: readonly SortDirection[],
): number {
  for (let index = 0; index < order.length; index += 1) {
    const direction = order[index] as SortDirection;
    const compared = compareSortValue(a.sort[index] ?? null, b.sort[index] ?? null, direction);
    if (compared !== 0) return compared;
  }
  return ordinal(keyOf(a), keyOf(b));
}

function keyOf(item: { key: string } | Entry): string {
  return "row" in item ? item.row.key : item.key;
}

function compareSortValue(a: Value, b: Value, direction: SortDirection): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === direction.nullsFirst ? -1 : 1;
  }
  const compared = compareValues(a, b);
  return direction.descending ? -compared : compared;
}

/** One row per group, keyed (and ordered) by the group values; `summarize count()` alone always has a row. */
function summarize(entries: Entry[], by: GroupSpec[], counts: string[]): Entry[] {
  const groups = new Map<string, { values: Value[]; count: number }>();
  for (const { row } of entries) {
    const values = by.map((group) => group.value.evaluate(row));
    const key = JSON.stringify(values);
    const group = groups.get(key) ?? { values, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  if (by.length === 0 && groups.size === 0) groups.set("[]", { values: [], count: 0 });
  return [...groups.entries()]
    .sort(([a], [b]) => ordinal(a, b))
    .map(([key, group]) => {
      const values = new Map<string, Value>(
        by.map((spec, index) => [spec.name, group.values[index] ?? null]),
      );
      for (const name of counts) values.set(name, group.count);
      return { row: new ValuesRow(key, values), sort: [] };
    });
}
