/** `rpbot serve` as a child process: started, its port read from the start-up line, stopped with SIGTERM. */
import { type ChildProcess, spawn } from "node:child_process";
import { CLI } from "./run-cli.js";

export interface ServeProcess {
  url: string;
  stderr(): string;
  stop(): Promise<number | null>;
}

export function startServeProcess(env: Record<string, string>): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [CLI, "serve"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return new Promise<ServeProcess>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const port = /rpbot serving on port (\d+)/.exec(stderr)?.[1];
      if (port)
        resolve({
          url: `http://127.0.0.1:${port}`,
          stderr: () => stderr,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
    });
    exited.then((code) => reject(new Error(`rpbot serve exited with ${code} before serving:\n${stderr}`)));
  });
}
