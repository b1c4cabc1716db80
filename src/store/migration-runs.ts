/**
 * Migration 5 (run-store.port.ts): runs, a delete run's items, a job's run, and the audit action "delete".
 * Kept beside migrations.ts so that file stays readable; the same rules hold (times are epoch milliseconds,
 * JSON is TEXT, never edit it once released).
 */

const RUN_STATES = "'pending', 'running', 'cancelled', 'expired', 'done'";
const RUN_ITEM_STATES =
  "'waiting', 'started', 'deleted', 'already-gone', 'refused', 'failed', 'unknown', 'skipped'";
const AUDIT_ACTIONS = "'check', 'create', 'delete', 'confirm', 'cancel', 'result', 'deny'";

/** Same DDL in both dialects. No foreign key: SQLite would not enforce it, and items are written with their run. */
const RUN_TABLES = `
CREATE TABLE runs (
  id                TEXT PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('protect', 'delete')),
  platform          TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'teams')),
  requested_by      TEXT NOT NULL,
  requested_by_name TEXT,
  conversation_key  TEXT NOT NULL,
  message_ref       TEXT,
  label             TEXT NOT NULL,
  body              TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN (${RUN_STATES})),
  created_at        BIGINT NOT NULL,
  expires_at        BIGINT NOT NULL,
  decided_at        BIGINT,
  decided_by        TEXT,
  cancelled_at      BIGINT,
  cancelled_by      TEXT,
  summary_sent_at   BIGINT
);
-- findPending and findRunning: one person's runs in one conversation, by state.
CREATE INDEX runs_requested_by_conversation ON runs (requested_by, conversation_key, state);
-- listUnfinished: running and cancelled runs, oldest first.
CREATE INDEX runs_state_created_at ON runs (state, created_at);

CREATE TABLE run_items (
  run_id     TEXT NOT NULL,
  position   INTEGER NOT NULL,
  state      TEXT NOT NULL CHECK (state IN (${RUN_ITEM_STATES})),
  operation  TEXT,
  code       TEXT,
  message    TEXT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (run_id, position)
);

ALTER TABLE jobs ADD COLUMN run_id TEXT;
CREATE INDEX jobs_run_id ON jobs (run_id);
`;

/**
 * SQLite cannot change a CHECK constraint in place: the audit log is rebuilt with its ids, and its
 * AUTOINCREMENT counter carried over, so an id is never reused (not even one whose row was deleted) and new
 * entries still sort after old ones of the same millisecond.
 */
const AUDIT_DELETE_SQLITE = `
CREATE TABLE audit_log_v5 (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      BIGINT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL CHECK (action IN (${AUDIT_ACTIONS})),
  target  TEXT NOT NULL,
  outcome TEXT NOT NULL,
  details TEXT
);
INSERT INTO audit_log_v5 (id, at, actor, action, target, outcome, details)
SELECT id, at, actor, action, target, outcome, details FROM audit_log ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'audit_log_v5';
INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_log_v5', seq FROM sqlite_sequence WHERE name = 'audit_log';
DROP TABLE audit_log;
ALTER TABLE audit_log_v5 RENAME TO audit_log;
CREATE INDEX audit_log_at ON audit_log (at);
`;

/** Migration 1 left the column's CHECK unnamed: PostgreSQL named it audit_log_action_check. */
const AUDIT_DELETE_POSTGRES = `
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (${AUDIT_ACTIONS}));
`;

export const RUNS_MIGRATION = {
  version: 5,
  name: "runs, run items, jobs.run_id, audit action delete",
  sqlite: `${RUN_TABLES}${AUDIT_DELETE_SQLITE}`,
  postgres: `${RUN_TABLES}${AUDIT_DELETE_POSTGRES}`,
} as const;
