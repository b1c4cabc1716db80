/** `rpbot sim` as a process: its first line says where it is and which certificate to trust (docs/cli.md). */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { CLI } from "./run-cli.js";

export interface SimInfo {
  endpoint: string;
  caFile: string;
  subscriptions: string[];
}

export interface SimProcess {
  info: SimInfo;
  /** What another process sets to reach it: RPBOT_ARM, RPBOT_ARM_ENDPOINT, NODE_EXTRA_CA_CERTS. */
  env: Record<string, string>;
  stop(): void;
}

export async function startSimProcess(args: string[] = []): Promise<SimProcess> {
  const child = spawn(process.execPath, [CLI, "sim", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`rpbot sim exited with ${code} before its first line`)));
  });
  const info = JSON.parse(firstLine) as SimInfo;
  return {
    info,
    env: { RPBOT_ARM: "simulator", RPBOT_ARM_ENDPOINT: info.endpoint, NODE_EXTRA_CA_CERTS: info.caFile },
    stop: () => child.kill("SIGTERM"),
  };
}
