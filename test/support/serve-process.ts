/**
 * `rpbot serve` as a child process: started, its port read from the start-up line, stopped with SIGTERM, or
 * killed with SIGKILL (as after a crash: nothing is finished, nothing is released), or paused with SIGSTOP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { CLI } from "./run-cli.js";
import { startScriptNodeFlags } from "./start-script.js";

export interface ServeProcess {
  url: string;
  /** The child's process id. */
  pid: number;
  stderr(): string;
  stop(): Promise<number | null>;
  /** SIGKILL; resolves once the process is gone (with its signal, "SIGKILL"). */
  kill(): Promise<NodeJS.Signals | null>;
  /**
   * SIGSTOP: the process stops running but keeps its sockets open, so what it sent is still answered (into
   * buffers it never reads). kill() ends it from there.
   */
  pause(): void;
  /** SIGCONT: a paused process runs on from where it was, unaware that time passed. */
  resume(): void;
  /** Whether the process has ended (by itself, stop or kill). */
  ended(): boolean;
}

/** Started with the node flags of `npm start` (start-script.ts). */
export function startServeProcess(env: Record<string, string>): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [...startScriptNodeFlags(), CLI, "serve"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let ended = false;
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  const exited = closed.then(({ code }) => code);
  return new Promise<ServeProcess>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const port = /rpbot serving on port (\d+)/.exec(stderr)?.[1];
      if (port)
        resolve({
          url: `http://127.0.0.1:${port}`,
          pid: child.pid ?? 0,
          stderr: () => stderr,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
          kill: async () => {
            if (!ended) child.kill("SIGKILL");
            return (await closed).signal;
          },
          ended: () => ended,
          pause: () => {
            if (!ended) child.kill("SIGSTOP");
          },
          resume: () => {
            if (!ended) child.kill("SIGCONT");
          },
        });
    });
    exited.then((code) => reject(new Error(`rpbot serve exited with ${code} before serving:\n${stderr}`)));
  });
}
