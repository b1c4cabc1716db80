/** Safe navigation through parsed JSON (fleet files, request bodies): no casts spread through the code. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Follows a path of object keys; undefined as soon as a step is not an object. */
export function at(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const object = asObject(current);
    if (!object) return undefined;
    current = object[key];
  }
  return current;
}

export function stringAt(value: unknown, ...path: string[]): string | undefined {
  return asString(at(value, ...path));
}

export function objectAt(value: unknown, ...path: string[]): JsonObject | undefined {
  return asObject(at(value, ...path));
}

/** The object at `key`, created when missing, so callers can write nested properties. */
export function ensureObject(parent: JsonObject, key: string): JsonObject {
  const existing = asObject(parent[key]);
  if (existing) return existing;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

export function sameText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The object items of an array (anything else is skipped). */
export function objectsIn(value: unknown): JsonObject[] {
  return asArray(value).filter(isObject);
}
