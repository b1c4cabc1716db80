/**
 * The CPU time of one `rpbot check <vm> --json`, side by side in the same run with `node -e 0` (starting Node)
 * and a bare script making the same ARM reads with the Azure SDKs as installed (bench/bare-check.child.mjs):
 * what loading the SDKs file by file costs, which the bundled CLI (scripts/build.mjs) does not pay. Each runs in its own process against one `rpbot sim`, and reports its own
 * user + system CPU time at exit (bench/cpu-report.mjs), so neither the simulator nor this process is counted.
 * Rounds alternate the three, so a busy machine slows them alike. Needs `npm run build` (dist/cli.js).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CLI } from "../test/support/run-cli.js";
import { type SimProcess, startSimProcess } from "../test/support/sim-process.js";
import type { BenchRow } from "./bench-row.js";
import { median } from "./percentiles.js";

const RUNS = Number(process.env.BENCH_CPU_RUNS ?? 5);
const VM = "vm-web-01";
const TARGET_SECONDS = 0.5;
const CPU_REPORT = fileURLToPath(new URL("./cpu-report.mjs", import.meta.url));
const BARE_CHECK = fileURLToPath(new URL("./bare-check.child.mjs", import.meta.url));

interface Subject {
  name: string;
  args: string[];
  env: Record<string, string>;
}

interface Sample {
  cpuSeconds: number;
  /** ARM requests the simulator received during the run, and by route. */
  requests: number;
  byRoute: Record<string, number>;
}

export async function benchCliCpu(): Promise<BenchRow[]> {
  const sim = await startSimProcess(["--control-port", "0"]);
  try {
    const subjects: Subject[] = [
      { name: "node -e 0", args: ["-e", "0"], env: {} },
      {
        name: "bare SDK script",
        args: [BARE_CHECK, sim.info.endpoint, VM],
        env: { NODE_EXTRA_CA_CERTS: sim.info.caFile },
      },
      { name: `rpbot check ${VM} --json`, args: [CLI, "check", VM, "--json"], env: sim.env },
    ];
    for (const subject of subjects) await measure(subject, sim); // warm the file cache
    const samples = new Map<Subject, Sample[]>(subjects.map((subject) => [subject, []]));
    for (let round = 0; round < RUNS; round++) {
      for (const subject of subjects) samples.get(subject)?.push(await measure(subject, sim));
    }
    const [, bare, cli] = subjects.map((subject) => samples.get(subject) ?? []);
    const summary = subjects.map((subject) => summarise(subject, samples.get(subject) ?? []));
    const drift = routeDrift(bare?.[0]?.byRoute ?? {}, cli?.[0]?.byRoute ?? {});
    const check = median((cli ?? []).map((sample) => sample.cpuSeconds));
    return [
      {
        benchmark: `CLI CPU time (user+sys of the child, median of ${RUNS}): ${subjects.map((s) => s.name).join(" / ")}`,
        measured: summary.join("; ") + (drift ? `; NOT the same requests: ${drift}` : ""),
        target: `check <= ${TARGET_SECONDS} s`,
        ok: check <= TARGET_SECONDS,
      },
    ];
  } finally {
    sim.stop();
  }
}

function summarise(subject: Subject, samples: Sample[]): string {
  const cpu = median(samples.map((sample) => sample.cpuSeconds));
  const requests = median(samples.map((sample) => sample.requests));
  return `${subject.name} ${cpu.toFixed(2)} s${requests > 0 ? ` (${requests} ARM requests)` : ""}`;
}

/** One run of the subject; the simulator's counts are reset before and read after it. */
async function measure(subject: Subject, sim: SimProcess): Promise<Sample> {
  const control = sim.info.control;
  if (!control) throw new Error("rpbot sim was started without --control-port");
  await fetch(new URL("/stats", control), { method: "DELETE" });
  const cpuSeconds = await childCpuSeconds(subject);
  const { requests, byRoute } = await sim.control().stats();
  return { cpuSeconds, requests, byRoute };
}

/** The routes the bare script and the check asked a different number of times ("route bare/check"), if any. */
function routeDrift(bare: Record<string, number>, check: Record<string, number>): string {
  const routes = [...new Set([...Object.keys(bare), ...Object.keys(check)])].sort();
  return routes
    .filter((route) => (bare[route] ?? 0) !== (check[route] ?? 0))
    .map((route) => `${route} ${bare[route] ?? 0}/${check[route] ?? 0}`)
    .join(", ");
}

/** Runs the subject with cpu-report.mjs preloaded; its report arrives on fd 3. A failed run is an error. */
function childCpuSeconds(subject: Subject): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", CPU_REPORT, ...subject.args], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...subject.env },
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let report = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.stdio[3]?.on("data", (chunk: Buffer) => {
      report += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${subject.name} exited with ${code}:\n${stderr}`));
      const { userCPUTime, systemCPUTime } = JSON.parse(report) as Record<string, number>;
      resolve(((userCPUTime ?? 0) + (systemCPUTime ?? 0)) / 1e6);
    });
  });
}
