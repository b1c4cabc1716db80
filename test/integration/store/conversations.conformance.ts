/** ConversationStore: save is an upsert, get returns the platform and the reference as JSON. */

import { describe, expect, it } from "vitest";
import type { CurrentStore } from "./conformance.js";
import { uniqueId } from "./store-builders.js";

const T0 = new Date("2030-01-01T10:00:00.000Z");

const TEAMS_REFERENCE = {
  activityId: "1:abc",
  bot: { id: "28:bot", name: "rpbot" },
  conversation: { id: "19:abc@thread.tacv2", isGroup: true, tenantId: "tenant" },
  serviceUrl: "https://smba.trafficmanager.net/emea/",
  locale: null,
};

export function describeConversationConformance(store: CurrentStore): void {
  describe("conversations", () => {
    it("save then get returns the platform and the reference", async () => {
      const key = uniqueId("teams:conversation");
      await store().conversations.save(key, "teams", TEAMS_REFERENCE, T0);
      expect(await store().conversations.get(key)).toStrictEqual({
        platform: "teams",
        reference: TEAMS_REFERENCE,
      });
    });

    it("save again replaces the reference (upsert)", async () => {
      const key = uniqueId("conversation");
      await store().conversations.save(key, "teams", TEAMS_REFERENCE, T0);
      const refreshed = { ...TEAMS_REFERENCE, serviceUrl: "https://smba.trafficmanager.net/amer/" };
      await store().conversations.save(key, "teams", refreshed, new Date(T0.getTime() + 1_000));
      expect(await store().conversations.get(key)).toStrictEqual({ platform: "teams", reference: refreshed });

      await store().conversations.save(key, "slack", { channel: "C1", threadTs: "1.2" }, T0);
      expect(await store().conversations.get(key)).toStrictEqual({
        platform: "slack",
        reference: { channel: "C1", threadTs: "1.2" },
      });
    });

    it("keeps a plain string reference as it is", async () => {
      const key = uniqueId("console");
      await store().conversations.save(key, "console", "console:alice", T0);
      expect(await store().conversations.get(key)).toStrictEqual({
        platform: "console",
        reference: "console:alice",
      });
    });

    it("returns undefined for an unknown key", async () => {
      expect(await store().conversations.get(uniqueId("missing"))).toBeUndefined();
    });
  });
}
