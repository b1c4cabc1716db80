/**
 * The one place stored plans are encoded and decoded. A plan column holds JSON text tagged with its
 * schemaVersion; rows written before versions existed (release 0.1) are read in their old shapes:
 * - a confirmation's plan was `{ vm: VmRef, plans: RestorePointPlan[] }`;
 * - a job's plan was `{ ...RestorePointPlan, resourceGroup }` (the resource group is a column since
 *   migration 2, so it is not part of JobPlan).
 * Anything else, or a version newer than this release knows, is a StoredPlanError naming the row: reading
 * on with a guessed shape could create the wrong restore point.
 */

import { CONSISTENCY_MODES } from "../core/facts.js";
import type { RestorePointPlan } from "../core/plan.js";
import {
  ADVISORY_CODES,
  BLOCKER_CODES,
  EXCLUSION_CODES,
  SUPPORTED_SCENARIO_CODES,
} from "../core/rule-codes.js";
import type { ExcludedDisk } from "../core/verdict.js";
import type { VmRef } from "../core/vm-ref.js";
import {
  booleanAt,
  type Fields,
  fieldsAt,
  listAt,
  literalAt,
  oneOfAt,
  optionalTextAt,
  parseJsonText,
  ShapeError,
  textAt,
  textOrNullAt,
} from "./shape-reader.js";
import { withoutUndefined } from "./sql/sql-codec.js";
import { type ConfirmationPlan, type JobPlan, PLAN_SCHEMA_VERSION } from "./store.port.js";
import { StoreError } from "./store-error.js";

export type PlanOwner = "confirmation" | "job";

/** A stored plan that this release cannot read (or a plan that it refuses to store). */
export class StoredPlanError extends StoreError {
  constructor(
    readonly owner: PlanOwner,
    readonly rowId: string,
    problem: string,
  ) {
    super(`The stored plan of ${owner} "${rowId}" ${problem}`);
    this.name = "StoredPlanError";
  }
}

export function encodeConfirmationPlan(rowId: string, plan: ConfirmationPlan): string {
  return encode("confirmation", rowId, () => confirmationPlanV1(fieldsAt(plan, "plan")));
}

export function decodeConfirmationPlan(rowId: string, stored: unknown): ConfirmationPlan {
  return decode("confirmation", rowId, stored, confirmationPlanV1, confirmationPlanV1);
}

export function encodeJobPlan(rowId: string, plan: JobPlan): string {
  return encode("job", rowId, () => jobPlanV1(fieldsAt(plan, "plan")));
}

export function decodeJobPlan(rowId: string, stored: unknown): JobPlan {
  return decode("job", rowId, stored, jobPlanV1, legacyJobPlan);
}

/** Rebuilds the plan through its decoder, so what is stored is exactly what will read back. */
function encode<T>(owner: PlanOwner, rowId: string, canonical: () => T): string {
  try {
    return JSON.stringify(canonical());
  } catch (error) {
    if (error instanceof ShapeError)
      throw new StoredPlanError(owner, rowId, `cannot be stored: ${error.message}.`);
    throw error;
  }
}

function decode<T>(
  owner: PlanOwner,
  rowId: string,
  stored: unknown,
  current: (fields: Fields) => T,
  unversioned: (fields: Fields) => T,
): T {
  const fail = (problem: string): StoredPlanError => new StoredPlanError(owner, rowId, problem);
  const parsed = parseJsonText(stored, fail);
  try {
    const fields = fieldsAt(parsed, "plan");
    if (fields.schemaVersion === undefined) return unversioned(fields);
    const version = fields.schemaVersion;
    if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 1) {
      throw new ShapeError(
        "plan.schemaVersion",
        `is ${JSON.stringify(version)}, expected a whole number >= 1`,
      );
    }
    if (version > PLAN_SCHEMA_VERSION) {
      throw fail(
        `was written by a newer release (plan schema version ${version}; this release reads up to ${PLAN_SCHEMA_VERSION}).`,
      );
    }
    return current(fields);
  } catch (error) {
    if (error instanceof ShapeError) throw fail(`cannot be read: ${error.message}.`);
    throw error;
  }
}

