/** Conversation references: where to tell a requester the outcome, even after a restart. */

import type { ConversationStore, Platform } from "../store.port.js";
import { jsonFrom, millis, textFrom } from "./sql-codec.js";
import type { SqlDatabase } from "./sql-database.port.js";

/** The newest reference wins (Teams refreshes service URLs); created_at keeps when we first saw it. */
const UPSERT = `
INSERT INTO conversations (conversation_key, platform, reference, created_at, updated_at)
VALUES ($1, $2, $3, $4, $4)
ON CONFLICT (conversation_key) DO UPDATE
SET platform = excluded.platform, reference = excluded.reference, updated_at = excluded.updated_at`;

const SELECT_BY_KEY = "SELECT platform, reference FROM conversations WHERE conversation_key = $1";

export class SqlConversationStore implements ConversationStore {
  constructor(private readonly db: SqlDatabase) {}

  async save(key: string, platform: Platform, reference: unknown, now: Date): Promise<void> {
    // JSON.stringify(undefined) is not JSON: keep a missing reference as JSON null.
    await this.db.query(UPSERT, [key, platform, JSON.stringify(reference ?? null), millis(now)]);
  }

  async get(key: string): Promise<{ platform: Platform; reference: unknown } | undefined> {
    const [row] = await this.db.query(SELECT_BY_KEY, [key]);
    return row && { platform: textFrom(row.platform) as Platform, reference: jsonFrom(row.reference) };
  }
}
