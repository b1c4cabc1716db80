/**
 * Reads the body of PUT /faults into a FaultUpdate. Every problem names the field, so a person typing curl
 * sees what to fix; unknown fields are refused rather than silently ignored.
 */
import {
  type FaultStatus,
  type FaultUpdate,
  FREEZE_SCOPES,
  type FreezeScope,
  MAX_LATENCY_MS,
  type ShareFaultUpdate,
} from "../faults.js";

export type ParsedFaultUpdate = { ok: true; update: FaultUpdate } | { ok: false; message: string };

type Fields = Record<string, unknown>;

class FieldError extends Error {}

const TOP_FIELDS = ["failCreations", "reads", "writes", "freeze", "latencyMs"];

export function parseFaultUpdate(body: unknown): ParsedFaultUpdate {
  try {
    return { ok: true, update: readUpdate(body) };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, message: error.message };
    throw error;
  }
}

function readUpdate(body: unknown): FaultUpdate {
  if (!isFields(body)) {
    throw new FieldError(`the body must be a JSON object such as {"freeze":"all"} (got ${describe(body)})`);
  }
  if ("held" in body) throw new FieldError("held is read only: it counts the requests a freeze holds");
  onlyFields(body, TOP_FIELDS, "the body");
  const update: FaultUpdate = {};
  if (body.failCreations !== undefined) update.failCreations = readCreations(body.failCreations);
  if (body.reads !== undefined) update.reads = readShare(body.reads, "reads");
  if (body.writes !== undefined) update.writes = readShare(body.writes, "writes");
  if (body.freeze !== undefined) update.freeze = readFreeze(body.freeze);
  if (body.latencyMs !== undefined)
    update.latencyMs = wholeNumber(body.latencyMs, "latencyMs", MAX_LATENCY_MS);
  return update;
}

function readCreations(value: unknown): NonNullable<FaultUpdate["failCreations"]> {
  const fields = object(value, "failCreations", '{"count":1,"code":"VMRestorePointInternalError"}');
  onlyFields(fields, ["count", "code", "message"], "failCreations");
  if (fields.count === undefined) throw new FieldError("failCreations.count is missing");
  const count = wholeNumber(fields.count, "failCreations.count");
  const code = optionalText(fields.code, "failCreations.code");
  const message = optionalText(fields.message, "failCreations.message");
  return { count, ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
}

function readShare(value: unknown, name: string): ShareFaultUpdate {
  const fields = object(value, name, '{"share":0.5,"status":429,"retryAfterSeconds":30}');
  onlyFields(fields, ["share", "status", "retryAfterSeconds"], name);
  const { share, status, retryAfterSeconds } = fields;
  if (typeof share !== "number" || !Number.isFinite(share) || share < 0 || share > 1) {
    throw new FieldError(`${name}.share must be a number from 0 to 1 (got ${describe(share)})`);
  }
  if (status !== undefined && status !== 429 && status !== 500) {
    throw new FieldError(`${name}.status must be 429 or 500 (got ${describe(status)})`);
  }
  const update: ShareFaultUpdate = { share, status: (status as FaultStatus | undefined) ?? 429 };
  if (retryAfterSeconds === undefined) return update;
  if (update.status === 500) throw new FieldError(`${name}.retryAfterSeconds applies only to status 429`);
  return { ...update, retryAfterSeconds: wholeNumber(retryAfterSeconds, `${name}.retryAfterSeconds`) };
}

function readFreeze(value: unknown): FreezeScope {
  if (typeof value === "string" && (FREEZE_SCOPES as readonly string[]).includes(value)) {
    return value as FreezeScope;
  }
  throw new FieldError(`freeze must be one of ${FREEZE_SCOPES.join(", ")} (got ${describe(value)})`);
}

function object(value: unknown, name: string, example: string): Fields {
  if (!isFields(value)) throw new FieldError(`${name} must be an object such as ${example}`);
  return value;
}

function onlyFields(fields: Fields, known: readonly string[], where: string): void {
  const unknown = Object.keys(fields).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new FieldError(`unknown field "${unknown}" in ${where}; the fields are ${known.join(", ")}`);
  }
}

function wholeNumber(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new FieldError(`${name} must be a whole number from 0 to ${max} (got ${describe(value)})`);
  }
  return value;
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new FieldError(`${name} must be a non-empty string (got ${describe(value)})`);
  }
  return value;
}

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