/** Version 1 and the unversioned confirmation plan share one shape; only the tag differs. */
function confirmationPlanV1(fields: Fields): ConfirmationPlan {
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    vm: vmRefFrom(fields.vm, "plan.vm"),
    plans: listAt(fields, "plans", "plan", restorePointPlanFrom),
  };
}

function jobPlanV1(fields: Fields): JobPlan {
  const plan = restorePointPlanFrom(fields.plan, "plan.plan");
  // Optional within version 1: added with the job state machine, absent from earlier rows.
  if (fields.vm === undefined) return { schemaVersion: PLAN_SCHEMA_VERSION, plan };
  return { schemaVersion: PLAN_SCHEMA_VERSION, plan, vm: vmRefFrom(fields.vm, "plan.vm") };
}

/** Release 0.1 spread the RestorePointPlan into the top level and added resourceGroup (now a column). */
function legacyJobPlan(fields: Fields): JobPlan {
  return { schemaVersion: PLAN_SCHEMA_VERSION, plan: restorePointPlanFrom(fields, "plan") };
}

const VM_TYPES: readonly VmRef["type"][] = ["virtualMachine", "scaleSetInstance"];

/** Also read by the run codec (run-codec.ts): a run's members and VM are the same shapes. */
export function vmRefFrom(value: unknown, path: string): VmRef {
  const fields = fieldsAt(value, path);
  return withoutUndefined<VmRef>({
    id: textAt(fields, "id", path),
    name: textAt(fields, "name", path),
    resourceGroup: textAt(fields, "resourceGroup", path),
    subscriptionId: textAt(fields, "subscriptionId", path),
    location: textAt(fields, "location", path),
    type: oneOfAt(fields, "type", path, VM_TYPES),
    scaleSetName: optionalTextAt(fields, "scaleSetName", path),
    instanceId: optionalTextAt(fields, "instanceId", path),
  });
}

export function restorePointPlanFrom(value: unknown, path: string): RestorePointPlan {
  const fields = fieldsAt(value, path);
  const vm = fieldsAt(fields.vm, `${path}.vm`);
  const collection = fieldsAt(fields.collection, `${path}.collection`);
  return {
    ok: literalAt(fields, "ok", path, true),
    vm: {
      id: textAt(vm, "id", `${path}.vm`),
      name: textAt(vm, "name", `${path}.vm`),
      location: textAt(vm, "location", `${path}.vm`),
    },
    mode: oneOfAt(fields, "mode", path, CONSISTENCY_MODES),
    collection: {
      id: textOrNullAt(collection, "id", `${path}.collection`),
      name: textAt(collection, "name", `${path}.collection`),
      location: textAt(collection, "location", `${path}.collection`),
      create: booleanAt(collection, "create", `${path}.collection`),
    },
    restorePointName: textAt(fields, "restorePointName", path),
    captureDisks: listAt(fields, "captureDisks", path, diskFrom),
    excludeDisks: listAt(fields, "excludeDisks", path, excludedDiskFrom),
    armExcludeDisks: listAt(fields, "armExcludeDisks", path, (entry, at) => ({
      id: textAt(fieldsAt(entry, at), "id", at),
    })),
  };
}

function diskFrom(value: unknown, path: string): { id: string; name: string } {
  const fields = fieldsAt(value, path);
  return { id: textAt(fields, "id", path), name: textAt(fields, "name", path) };
}

const RULE_CODES: readonly ExcludedDisk["rule"][] = [
  ...BLOCKER_CODES,
  ...EXCLUSION_CODES,
  ...ADVISORY_CODES,
  ...SUPPORTED_SCENARIO_CODES,
];

function excludedDiskFrom(value: unknown, path: string): ExcludedDisk {
  const fields = fieldsAt(value, path);
  return {
    id: textAt(fields, "id", path),
    name: textAt(fields, "name", path),
    rule: oneOfAt(fields, "rule", path, RULE_CODES, "a rule code this release knows"),
  };
}
