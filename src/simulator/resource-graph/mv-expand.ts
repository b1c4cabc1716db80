/**
 * The mv-expand operator, as Kusto documents it: each element of an array, or each property of a bag, becomes a
 * row of its own, the other columns copied; a null value gives one row (null), an empty array or bag none.
 * `kind=array` (or the older `bagexpansion=array`) turns a property into `[key, value]`, which is how Resource
 * Graph's samples match tag names whatever their case (`mv-expand bagexpansion=array tags | where tags[0] =~
 * 'env'`). Resource Graph's own limits apply ("Supported tabular/top level operators" of its query language
 * docs): at most 128 rows per input row unless `limit` says otherwise, a `limit` of at most 400, and no more than
 * two mv-expand in a query (the docs' table says 2, their text 3: the stricter is kept). Subset: one column or
 * `Name = Expr`, `limit`; `with_itemindex`, `to typeof()` and several columns are refused by name.
 */

import { isObject } from "../json.js";
import type { Expr, MvExpand, NamedExpr, Operator } from "./ast.js";
import { compileExpr } from "./expression-compiler.js";
import { parseExpression } from "./expression-parser.js";
import type { Token } from "./lexer.js";
import { QueryFailure, semanticError } from "./query-error.js";
import type { Row } from "./row.js";
import type { TokenStream } from "./token-stream.js";
import { type Column, fromJson, type Value } from "./values.js";

/** Rows per input row without `limit` (`mv-expand` and the legacy `mvexpand` alike), and the most `limit` may say. */
const DEFAULT_ROW_LIMIT = 128;
const MAX_ROW_LIMIT = 400;
const MAX_EXPANSIONS = 2;
const EXPANSIONS = new Set(["bag", "array"]);

/** After the operator's name: `[kind=...] [Name =] Expr [limit N]`. */
export function readMvExpand(stream: TokenStream, at: Token): MvExpand {
  let bagExpansion: MvExpand["bagExpansion"] = "bag";
  while ((stream.isText("kind") || stream.isText("bagexpansion")) && stream.isText("=", 1)) {
    stream.next();
    stream.next();
    const value = stream.expectName();
    if (!EXPANSIONS.has(value.text)) stream.fail(value);
    bagExpansion = value.text as MvExpand["bagExpansion"];
  }
  if (stream.isText("with_itemindex"))
    stream.refuse("mv-expand's with_itemindex", "with_itemindex", stream.peek());
  const item = readItem(stream);
  if (stream.isText("to")) stream.refuse("mv-expand's 'to typeof()'", "to", stream.peek());
  if (stream.isText(",")) stream.refuse("mv-expand of several columns", ",", stream.peek());
  const limit = stream.take("limit") ? rowLimit(stream) : undefined;
  return { kind: "mv-expand", item, bagExpansion, ...(limit === undefined ? {} : { limit }), at };
}

function readItem(stream: TokenStream): NamedExpr {
  if (stream.peek().kind === "name" && stream.isText("=", 1)) {
    const name = stream.next().text;
    stream.next();
    return { name, expr: parseExpression(stream) };
  }
  const start = stream.peek();
  const expr = parseExpression(stream);
  // ours: how Kusto names an unnamed expression here is not documented; `Name = Expr` says it.
  if (expr.kind !== "column") stream.refuse("mv-expand of an unnamed expression", start.text, start);
  return { expr };
}

function rowLimit(stream: TokenStream): number {
  const token = stream.peek();
  if (token.kind !== "number" || !/^\d+$/.test(token.text)) stream.fail(token);
  stream.next();
  return Number(token.text);
}

export interface ExpandStage {
  kind: "expand";
  apply(row: Row): Row[];
}

/** The stage and the columns after it: the expanded column replaced in place, or added at the end. */
export function compileMvExpand(
  operator: MvExpand,
  columns: Column[],
): { stage: ExpandStage; columns: Column[] } {
  const value = compileExpr(operator.item.expr, { columns, operator: "mv-expand" });
  if (value.type !== "dynamic") {
    fail(`'mv-expand' operator: the expanded expression must be of type 'dynamic', not '${value.type}'`);
  }
  // ours: the wording; Resource Graph documents the limit, not its error.
  if ((operator.limit ?? 0) > MAX_ROW_LIMIT)
    fail(`'mv-expand' operator: the row limit is at most ${MAX_ROW_LIMIT}`);
  const name = operator.item.name ?? columnName(operator.item.expr);
  const output = columns.some((column) => column.name === name)
    ? columns.map((column) => (column.name === name ? { name, type: "dynamic" as const } : column))
    : [...columns, { name, type: "dynamic" as const }];
  const limit = operator.limit ?? DEFAULT_ROW_LIMIT;
  const apply = (row: Row): Row[] =>
    elementsOf(value.evaluate(row), operator.bagExpansion)
      .slice(0, limit)
      .map((element, index) => new ExpandedRow(row, name, element, index));
  return { stage: { kind: "expand", apply }, columns: output };
}

/** Resource Graph's limit on mv-expand operators in one query. */
export function checkExpansionCount(operators: readonly Operator[]): void {
  const count = operators.filter((operator) => operator.kind === "mv-expand").length;
  if (count > MAX_EXPANSIONS)
    fail(`A query may hold at most ${MAX_EXPANSIONS} mv-expand operators, not ${count}`);
}

function fail(message: string): never {
  throw new QueryFailure(semanticError(message));
}

function columnName(expr: Expr): string {
  return expr.kind === "column" ? expr.name : "";
}

/** null: one null row; an array: its elements; a bag: its properties; any other value: itself. */
function elementsOf(value: Value, bagExpansion: MvExpand["bagExpansion"]): Value[] {
  if (value === null) return [null];
  if (Array.isArray(value)) return value.map(fromJson);
  if (isObject(value)) {
    return Object.entries(value).map(([key, inner]) =>
      bagExpansion === "array" ? [key, inner] : { [key]: inner },
    );
  }
  return [value];
}

/**
 * One element's row. Its key is the input row's and the element's position, so the rows of one resource stay
 * together, in order, and a skip token can resume between them (keys must be unique for paging).
 */
class ExpandedRow implements Row {
  readonly key: string;

  constructor(
    private readonly base: Row,
    private readonly column: string,
    private readonly value: Value,
    index: number,
  ) {
    // "\u0000" sorts before any character of a key, so the rows of `a` come before those of `a-b`.
    this.key = `${base.key}\u0000${index.toString(36).padStart(6, "0")}`;
  }

  get(column: string): Value {
    return column === this.column ? this.value : this.base.get(column);
  }
}
