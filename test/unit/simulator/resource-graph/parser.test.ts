/**
 * The parser: the table (or the default Resources), the operators, precedence and member access, and the
 * errors it gives: ParserFailure where the service gives it, the simulator's refusal of real KQL it lacks.
 */
import { describe, expect, it } from "vitest";
import type { Expr, Operator } from "../../../../src/simulator/resource-graph/ast.js";
import { parseQuery } from "../../../../src/simulator/resource-graph/parser.js";

function operators(source: string): Operator[] {
  const result = parseQuery(source);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.query.operators;
}

function predicate(source: string): Expr {
  const [first] = operators(`Resources | where ${source}`);
  if (first?.kind !== "where") throw new Error("not a where");
  return first.predicate;
}

/** A compact picture of an expression's tree, to compare shapes. */
function shape(expr: Expr): string {
  switch (expr.kind) {
    case "literal":
      return JSON.stringify(expr.value);
    case "column":
      return expr.name;
    case "member":
      return `${shape(expr.target)}[${JSON.stringify(expr.key)}]`;
    case "call":
      return `${expr.name}(${expr.args.map(shape).join(", ")})`;
    case "comparison":
      return `(${shape(expr.left)} ${expr.op} ${shape(expr.right)})`;
    case "in":
      return `(${shape(expr.left)} ${expr.op} [${expr.items.map(shape).join(", ")}])`;
    case "logical":
      return `(${shape(expr.left)} ${expr.op} ${shape(expr.right)})`;
  }
}

function failure(source: string) {
  const result = parseQuery(source);
  if (result.ok) throw new Error(`parsed: ${source}`);
  return result.error;
}

