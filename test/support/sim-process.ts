/** `rpbot sim` as a process: its first line says where it is and which certificate to trust (docs/cli.md). */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { ControlStats, FaultSettings, FaultUpdate } from "../../src/simulator/index.js";
import { CLI } from "./run-cli.js";

export interface SimInfo {
  endpoint: string;
  caFile: string;
  subscriptions: string[];
  /** The control API, when started with --control-port. */
  control?: string;
}

/** The control API over fetch (docs/cli.md, "Rehearsing an incident"). */
export interface SimControl {
  faults: {
    get(): Promise<FaultSettings>;
    set(update: FaultUpdate): Promise<FaultSettings>;
    clear(): Promise<FaultSettings>;
  };
  stats(): Promise<ControlStats>;
}

export interface SimProcess {
  info: SimInfo;
  /** What another process sets to reach it: RPBOT_ARM, RPBOT_ARM_ENDPOINT, NODE_EXTRA_CA_CERTS. */
  env: Record<string, string>;
  /** The control API client; throws unless the process was started with --control-port. */
  control(): SimControl;
  /** Resolves with the exit code (null when a signal ended it) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM: the simulator removes its certificate and exits 0. */
  stop(): void;
  /** SIGKILL: the process ends at once, as after a crash. */
  kill(): void;
}

export async function startSimProcess(args: string[] = []): Promise<SimProcess> {
  const child = spawn(process.execPath, [CLI, "sim", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    void exited.then(({ code }) => reject(new Error(`rpbot sim exited with ${code} before its first line`)));
  });
  const info = JSON.parse(firstLine) as SimInfo;
  return {
    info,
    env: { RPBOT_ARM: "simulator", RPBOT_ARM_ENDPOINT: info.endpoint, NODE_EXTRA_CA_CERTS: info.caFile },
    control: () => {
      if (!info.control) throw new Error("rpbot sim was started without --control-port");
      return simControl(info.control);
    },
    exited,
    stop: () => child.kill("SIGTERM"),
    kill: () => child.kill("SIGKILL"),
  };
}

/** A client of the control API at `origin` (http://127.0.0.1:PORT). */
export function simControl(origin: string): SimControl {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(new URL(path, origin), {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as unknown;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer as T;
  };
  return {
    faults: {
      get: () => call("GET", "/faults"),
      set: (update) => call("PUT", "/faults", update),
      clear: () => call("DELETE", "/faults"),
    },
    stats: () => call("GET", "/stats"),
  };
}
