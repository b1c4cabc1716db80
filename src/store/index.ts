/** The durable store: pick one with openStore, program against the Store port. */

export { MIGRATIONS, type Migration } from "./migrations.js";
export { type OpenStoreOptions, openStore } from "./open-store.js";
export { PostgresStore, type PostgresStoreOptions } from "./postgres-store.js";
export { SqliteStore, type SqliteStoreOptions } from "./sqlite-store.js";
export type * from "./store.port.js";
export { StoreError } from "./store-error.js";
