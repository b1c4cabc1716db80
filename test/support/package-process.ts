/**
 * A folder's `npm start`, as App Service runs it in /home/site/wwwroot: its own process group (npm, the shell,
 * node), ready once the bot's start-up line names its port, stopped by signalling the whole group.
 */
import { type ChildProcess, spawn } from "node:child_process";

export interface StartedPackage {
  url: string;
  /** What npm and the bot wrote, stdout and stderr together. */
  output(): string;
  /** SIGTERM to the group; SIGKILL if it is still running after `graceMs`. Resolves once its output closed. */
  stop(graceMs?: number): Promise<void>;
}

export function npmStart(folder: string, env: Record<string, string>): Promise<StartedPackage> {
  const child: ChildProcess = spawn("npm", ["start"], {
    cwd: folder,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
  // The group, not npm alone: node runs on below npm and the shell, and must end too.
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, name);
    } catch {
      // ESRCH: the group has ended already.
    }
  };
  const stop = async (graceMs = 10_000) => {
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), graceMs);
    await closed;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const port = /rpbot serving on port (\d+)/.exec(output)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, output: () => output, stop });
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("error", reject);
    closed.then(() => reject(new Error(`npm start ended before serving:\n${output}`)));
  });
}
