/**
 * Reads untrusted JSON (a stored column) into typed values field by field, so a wrong shape is reported with
 * the path to the field at fault ("plans[0].captureDisks[1].name is missing, expected text") instead of
 * being cast. Every reader returns a fresh value holding only the fields it read.
 */

export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path} ${problem}`);
    this.name = "ShapeError";
  }
}

export type Fields = Readonly<Record<string, unknown>>;

/** What a value is, in the words an error message uses. */
function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}

function wrong(path: string, value: unknown, expected: string): ShapeError {
  const found = kindOf(value);
  return new ShapeError(
    path,
    found === "missing" ? `is missing, expected ${expected}` : `is ${found}, expected ${expected}`,
  );
}

export function fieldsAt(value: unknown, path: string): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw wrong(path, value, "an object");
  return value as Fields;
}

export function textAt(fields: Fields, key: string, path: string): string {
  const value = fields[key];
  if (typeof value !== "string") throw wrong(`${path}.${key}`, value, "text");
  return value;
}

export function optionalTextAt(fields: Fields, key: string, path: string): string | undefined {
  return fields[key] === undefined ? undefined : textAt(fields, key, path);
}

export function textOrNullAt(fields: Fields, key: string, path: string): string | null {
  return fields[key] === null ? null : textAt(fields, key, path);
}

export function booleanAt(fields: Fields, key: string, path: string): boolean {
  const value = fields[key];
  if (typeof value !== "boolean") throw wrong(`${path}.${key}`, value, "true or false");
  return value;
}

/** A whole number >= 0 (counts, durations in milliseconds). */
export function wholeNumberAt(fields: Fields, key: string, path: string): number {
  const value = fields[key];
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === "number")
    throw new ShapeError(`${path}.${key}`, `is ${value}, expected a whole number >= 0`);
  throw wrong(`${path}.${key}`, value, "a whole number >= 0");
}

export function literalAt<T extends string | boolean>(
  fields: Fields,
  key: string,
  path: string,
  literal: T,
): T {
  if (fields[key] !== literal) throw wrong(`${path}.${key}`, fields[key], JSON.stringify(literal));
  return literal;
}

/** `expected` describes the allowed values when listing them all would drown the message. */
export function oneOfAt<T extends string>(
  fields: Fields,
  key: string,
  path: string,
  allowed: readonly T[],
  expected = `one of ${allowed.join(", ")}`,
): T {
  const value = fields[key];
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  if (typeof value === "string")
    throw new ShapeError(`${path}.${key}`, `is "${value}", expected ${expected}`);
  throw wrong(`${path}.${key}`, value, expected);
}

export function listOf<T>(value: unknown, path: string, item: (entry: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw wrong(path, value, "a list");
  return value.map((entry, index) => item(entry, `${path}[${index}]`));
}

export function listAt<T>(
  fields: Fields,
  key: string,
  path: string,
  item: (entry: unknown, path: string) => T,
): T[] {
  return listOf(fields[key], `${path}.${key}`, item);
}

export function textItem(entry: unknown, path: string): string {
  if (typeof entry !== "string") throw wrong(path, entry, "text");
  return entry;
}

/** A JSON column's text, parsed; `fail` words what is wrong with it (not text, not JSON) as the caller's error. */
export function parseJsonText(stored: unknown, fail: (problem: string) => Error): unknown {
  if (typeof stored !== "string")
    throw fail(
      stored === null || stored === undefined
        ? "is missing (the column is NULL)."
        : `is ${typeof stored}, expected JSON text.`,
    );
  try {
    return JSON.parse(stored);
  } catch (error) {
    throw fail(`is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}
