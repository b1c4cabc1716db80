/**
 * The durable store: pick one with openStore, program against the Store port. The driver classes are not
 * exported here: importing them would load both database drivers (pg, better-sqlite3) into every process that
 * opens a store; code that needs one class imports ./sqlite-store.js or ./postgres-store.js itself.
 */

export { MIGRATIONS, type Migration } from "./migrations.js";
export { type OpenStoreOptions, openStore } from "./open-store.js";
export {
  decodeConfirmationPlan,
  decodeJobPlan,
  encodeConfirmationPlan,
  encodeJobPlan,
  type PlanOwner,
  StoredPlanError,
} from "./plan-codec.js";
export type { PostgresStoreOptions } from "./postgres-store.js";
export { decodeRunBody, encodeRunBody, StoredRunError } from "./run-codec.js";
export type * from "./run-store.port.js";
export { RUN_SCHEMA_VERSION } from "./run-store.port.js";
export type { SqliteStoreOptions } from "./sqlite-store.js";
export type * from "./store.port.js";
export { PLAN_SCHEMA_VERSION } from "./store.port.js";
export { StoreError } from "./store-error.js";
