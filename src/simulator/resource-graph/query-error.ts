/**
 * Why a query cannot run, as one entry of the service's `error.details` (after its InvalidQuery entry). The
 * codes ParserFailure (with line, characterPositionInLine and token) and UnknownFunction are the service's, as
 * its error bodies show them (e.g. `{"code":"UnknownFunction","message":"Unknown function: 'cout'."}`).
 */
import type { Position, Token } from "./lexer.js";

export interface QueryError {
  code: string;
  message: string;
  line?: number;
  characterPositionInLine?: number;
  token?: string;
}

/** Thrown inside the parser and the compiler only; their entry points turn it into a value. */
export class QueryFailure extends Error {
  constructor(readonly detail: QueryError) {
    super(detail.message);
  }
}

export function parserFailure(token: Token): QueryError {
  return {
    code: "ParserFailure",
    message: "ParserFailure",
    line: token.line,
    characterPositionInLine: token.column,
    token: token.text,
  };
}

export function unknownFunction(name: string): QueryError {
  return { code: "UnknownFunction", message: `Unknown function: '${name}'.` };
}

/**
 * ours: KQL the real service runs but the simulator does not. The shape follows the service's
 * InvalidQueryLanguage detail (line, position, token); the code and the message naming the construct are ours.
 */
export function unsupported(construct: string, token: string, at: Position): QueryError {
  return {
    code: "UnsupportedBySimulator",
    message: `${construct} is not supported by the simulator's Resource Graph (see docs/resource-graph.md).`,
    line: at.line,
    characterPositionInLine: at.column,
    token,
  };
}

/** ours: the code; the messages follow Kusto's semantic errors (unresolved names, wrong types). */
export function semanticError(message: string): QueryError {
  return { code: "SemanticError", message };
}
