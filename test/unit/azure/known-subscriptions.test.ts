import { describe, expect, it } from "vitest";
import type { SubscriptionSummary } from "../../../src/azure/clients.js";
import { KnownSubscriptions } from "../../../src/azure/known-subscriptions.js";

type Listing = Array<string | SubscriptionSummary>;

/** A fake of the two subscription reads: the listing answers in turn, `get` from `byId`, and counts both. */
function counting(answers: Array<Listing | Error>, byId: Record<string, string | Error> = {}) {
  const calls = { count: 0, gets: [] as string[] };
  const clients = {
    listSubscriptions: async () => {
      const answer = answers[Math.min(calls.count, answers.length - 1)];
      calls.count += 1;
      if (answer instanceof Error) throw answer;
      return (answer ?? []).map((each) => (typeof each === "string" ? { subscriptionId: each } : each));
    },
    getSubscription: async (subscriptionId: string) => {
      calls.gets.push(subscriptionId);
      const name = byId[subscriptionId];
      if (name instanceof Error) throw name;
      return name === undefined ? undefined : { subscriptionId, displayName: name };
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

describe("the subscriptions' display names", () => {
  const production = { subscriptionId: "aaaa", displayName: "Contoso Production" };

  it("come from the same listing as the ids, by lower-case id, without asking again", async () => {
    const { clients, calls } = counting([[{ ...production, subscriptionId: "AAAA" }, "bbbb"]]);
    const known = new KnownSubscriptions(clients, [], 60_000, () => 0);
    expect(await known.list()).toEqual(["AAAA", "bbbb"]);
    expect(await known.displayNames()).toEqual(new Map([["aaaa", "Contoso Production"]]));
    expect(calls).toEqual({ count: 1, gets: [] });
  });

  it("of configured subscriptions are read one GET each, and trusted for the TTL", async () => {
    let clock = 0;
    const { clients, calls } = counting([["aaaa"]], {
      "1111": "Contoso Production",
      "2222": "Contoso Staging",
    });
    const known = new KnownSubscriptions(clients, ["1111", "2222"], 60_000, () => clock);
    const names = new Map([
      ["1111", "Contoso Production"],
      ["2222", "Contoso Staging"],
    ]);
    expect(await known.displayNames()).toEqual(names);
    clock = 59_999;
    expect(await known.displayNames()).toEqual(names);
    expect(calls).toEqual({ count: 0, gets: ["1111", "2222"] });
  });

  it("never fail: a name ARM would not give is left out, and asked for again next time", async () => {
    const refused = counting([new Error("403 AuthorizationFailed")]);
    expect(await new KnownSubscriptions(refused.clients, [], 60_000).displayNames()).toEqual(new Map());
    const { clients, calls } = counting([], { "1111": "Contoso Production", "2222": new Error("403") });
    const known = new KnownSubscriptions(clients, ["1111", "2222"], 60_000, () => 0);
    expect(await known.displayNames()).toEqual(new Map([["1111", "Contoso Production"]]));
    await known.displayNames();
    expect(calls.gets).toEqual(["1111", "2222", "1111", "2222"]);
  });
});
