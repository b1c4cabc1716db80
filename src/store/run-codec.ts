/**
 * The one place a run's body (run-store.port.ts) is encoded and decoded. The body column holds JSON text
 * tagged with its schemaVersion and kind; a body of another shape, of a kind other than the row's, or of a
 * version newer than this release knows is a StoredRunError naming the run: reading on with a guessed shape
 * could delete the wrong restore point.
 */

import { CONSISTENCY_MODES } from "../core/facts.js";
import type { SetTargetQuery } from "../core/set-target.js";
import { restorePointPlanFrom, vmRefFrom } from "./plan-codec.js";
import {
  type DeleteRunBody,
  type DeleteTarget,
  type ProtectMember,
  type ProtectRunBody,
  RUN_SCHEMA_VERSION,
  type RunBody,
  type RunKind,
} from "./run-store.port.js";
import {
  booleanAt,
  type Fields,
  fieldsAt,
  listAt,
  oneOfAt,
  optionalTextAt,
  parseJsonText,
  ShapeError,
  textAt,
  textItem,
  wholeNumberAt,
} from "./shape-reader.js";
import { withoutUndefined } from "./sql/sql-codec.js";
import { StoreError } from "./store-error.js";

/** A stored run body that this release cannot read (or a body that it refuses to store). */
export class StoredRunError extends StoreError {
  constructor(
    readonly runId: string,
    problem: string,
  ) {
    super(`The stored body of run "${runId}" ${problem}`);
    this.name = "StoredRunError";
  }
}

const RUN_KINDS: readonly RunKind[] = ["protect", "delete"];

/** Rebuilds the body through its decoder, so what is stored is exactly what will read back. */
export function encodeRunBody(runId: string, kind: RunKind, body: RunBody): string {
  try {
    return JSON.stringify(bodyOfKind(kind, fieldsAt(body, "body")));
  } catch (error) {
    if (error instanceof ShapeError) throw new StoredRunError(runId, `cannot be stored: ${error.message}.`);
    throw error;
  }
}

/** `kind`: the row's kind column, which the body must agree with. */
export function decodeRunBody(runId: string, kind: RunKind, stored: unknown): RunBody {
  const fail = (problem: string): StoredRunError => new StoredRunError(runId, problem);
  const parsed = parseJsonText(stored, fail);
  try {
    const fields = fieldsAt(parsed, "body");
    const version = fields.schemaVersion;
    if (typeof version === "number" && Number.isSafeInteger(version) && version > RUN_SCHEMA_VERSION) {
      throw fail(
        `was written by a newer release (run schema version ${version}; this release reads up to ${RUN_SCHEMA_VERSION}).`,
      );
    }
    return bodyOfKind(kind, fields);
  } catch (error) {
    if (error instanceof ShapeError) throw fail(`cannot be read: ${error.message}.`);
    throw error;
  }
}

function bodyOfKind(kind: RunKind, fields: Fields): RunBody {
  const version = fields.schemaVersion;
  if (version !== RUN_SCHEMA_VERSION) {
    const found = version === undefined ? "is missing" : `is ${JSON.stringify(version)}`;
    throw new ShapeError("body.schemaVersion", `${found}, expected ${RUN_SCHEMA_VERSION}`);
  }
  const bodyKind = oneOfAt(fields, "kind", "body", RUN_KINDS);
  if (bodyKind !== kind) throw new ShapeError("body.kind", `is "${bodyKind}", but the run is a ${kind} run`);
  return bodyKind === "protect" ? protectBodyFrom(fields) : deleteBodyFrom(fields);
}

function protectBodyFrom(fields: Fields): ProtectRunBody {
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "protect",
    target: setTargetFrom(fields.target, "body.target"),
    foundAs: textAt(fields, "foundAs", "body"),
    assessWindow: booleanAt(fields, "assessWindow", "body"),
    mode: oneOfAt(fields, "mode", "body", CONSISTENCY_MODES),
    windowMs: wholeNumberAt(fields, "windowMs", "body"),
    members: listAt(fields, "members", "body", memberFrom),
  };
}

const LEFT_OUT_CODES = ["not-allowed", "blocked", "error"] as const;

/** A member with a plan is to be created; one without is left out, and must say why. */
function memberFrom(value: unknown, path: string): ProtectMember {
  const fields = fieldsAt(value, path);
  const vm = vmRefFrom(fields.vm, `${path}.vm`);
  if (fields.plan !== undefined) return { vm, plan: restorePointPlanFrom(fields.plan, `${path}.plan`) };
  const leftOut = fieldsAt(fields.leftOut, `${path}.leftOut`);
  return {
    vm,
    leftOut: {
      reason: textAt(leftOut, "reason", `${path}.leftOut`),
      code: oneOfAt(leftOut, "code", `${path}.leftOut`, LEFT_OUT_CODES),
    },
  };
}

const SET_TARGET_KINDS: readonly SetTargetQuery["kind"][] = [
  "availability-set",
  "scale-set",
  "resource-group",
  "tag",
  "named",
];

function setTargetFrom(value: unknown, path: string): SetTargetQuery {
  const fields = fieldsAt(value, path);
  const kind = oneOfAt(fields, "kind", path, SET_TARGET_KINDS);
  switch (kind) {
    case "resource-group":
      return withoutUndefined<SetTargetQuery>({
        kind,
        name: textAt(fields, "name", path),
        subscriptionId: optionalTextAt(fields, "subscriptionId", path),
      });
    case "tag":
      return { kind, key: textAt(fields, "key", path), value: textAt(fields, "value", path) };
    default:
      return withoutUndefined<SetTargetQuery>({
        kind,
        name: textAt(fields, "name", path),
        resourceGroup: optionalTextAt(fields, "resourceGroup", path),
      });
  }
}

const ASKED: readonly DeleteRunBody["asked"][] = ["delete", "prune", "clean-up"];

function deleteBodyFrom(fields: Fields): DeleteRunBody {
  return withoutUndefined<DeleteRunBody>({
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "delete",
    asked: oneOfAt(fields, "asked", "body", ASKED),
    vm: fields.vm === undefined ? undefined : vmRefFrom(fields.vm, "body.vm"),
    scopeId: optionalTextAt(fields, "scopeId", "body"),
    targets: listAt(fields, "targets", "body", deleteTargetFrom),
    notes: listAt(fields, "notes", "body", textItem),
  });
}

const TARGET_KINDS: readonly DeleteTarget["kind"][] = ["restore-point", "collection"];

function deleteTargetFrom(value: unknown, path: string): DeleteTarget {
  const fields = fieldsAt(value, path);
  return withoutUndefined<DeleteTarget>({
    kind: oneOfAt(fields, "kind", path, TARGET_KINDS),
    id: textAt(fields, "id", path),
    name: textAt(fields, "name", path),
    subscriptionId: textAt(fields, "subscriptionId", path),
    resourceGroup: textAt(fields, "resourceGroup", path),
    collectionName: textAt(fields, "collectionName", path),
    mode: fields.mode === undefined ? undefined : oneOfAt(fields, "mode", path, CONSISTENCY_MODES),
    timeCreated: optionalTextAt(fields, "timeCreated", path),
  });
}
