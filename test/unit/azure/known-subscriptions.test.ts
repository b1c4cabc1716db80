import { describe, expect, it } from "vitest";
import { KnownSubscriptions } from "../../../src/azure/known-subscriptions.js";

function counting(answers: Array<string[] | Error>) {
  const calls = { count: 0 };
  const clients = {
    listSubscriptions: async () => {
      const answer = answers[Math.min(calls.count, answers.length - 1)];
      calls.count += 1;
      if (answer instanceof Error) throw answer;
      return answer ?? [];
    },
  };
  return { clients, calls };
}

describe("the subscriptions the bot reads", () => {
  it("are the configured ones, without asking ARM", async () => {
    const { clients, calls } = counting([["aaaa"]]);
    const known = new KnownSubscriptions(clients, ["1111", "2222"], 60_000);
    expect(await known.list()).toEqual(["1111", "2222"]);
    expect(calls.count).toBe(0);
  });

  it("are listed once per TTL when none is configured, and once for callers at the same time", async () => {
    let clock = 0;
    const { clients, calls } = counting([["aaaa"], ["aaaa", "bbbb"]]);
    const known = new KnownSubscriptions(clients, [], 60_000, () => clock);
    expect(await Promise.all([known.list(), known.list()])).toEqual([["aaaa"], ["aaaa"]]);
    expect(calls.count).toBe(1);
    clock = 59_999;
    expect(await known.list()).toEqual(["aaaa"]);
    clock = 60_000;
    expect(await known.list()).toEqual(["aaaa", "bbbb"]);
    expect(calls.count).toBe(2);
  });

  it("do not keep a failed listing: the next call asks again", async () => {
    const { clients, calls } = counting([new Error("403 AuthorizationFailed"), ["aaaa"]]);
    const known = new KnownSubscriptions(clients, [], 60_000, () => 0);
    await expect(known.list()).rejects.toThrow("AuthorizationFailed");
    expect(await known.list()).toEqual(["aaaa"]);
    expect(calls.count).toBe(2);
  });
});
