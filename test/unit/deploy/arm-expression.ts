/**
 * The ARM template expression language, as far as the tests need it: a tokenizer and a parser into a small
 * syntax tree (function calls, string and number literals, `.property` and `[index]` access). A value is an
 * expression when it is a string in square brackets; `[[` escapes a literal bracket.
 */

export type Expr =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "call"; name: string; args: Expr[] }
  | { kind: "property"; target: Expr; name: string }
  | { kind: "index"; target: Expr; index: Expr };

type Token =
  | { kind: "punct"; text: "(" | ")" | "," | "." | "[" | "]"; at: number }
  | { kind: "string"; text: string; at: number }
  | { kind: "number"; text: string; at: number }
  | { kind: "name"; text: string; at: number };

export function isExpression(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("[") && value.endsWith("]") && !value.startsWith("[[");
}

/** Parses `[ ... ]` (with the brackets). Throws with the position on anything the grammar does not allow. */
export function parseExpression(text: string): Expr {
  if (!isExpression(text)) throw new Error(`not an ARM expression: ${text}`);
  const parser = new Parser(tokenize(text.slice(1, -1)), text);
  const expr = parser.expression();
  parser.end();
  return expr;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at] ?? "";
    if (/\s/.test(char)) {
      at += 1;
    } else if ("(),.[]".includes(char)) {
      tokens.push({ kind: "punct", text: char as "(", at });
      at += 1;
    } else if (char === "'") {
      const [text, next] = readString(source, at);
      tokens.push({ kind: "string", text, at });
      at = next;
    } else {
      const match = /^(-?\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(at));
      if (!match?.[1]) throw new Error(`unexpected "${char}" at ${at} in [${source}]`);
      tokens.push({ kind: /^-?\d/.test(match[1]) ? "number" : "name", text: match[1], at });
      at += match[1].length;
    }
  }
  return tokens;
}

/** A single-quoted string; two quotes stand for one. Returns the text and the index after the closing quote. */
function readString(source: string, start: number): [string, number] {
  let text = "";
  let at = start + 1;
  while (at < source.length) {
    const char = source[at];
    if (char === "'" && source[at + 1] === "'") {
      text += "'";
      at += 2;
    } else if (char === "'") {
      return [text, at + 1];
    } else {
      text += char;
      at += 1;
    }
  }
  throw new Error(`unterminated string at ${start} in [${source}]`);
}

class Parser {
  private at = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  expression(): Expr {
    let expr = this.primary();
    for (;;) {
      if (this.accept(".")) {
        const name = this.next();
        if (name.kind !== "name") this.fail("a property name after '.'", name);
        expr = { kind: "property", target: expr, name: name.text };
      } else if (this.accept("[")) {
        expr = { kind: "index", target: expr, index: this.expression() };
        this.expect("]");
      } else {
        return expr;
      }
    }
  }

  end(): void {
    const extra = this.tokens[this.at];
    if (extra) this.fail("the end of the expression", extra);
  }

  private primary(): Expr {
    const token = this.next();
    if (token.kind === "string") return { kind: "string", value: token.text };
    if (token.kind === "number") return { kind: "number", value: Number(token.text) };
    if (token.kind !== "name") this.fail("a function call or a literal", token);
    this.expect("(");
    const args: Expr[] = [];
    if (!this.accept(")")) {
      do args.push(this.expression());
      while (this.accept(","));
      this.expect(")");
    }
    return { kind: "call", name: token.text, args };
  }

  private next(): Token {
    const token = this.tokens[this.at];
    if (!token) throw new Error(`unexpected end of ${this.source}`);
    this.at += 1;
    return token;
  }

  private accept(text: string): boolean {
    const token = this.tokens[this.at];
    if (token?.kind !== "punct" || token.text !== text) return false;
    this.at += 1;
    return true;
  }

  private expect(text: string): void {
    if (!this.accept(text)) this.fail(`"${text}"`, this.tokens[this.at]);
  }

  private fail(wanted: string, token: Token | undefined): never {
    const found = token ? `"${token.text}" at ${token.at}` : "the end";
    throw new Error(`expected ${wanted}, found ${found} in ${this.source}`);
  }
}

/** Every function call in the tree, outermost first. */
export function callsIn(expr: Expr): Array<Extract<Expr, { kind: "call" }>> {
  switch (expr.kind) {
    case "call":
      return [expr, ...expr.args.flatMap(callsIn)];
    case "property":
      return callsIn(expr.target);
    case "index":
      return [...callsIn(expr.target), ...callsIn(expr.index)];
    default:
      return [];
  }
}

/** The literal first argument of a call (`parameters('x')` -> "x"), if it is one. */
export function literalArg(call: Extract<Expr, { kind: "call" }>, index = 0): string | undefined {
  const arg = call.args[index];
  return arg?.kind === "string" ? arg.value : undefined;
}

/** Every string in a JSON value, object keys included, with the path to it. */
export function stringsIn(value: unknown, path = "$"): Array<{ path: string; text: string }> {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, `${path}[${index}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => [
      { path: `${path}{key}`, text: key },
      ...stringsIn(item, `${path}.${key}`),
    ]);
  }
  return [];
}
