/**
 * `rpbot serve` without the terminal: the bot runtime, every configured chat door, and the one HTTP server
 * that carries their routes plus GET /healthz (alive) and GET /readyz (the store and ARM answer). Tests start
 * exactly this, on port 0.
 */
import type { Door } from "../adapters/door.js";
import { type ProbeOutcome, Readiness, type ReadinessProbe } from "../adapters/http/health.js";
import { type HttpTimeouts, type RunningHttpServer, startHttpServer } from "../adapters/http/http-server.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { BotRuntime, BotRuntimeOptions } from "./bot-runtime.js";
import { startBotRuntime } from "./bot-runtime.js";

export interface ServedBot {
  url: string;
  port: number;
  runtime: BotRuntime;
  doors: Door[];
  close(): Promise<void>;
}

export interface ServeOptions extends BotRuntimeOptions {
  /** Builds the doors for this runtime (the CLI passes every configured platform; tests pass theirs). */
  doors(runtime: BotRuntime, log: Logger): Door[] | Promise<Door[]>;
  host?: string;
  /** Tests shorten the HTTP server's timeouts and the readiness probes'. */
  httpTimeouts?: Partial<HttpTimeouts>;
  readinessTimeoutMs?: number;
}

/** ARM is asked at most this often by /readyz; the store (local, cheap) every second at most. */
const ARM_READINESS_CACHE_MS = 5000;
const STORE_READINESS_CACHE_MS = 1000;

export async function serveBot(config: Config, options: ServeOptions): Promise<ServedBot> {
  const runtime = await startBotRuntime(config, options);
  const doors: Door[] = [];
  let server: RunningHttpServer | undefined;
  try {
    doors.push(...(await options.doors(runtime, options.log)));
    for (const door of doors) runtime.notifiers[door.platform] = door.notifier;
    server = await startHttpServer({
      port: config.port,
      host: options.host,
      routes: doors.flatMap((door) => door.routes),
      log: options.log.child({ component: "http" }),
      readiness: new Readiness({
        probes: readinessProbes(runtime),
        timeoutMs: options.readinessTimeoutMs,
        log: options.log.child({ component: "readiness" }),
      }),
      maxConnections: config.httpMaxConnections,
      timeouts: options.httpTimeouts,
    });
    for (const door of doors) await door.start();
    await runtime.resume();
    const running = server;
    return {
      url: running.url,
      port: running.port,
      runtime,
      doors,
      close: async () => {
        await running.close();
        for (const door of doors) await door.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await server?.close();
    for (const door of doors) await door.close().catch(() => undefined);
    await runtime.close();
    throw error;
  }
}

/** What /readyz asks: the store takes a write and (SQLite) is still its file; ARM answers or a token comes. */
export function readinessProbes(runtime: Pick<BotRuntime, "store" | "arm">): ReadinessProbe[] {
  return [
    {
      name: "store",
      cacheMs: STORE_READINESS_CACHE_MS,
      check: async (): Promise<ProbeOutcome> => {
        const readiness = await runtime.store.readiness();
        if (readiness.ok) return readiness;
        const reason =
          readiness.part === "store" ? readiness.reason : `${readiness.part}: ${readiness.reason}`;
        return { ok: false, reason };
      },
    },
    {
      name: "arm",
      cacheMs: ARM_READINESS_CACHE_MS,
      check: (signal) => runtime.arm.readiness(signal),
    },
  ];
}
