/**
 * /readyz and /healthz in memory (health.ts), with probes injected: what the report says, that a hanging part
 * cannot hold /readyz past its deadline (nor be asked twice at once), caching, redaction of secrets, and the
 * probes `rpbot serve` wires (serve.ts) over a store and ARM runtime. The real processes are
 * test/e2e/readiness.test.ts.
 */
import { describe, expect, it } from "vitest";
import { healthRoutes, type ProbeOutcome, Readiness, redact } from "../../../src/adapters/http/health.js";
import type { HttpRoute } from "../../../src/adapters/http/http-route.js";
import { type RunningHttpServer, startHttpServer } from "../../../src/adapters/http/http-server.js";
import { type LogRecord, memoryLogger, silentLogger } from "../../../src/logger.js";
import { readinessProbes } from "../../../src/runtime/serve.js";

const ok = async (): Promise<ProbeOutcome> => ({ ok: true });
const never = () => new Promise<ProbeOutcome>(() => undefined);

function routeOf(routes: HttpRoute[], path: string): HttpRoute {
  const route = routes.find((each) => each.path === path);
  if (!route) throw new Error(`no ${path}`);
  return route;
}

const get = (route: HttpRoute) =>
  route.handle({ method: "GET", path: route.path, headers: {}, rawBody: Buffer.alloc(0) });

describe("the readiness report", () => {
  it("is 200 with every part ok, 503 naming the failing part and its reason", async () => {
    let storeUp = true;
    const readiness = new Readiness({
      probes: [
        {
          name: "store",
          check: async () =>
            storeUp ? { ok: true } : { ok: false, reason: "the database does not answer: ECONNREFUSED" },
        },
        { name: "arm", check: ok },
      ],
    });
    const readyz = routeOf(healthRoutes({ routes: [], readiness }), "/readyz");
    expect(await get(readyz)).toMatchObject({
      status: 200,
      body: { ok: true, checks: { store: "ok", arm: "ok" } },
    });
    storeUp = false;
    expect(await get(readyz)).toMatchObject({
      status: 503,
      headers: { "cache-control": "no-store" },
      body: {
        ok: false,
        checks: { store: "failing", arm: "ok" },
        failing: [{ part: "store", reason: "the database does not answer: ECONNREFUSED" }],
      },
    });
  });

  it("answers within the deadline while a part hangs, without asking it again meanwhile", async () => {
    let asked = 0;
    let aborted = 0;
    const readiness = new Readiness({
      timeoutMs: 200,
      probes: [
        {
          name: "arm",
          check: (signal) => {
            asked++;
            signal.addEventListener("abort", () => aborted++);
            return never();
          },
        },
      ],
    });
    const started = performance.now();
    const reports = await Promise.all([readiness.check(), readiness.check(), readiness.check()]);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(reports[0]).toEqual({
      ok: false,
      checks: { arm: "failing" },
      failing: [{ part: "arm", reason: "arm did not answer within 200 ms" }],
    });
    expect([asked, aborted]).toEqual([1, 1]);
  });

  it("waits again, bounded, for a check that ignores its signal, and asks afresh once it ends", async () => {
    let asked = 0;
    let finish: (outcome: ProbeOutcome) => void = () => undefined;
    const readiness = new Readiness({
      timeoutMs: 100,
      probes: [
        {
          name: "store",
          check: () => {
            asked++;
            return asked === 1 ? new Promise<ProbeOutcome>((resolve) => (finish = resolve)) : ok();
          },
        },
      ],
    });
    expect((await readiness.check()).ok).toBe(false);
    expect((await readiness.check()).ok).toBe(false);
    expect(asked).toBe(1);
    finish({ ok: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect((await readiness.check()).ok).toBe(true);
    expect(asked).toBe(2);
  });

  it("reuses a part's result for its cacheMs", async () => {
    let asked = 0;
    let clock = 0;
    const readiness = new Readiness({
      now: () => clock,
      probes: [
        {
          name: "arm",
          cacheMs: 5000,
          check: async (): Promise<ProbeOutcome> =>
            asked++ > 0 ? { ok: true } : { ok: false, reason: "down" },
        },
      ],
    });
    expect((await readiness.check()).ok).toBe(false);
    clock = 4999;
    expect((await readiness.check()).ok).toBe(false);
    clock = 5000;
    expect((await readiness.check()).ok).toBe(true);
    expect(asked).toBe(2);
  });

  it("turns a throwing probe into a failing part, and logs when a part fails and recovers", async () => {
    const logs: LogRecord[] = [];
    let fail = true;
    const readiness = new Readiness({
      log: memoryLogger(logs),
      probes: [
        {
          name: "store",
          check: async () => {
            if (fail) throw new Error("disk I/O error\nstack");
            return { ok: true };
          },
        },
      ],
    });
    expect((await readiness.check()).failing).toEqual([{ part: "store", reason: "disk I/O error" }]);
    await readiness.check();
    fail = false;
    await readiness.check();
    expect(logs.map((record) => [record.level, record.message])).toEqual([
      ["warn", "not ready"],
      ["info", "ready again"],
    ]);
  });

  it("never shows a password or a token, whatever a part says", () => {
    expect(redact("connect to postgres://rpbot:hunter2@db:5432/x failed")).toBe(
      "connect to postgres://***@db:5432/x failed",
    );
    expect(redact("refused Bearer eyJhbGciOi.abc.def; retry")).toBe("refused Bearer ***; retry");
    expect(redact("password=hunter2 host=db")).toBe("password=*** host=db");
  });
});

describe("/healthz", () => {
  it("is 200 while /readyz is 503, over the real server", async () => {
    const readiness = new Readiness({
      probes: [{ name: "store", check: async () => ({ ok: false, reason: "gone" }) }],
    });
    const server: RunningHttpServer = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      routes: [{ method: "POST", path: "/slack/events", handle: async () => ({ status: 200 }) }],
      log: silentLogger,
      readiness,
    });
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { ok: true, routes: ["/slack/events"] }]);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ failing: [{ part: "store", reason: "gone" }] });
    } finally {
      await server.close();
    }
  });
});

describe("the probes rpbot serve wires", () => {
  it("asks the store's readiness and ARM's, naming a sub-part of the store", async () => {
    let store: { ok: true } | { ok: false; part: string; reason: string } = { ok: true };
    const signals: AbortSignal[] = [];
    const runtime = {
      store: { readiness: async () => store },
      arm: {
        readiness: async (signal?: AbortSignal) => {
          if (signal) signals.push(signal);
          return { ok: true as const };
        },
      },
    } as unknown as Parameters<typeof readinessProbes>[0];
    const readiness = new Readiness({ probes: readinessProbes(runtime) });
    expect(await readiness.check()).toEqual({ ok: true, checks: { store: "ok", arm: "ok" } });
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    store = { ok: false, part: "migrations", reason: "applied up to 3, this release needs 4" };
    // The store's result is reused for a second: a fresh Readiness asks again.
    const fresh = new Readiness({ probes: readinessProbes(runtime) });
    expect((await fresh.check()).failing).toEqual([
      { part: "store", reason: "migrations: applied up to 3, this release needs 4" },
    ]);
  });
});
