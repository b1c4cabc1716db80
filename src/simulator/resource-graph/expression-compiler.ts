/**
 * Expressions to closures, once per query: names are resolved against the columns the operator sees, types
 * are checked as Kusto checks them (a string is not compared with a number; member access needs a dynamic
 * value), and each row then costs one call per node.
 */
import { isObject } from "../json.js";
import type { Call, Comparison, Expr, InList, Logical, Member } from "./ast.js";
import { comparisonTest, inTest, type Truth } from "./compare.js";
import { KQL_AGGREGATES, KQL_SCALAR_FUNCTIONS, SCALAR_FUNCTIONS } from "./functions.js";
import { QueryFailure, semanticError, unknownFunction, unsupported } from "./query-error.js";
import type { Row } from "./row.js";
import { type Column, fromJson, type ScalarType, type Value } from "./values.js";

export interface CompiledExpr {
  type: ScalarType;
  evaluate(row: Row): Value;
}

/** The columns an operator's expressions may name, and the operator (for messages). */
export interface Scope {
  columns: readonly Column[];
  operator: string;
}

export function compileExpr(expr: Expr, scope: Scope): CompiledExpr {
  switch (expr.kind) {
    case "literal": {
      const { value } = expr;
      return { type: expr.type, evaluate: () => value };
    }
    case "column": {
      const column = scope.columns.find((candidate) => candidate.name === expr.name);
      if (!column)
        fail(`'${scope.operator}' operator: Failed to resolve scalar expression named '${expr.name}'`);
      const { name } = column;
      return { type: column.type, evaluate: (row) => row.get(name) };
    }
    case "member":
      return compileMember(expr, scope);
    case "call":
      return compileCall(expr, scope);
    case "comparison":
      return compileComparison(expr, scope);
    case "in":
      return compileIn(expr, scope);
    case "logical":
      return compileLogical(expr, scope);
  }
}

/** `properties.x.y` and `tags['env']`: dynamic steps (case-sensitive keys); a missing step is null. */
function compileMember(expr: Member, scope: Scope): CompiledExpr {
  const target = compileExpr(expr.target, scope);
  if (target.type !== "dynamic") {
    fail(
      `'${scope.operator}' operator: '${String(expr.key)}' is looked up in a value of type '${target.type}', not dynamic`,
    );
  }
  const { key } = expr;
  return {
    type: "dynamic",
    evaluate: (row) => {
      const value = target.evaluate(row);
      if (typeof key === "number") return Array.isArray(value) ? fromJson(value[key]) : null;
      return isObject(value) ? fromJson(value[key]) : null;
    },
  };
}

function compileCall(expr: Call, scope: Scope): CompiledExpr {
  const { name } = expr;
  if (name === "count" || KQL_AGGREGATES.has(name)) {
    fail(`'${scope.operator}' operator: the aggregation '${name}()' may only be used in summarize`);
  }
  const fn = SCALAR_FUNCTIONS[name];
  if (!fn) {
    if (KQL_SCALAR_FUNCTIONS.has(name))
      throw new QueryFailure(unsupported(`The function '${name}()'`, name, expr.at));
    throw new QueryFailure(unknownFunction(name));
  }
  if (expr.args.length !== fn.arity) fail(`${name}(): function expects ${fn.arity} argument(s)`);
  const args = expr.args.map((arg) => compileExpr(arg, scope));
  return { type: fn.returns, evaluate: (row) => fn.apply(args.map((arg) => arg.evaluate(row))) };
}

const ORDERING = new Set(["==", "!=", "=~", "!~", "<", "<=", ">", ">="]);

function compileComparison(expr: Comparison, scope: Scope): CompiledExpr {
  const left = compileExpr(expr.left, scope);
  const right = compileExpr(expr.right, scope);
  if (ORDERING.has(expr.op)) checkComparable(left.type, right.type);
  const test = comparisonTest(expr.op);
  return { type: "bool", evaluate: (row) => test(left.evaluate(row), right.evaluate(row)) };
}

function compileIn(expr: InList, scope: Scope): CompiledExpr {
  const left = compileExpr(expr.left, scope);
  const items = expr.items.map((item) => compileExpr(item, scope));
  for (const item of items) checkComparable(left.type, item.type);
  const test = inTest(expr.op);
  return {
    type: "bool",
    evaluate: (row) =>
      test(
        left.evaluate(row),
        items.map((item) => item.evaluate(row)),
      ),
  };
}

/** Three-valued, as Kusto: null and false is false, null or true is true, otherwise null stays null. */
function compileLogical(expr: Logical, scope: Scope): CompiledExpr {
  const left = compileExpr(expr.left, scope);
  const right = compileExpr(expr.right, scope);
  for (const side of [left, right]) {
    if (side.type !== "bool" && side.type !== "dynamic") {
      fail(`'${scope.operator}' operator: '${expr.op}' expects bool operands, not '${side.type}'`);
    }
  }
  const decisive = expr.op === "or";
  return {
    type: "bool",
    evaluate: (row) => {
      const first = truth(left.evaluate(row));
      if (first === decisive) return decisive;
      const second = truth(right.evaluate(row));
      if (second === decisive) return decisive;
      return first === null || second === null ? null : !decisive;
    },
  };
}

function truth(value: Value): Truth {
  return typeof value === "boolean" ? value : null;
}

const CATEGORY: Readonly<Record<ScalarType, string>> = {
  string: "string",
  long: "number",
  real: "number",
  bool: "bool",
  dynamic: "dynamic",
};

function checkComparable(left: ScalarType, right: ScalarType): void {
  if (left === "dynamic" || right === "dynamic" || CATEGORY[left] === CATEGORY[right]) return;
  fail(`Cannot compare values of types ${left} and ${right}. Try adding explicit casts`);
}

function fail(message: string): never {
  throw new QueryFailure(semanticError(message));
}

/**
 * The column name Kusto gives an unnamed expression: a column's name, a path joined by "_" (`properties_x`), and
 * through `tostring(path)` the path's (the docs' summarize example). ours: through any other call too.
 */
export function derivedName(expr: Expr): string | undefined {
  if (expr.kind === "column") return expr.name;
  if (expr.kind === "member") {
    const base = derivedName(expr.target);
    return base === undefined ? undefined : `${base}_${String(expr.key)}`;
  }
  if (expr.kind === "call" && expr.args[0]) return derivedName(expr.args[0]);
  return undefined;
}
