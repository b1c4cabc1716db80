/**
 * The rows a query can return, read from its leading `where` clauses as probes (a type, and a name when one is
 * pinned), so a scan reads the store's per-type and per-name indexes instead of every resource of the fleet. A
 * real Resource Graph answers a filtered query in about the same time whatever the estate's size; without this
 * the simulator would read 250,000 rows of a 50,000-VM fleet for every query, and a benchmark would measure the
 * simulator. ours: the service's indexing is not documented. The filter still runs on every row read, so the
 * probes only have to find a superset of what the query keeps.
 */
import type { Expr, Operator } from "./ast.js";

export interface Probe {
  /** Lower-case resource type. */
  type: string;
  /** Lower-case name, when the query pins it. */
  name?: string;
}

/** Undefined when the query does not pin its types: every row of the table is read. */
export function probesOf(operators: readonly Operator[]): Probe[] | undefined {
  for (const operator of operators) {
    // Past the first other operator, `type` and `name` may name computed columns.
    if (operator.kind !== "where") return undefined;
    const probes = probesOfPredicate(operator.predicate);
    if (probes) return probes;
  }
  return undefined;
}

function probesOfPredicate(expr: Expr): Probe[] | undefined {
  if (expr.kind === "logical" && expr.op === "or") {
    const left = probesOfPredicate(expr.left);
    const right = probesOfPredicate(expr.right);
    return left && right ? [...left, ...right] : undefined;
  }
  const types = pinned(expr, "type");
  if (!types) return undefined;
  const names = pinned(expr, "name");
  return types.flatMap((type) => (names ? names.map((name) => ({ type, name })) : [{ type }]));
}

/** The values a row's column can have for the predicate to hold; undefined: any. */
function pinned(expr: Expr, column: string): string[] | undefined {
  switch (expr.kind) {
    case "comparison":
      return (
        equality(expr.op, expr.left, expr.right, column) ?? equality(expr.op, expr.right, expr.left, column)
      );
    case "in":
      return inList(expr.op, expr.left, expr.items, column);
    case "logical": {
      const left = pinned(expr.left, column);
      const right = pinned(expr.right, column);
      // Either side of `and` narrows the rows; `or` keeps a row either side keeps, so both must pin it.
      if (expr.op === "and") return left ?? right;
      return left && right ? [...left, ...right] : undefined;
    }
    default:
      return undefined;
  }
}

function equality(op: string, left: Expr, right: Expr, column: string): string[] | undefined {
  if (op !== "==" && op !== "=~") return undefined;
  const literal = stringLiteral(right);
  return isColumn(left, column) && literal !== undefined ? [literal.toLowerCase()] : undefined;
}

function inList(op: string, left: Expr, items: readonly Expr[], column: string): string[] | undefined {
  if ((op !== "in" && op !== "in~") || !isColumn(left, column)) return undefined;
  const literals = items.map(stringLiteral);
  if (literals.some((literal) => literal === undefined)) return undefined;
  return literals.map((literal) => (literal as string).toLowerCase());
}

function isColumn(expr: Expr, name: string): boolean {
  return expr.kind === "column" && expr.name === name;
}

function stringLiteral(expr: Expr): string | undefined {
  return expr.kind === "literal" && typeof expr.value === "string" ? expr.value : undefined;
}
