/** Both dialects share one implementation of every sub-store; only the SqlDatabase underneath differs. */

import type { Store } from "../store.port.js";
import { SqlAuditLog } from "./sql-audit-log.js";
import { SqlConfirmationStore } from "./sql-confirmation-store.js";
import { SqlConversationStore } from "./sql-conversation-store.js";
import type { SqlDatabase } from "./sql-database.port.js";
import { SqlJobStore } from "./sql-job-store.js";
import { SqlLockStore } from "./sql-lock-store.js";
import { SqlOutboxStore } from "./sql-outbox-store.js";
import { SqlReplayStore } from "./sql-replay-store.js";
import { SqlRunStore } from "./sql-run-store.js";

export type SubStores = Omit<Store, "kind" | "close" | "readiness">;

export function createSqlSubStores(db: SqlDatabase): SubStores {
  return {
    confirmations: new SqlConfirmationStore(db),
    locks: new SqlLockStore(db),
    jobs: new SqlJobStore(db),
    runs: new SqlRunStore(db),
    conversations: new SqlConversationStore(db),
    audit: new SqlAuditLog(db),
    outbox: new SqlOutboxStore(db),
    replays: new SqlReplayStore(db),
  };
}