describe("the query", () => {
  it("names its table as written; without one it reads Resources", () => {
    const written = parseQuery("computeresources | take 1");
    expect(written.ok && written.query.table.name).toBe("computeresources");
    const implicit = parseQuery("where type =~ 'x' | project id");
    expect(implicit.ok && implicit.query.table.name).toBe("Resources");
    expect(implicit.ok && implicit.query.operators.map((operator) => operator.kind)).toEqual([
      "where",
      "project",
    ]);
  });

  it("reads each supported operator", () => {
    const kinds = operators(
      "Resources | where a == 1 | project a, b = c | project-away b | extend d = 1 | order by a asc | sort by d | take 3 | limit 2 | summarize count() by a | count",
    ).map((operator) => operator.kind);
    expect(kinds).toEqual([
      "where",
      "project",
      "project-away",
      "extend",
      "sort",
      "sort",
      "take",
      "take",
      "summarize",
      "count",
    ]);
  });

  it("sorts descending by default, with nulls last; ascending puts nulls first unless told", () => {
    const [sort] = operators("Resources | order by a, b asc, c desc nulls first, d asc nulls last");
    expect(
      sort?.kind === "sort" && sort.keys.map(({ descending, nullsFirst }) => [descending, nullsFirst]),
    ).toEqual([
      [true, false],
      [false, true],
      [true, true],
      [false, false],
    ]);
  });

  it("reads summarize with aggregates only, by only, and both", () => {
    const parsed = operators(
      "Resources | summarize count() | summarize by type | summarize n = count() by t = type",
    );
    expect(
      parsed.map(
        (operator) => operator.kind === "summarize" && [operator.aggregates.length, operator.by.length],
      ),
    ).toEqual([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
  });
});

describe("expressions", () => {
  it("binds and tighter than or, and parentheses tighter than both", () => {
    expect(shape(predicate("a == 1 or b == 2 and c == 3"))).toBe("((a == 1) or ((b == 2) and (c == 3)))");
    expect(shape(predicate("(a == 1 or b == 2) and c == 3"))).toBe("(((a == 1) or (b == 2)) and (c == 3))");
  });

  it("reads dynamic paths with dots, quoted keys and indexes", () => {
    expect(shape(predicate("properties.storageProfile.osDisk.osType == 'Linux'"))).toBe(
      '(properties["storageProfile"]["osDisk"]["osType"] == "Linux")',
    );
    expect(shape(predicate(`tags['env'] == "prod" and zones[0] == '1'`))).toBe(
      '((tags["env"] == "prod") and (zones[0] == "1"))',
    );
  });

  it("reads in-lists, calls, negative numbers and booleans", () => {
    expect(shape(predicate("name !in~ ('a', \"b\") and not(isnull(x)) and n > -2.5 and f == true"))).toBe(
      '((((name !in~ ["a", "b"]) and not(isnull(x))) and (n > -2.5)) and (f == true))',
    );
  });

  it("types integer literals long and the others real", () => {
    const [where] = operators("Resources | where a == 10 and b == 1.5");
    const expr = where?.kind === "where" ? where.predicate : undefined;
    const sides = expr?.kind === "logical" ? [expr.left, expr.right] : [];
    expect(
      sides.map((side) => side.kind === "comparison" && side.right.kind === "literal" && side.right.type),
    ).toEqual(["long", "real"]);
  });
});

describe("syntax errors: the service's ParserFailure, at the token that does not fit", () => {
  it("fails `where where` at <EOF>, line 1 position 11, as the service does", () => {
    expect(failure("where where")).toEqual({
      code: "ParserFailure",
      message: "ParserFailure",
      line: 1,
      characterPositionInLine: 11,
      token: "<EOF>",
    });
  });

  it("reports the line and position of a later line", () => {
    expect(failure("Resources\n| where name == \n| take 1")).toMatchObject({
      line: 3,
      characterPositionInLine: 0,
      token: "|",
    });
  });

  it("fails a missing pipe, a dangling comparison, an unclosed parenthesis and a chained comparison", () => {
    expect(failure("Resources where name == 'a'")).toMatchObject({
      token: "where",
      characterPositionInLine: 10,
    });
    expect(failure("Resources | where name ==")).toMatchObject({ token: "<EOF>" });
    expect(failure("Resources | where (name == 'a'")).toMatchObject({ token: "<EOF>" });
    expect(failure("Resources | where a == b == c")).toMatchObject({
      token: "==",
      characterPositionInLine: 25,
    });
  });

  it("fails an unknown operator, a take without a count, and an unterminated string", () => {
    expect(failure("Resources | frobnicate")).toMatchObject({ code: "ParserFailure", token: "frobnicate" });
    expect(failure("Resources | take")).toMatchObject({ token: "<EOF>" });
    expect(failure("Resources | where name == 'vm")).toMatchObject({ token: "'vm" });
  });

  it("is case-sensitive about keywords, as KQL is", () => {
    expect(failure("Resources | WHERE name == 'a'")).toMatchObject({ code: "ParserFailure", token: "WHERE" });
    expect(failure("Resources | where name == 'a' AND type == 'b'")).toMatchObject({ token: "AND" });
  });

  it("fails an empty query at <EOF>", () => {
    expect(failure("")).toMatchObject({
      code: "ParserFailure",
      token: "<EOF>",
      line: 1,
      characterPositionInLine: 0,
    });
  });
});

describe("real KQL the simulator refuses by name", () => {
  it.each([
    ["Resources | join (Resources) on id", "join", "The 'join' operator"],
    ["Resources | mv-apply d = properties.disks on (take 1)", "mv-apply", "The 'mv-apply' operator"],
    ["Resources | distinct type", "distinct", "The 'distinct' operator"],
    ["Resources | where name between ('a' .. 'b')", "between", "The 'between' operator"],
    ["Resources | where name matches regex 'a'", "matches", "The 'matches' operator"],
    ["Resources | extend n = 1 + 2", "+", "Arithmetic ('+')"],
    ["Resources | where t > ago(1d)", "1d", "Timespan literals"],
    ["Resources | where t > datetime(2024-01-01)", "datetime", "The 'datetime()' literal"],
    ["let x = 1; Resources", "let", "The 'let' statement"],
  ])("%s", (source, token, construct) => {
    const error = failure(source);
    expect(error).toMatchObject({ code: "UnsupportedBySimulator", token, line: 1 });
    expect(error.message).toContain(`${construct} is not supported by the simulator`);
  });

  it("names the position of the refused construct", () => {
    expect(failure("Resources\n  | mv-apply d = properties on (take 1)")).toMatchObject({
      line: 2,
      characterPositionInLine: 4,
    });
  });
});
