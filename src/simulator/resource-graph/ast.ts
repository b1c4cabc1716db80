/** The parsed query: a table and a pipeline of tabular operators, as the parser builds it (no meaning yet). */
import type { Position } from "./lexer.js";

export type Expr = Literal | ColumnRef | Member | Call | Comparison | InList | Logical;

export interface Literal {
  kind: "literal";
  value: string | number | boolean;
  /** "long" for an integer, "real" for a number with a fraction or exponent. */
  type: "string" | "long" | "real" | "bool";
  at: Position;
}

export interface ColumnRef {
  kind: "column";
  name: string;
  at: Position;
}

/** `target.key` or `target['key']` or `target[0]`: a step into a dynamic value. */
export interface Member {
  kind: "member";
  target: Expr;
  key: string | number;
  at: Position;
}

export interface Call {
  kind: "call";
  name: string;
  args: Expr[];
  at: Position;
}

/** The binary string and equality operators, spelled as in KQL (`==`, `=~`, `contains`, `!has_cs`, ...). */
export interface Comparison {
  kind: "comparison";
  op: string;
  left: Expr;
  right: Expr;
  at: Position;
}

export interface InList {
  kind: "in";
  op: "in" | "in~" | "!in" | "!in~";
  left: Expr;
  items: Expr[];
  at: Position;
}

export interface Logical {
  kind: "logical";
  op: "and" | "or";
  left: Expr;
  right: Expr;
  at: Position;
}

/** `name = expr`, or a bare `expr` whose column name is derived from it. */
export interface NamedExpr {
  name?: string;
  expr: Expr;
}

export interface SortKey {
  expr: Expr;
  descending: boolean;
  nullsFirst: boolean;
}

export type Operator =
  | { kind: "where"; predicate: Expr; at: Position }
  | { kind: "project"; items: NamedExpr[]; at: Position }
  | { kind: "project-away"; columns: ColumnRef[]; at: Position }
  | { kind: "extend"; items: NamedExpr[]; at: Position }
  | { kind: "sort"; keys: SortKey[]; at: Position }
  | { kind: "take"; count: number; at: Position }
  | { kind: "summarize"; aggregates: NamedExpr[]; by: NamedExpr[]; at: Position }
  | { kind: "count"; at: Position }
  | MvExpand;

/**
 * `mv-expand [kind=bag|array] Column [limit N]` or `Name = Expr`: one row per element of an array or per
 * property of a bag (`kind=array`: each property as `[key, value]`; `bagexpansion=` is the older spelling).
 */
export interface MvExpand {
  kind: "mv-expand";
  item: NamedExpr;
  bagExpansion: "bag" | "array";
  /** Rows per input row at most (Resource Graph: 128 unless told, 400 at most). */
  limit?: number;
  at: Position;
}

export interface Query {
  /** The table as written; "Resources" when the query starts with an operator (the service's default table). */
  table: { name: string; at: Position };
  operators: Operator[];
}
