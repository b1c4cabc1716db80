/**
 * 100 concurrent checks of different VMs, as `rpbot serve` would answer them (the gateway kept warm), against an
 * `rpbot sim` process with 50 ms of latency and ARM's real read bucket (250 reads, 25 a second). Beside the time
 * it prints the floor no client can beat without 429s: the ARM reads the burst needed, less the bucket, over the
 * refill rate. Target: zero 429s, and the burst within 10% of that floor.
 */
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { createArmGateway, simulatorConnection } from "../src/azure/index.js";
import { ARM_READ_BUDGET } from "../src/azure/read-budget.js";
import { DEFAULT_LIMITS } from "../src/core/limits.js";
import { checkResolvedVm } from "../src/operations/check-vm.js";
import { startSimProcess } from "../test/support/sim-process.js";
import type { BenchRow } from "./bench-row.js";

const VMS = 1_000;
const CHECKS = 100;
const LATENCY_MS = 50;
const TOLERANCE = 1.1;

export async function benchConcurrentChecks(): Promise<BenchRow[]> {
  const sim = await startSimProcess(["--generate", String(VMS), "--latency", String(LATENCY_MS)]);
  try {
    const gateway = createArmGateway({
      connection: {
        ...simulatorConnection(sim.info.endpoint, readFileSync(sim.info.caFile, "utf8")),
        maxRetries: 0,
      },
      subscriptionIds: sim.info.subscriptions,
      nameIndexTtlMs: 5 * 60_000,
    });
    const stop = gateway.keepWarm();
    try {
      const refs = await gateway.listVms();
      const deps = { arm: gateway, limits: DEFAULT_LIMITS, now: () => new Date() };
      const first = refs[0];
      if (!first) throw new Error("the generated fleet has no VM");
      await checkResolvedVm(deps, first); // waits for the kept collection listing
      // A full bucket to start from, as after a quiet minute: the floor below assumes it.
      await sleep((ARM_READ_BUDGET.capacity / ARM_READ_BUDGET.refillPerSecond) * 1000);
      const budget = gateway.clients.readBudget(first.subscriptionId);
      const before = { ...budget.counters };
      const started = performance.now();
      const outcomes = await Promise.allSettled(
        refs.slice(1, CHECKS + 1).map((ref) => checkResolvedVm(deps, ref)),
      );
      const seconds = (performance.now() - started) / 1000;
      const reads = budget.counters.sent - before.sent;
      const throttled = budget.counters.throttled - before.throttled;
      const failed = outcomes.filter((outcome) => outcome.status === "rejected").length;
      const floor = Math.max(0, reads - ARM_READ_BUDGET.capacity) / ARM_READ_BUDGET.refillPerSecond;
      const ratio = floor > 0 ? seconds / floor : Number.NaN;
      return [
        {
          benchmark: `${CHECKS} concurrent checks of different VMs, kept warm (${LATENCY_MS} ms latency, ARM bucket 250 + 25/s)`,
          measured: `${seconds.toFixed(1)} s for ${reads} ARM reads; floor ${floor.toFixed(1)} s; ratio ${ratio.toFixed(2)}; ${throttled} 429s; ${failed} failed`,
          target: `0 429s, <= ${TOLERANCE} x the floor`,
          ok: throttled === 0 && failed === 0 && (floor === 0 || seconds <= floor * TOLERANCE),
        },
      ];
    } finally {
      stop();
    }
  } finally {
    sim.stop();
  }
}
