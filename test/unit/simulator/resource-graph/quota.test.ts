/**
 * Resource Graph's per-user quota: 15 queries per 5-second window by default, counted down in
 * x-ms-user-quota-remaining with x-ms-user-quota-resets-after (hh:mm:ss); past it, 429 RateLimiting with
 * Retry-After. The clock is the caller's, so nothing here waits.
 */
import { describe, expect, it } from "vitest";
import { clockDuration, UserQuota } from "../../../../src/simulator/resource-graph/quota.js";
import { ResourceGraphService } from "../../../../src/simulator/resource-graph/service.js";
import { ask, fleetOf, vm } from "./harness.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");

describe("UserQuota", () => {
  it("counts 15 queries down to 0 in a window, then refuses until the window ends", () => {
    const quota = new UserQuota();
    const remaining = Array.from({ length: 15 }, (_, index) => {
      const decision = quota.take("alice", T0 + index * 100);
      return decision.ok ? decision.remaining : -1;
    });
    expect(remaining).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(quota.take("alice", T0 + 1600)).toEqual({
      ok: false,
      remaining: 0,
      resetsAfterMs: 3400,
      retryAfterSeconds: 4,
    });
    expect(quota.take("alice", T0 + 4999)).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(quota.take("alice", T0 + 5000)).toEqual({ ok: true, remaining: 14, resetsAfterMs: 5000 });
  });

  it("does not count refused queries", () => {
    const quota = new UserQuota({ queries: 1, windowSeconds: 5 });
    expect(quota.take("bob", T0).ok).toBe(true);
    for (let i = 0; i < 10; i += 1) expect(quota.take("bob", T0 + i).ok).toBe(false);
    expect(quota.take("bob", T0 + 5000)).toMatchObject({ ok: true, remaining: 0 });
  });

  it("keeps one window per user", () => {
    const quota = new UserQuota({ queries: 1, windowSeconds: 5 });
    expect(quota.take("alice", T0).ok).toBe(true);
    expect(quota.take("alice", T0 + 1).ok).toBe(false);
    expect(quota.take("carol", T0 + 1).ok).toBe(true);
  });

  it("starts the window at the first query of a user, not on a fixed grid", () => {
    const quota = new UserQuota({ queries: 2, windowSeconds: 5 });
    quota.take("dave", T0 + 3000);
    expect(quota.take("dave", T0 + 7000)).toEqual({ ok: true, remaining: 0, resetsAfterMs: 1000 });
    expect(quota.take("dave", T0 + 8000)).toEqual({ ok: true, remaining: 1, resetsAfterMs: 5000 });
  });
});

describe("clockDuration", () => {
  it("writes hh:mm:ss, rounding up to the second", () => {
    expect(clockDuration(5000)).toBe("00:00:05");
    expect(clockDuration(3400)).toBe("00:00:04");
    expect(clockDuration(1)).toBe("00:00:01");
    expect(clockDuration(0)).toBe("00:00:00");
    expect(clockDuration((3600 + 2 * 60 + 3) * 1000)).toBe("01:02:03");
  });
});

describe("the service's answers", () => {
  const state = fleetOf([vm({ name: "vm-1" })]);
  const at = (ms: number) => new Date(T0 + ms);

  it("carry the quota headers on every answer, an invalid query's too", () => {
    const service = new ResourceGraphService();
    const ok = ask(service, state, "Resources", { now: at(0) });
    expect(ok.headers).toMatchObject({
      "x-ms-user-quota-remaining": "14",
      "x-ms-user-quota-resets-after": "00:00:05",
    });
    const invalid = ask(service, state, "Resources | where", { now: at(2000) });
    expect(invalid.status).toBe(400);
    expect(invalid.headers).toMatchObject({
      "x-ms-user-quota-remaining": "13",
      "x-ms-user-quota-resets-after": "00:00:03",
    });
  });

  it("answer the 16th query of a window with 429 RateLimiting and Retry-After", () => {
    const service = new ResourceGraphService();
    for (let i = 0; i < 15; i += 1) expect(ask(service, state, "Resources", { now: at(i) }).status).toBe(200);
    const refused = ask(service, state, "Resources", { now: at(1500) });
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({
      "retry-after": "4",
      "x-ms-user-quota-remaining": "0",
      "x-ms-user-quota-resets-after": "00:00:04",
    });
    expect(refused.body).toEqual({
      error: {
        code: "RateLimiting",
        message: expect.stringMatching(
          /^Please provide below info when asking for support: timestamp = 2026-01-01T00:00:01\.5000000Z, correlationId = [0-9a-f-]{36}\.$/,
        ),
        details: [
          {
            code: "RateLimiting",
            message: expect.stringContaining("Client application has been throttled"),
          },
        ],
      },
    });
    expect(ask(service, state, "Resources", { now: at(5000) }).status).toBe(200);
  });

  it("count each bearer token as its own user, and follow the settings given", () => {
    const service = new ResourceGraphService({ queries: 2 });
    expect(ask(service, state, "Resources", { token: "a" }).headers["x-ms-user-quota-remaining"]).toBe("1");
    expect(ask(service, state, "Resources", { token: "a" }).headers["x-ms-user-quota-remaining"]).toBe("0");
    expect(ask(service, state, "Resources", { token: "a" }).status).toBe(429);
    expect(ask(service, state, "Resources", { token: "b" }).status).toBe(200);
  });
});
