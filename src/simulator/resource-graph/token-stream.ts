/** The parser's view of the tokens: look ahead, take, and fail at the token that does not fit. */
import type { Position, Token } from "./lexer.js";
import { parserFailure, QueryFailure, unsupported } from "./query-error.js";

export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    const last = this.tokens[this.tokens.length - 1] as Token;
    return this.tokens[this.index + ahead] ?? last;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.index += 1;
    return token;
  }

  /** True when the next token is this symbol or name (names are case-sensitive, as in KQL). */
  isText(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return (token.kind === "symbol" || token.kind === "name") && token.text === text;
  }

  take(text: string): boolean {
    if (!this.isText(text)) return false;
    this.next();
    return true;
  }

  expect(text: string): Token {
    if (!this.isText(text)) this.fail();
    return this.next();
  }

  expectName(): Token {
    if (this.peek().kind !== "name") this.fail();
    return this.next();
  }

  /**
   * A name that may be hyphenated, as tabular operators are (`project-away`, `mv-expand`): `-` and the next
   * name join only when nothing separates them.
   */
  hyphenatedName(): { text: string; token: Token } {
    const first = this.expectName();
    let text = first.text;
    let end = first.end;
    while (this.isText("-") && this.peek().offset === end && this.peek(1).kind === "name") {
      const next = this.peek(1);
      if (next.offset !== this.peek().end) break;
      this.next();
      this.next();
      text += `-${next.text}`;
      end = next.end;
    }
    return { text, token: first };
  }

  /** Throws ParserFailure at the next token (the one that does not fit). */
  fail(token: Token = this.peek()): never {
    throw new QueryFailure(parserFailure(token));
  }

  /** Throws the simulator's refusal of a construct the real service would run. */
  refuse(construct: string, text: string, at: Position): never {
    throw new QueryFailure(unsupported(construct, text, at));
  }
}
