/** AuditLog: append-only, listed oldest first, filtered by `since` (inclusive) and `limit`. */

import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../src/store/store.port.js";
import type { CurrentStore } from "./conformance.js";
import { buildAuditEntry, freshEpoch, uniqueId } from "./store-builders.js";

export function describeAuditConformance(store: CurrentStore): void {
  describe("audit", () => {
    it("append then list round-trips entries with and without details", async () => {
      const base = freshEpoch();
      const withDetails = buildAuditEntry({
        at: new Date(base + 1),
        action: "create",
        outcome: "started",
        details: { mode: "CrashConsistent", excluded: ["ultra"], nested: { n: 1, ok: true, none: null } },
      });
      const plain = buildAuditEntry({
        at: new Date(base + 2),
        actor: "system",
        action: "result",
        outcome: "ok",
      });
      await store().audit.append(withDetails);
      await store().audit.append(plain);
      expect(await store().audit.list({ since: new Date(base) })).toStrictEqual([withDetails, plain]);
    });

    it("round-trips every action, delete among them", async () => {
      const base = freshEpoch();
      const actions: AuditEntry["action"][] = [
        "check",
        "create",
        "delete",
        "confirm",
        "cancel",
        "result",
        "deny",
      ];
      const entries = actions.map((action, i) =>
        buildAuditEntry({ at: new Date(base + i), action, details: { runId: "run-1", count: 400 } }),
      );
      for (const entry of entries) await store().audit.append(entry);
      expect(await store().audit.list({ since: new Date(base) })).toStrictEqual(entries);
    });

    it("lists oldest first whatever the append order, and same-millisecond entries in append order", async () => {
      const base = freshEpoch();
      const actor = uniqueId("console");
      const late = buildAuditEntry({ actor, at: new Date(base + 30), outcome: "late" });
      const early = buildAuditEntry({ actor, at: new Date(base + 10), outcome: "early" });
      const tieFirst = buildAuditEntry({ actor, at: new Date(base + 20), outcome: "tie-1" });
      const tieSecond = buildAuditEntry({ actor, at: new Date(base + 20), outcome: "tie-2" });
      for (const entry of [late, early, tieFirst, tieSecond]) await store().audit.append(entry);
      expect(await store().audit.list({ since: new Date(base) })).toStrictEqual([
        early,
        tieFirst,
        tieSecond,
        late,
      ]);
    });

    it("since is inclusive and limit keeps the oldest", async () => {
      const base = freshEpoch();
      const entries: AuditEntry[] = [0, 1, 2, 3].map((i) =>
        buildAuditEntry({ at: new Date(base + i * 1_000), outcome: `entry-${i}` }),
      );
      for (const entry of entries) await store().audit.append(entry);
      expect(await store().audit.list({ since: new Date(base + 1_000) })).toStrictEqual(entries.slice(1));
      expect(await store().audit.list({ since: new Date(base + 1_000), limit: 2 })).toStrictEqual(
        entries.slice(1, 3),
      );
      expect(await store().audit.list({ since: new Date(base + 3_001) })).toStrictEqual([]);
      expect(await store().audit.list({ since: new Date(base), limit: 0 })).toStrictEqual([]);
    });

    it("list without options returns everything, oldest first", async () => {
      const entry = buildAuditEntry({ at: new Date(freshEpoch()), outcome: uniqueId("all") });
      await store().audit.append(entry);
      const all = await store().audit.list();
      expect(all.at(-1)).toStrictEqual(entry);
      const times = all.map((e) => e.at.getTime());
      expect(times).toStrictEqual([...times].sort((a, b) => a - b));
    });
  });
}
