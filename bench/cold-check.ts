/**
 * A cold `rpbot check <name> --json` (a new process, nothing indexed) on a 50,000-VM fleet against the same
 * check on a 1,000-VM fleet, both at 20 ms of latency, side by side in one run. Each fleet is served by an
 * `rpbot sim` of its own process, so the bot's figures are its own. The look-up by name goes to Resource Graph
 * (one query, which also finds the VM's collections), not a listing of the fleet, so the two should cost about
 * the same. The rest are the VM's own ARM reads, which no fleet size changes: the VM, each of its disks, each
 * of its collections (with its points). The VM checked has the generated fleet's median shape: three disks (1
 * to 4, 2.45 on average) and one collection, so its own reads are 5 of the 6 requests allowed.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { CLI } from "../test/support/run-cli.js";
import { type SimProcess, startSimProcess } from "../test/support/sim-process.js";
import type { BenchRow } from "./bench-row.js";
import { median } from "./percentiles.js";

const LATENCY_MS = 20;
const SMALL = 1_000;
const LARGE = 50_000;
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
/** In both generated fleets, with restore points (the first tenth of a generated fleet has them) and 3 disks. */
const VM = "vm-gen-00043";
const MAX_RATIO = 1.5;
const MAX_REQUESTS = 6;

interface Sample {
  ms: number;
  requests: number;
  byRoute: Record<string, number>;
}

export async function benchColdCheck(): Promise<BenchRow[]> {
  const small = await startSimProcess(simArgs(SMALL));
  const large = await startSimProcess(simArgs(LARGE));
  try {
    await check(small); // warm the file cache
    const samples = { small: [] as Sample[], large: [] as Sample[] };
    for (let round = 0; round < RUNS; round++) {
      samples.small.push(await check(small));
      samples.large.push(await check(large));
    }
    const smallMs = median(samples.small.map((sample) => sample.ms));
    const largeMs = median(samples.large.map((sample) => sample.ms));
    const largest = samples.large.reduce((most, sample) => (sample.requests > most.requests ? sample : most));
    const largeRequests = largest.requests;
    const smallRequests = Math.max(...samples.small.map((sample) => sample.requests));
    const ratio = largeMs / smallMs;
    return [
      {
        benchmark: `cold rpbot check ${VM} --json: ${LARGE.toLocaleString("en-US")} VMs / ${SMALL.toLocaleString("en-US")} VMs (${LATENCY_MS} ms latency, median of ${RUNS})`,
        measured: `${largeMs.toFixed(0)} ms (${largeRequests} requests) / ${smallMs.toFixed(0)} ms (${smallRequests} requests) = ${ratio.toFixed(2)}`,
        target: `<= ${MAX_RATIO}`,
        ok: ratio <= MAX_RATIO,
      },
      {
        benchmark: `requests of the cold check on ${LARGE.toLocaleString("en-US")} VMs`,
        measured: `${largeRequests} (${breakdown(largest.byRoute)})`,
        target: `<= ${MAX_REQUESTS}`,
        ok: largeRequests <= MAX_REQUESTS,
      },
    ];
  } finally {
    small.stop();
    large.stop();
  }
}

function simArgs(count: number): string[] {
  return ["--generate", String(count), "--latency", String(LATENCY_MS), "--control-port", "0"];
}

/** One cold check in a process of its own; the simulator's counts are reset before it and read after. */
async function check(sim: SimProcess): Promise<Sample> {
  const control = sim.control();
  const origin = sim.info.control ?? "";
  await fetch(new URL("/stats", origin), { method: "DELETE" });
  const started = performance.now();
  await runCheck(sim.env);
  const ms = performance.now() - started;
  const { requests, byRoute } = await control.stats();
  return { ms, requests, byRoute };
}

/** "1 resourceGraph.resources, 1 virtualMachines.get, 3 disks.get, ...": where the requests went. */
function breakdown(byRoute: Record<string, number>): string {
  return Object.entries(byRoute)
    .map(([route, count]) => `${count} ${route}`)
    .join(", ");
}

function runCheck(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "check", VM, "--json"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`check exited ${code}:\n${stderr}`)),
    );
  });
}
