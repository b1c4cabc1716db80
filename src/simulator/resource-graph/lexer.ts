/**
 * KQL tokens for the simulator's Resource Graph. The lexer never fails: a character it cannot read becomes an
 * "invalid" token, so the parser reports it where it stands, and an operator the parser refuses earlier in the
 * query (`join ... $left`) is named before a stray character after it.
 */

export type TokenKind = "name" | "string" | "number" | "symbol" | "invalid" | "eof";

export interface Position {
  /** 1-based, as Resource Graph's ParserFailure details count lines. */
  line: number;
  /** 0-based (ANTLR's charPositionInLine): `where where` fails at 11, its end. */
  column: number;
  offset: number;
}

export interface Token extends Position {
  kind: TokenKind;
  /** The source text; "<EOF>" for the end, as the service names it. */
  text: string;
  /** A string literal's value (escapes resolved). */
  value?: string;
  /** Offset just after the token: hyphenated operator names (`project-away`) are joined when adjacent. */
  end: number;
}

/** Longest first, so `==` is not read as two `=`. */
const SYMBOLS = ["==", "!=", "=~", "!~", "<=", ">=", "|", "(", ")", "[", "]", ",", ".", "=", "<", ">"];
const ARITHMETIC = ["+", "-", "*", "/", "%", "!", ":", ";"];
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "0": "\0" };

export function lex(source: string): Token[] {
  const lexer = new Lexer(source);
  const tokens: Token[] = [];
  for (;;) {
    const token = lexer.next();
    tokens.push(token);
    if (token.kind === "eof") return tokens;
  }
}

class Lexer {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly source: string) {}

  next(): Token {
    this.skipSpaceAndComments();
    const start = this.position();
    const char = this.source.charAt(this.offset);
    if (char === "") return { ...start, kind: "eof", text: "<EOF>", end: this.offset };
    if (char === "'" || char === '"') return this.quoted(start, false);
    if (char === "@" && /['"]/.test(this.peek(1))) return this.quoted(start, true);
    if (DIGIT.test(char)) return this.number(start);
    if (NAME_START.test(char)) return this.name(start, "");
    if (char === "!" && NAME_START.test(this.peek(1))) {
      this.offset += 1;
      return this.name(start, "!");
    }
    return this.symbol(start);
  }

  private skipSpaceAndComments(): void {
    for (;;) {
      const char = this.source.charAt(this.offset);
      if (char === "\n") {
        this.offset += 1;
        this.line += 1;
        this.lineStart = this.offset;
      } else if (/\s/.test(char) && char !== "") {
        this.offset += 1;
      } else if (char === "/" && this.peek(1) === "/") {
        while (this.offset < this.source.length && this.source.charAt(this.offset) !== "\n") this.offset += 1;
      } else {
        return;
      }
    }
  }

  /** Names, and the word operators `in~`, `!in`, `!in~`, `!contains`, `!has`, ... as single tokens. */
  private name(start: Position, prefix: string): Token {
    let text = prefix;
    while (NAME_PART.test(this.source.charAt(this.offset))) {
      text += this.source.charAt(this.offset);
      this.offset += 1;
    }
    if ((text === "in" || text === "!in") && this.source.charAt(this.offset) === "~") {
      text += "~";
      this.offset += 1;
    }
    return { ...start, kind: "name", text, end: this.offset };
  }

  private number(start: Position): Token {
    const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.source.slice(this.offset));
    const text = match?.[0] ?? "";
    this.offset += text.length;
    return { ...start, kind: "number", text, end: this.offset };
  }

  /** 'x' and "x" with backslash escapes; @'x' and @"x" verbatim. Unterminated: an invalid token to the end. */
  private quoted(start: Position, verbatim: boolean): Token {
    if (verbatim) this.offset += 1;
    const quote = this.source.charAt(this.offset);
    this.offset += 1;
    let value = "";
    while (this.offset < this.source.length) {
      const char = this.source.charAt(this.offset);
      if (char === "\n") break;
      this.offset += 1;
      if (char === quote) {
        return {
          ...start,
          kind: "string",
          text: this.source.slice(start.offset, this.offset),
          value,
          end: this.offset,
        };
      }
      if (char === "\\" && !verbatim && this.offset < this.source.length) {
        const escaped = this.source.charAt(this.offset);
        this.offset += 1;
        value += ESCAPES[escaped] ?? escaped;
      } else {
        value += char;
      }
    }
    return {
      ...start,
      kind: "invalid",
      text: this.source.slice(start.offset, this.offset),
      end: this.offset,
    };
  }

  private symbol(start: Position): Token {
    const rest = this.source.slice(this.offset);
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    const arithmetic = symbol ? undefined : ARITHMETIC.find((candidate) => rest.startsWith(candidate));
    const text = symbol ?? arithmetic ?? this.source.charAt(this.offset);
    this.offset += text.length;
    return { ...start, kind: symbol || arithmetic ? "symbol" : "invalid", text, end: this.offset };
  }

  private peek(ahead: number): string {
    return this.source.charAt(this.offset + ahead);
  }

  private position(): Position {
    return { line: this.line, column: this.offset - this.lineStart, offset: this.offset };
  }
}
