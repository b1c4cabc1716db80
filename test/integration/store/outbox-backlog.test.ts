/**
 * OutboxStore.backlog (the outbox gauges of GET /metrics) on both stores, each fresh (the conformance suite
 * shares one database, where absolute counts mean nothing): what waits, however it waits, counts; what was
 * delivered or given up does not; the oldest is the earliest written.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/index.js";
import type { Store } from "../../../src/store/store.port.js";
import { testDatabaseUrl } from "../../support/test-database.js";
import { buildJob } from "./store-builders.js";

const databaseUrl = testDatabaseUrl();
const schema = `rpbot_test_${randomBytes(6).toString("hex")}`;
const LEASE = 60_000;

afterAll(async () => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The name is rpbot_test_ + hex: quoting it is safe.
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

describe.each([
  ["SQLite", () => openStore({ sqlitePath: ":memory:" })],
  ["PostgreSQL", () => openStore({ databaseUrl, sqlitePath: "unused.db", schema })],
] as const)("%s outbox backlog", (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  async function ended(at: number, platform: "slack" | "teams" = "slack"): Promise<string> {
    const job = buildJob({ state: "running", platform });
    await store.jobs.create(job);
    if (!(await store.jobs.finish(job.id, { state: "succeeded" }, "outbox", new Date(at))))
      throw new Error("could not end the job");
    return job.id;
  }

  it("is empty before anything ended", async () => {
    expect(await store.outbox.backlog()).toEqual({ depth: 0 });
  });

  it("counts every result still to deliver, due, claimed or waiting for a retry, and none delivered", async () => {
    const t = Date.UTC(2030, 0, 1);
    const first = await ended(t + 10);
    const second = await ended(t, "teams");
    const third = await ended(t + 20);
    const fourth = await ended(t + 30);
    expect(await store.outbox.backlog()).toEqual({ depth: 4, oldestCreatedAt: new Date(t) });

    await store.outbox.claimDue("p1", ["slack", "teams"], new Date(t + 40), LEASE, 10);
    await store.outbox.retryLater(first, "p1", new Date(t + 10 * LEASE), "Slack answered 500");
    expect((await store.outbox.backlog()).depth).toBe(4);

    expect(await store.outbox.settle(second, "p1", "sent", undefined, new Date(t + 50))).toBe(true);
    expect(await store.outbox.settle(third, "p1", "undeliverable", "gone", new Date(t + 50))).toBe(true);
    expect(await store.outbox.backlog()).toEqual({ depth: 2, oldestCreatedAt: new Date(t + 10) });

    await store.outbox.claimDue("p2", ["slack"], new Date(t + 20 * LEASE), LEASE, 10);
    await store.outbox.settle(first, "p2", "sent", undefined, new Date(t + 20 * LEASE));
    await store.outbox.settle(fourth, "p2", "sent", undefined, new Date(t + 20 * LEASE));
    expect(await store.outbox.backlog()).toEqual({ depth: 0 });
  });
});
