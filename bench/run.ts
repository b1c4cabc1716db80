/** `npm run bench`: every performance target, measured side by side in one run, printed as a table. */
import "../src/quiet-warnings.js";
import type { BenchRow } from "./bench-row.js";
import { benchCheckLatency } from "./check-latency.js";
import { benchCliCpu } from "./cli-cpu.js";
import { benchColdCheck } from "./cold-check.js";
import { benchConcurrentChecks } from "./concurrent-checks.js";
import { benchEvaluate } from "./evaluate.js";
import { benchFleetReport } from "./fleet-report.js";
import { benchFleetReportLarge } from "./fleet-report-large.js";
import { benchJobLatency } from "./job-latency.js";
import { benchPrune } from "./prune.js";
import { benchServeChecks } from "./serve-checks.js";
import { benchSetProtect } from "./set-protect.js";
import { benchSlackAck } from "./slack-ack.js";
import { benchTeamsTurn } from "./teams-turn.js";

const suites: Array<[name: string, run: () => BenchRow[] | Promise<BenchRow[]>]> = [
  ["core evaluate", benchEvaluate],
  ["check latency", benchCheckLatency],
  ["cold check", benchColdCheck],
  ["concurrent checks", benchConcurrentChecks],
  ["serve checks", benchServeChecks],
  ["cli cpu", benchCliCpu],
  ["job latency", benchJobLatency],
  ["fleet report", benchFleetReport],
  ["fleet report, 50,000 VMs through serve", benchFleetReportLarge],
  ["protect a set", benchSetProtect],
  ["prune 400 restore points", benchPrune],
  ["slack ack", benchSlackAck],
  ["teams turn", benchTeamsTurn],
];

const rows: BenchRow[] = [];
for (const [name, run] of suites) {
  process.stderr.write(`running ${name}...\n`);
  rows.push(...(await run()));
}
printTable(rows);
process.exitCode = rows.every((row) => row.ok) ? 0 : 1;

function printTable(table: BenchRow[]): void {
  const headers = ["benchmark", "measured", "target", "ok"];
  const cells = table.map((row) => [row.benchmark, row.measured, row.target, row.ok ? "yes" : "NO"]);
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...cells.map((line) => line[i]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(headers));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of cells) console.log(line(row));
}
