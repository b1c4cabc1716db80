/**
 * GET /readyz of a real `rpbot serve` process tells the truth: 503 naming the store when its SQLite file is
 * deleted, or when PostgreSQL stops answering (cut behind a TCP proxy this test controls) and 200 again when it
 * is back; 503 naming ARM when the external simulator stops. GET /healthz stays 200 throughout.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createProxiedDatabase, type ProxiedDatabase } from "../support/proxied-database.js";
import { startServeProcess } from "../support/serve-process.js";
import { startSimProcess } from "../support/sim-process.js";
import type { TcpProxy } from "../support/tcp-proxy.js";

interface Readyz {
  status: number;
  body: { ok: boolean; checks: Record<string, string>; failing?: Array<{ part: string; reason: string }> };
}

async function readyz(url: string): Promise<Readyz> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as Readyz["body"] };
}

/** Polls /readyz until it says what `expectation` wants; each answer is bounded by the 5 s probe deadline. */
async function readyzUntil(url: string, expectation: (answer: Readyz) => void): Promise<Readyz> {
  return vi.waitFor(
    async () => {
      const answer = await readyz(url);
      expectation(answer);
      return answer;
    },
    { timeout: 20_000, interval: 200 },
  );
}

/** Doors: Teams without authentication needs nothing outside the process; it only makes `serve` serve. */
function serveEnv(extra: Record<string, string>): Record<string, string> {
  return { TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: "true", RPBOT_LOG_LEVEL: "warn", ...extra };
}

const sqlitePath = () => join(mkdtempSync(join(tmpdir(), "rpbot-readyz-")), "rpbot.db");

describe("rpbot serve on SQLite", () => {
  it("is ready, then names the store and the file once the file is deleted", async () => {
    const db = sqlitePath();
    const served = await startServeProcess(serveEnv({ RPBOT_DB: db }));
    try {
      expect(await readyz(served.url)).toEqual({
        status: 200,
        body: { ok: true, checks: { store: "ok", arm: "ok" } },
      });
      for (const file of [db, `${db}-wal`, `${db}-shm`]) rmSync(file, { force: true });
      const answer = await readyzUntil(served.url, (a) => expect(a.status).toBe(503));
      expect(answer.body.checks).toEqual({ store: "failing", arm: "ok" });
      expect(answer.body.failing).toEqual([{ part: "store", reason: expect.stringContaining(db) }]);
      expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await served.stop()).toBe(0);
    }
    expect(served.stderr()).toMatch(/not ready/);
  });
});

describe("rpbot serve on PostgreSQL", () => {
  let database: ProxiedDatabase;
  let proxy: TcpProxy;
  let databaseUrl: string;
  beforeAll(async () => {
    database = await createProxiedDatabase("rpbot_readyz");
    proxy = database.proxy;
    databaseUrl = database.proxiedUrl;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("names the store within the bound while the database is cut off, and is ready again once it is back", async () => {
    const served = await startServeProcess(serveEnv({ DATABASE_URL: databaseUrl }));
    try {
      expect((await readyz(served.url)).status).toBe(200);
      const cutAt = performance.now();
      proxy.cut();
      const answer = await readyzUntil(served.url, (a) => expect(a.status).toBe(503));
      // The 5 s probe deadline, the store's 1 s cache and a poll (room for a loaded machine), well short of
      // the 30 s a statement may take: /readyz answers without waiting on the database.
      expect(performance.now() - cutAt).toBeLessThan(15_000);
      expect(answer.body.checks).toEqual({ store: "failing", arm: "ok" });
      expect(answer.body.failing?.[0]?.part).toBe("store");
      const password = new URL(databaseUrl).password;
      if (password) expect(JSON.stringify(answer.body)).not.toContain(password);
      expect((await fetch(`${served.url}/healthz`)).status).toBe(200);

      proxy.restore();
      await readyzUntil(served.url, (a) => expect(a.status).toBe(200));
    } finally {
      expect(await served.stop()).toBe(0);
    }
    const password = new URL(databaseUrl).password;
    if (password) expect(served.stderr()).not.toContain(password);
  });
});

describe("rpbot serve on an external simulator", () => {
  it("names ARM once the simulator stops", async () => {
    const sim = await startSimProcess();
    const served = await startServeProcess(serveEnv({ ...sim.env, RPBOT_DB: sqlitePath() }));
    try {
      expect(await readyz(served.url)).toMatchObject({ status: 200, body: { checks: { arm: "ok" } } });
      sim.stop();
      const answer = await readyzUntil(served.url, (a) => expect(a.status).toBe(503));
      expect(answer.body.checks).toEqual({ store: "ok", arm: "failing" });
      expect(answer.body.failing).toEqual([
        { part: "arm", reason: expect.stringMatching(/Azure Resource Manager/) },
      ]);
    } finally {
      sim.stop();
      expect(await served.stop()).toBe(0);
    }
  });
});
