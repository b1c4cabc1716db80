/**
 * The bot's own errors: each carries a stable `code` that callers branch on (the CLI's exit codes and JSON,
 * the chat's wording, HTTP statuses) instead of matching message text, and optionally the `cause` it wraps.
 * Anything thrown that is not a BotError is a surprise (a bug, or a library failing in a way nobody
 * translated). Messages are one line a person can act on, and never hold a secret; `cause` may hold the
 * library's error and is for debug logs only.
 */

/** Every code a BotError can carry. Adding one makes the compiler ask for it wherever codes are mapped. */
export const ERROR_CODES = [
  /** The person or script asked for something malformed (command line, VM reference). */
  "bad-input",
  /** The configuration (environment, policy file, fleet file) is not usable. */
  "config-error",
  /** The durable store could not be opened or prepared. */
  "store-error",
  /** Azure Resource Manager failed or refused (ArmError: see its `kind`). */
  "arm-error",
  /** No VM matches what was asked for. */
  "vm-not-found",
  /** More than one VM matches what was asked for. */
  "vm-ambiguous",
  /** A caller's credentials (a Teams token) were refused. */
  "unauthenticated",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class BotError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    // An absent cause stays absent (not an own `cause: undefined`), as with a plain Error.
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}

/** The code of one of our errors; undefined for anything else (which is then a surprise). */
export function errorCodeOf(error: unknown): ErrorCode | undefined {
  return isBotError(error) ? error.code : undefined;
}
