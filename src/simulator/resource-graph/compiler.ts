/**
 * A parsed query to a plan: the table, the stages, the output columns, and whether the service could page the
 * result. Paging needs no take/limit and a column that is not dynamic (Resource Graph's pagination guidance);
 * summarize is "simplified first page only" (its supported-operators table), so it is not paged either.
 */
import type { Expr, NamedExpr, Operator, Query } from "./ast.js";
import { type CompiledExpr, compileExpr, derivedName, type Scope } from "./expression-compiler.js";
import { KQL_AGGREGATES, SCALAR_FUNCTIONS } from "./functions.js";
import { checkExpansionCount, compileMvExpand, type ExpandStage } from "./mv-expand.js";
import { type QueryError, QueryFailure, semanticError, unknownFunction, unsupported } from "./query-error.js";
import { TABLE_COLUMNS } from "./resource-rows.js";
import { ExtendedRow, type Row, ValuesRow } from "./row.js";
import { type Probe, probesOf } from "./scan-probes.js";
import { type TableName, UNSERVED_TABLES } from "./tables.js";
import type { Column, Value } from "./values.js";

export interface SortSpec {
  value: CompiledExpr;
  descending: boolean;
  nullsFirst: boolean;
}

export interface GroupSpec {
  name: string;
  value: CompiledExpr;
}

export type Stage =
  | { kind: "filter"; test(row: Row): boolean }
  | { kind: "map"; apply(row: Row): Row }
  | { kind: "sort"; keys: SortSpec[] }
  | { kind: "take"; count: number }
  | { kind: "summarize"; by: GroupSpec[]; counts: string[] }
  | ExpandStage;

export interface Plan {
  table: TableName;
  stages: Stage[];
  columns: Column[];
  pageable: boolean;
  /** take/limit present: the $skip option is ignored ("Doesn't work with Skip", the operators table). */
  limited: boolean;
  /** Where the rows the result can hold are found (scan-probes.ts); undefined: every row of the table. */
  probes?: Probe[];
}

export type CompileResult = { ok: true; plan: Plan } | { ok: false; error: QueryError };

interface Step {
  stage?: Stage;
  columns: Column[];
}

export function compileQuery(query: Query): CompileResult {
  try {
    const table = resolveTable(query);
    checkExpansionCount(query.operators);
    let columns: Column[] = [...TABLE_COLUMNS];
    const stages: Stage[] = [];
    for (const operator of query.operators) {
      const step = compileOperator(operator, columns);
      if (step.stage) stages.push(step.stage);
      columns = step.columns;
    }
    const limited = query.operators.some((operator) => operator.kind === "take");
    const grouped = stages.some((stage) => stage.kind === "summarize");
    const pageable = !limited && !grouped && columns.some((column) => column.type !== "dynamic");
    const probes = probesOf(query.operators);
    return { ok: true, plan: { table, stages, columns, pageable, limited, ...(probes ? { probes } : {}) } };
  } catch (error) {
    if (error instanceof QueryFailure) return { ok: false, error: error.detail };
    throw error;
  }
}

/** Table names are case-insensitive in Resource Graph (`resources`, `Resources`). */
function resolveTable(query: Query): TableName {
  const { name, at } = query.table;
  const lower = name.toLowerCase();
  if (lower === "resources") return "Resources";
  if (lower === "computeresources") return "ComputeResources";
  const served = UNSERVED_TABLES.find((table) => table.toLowerCase() === lower);
  if (served) throw new QueryFailure(unsupported(`The '${served}' table`, name, at));
  return fail(`The name '${name}' does not refer to any known table, tabular variable or function`);
}

function compileOperator(operator: Operator, columns: Column[]): Step {
  switch (operator.kind) {
    case "where":
      return compileWhere(operator.predicate, columns);
    case "project":
      return compileProject(operator.items, columns);
    case "project-away":
      return compileProjectAway(
        operator.columns.map((column) => column.name),
        columns,
      );
    case "extend":
      return compileExtend(operator.items, columns);
    case "sort":
      return compileSort(operator, columns);
    case "take":
      return { stage: { kind: "take", count: operator.count }, columns };
    case "summarize":
      return compileSummarize(operator.aggregates, operator.by, columns);
    case "count":
      return {
        stage: { kind: "summarize", by: [], counts: ["Count"] },
        columns: [{ name: "Count", type: "long" }],
      };
    case "mv-expand":
      return compileMvExpand(operator, columns);
  }
}

function compileWhere(predicate: Expr, columns: Column[]): Step {
  const test = compileExpr(predicate, { columns, operator: "where" });
  if (test.type !== "bool" && test.type !== "dynamic") {
    fail(`'where' operator: the predicate must be of type 'bool', not '${test.type}'`);
  }
  return { stage: { kind: "filter", test: (row) => test.evaluate(row) === true }, columns };
}

