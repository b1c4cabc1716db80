/**
 * Scalar expressions, by precedence: `or` < `and` < one comparison (KQL comparisons do not chain) < member
 * access (`a.b`, `a['b']`, `a[0]`) < literals, names, calls and parentheses.
 */
import type { ColumnRef, Expr, InList } from "./ast.js";
import type { Token } from "./lexer.js";
import type { TokenStream } from "./token-stream.js";

/** The comparison operators the evaluator knows (compare.ts); `_cs` is the case-sensitive form. */
export const COMPARISONS: ReadonlySet<string> = new Set([
  "==",
  "!=",
  "=~",
  "!~",
  "<",
  "<=",
  ">",
  ">=",
  ...["contains", "has", "startswith", "endswith"].flatMap((word) => [
    word,
    `!${word}`,
    `${word}_cs`,
    `!${word}_cs`,
  ]),
]);

const IN_OPERATORS: ReadonlySet<string> = new Set(["in", "in~", "!in", "!in~"]);

/** Real KQL binary operators the simulator does not evaluate. */
const UNSUPPORTED_OPERATORS: ReadonlySet<string> = new Set([
  "matches",
  "between",
  "!between",
  "has_any",
  "has_all",
  "hasprefix",
  "!hasprefix",
  "hasprefix_cs",
  "!hasprefix_cs",
  "hassuffix",
  "!hassuffix",
  "hassuffix_cs",
  "!hassuffix_cs",
]);

const ARITHMETIC: ReadonlySet<string> = new Set(["+", "-", "*", "/", "%"]);

/** Functions that build typed literals (`datetime(2024-01-01)`): their arguments are no expressions. */
const LITERAL_FUNCTIONS: ReadonlySet<string> = new Set(["datetime", "timespan", "dynamic", "guid", "time"]);

export function parseExpression(stream: TokenStream): Expr {
  let left = parseAnd(stream);
  while (stream.isText("or")) {
    const at = stream.next();
    left = { kind: "logical", op: "or", left, right: parseAnd(stream), at };
  }
  return left;
}

function parseAnd(stream: TokenStream): Expr {
  let left = parseComparison(stream);
  while (stream.isText("and")) {
    const at = stream.next();
    left = { kind: "logical", op: "and", left, right: parseComparison(stream), at };
  }
  return left;
}

function parseComparison(stream: TokenStream): Expr {
  const left = parseOperand(stream);
  const token = stream.peek();
  if (token.kind !== "symbol" && token.kind !== "name") return left;
  if (COMPARISONS.has(token.text)) {
    stream.next();
    return { kind: "comparison", op: token.text, left, right: parseOperand(stream), at: token };
  }
  if (IN_OPERATORS.has(token.text)) return parseIn(stream, left);
  if (UNSUPPORTED_OPERATORS.has(token.text)) stream.refuse(`The '${token.text}' operator`, token.text, token);
  return left;
}

function parseIn(stream: TokenStream, left: Expr): InList {
  const at = stream.next();
  stream.expect("(");
  const items: Expr[] = [];
  if (!stream.isText(")")) {
    do items.push(parseExpression(stream));
    while (stream.take(","));
  }
  stream.expect(")");
  return { kind: "in", op: at.text as InList["op"], left, items, at };
}

/** A primary with its member steps; arithmetic after it is refused by name rather than as a syntax error. */
function parseOperand(stream: TokenStream): Expr {
  let expr = parsePrimary(stream);
  for (;;) {
    if (stream.take(".")) {
      const name = stream.expectName();
      expr = { kind: "member", target: expr, key: name.text, at: name };
    } else if (stream.isText("[")) {
      const at = stream.next();
      const key = stream.next();
      if (key.kind === "string") expr = { kind: "member", target: expr, key: key.value ?? "", at };
      else if (key.kind === "number" && /^\d+$/.test(key.text))
        expr = { kind: "member", target: expr, key: Number(key.text), at };
      else stream.fail(key);
      stream.expect("]");
    } else {
      break;
    }
  }
  const after = stream.peek();
  if (after.kind === "symbol" && ARITHMETIC.has(after.text)) {
    stream.refuse(`Arithmetic ('${after.text}')`, after.text, after);
  }
  return expr;
}

function parsePrimary(stream: TokenStream): Expr {
  const token = stream.peek();
  if (token.kind === "string") {
    stream.next();
    return { kind: "literal", value: token.value ?? "", type: "string", at: token };
  }
  if (token.kind === "number") return parseNumber(stream, 1);
  if (token.kind === "symbol" && token.text === "-" && stream.peek(1).kind === "number") {
    stream.next();
    return parseNumber(stream, -1);
  }
  if (token.kind === "symbol" && token.text === "(") {
    stream.next();
    const inner = parseExpression(stream);
    stream.expect(")");
    return inner;
  }
  if (token.kind === "name") return parseNamed(stream);
  return stream.fail(token);
}

function parseNumber(stream: TokenStream, sign: number): Expr {
  const token = stream.next();
  const following = stream.peek();
  if (following.kind === "name" && following.offset === token.end) {
    // `1h`, `5d`: Kusto's timespan literals.
    stream.refuse("Timespan literals", `${token.text}${following.text}`, token);
  }
  const integer = /^\d+$/.test(token.text);
  return { kind: "literal", value: sign * Number(token.text), type: integer ? "long" : "real", at: token };
}

/**
 * Keywords cannot be column names. The service fails `where where` at `<EOF>` (line 1, position 11): the
 * second keyword starts a construct that the next token does not continue, so that token is reported.
 */
const RESERVED: ReadonlySet<string> = new Set([
  "where",
  "project",
  "extend",
  "summarize",
  "order",
  "sort",
  "take",
  "limit",
  "join",
  "union",
  "by",
  "and",
  "or",
]);

/** `true`, `false`, a call `f(...)` or a column. */
function parseNamed(stream: TokenStream): Expr {
  const token = stream.next();
  if (RESERVED.has(token.text)) stream.fail();
  if (token.text === "true" || token.text === "false") {
    return { kind: "literal", value: token.text === "true", type: "bool", at: token };
  }
  if (!stream.isText("(")) return { kind: "column", name: token.text, at: token } satisfies ColumnRef;
  if (LITERAL_FUNCTIONS.has(token.text)) stream.refuse(`The '${token.text}()' literal`, token.text, token);
  return parseCall(stream, token);
}

function parseCall(stream: TokenStream, name: Token): Expr {
  stream.expect("(");
  const args: Expr[] = [];
  if (!stream.isText(")")) {
    do args.push(parseExpression(stream));
    while (stream.take(","));
  }
  stream.expect(")");
  return { kind: "call", name: name.text, args, at: name };
}
