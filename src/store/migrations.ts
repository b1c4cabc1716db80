/**
 * Versioned schema migrations, applied in order inside one transaction and recorded in `schema_migrations`
 * (see sqlite/migrate-sqlite.ts and postgres/migrate-postgres.ts). Never edit a released migration: append
 * a new one. Both dialects hold the same logical schema:
 * - times are epoch milliseconds (BIGINT), so comparisons with the `now` passed in are plain integer ones;
 * - JSON values are TEXT in both, so they round-trip exactly (JSONB would reorder keys and fold `null`);
 * - vm ids are stored as given and compared with lower(), as ARM compares them case-insensitively.
 */

import { RUNS_MIGRATION } from "./migration-runs.js";

export interface Migration {
  /** Strictly increasing, starting at 1. */
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** Tables whose DDL is the same in both dialects (SQLite gives BIGINT integer affinity). */
const PORTABLE_TABLES = `
CREATE TABLE confirmations (
  id               TEXT PRIMARY KEY,
  platform         TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'teams')),
  requested_by     TEXT NOT NULL,
  conversation_key TEXT NOT NULL,
  vm_id            TEXT NOT NULL,
  vm_name          TEXT NOT NULL,
  modes            TEXT NOT NULL,
  plan             TEXT,
  created_at       BIGINT NOT NULL,
  expires_at       BIGINT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'cancelled', 'expired')),
  decided_at       BIGINT,
  decided_by       TEXT,
  mode             TEXT CHECK (mode IN ('ApplicationConsistent', 'CrashConsistent')),
  job_id           TEXT,
  message_ref      TEXT
);
-- expire(now) looks for pending rows past their expiry.
CREATE INDEX confirmations_state_expires_at ON confirmations (state, expires_at);

CREATE TABLE locks (
  lock_key    TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  acquired_at BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL
);

CREATE TABLE jobs (
  id                 TEXT PRIMARY KEY,
  confirmation_id    TEXT,
  vm_id              TEXT NOT NULL,
  vm_name            TEXT NOT NULL,
  subscription_id    TEXT NOT NULL,
  mode               TEXT NOT NULL CHECK (mode IN ('ApplicationConsistent', 'CrashConsistent')),
  requested_by       TEXT NOT NULL,
  platform           TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'teams')),
  conversation_key   TEXT NOT NULL,
  message_ref        TEXT,
  state              TEXT NOT NULL CHECK (state IN ('starting', 'running', 'succeeded', 'failed')),
  collection_id      TEXT,
  restore_point_id   TEXT,
  restore_point_name TEXT,
  poller_state       TEXT,
  plan               TEXT,
  error_code         TEXT,
  error_message      TEXT,
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL,
  finished_at        BIGINT,
  notified_at        BIGINT
);
CREATE INDEX jobs_state ON jobs (state);
CREATE INDEX jobs_lower_vm_id ON jobs (lower(vm_id));
CREATE INDEX jobs_created_at ON jobs (created_at);
CREATE INDEX jobs_requested_by_created_at ON jobs (requested_by, created_at);

CREATE TABLE conversations (
  conversation_key TEXT PRIMARY KEY,
  platform         TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'teams')),
  reference        TEXT NOT NULL,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
`;

/** The audit log keeps insertion order for entries of the same millisecond, so its key is dialect-specific. */
const AUDIT_COLUMNS = `
  at      BIGINT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL CHECK (action IN ('check', 'create', 'confirm', 'cancel', 'result', 'deny')),
  target  TEXT NOT NULL,
  outcome TEXT NOT NULL,
  details TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
`;

/**
 * Migration 2. Release 0.1 kept a job's resource group and collection name only inside its plan JSON
 * (`{ ...RestorePointPlan, resourceGroup }`); they become columns, carried over from that JSON, the resource
 * group else from the VM id's `/resourceGroups/<name>/` segment. Plans themselves are not rewritten: the
 * plan codec (plan-codec.ts) reads the unversioned shapes. findPending gets an index.
 */
const PENDING_LOOKUP_INDEX = `
CREATE INDEX confirmations_requested_by_conversation ON confirmations (requested_by, conversation_key, state);`;

/** The text at `path` of the plan JSON, else NULL; CASE (unlike AND) never reads malformed JSON. */
const sqliteJsonText = (path: string): string =>
  `CASE WHEN json_valid(plan) THEN CASE WHEN json_type(plan, '${path}') = 'text' THEN json_extract(plan, '${path}') END END`;
const SQLITE_RG_REST = "substr(vm_id, instr(lower(vm_id), '/resourcegroups/') + 16)";
/** SQLite can only add a NOT NULL column with a default: '' stands in until the backfill below. */
const JOB_COLUMNS_SQLITE = `
ALTER TABLE jobs ADD COLUMN resource_group TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN collection_name TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN captured_disk_names TEXT;
UPDATE jobs SET
  resource_group = COALESCE(
    ${sqliteJsonText("$.resourceGroup")},
    CASE WHEN instr(lower(vm_id), '/resourcegroups/') > 0 THEN
      CASE WHEN instr(${SQLITE_RG_REST}, '/') > 0
        THEN substr(${SQLITE_RG_REST}, 1, instr(${SQLITE_RG_REST}, '/') - 1)
        ELSE ${SQLITE_RG_REST} END
    END,
    ''),
  collection_name = COALESCE(
    ${sqliteJsonText("$.collection.name")},
    '');
${PENDING_LOOKUP_INDEX}`;

/**
 * PostgreSQL gets real NOT NULL columns once the backfill is done. Release 0.1 always wrote plans with
 * JSON.stringify, so the ::json cast holds; a corrupt one fails the migration (and the start) loudly.
 */
const JOB_COLUMNS_POSTGRES = `
ALTER TABLE jobs
  ADD COLUMN resource_group TEXT,
  ADD COLUMN collection_name TEXT,
  ADD COLUMN captured_disk_names TEXT;
UPDATE jobs SET
  resource_group = COALESCE(
    CASE WHEN json_typeof(plan::json -> 'resourceGroup') = 'string' THEN plan::json ->> 'resourceGroup' END,
    substring(vm_id from '(?i)/resourceGroups/([^/]+)'),
    ''),
  collection_name = COALESCE(
    CASE WHEN json_typeof(plan::json #> '{collection,name}') = 'string'
      THEN plan::json #>> '{collection,name}' END,
    '');
ALTER TABLE jobs
  ALTER COLUMN resource_group SET NOT NULL,
  ALTER COLUMN collection_name SET NOT NULL;
${PENDING_LOOKUP_INDEX}`;

/**
 * Migration 3: the job state machine and the outbox (docs/jobs.md). Jobs gain the states pending and lost and
 * a delivery column (rows told before this release count as notified); notifications holds one result per
 * job until the platform accepts it; seen_requests remembers request ids for a few minutes (replays).
 */
const JOB_STATES = "'pending', 'starting', 'running', 'succeeded', 'failed', 'lost'";
const DELIVERIES = "'none', 'reply', 'outbox', 'notified', 'undeliverable'";
const DELIVERY_BACKFILL = "CASE WHEN notified_at IS NOT NULL THEN 'notified' ELSE 'none' END";
const OUTBOX_TABLES = `
CREATE TABLE notifications (
  job_id          TEXT PRIMARY KEY,
  platform        TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'teams')),
  state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'undeliverable')),
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  claimed_by      TEXT,
  claimed_until   BIGINT,
  card_done       INTEGER NOT NULL,
  posted_at       BIGINT,
  post_ref        TEXT,
  last_error      TEXT,
  created_at      BIGINT NOT NULL,
  settled_at      BIGINT
);
CREATE INDEX notifications_due ON notifications (state, next_attempt_at);

CREATE TABLE seen_requests (
  request_key TEXT PRIMARY KEY,
  seen_at     BIGINT NOT NULL
);
CREATE INDEX seen_requests_seen_at ON seen_requests (seen_at);

-- A press on a confirmation decided before its job was linked to it (release 0.1) finds the job this way.
CREATE INDEX jobs_confirmation_id ON jobs (confirmation_id);
`;

/** SQLite cannot change a CHECK constraint in place: the jobs table is rebuilt, its indexes with it. */
const JOB_STATE_MACHINE_SQLITE = `
CREATE TABLE jobs_v3 (
  id                  TEXT PRIMARY KEY,
  confirmation_id     TEXT,
  vm_id               TEXT NOT NULL,
  vm_name             TEXT NOT NULL,
  subscription_id     TEXT NOT NULL,
  mode                TEXT NOT NULL CHECK (mode IN ('ApplicationConsistent', 'CrashConsistent')),
  requested_by        TEXT NOT NULL,
  platform            TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'teams')),
  conversation_key    TEXT NOT NULL,
  message_ref         TEXT,
  state               TEXT NOT NULL CHECK (state IN (${JOB_STATES})),
  collection_id       TEXT,
  restore_point_id    TEXT,
  restore_point_name  TEXT,
  poller_state        TEXT,
  plan                TEXT,
  error_code          TEXT,
  error_message       TEXT,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL,
  finished_at         BIGINT,
  notified_at         BIGINT,
  resource_group      TEXT NOT NULL DEFAULT '',
  collection_name     TEXT NOT NULL DEFAULT '',
  captured_disk_names TEXT,
  delivery            TEXT NOT NULL CHECK (delivery IN (${DELIVERIES}))
);
INSERT INTO jobs_v3
SELECT id, confirmation_id, vm_id, vm_name, subscription_id, mode, requested_by, platform, conversation_key,
  message_ref, state, collection_id, restore_point_id, restore_point_name, poller_state, plan, error_code,
  error_message, created_at, updated_at, finished_at, notified_at, resource_group, collection_name,
  captured_disk_names, ${DELIVERY_BACKFILL}
FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_v3 RENAME TO jobs;
CREATE INDEX jobs_state ON jobs (state);
CREATE INDEX jobs_lower_vm_id ON jobs (lower(vm_id));
CREATE INDEX jobs_created_at ON jobs (created_at);
CREATE INDEX jobs_requested_by_created_at ON jobs (requested_by, created_at);
${OUTBOX_TABLES}`;

const JOB_STATE_MACHINE_POSTGRES = `
ALTER TABLE jobs DROP CONSTRAINT jobs_state_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_state_check CHECK (state IN (${JOB_STATES}));
ALTER TABLE jobs ADD COLUMN delivery TEXT;
UPDATE jobs SET delivery = ${DELIVERY_BACKFILL};
ALTER TABLE jobs ALTER COLUMN delivery SET NOT NULL;
ALTER TABLE jobs ADD CONSTRAINT jobs_delivery_check CHECK (delivery IN (${DELIVERIES}));
${OUTBOX_TABLES}`;

/**
 * Migration 4: the requester's display name beside their id, so messages name people ("Alice Doe") rather than
 * print ids. Nullable, in both dialects alike: rows written before it have no name and are named by their id.
 */
const REQUESTER_NAMES = `
ALTER TABLE confirmations ADD COLUMN requested_by_name TEXT;
ALTER TABLE jobs ADD COLUMN requested_by_name TEXT;`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "confirmations, locks, jobs, conversations, audit log",
    sqlite: `${PORTABLE_TABLES}
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,${AUDIT_COLUMNS}`,
    postgres: `${PORTABLE_TABLES}
CREATE TABLE audit_log (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,${AUDIT_COLUMNS}`,
  },
  {
    version: 2,
    name: "jobs: resource group, collection name and captured disks as columns; pending confirmation lookup",
    sqlite: JOB_COLUMNS_SQLITE,
    postgres: JOB_COLUMNS_POSTGRES,
  },
  {
    version: 3,
    name: "jobs as a state machine (pending, lost, delivery); the notification outbox; seen requests",
    sqlite: JOB_STATE_MACHINE_SQLITE,
    postgres: JOB_STATE_MACHINE_POSTGRES,
  },
  {
    version: 4,
    name: "confirmations and jobs: the requester's display name",
    sqlite: REQUESTER_NAMES,
    postgres: REQUESTER_NAMES,
  },
  RUNS_MIGRATION,
];

/** The bookkeeping table itself, created before anything else (same DDL in both dialects). */
export const SCHEMA_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/** Migrations not yet recorded, in version order. */
export function pendingMigrations(
  applied: ReadonlySet<number>,
  migrations: readonly Migration[] = MIGRATIONS,
): Migration[] {
  return [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
}
