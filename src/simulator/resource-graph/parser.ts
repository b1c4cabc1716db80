/**
 * The query: `[Table] (| operator)*`. Without a table it reads the Resources table, "the default table if a
 * table isn't defined in the query" (Resource Graph docs, "Understanding the query language"). Keywords,
 * operators and function names are case-sensitive, as in KQL; table names are resolved later (compiler.ts).
 */
import type { ColumnRef, NamedExpr, Operator, Query, SortKey } from "./ast.js";
import { parseExpression } from "./expression-parser.js";
import { lex, type Token } from "./lexer.js";
import { readMvExpand } from "./mv-expand.js";
import { type QueryError, QueryFailure } from "./query-error.js";
import { TokenStream } from "./token-stream.js";

export type ParseResult = { ok: true; query: Query } | { ok: false; error: QueryError };

const SUPPORTED = new Set(["where", "project", "project-away", "extend", "order", "sort", "take", "limit"]);
const ALSO_SUPPORTED = new Set(["summarize", "count", "mv-expand", "mvexpand"]);

/** Tabular operators of KQL (or Resource Graph) that the simulator refuses by name. */
const UNSUPPORTED = new Set([
  "join",
  "union",
  "lookup",
  "mv-apply",
  "parse",
  "parse-where",
  "parse-kv",
  "distinct",
  "top",
  "top-nested",
  "top-hitters",
  "project-rename",
  "project-keep",
  "project-reorder",
  "sample",
  "sample-distinct",
  "make-series",
  "as",
  "getschema",
  "serialize",
  "invoke",
  "evaluate",
  "render",
  "search",
  "find",
  "facet",
  "fork",
  "partition",
  "scan",
  "reduce",
  "filter",
  "range",
  "print",
  "externaldata",
  "datatable",
]);

export function parseQuery(source: string): ParseResult {
  const stream = new TokenStream(lex(source));
  try {
    return { ok: true, query: readQuery(stream) };
  } catch (error) {
    if (error instanceof QueryFailure) return { ok: false, error: error.detail };
    throw error;
  }
}

function readQuery(stream: TokenStream): Query {
  const first = stream.peek();
  if (first.kind !== "name") stream.fail(first);
  if (first.text === "let") stream.refuse("The 'let' statement", first.text, first);
  const operators: Operator[] = [];
  let table = { name: "Resources", at: first };
  if (isOperatorName(stream)) operators.push(readOperator(stream));
  else table = { name: stream.next().text, at: first };
  while (stream.take("|")) operators.push(readOperator(stream));
  if (stream.peek().kind !== "eof") stream.fail();
  return { table, operators };
}

/** Whether the query starts with an operator rather than a table (`where type =~ '...'`). */
function isOperatorName(stream: TokenStream): boolean {
  const { text } = stream.peek();
  const hyphenated = stream.isText("-", 1) && stream.peek(1).offset === stream.peek().end;
  return SUPPORTED.has(text) || ALSO_SUPPORTED.has(text) || UNSUPPORTED.has(text) || hyphenated;
}

function readOperator(stream: TokenStream): Operator {
  const { text, token } = stream.hyphenatedName();
  switch (text) {
    case "where":
      return { kind: "where", predicate: parseExpression(stream), at: token };
    case "project":
      return { kind: "project", items: namedList(stream), at: token };
    case "project-away":
      return { kind: "project-away", columns: columnList(stream), at: token };
    case "extend":
      return { kind: "extend", items: namedList(stream), at: token };
    case "order":
    case "sort":
      stream.expect("by");
      return { kind: "sort", keys: sortKeys(stream), at: token };
    case "take":
    case "limit":
      return { kind: "take", count: rowCount(stream), at: token };
    case "summarize":
      return readSummarize(stream, token);
    case "count":
      return { kind: "count", at: token };
    case "mv-expand":
    case "mvexpand":
      return readMvExpand(stream, token);
    default:
      if (UNSUPPORTED.has(text)) return stream.refuse(`The '${text}' operator`, text, token);
      return stream.fail(token);
  }
}

/** `name = expr` or `expr`, comma-separated. */
function namedList(stream: TokenStream): NamedExpr[] {
  const items: NamedExpr[] = [];
  do {
    if (stream.peek().kind === "name" && stream.isText("=", 1)) {
      const name = stream.next().text;
      stream.next();
      items.push({ name, expr: parseExpression(stream) });
    } else {
      items.push({ expr: parseExpression(stream) });
    }
  } while (stream.take(","));
  return items;
}

function columnList(stream: TokenStream): ColumnRef[] {
  const columns: ColumnRef[] = [];
  do {
    const name = stream.expectName();
    columns.push({ kind: "column", name: name.text, at: name });
  } while (stream.take(","));
  return columns;
}

/** KQL sorts descending unless told `asc`; nulls come first ascending and last descending by default. */
function sortKeys(stream: TokenStream): SortKey[] {
  const keys: SortKey[] = [];
  do {
    const expr = parseExpression(stream);
    let descending = true;
    if (stream.take("asc")) descending = false;
    else stream.take("desc");
    let nullsFirst = !descending;
    if (stream.take("nulls")) {
      if (stream.take("first")) nullsFirst = true;
      else if (stream.take("last")) nullsFirst = false;
      else stream.fail();
    }
    keys.push({ expr, descending, nullsFirst });
  } while (stream.take(","));
  return keys;
}

function rowCount(stream: TokenStream): number {
  const token = stream.peek();
  if (token.kind !== "number" || !/^\d+$/.test(token.text)) stream.fail(token);
  stream.next();
  return Number(token.text);
}

/** `summarize [aggregates] [by groups]`: aggregates are checked by the compiler (only count() runs). */
function readSummarize(stream: TokenStream, at: Token): Operator {
  const aggregates = stream.isText("by") ? [] : namedList(stream);
  const by = stream.take("by") ? namedList(stream) : [];
  if (aggregates.length === 0 && by.length === 0) stream.fail();
  return { kind: "summarize", aggregates, by, at };
}
