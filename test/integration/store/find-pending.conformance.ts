/** ConfirmationStore.findPending: the confirmation a typed "cancel" refers to. */

import { describe, expect, it } from "vitest";
import type { Confirmation } from "../../../src/store/store.port.js";
import type { CurrentStore } from "./conformance.js";
import { buildConfirmation, uniqueId } from "./store-builders.js";

const T0 = new Date("2030-01-01T11:00:00.000Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);
const TEN_MINUTES = 10 * 60_000;

/** A person and a conversation no other test uses, and a confirmation builder bound to them. */
function asker(): {
  requestedBy: string;
  conversationKey: string;
  ask: (o: Partial<Confirmation>) => Confirmation;
} {
  const requestedBy = uniqueId("slack:T1:U");
  const conversationKey = uniqueId("slack:T1:C1");
  const ask = (overrides: Partial<Confirmation>): Confirmation => {
    const createdAt = overrides.createdAt ?? T0;
    return buildConfirmation({
      requestedBy,
      conversationKey,
      expiresAt: new Date(createdAt.getTime() + TEN_MINUTES),
      ...overrides,
    });
  };
  return { requestedBy, conversationKey, ask };
}

export function describeFindPendingConformance(store: CurrentStore): void {
  describe("findPending", () => {
    it("returns the newest pending, unexpired confirmation of that person in that conversation", async () => {
      const { requestedBy, conversationKey, ask } = asker();
      const older = ask({ createdAt: at(1_000) });
      const newest = ask({ createdAt: at(3_000) });
      const middle = ask({ createdAt: at(2_000) });
      const others = [
        ask({ createdAt: at(4_000), requestedBy: uniqueId("slack:T1:U") }),
        ask({ createdAt: at(5_000), conversationKey: uniqueId("slack:T1:C2") }),
        ask({ createdAt: at(6_000), state: "cancelled", decidedAt: at(6_500), decidedBy: requestedBy }),
        ask({ createdAt: at(7_000), state: "expired" }),
        // Still marked pending, but past its expiry at the moment asked about.
        ask({ createdAt: at(8_000), expiresAt: at(10_000) }),
      ];
      for (const c of [older, newest, middle, ...others]) await store().confirmations.create(c);

      expect(await store().confirmations.findPending(requestedBy, conversationKey, at(10_000))).toStrictEqual(
        newest,
      );
    });

    it("counts a confirmation as expired from its expiry instant on", async () => {
      const { requestedBy, conversationKey, ask } = asker();
      const confirmation = ask({ createdAt: T0, expiresAt: at(60_000) });
      await store().confirmations.create(confirmation);
      const find = (now: Date) => store().confirmations.findPending(requestedBy, conversationKey, now);

      expect(await find(at(59_999))).toStrictEqual(confirmation);
      expect(await find(at(60_000))).toBeUndefined();
    });

    it("moves on to the previous one once the newest is decided, and to none after that", async () => {
      const { requestedBy, conversationKey, ask } = asker();
      const first = ask({ createdAt: at(1_000) });
      const second = ask({ createdAt: at(2_000) });
      for (const c of [first, second]) await store().confirmations.create(c);
      const find = () => store().confirmations.findPending(requestedBy, conversationKey, at(5_000));

      await store().confirmations.decide(second.id, { state: "cancelled", by: requestedBy, at: at(3_000) });
      expect(await find()).toStrictEqual(first);
      await store().confirmations.decide(first.id, { state: "cancelled", by: requestedBy, at: at(4_000) });
      expect(await find()).toBeUndefined();
    });

    it("returns undefined for someone with no confirmations", async () => {
      const { requestedBy, conversationKey } = asker();
      expect(await store().confirmations.findPending(requestedBy, conversationKey, T0)).toBeUndefined();
    });
  });
}