function compileProject(items: NamedExpr[], columns: Column[]): Step {
  const scope: Scope = { columns, operator: "project" };
  const output: Column[] = [];
  const values: GroupSpec[] = [];
  for (const item of items) {
    const value = compileExpr(item.expr, scope);
    const name = columnName(item, output, scope.operator);
    output.push({ name, type: value.type });
    values.push({ name, value });
  }
  const apply = (row: Row): Row =>
    new ValuesRow(row.key, new Map(values.map((spec) => [spec.name, spec.value.evaluate(row)])));
  return { stage: { kind: "map", apply }, columns: output };
}

/** Only the columns change: later operators cannot name what was projected away. */
function compileProjectAway(names: string[], columns: Column[]): Step {
  for (const name of names) {
    if (!columns.some((column) => column.name === name)) {
      fail(`'project-away' operator: Failed to resolve column named '${name}'`);
    }
  }
  return { columns: columns.filter((column) => !names.includes(column.name)) };
}

/** Each item sees the ones before it (`extend a = x, b = a`); an existing name is replaced in place. */
function compileExtend(items: NamedExpr[], columns: Column[]): Step {
  const output = [...columns];
  const values: GroupSpec[] = [];
  for (const item of items) {
    const value = compileExpr(item.expr, { columns: output, operator: "extend" });
    const name = item.name ?? columnName(item, output, "extend");
    const existing = output.findIndex((column) => column.name === name);
    if (existing >= 0) output[existing] = { name, type: value.type };
    else output.push({ name, type: value.type });
    values.push({ name, value });
  }
  const apply = (row: Row): Row => {
    const extra = new Map<string, Value>();
    const extended = new ExtendedRow(row, extra);
    for (const spec of values) extra.set(spec.name, spec.value.evaluate(extended));
    return extended;
  };
  return { stage: { kind: "map", apply }, columns: output };
}

function compileSort(operator: Operator & { kind: "sort" }, columns: Column[]): Step {
  const keys = operator.keys.map((key) => {
    const value = compileExpr(key.expr, { columns, operator: "order" });
    // ours: refused rather than ordered by JSON text; tostring() gives the text order explicitly.
    if (value.type === "dynamic")
      fail("'order' operator: a dynamic value cannot be a sort key. Please use an explicit cast");
    return { value, descending: key.descending, nullsFirst: key.nullsFirst };
  });
  return { stage: { kind: "sort", keys }, columns };
}

/** `summarize [count()] [by ...]`: the by columns first, then the counts (count_ unless named), as Kusto. */
function compileSummarize(aggregates: NamedExpr[], by: NamedExpr[], columns: Column[]): Step {
  const scope: Scope = { columns, operator: "summarize" };
  const output: Column[] = [];
  const groups: GroupSpec[] = [];
  for (const item of by) {
    const value = compileExpr(item.expr, scope);
    const name = columnName(item, output, "summarize");
    if (value.type === "dynamic") {
      fail(`Summarize group key '${name}' is of a 'dynamic' type. Please use an explicit cast`);
    }
    output.push({ name, type: value.type });
    groups.push({ name, value });
  }
  const counts = aggregates.map((item) => countColumn(item, output));
  return { stage: { kind: "summarize", by: groups, counts }, columns: output };
}

function countColumn(item: NamedExpr, output: Column[]): string {
  const { expr } = item;
  if (expr.kind !== "call") return fail("'summarize' operator: expected an aggregation such as count()");
  if (expr.name !== "count") {
    if (KQL_AGGREGATES.has(expr.name)) {
      throw new QueryFailure(unsupported(`The aggregation '${expr.name}()'`, expr.name, expr.at));
    }
    if (SCALAR_FUNCTIONS[expr.name]) fail(`'summarize' operator: '${expr.name}()' is not an aggregation`);
    throw new QueryFailure(unknownFunction(expr.name));
  }
  if (expr.args.length > 0) fail("count(): function expects 0 argument(s)");
  const name = item.name ?? freeName("count_", output);
  if (output.some((column) => column.name === name))
    fail(`'summarize' operator: duplicate column name '${name}'`);
  output.push({ name, type: "long" });
  return name;
}

/**
 * The item's name, else its derived name, else Column1, Column2, ...; explicit duplicates are refused. ours: a
 * derived name that is taken falls back to ColumnN.
 */
function columnName(item: NamedExpr, output: Column[], operator: string): string {
  const taken = (name: string) => output.some((column) => column.name === name);
  if (item.name !== undefined) {
    if (taken(item.name)) fail(`'${operator}' operator: duplicate column name '${item.name}'`);
    return item.name;
  }
  const derived = derivedName(item.expr);
  if (derived !== undefined && !taken(derived)) return derived;
  return freeName("Column", output, 1);
}

/** `base` when free, else base + the first free number (count_, count_1; Column1, Column2). */
function freeName(base: string, output: Column[], from?: number): string {
  const taken = (name: string) => output.some((column) => column.name === name);
  if (from === undefined && !taken(base)) return base;
  for (let n = from ?? 1; ; n += 1) if (!taken(`${base}${n}`)) return `${base}${n}`;
}

function fail(message: string): never {
  throw new QueryFailure(semanticError(message));
}
