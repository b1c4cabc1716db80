/** The durable store: pick one with openStore, program against the Store port. */

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
export { PostgresStore, type PostgresStoreOptions } from "./postgres-store.js";
export { SqliteStore, type SqliteStoreOptions } from "./sqlite-store.js";
export type * from "./store.port.js";
export { PLAN_SCHEMA_VERSION } from "./store.port.js";
export { StoreError } from "./store-error.js";
