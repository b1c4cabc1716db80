/**
 * Conversions between domain values and column values, shared by both dialects so a record reads back the
 * same from either: Date <-> epoch milliseconds, JSON <-> TEXT, absent optional field <-> NULL.
 */

import type { SqlParam } from "./sql-database.port.js";

export function millis(date: Date): number {
  const value = date.getTime();
  if (Number.isNaN(value)) throw new RangeError("Cannot store an invalid Date");
  return value;
}

export function millisOrNull(date: Date | undefined): number | null {
  return date === undefined ? null : millis(date);
}

/** Reads an epoch-milliseconds column (a string from PostgreSQL BIGINT, a number from SQLite). */
export function dateFrom(value: unknown): Date {
  if (typeof value === "number") return new Date(value);
  if (typeof value === "string" || typeof value === "bigint") return new Date(Number(value));
  throw new TypeError(`Expected epoch milliseconds, got ${typeof value}`);
}

export function optionalDateFrom(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : dateFrom(value);
}

export function textFrom(value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`Expected text, got ${typeof value}`);
  return value;
}

export function optionalTextFrom(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : textFrom(value);
}

export function textOrNull(value: string | undefined): SqlParam {
  return value ?? null;
}

/** `undefined` is stored as NULL so it reads back absent; every other value (even `null`) as JSON text. */
export function jsonOrNull(value: unknown): SqlParam {
  return value === undefined ? null : JSON.stringify(value);
}

export function jsonFrom(value: unknown): unknown {
  return value === null || value === undefined ? undefined : JSON.parse(textFrom(value));
}

/** Drops keys whose value is undefined, so optional fields read back absent rather than present-but-undefined. */
export function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** LIMIT values must be whole and non-negative; anything else is a caller bug worth surfacing. */
export function checkedLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0)
    throw new RangeError(`limit must be a whole number >= 0, got ${limit}`);
  return limit;
}
