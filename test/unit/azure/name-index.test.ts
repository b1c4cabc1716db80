import { afterEach, describe, expect, it, vi } from "vitest";
import { type ListingSource, NameIndex } from "../../../src/azure/name-index.js";
import type { VmRef } from "../../../src/azure/vm-ref.js";

function ref(name: string): VmRef {
  return {
    id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`,
    name,
    resourceGroup: "rg",
    subscriptionId: "s",
    location: "eastus",
    type: "virtualMachine",
  };
}

/** A listing whose answers the test hands out one by one. */
function harness(ttlMs = 60_000) {
  let clock = 0;
  const calls: ListingSource[] = [];
  const pending: Array<{ resolve: (refs: VmRef[]) => void; reject: (error: Error) => void }> = [];
  const errors: unknown[] = [];
  const index = new NameIndex({
    list: (source) => {
      calls.push(source);
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
    ttlMs,
    now: () => clock,
    onRefreshError: (error) => errors.push(error),
  });
  const answer = async (refs: VmRef[]) => {
    pending.shift()?.resolve(refs);
    await Promise.resolve();
  };
  const fail = async (message: string) => {
    pending.shift()?.reject(new Error(message));
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { index, calls, errors, answer, fail, advance: (ms: number) => (clock += ms) };
}

afterEach(() => vi.useRealTimers());

describe("the VM name index", () => {
  it("waits for its first build only, from the graph", async () => {
    const h = harness();
    const first = h.index.current();
    expect(h.calls).toEqual(["graph"]);
    await h.answer([ref("vm-a")]);
    expect((await first).map((vm) => vm.name)).toEqual(["vm-a"]);
    expect(await h.index.current()).toHaveLength(1);
    expect(h.calls).toHaveLength(1);
  });

  it("answers from a stale index at once and refreshes it in the background, once", async () => {
    const h = harness();
    const first = h.index.current();
    await h.answer([ref("vm-a")]);
    await first;
    h.advance(59_999);
    await h.index.current();
    expect(h.calls).toHaveLength(1);
    h.advance(1);
    expect((await h.index.current()).map((vm) => vm.name)).toEqual(["vm-a"]);
    expect((await h.index.current()).map((vm) => vm.name)).toEqual(["vm-a"]);
    expect(h.calls).toEqual(["graph", "graph"]);
    await h.answer([ref("vm-a"), ref("vm-b")]);
    expect((await h.index.current()).map((vm) => vm.name)).toEqual(["vm-a", "vm-b"]);
  });

  it("keeps the old index when a refresh fails, and says so", async () => {
    const h = harness();
    const first = h.index.current();
    await h.answer([ref("vm-a")]);
    await first;
    h.advance(60_000);
    await h.index.current();
    await h.fail("ARM said 503");
    expect(h.errors.map((error) => (error as Error).message)).toEqual(["ARM said 503"]);
    expect((await h.index.current()).map((vm) => vm.name)).toEqual(["vm-a"]);
    expect(h.calls).toHaveLength(3); // still stale: the next question tries again
  });

  it("keepWarm builds at once and refreshes at 80% of the TTL, until stopped", async () => {
    vi.useFakeTimers();
    const h = harness(10_000);
    const stop = h.index.keepWarm();
    expect(h.calls).toHaveLength(1);
    await h.answer([ref("vm-a")]);
    vi.advanceTimersByTime(7_999);
    expect(h.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(h.calls).toHaveLength(2);
    await h.answer([ref("vm-a")]);
    stop();
    vi.advanceTimersByTime(100_000);
    expect(h.calls).toHaveLength(2);
  });

  it("takes a VM found by a targeted look-up until the next build", async () => {
    const h = harness();
    const first = h.index.current();
    await h.answer([ref("vm-a")]);
    await first;
    h.index.add([ref("vm-new"), ref("VM-A".toLowerCase())]);
    expect(h.index.known().map((vm) => vm.name)).toEqual(["vm-a", "vm-new"]);
  });
});
