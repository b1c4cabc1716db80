/**
 * Preloaded (`node --import`) into every process the CLI CPU benchmark measures. At exit it writes that
 * process's own CPU time, user and system in microseconds, as JSON on file descriptor 3: the pipe the
 * benchmark gave it. Only this process is counted, never the benchmark or the simulator.
 */
import { writeSync } from "node:fs";

process.once("exit", () => {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  writeSync(3, JSON.stringify({ userCPUTime, systemCPUTime }));
});
