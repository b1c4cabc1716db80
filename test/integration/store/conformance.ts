/**
 * One behavioural contract for every Store implementation (src/store/store.port.ts). Each driver's test
 * file calls describeStoreConformance with a way to open its store; all tests share that one database, so
 * they use unique ids and fresh time slots rather than assuming empty tables.
 */

import { afterAll, beforeAll, describe } from "vitest";
import type { Store } from "../../../src/store/store.port.js";
import { describeAuditConformance } from "./audit.conformance.js";
import { describeConfirmationConformance } from "./confirmations.conformance.js";
import { describeConversationConformance } from "./conversations.conformance.js";
import { describeJobConformance } from "./jobs.conformance.js";
import { describeLockConformance } from "./locks.conformance.js";
import { describeMigrationConformance } from "./migrations.conformance.js";
import { describeOutboxConformance } from "./outbox.conformance.js";
import { describeRunConformance } from "./runs.conformance.js";

/** The store under test, opened in beforeAll. */
export type CurrentStore = () => Store;

export function describeStoreConformance(name: string, open: () => Promise<Store>): void {
  describe(`${name} store conformance`, () => {
    let store: Store | undefined;
    const current: CurrentStore = () => {
      if (!store) throw new Error("The store did not open: see the beforeAll failure");
      return store;
    };

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    describeConfirmationConformance(current);
    describeLockConformance(current);
    describeJobConformance(current);
    describeRunConformance(current);
    describeOutboxConformance(current);
    describeConversationConformance(current);
    describeAuditConformance(current);
    describeMigrationConformance(current, open);
  });
}
