/**
 * Maps every failure a command can meet to the CLI's error contract (docs/cli.md): a stable JSON code, an exit code and
 * one line. Our own errors are mapped by their code, from one table; anything else is a surprise (a bug), and
 * says so instead of posing as an ARM failure.
 */
import { BotError, type ErrorCode, errorCodeOf } from "../errors.js";

export type CliErrorCode =
  | "vm-not-found"
  | "vm-ambiguous"
  | "arm-error"
  | "config-error"
  | "bad-input"
  | "internal-error";

export interface CliFailure {
  code: CliErrorCode;
  message: string;
  candidates?: string[];
}

export interface CliContract {
  code: CliErrorCode;
  exitCode: 1 | 2;
}

/** 1: an error the person can act on. 2: the bot's own fault. */
const ACTIONABLE = 1;
const SURPRISE: CliContract = { code: "internal-error", exitCode: 2 };

/** The CLI contract of each of our error codes. */
export const CLI_CONTRACT: Readonly<Record<ErrorCode, CliContract>> = {
  "bad-input": { code: "bad-input", exitCode: ACTIONABLE },
  "config-error": { code: "config-error", exitCode: ACTIONABLE },
  // A database that cannot be opened is fixed in the configuration (DATABASE_URL, RPBOT_DB).
  "store-error": { code: "config-error", exitCode: ACTIONABLE },
  "arm-error": { code: "arm-error", exitCode: ACTIONABLE },
  "vm-not-found": { code: "vm-not-found", exitCode: ACTIONABLE },
  "vm-ambiguous": { code: "vm-ambiguous", exitCode: ACTIONABLE },
  // No command authenticates a caller: meeting this here is a bug.
  unauthenticated: SURPRISE,
};

export class CliUsageError extends BotError {
  readonly code = "bad-input";
}

export interface DescribedFailure {
  failure: CliFailure;
  exitCode: number;
}

/** `debug`: the stack trace is printed after the line, so the line need not say how to get it. */
export function describeFailure(error: unknown, options: { debug?: boolean } = {}): DescribedFailure {
  const code = errorCodeOf(error);
  const contract = code === undefined ? SURPRISE : CLI_CONTRACT[code];
  // Our messages are one line already, and a ConfigError must keep naming every problem.
  const message = contract === SURPRISE ? surpriseMessage(error, options.debug === true) : messageOf(error);
  return { failure: { code: contract.code, message }, exitCode: contract.exitCode };
}

function surpriseMessage(error: unknown, debug: boolean): string {
  const hint = debug ? "" : " (rerun with RPBOT_LOG_LEVEL=debug for the stack trace)";
  return `Unexpected failure: ${firstLine(messageOf(error))}${hint}`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** The contract is one line on stderr; the rest of a surprise's message is for the debug log. */
function firstLine(text: string): string {
  const line = text.split("\n")[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
