/**
 * `rpbot serve` without the terminal: the bot runtime, every configured chat door, and the one HTTP server
 * that carries their routes plus GET /healthz (alive), GET /readyz (the store and ARM answer) and GET /metrics
 * (this bot's own registry, src/metrics). Tests start exactly this, on port 0.
 */
import type { Door } from "../adapters/door.js";
import { type ProbeOutcome, Readiness, type ReadinessProbe } from "../adapters/http/health.js";
import { type HttpTimeouts, type RunningHttpServer, startHttpServer } from "../adapters/http/http-server.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import {
  type BotMetrics,
  createBotMetrics,
  outcomeOfStatus,
  type RequestOutcome,
} from "../metrics/bot-metrics.js";
import { metricsRoute } from "../metrics/metrics-route.js";
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
  /**
   * Builds the doors for this runtime (the CLI passes every configured platform; tests pass theirs). A door
   * whose requests do not come through the HTTP server (Socket Mode) counts them with `requests`.
   */
  doors(runtime: BotRuntime, log: Logger, requests: DoorRequests): Door[] | Promise<Door[]>;
  host?: string;
  /** Tests shorten the HTTP server's timeouts and the readiness probes'. */
  httpTimeouts?: Partial<HttpTimeouts>;
  readinessTimeoutMs?: number;
  /** Deadline of the store read behind the outbox gauges of GET /metrics (default 2 s). */
  metricsReadTimeoutMs?: number;
}

/** Counts a request a door received outside the HTTP server, under its platform. */
export interface DoorRequests {
  answered(door: Door["platform"], outcome: RequestOutcome): void;
}

/** ARM is asked at most this often by /readyz; the store (local, cheap) every second at most. */
const ARM_READINESS_CACHE_MS = 5000;
const STORE_READINESS_CACHE_MS = 1000;

export async function serveBot(config: Config, options: ServeOptions): Promise<ServedBot> {
  const metrics = createBotMetrics();
  const observers = { arm: metrics.arm, checks: metrics.checks, endings: metrics.endings };
  const runtime = await startBotRuntime(config, { ...options, observers });
  watchRuntime(metrics, runtime, options);
  const doors: Door[] = [];
  let server: RunningHttpServer | undefined;
  try {
    const requests: DoorRequests = { answered: (door, outcome) => metrics.requestAnswered(door, outcome) };
    doors.push(...(await options.doors(runtime, options.log, requests)));
    for (const door of doors) runtime.notifiers[door.platform] = door.notifier;
    const doorOfPath = new Map(
      doors.flatMap((door) => door.routes.map((route) => [route.path, door.platform])),
    );
    server = await startHttpServer({
      port: config.port,
      host: options.host,
      routes: doors.flatMap((door) => door.routes),
      serviceRoutes: [metricsRoute(metrics, config.metrics?.token)],
      // A door's route counts under its platform; the bot's own endpoints under their name (healthz, metrics).
      onAnswered: (path, status) =>
        metrics.requestAnswered(doorOfPath.get(path) ?? path.replace(/^\//, ""), outcomeOfStatus(status)),
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

/** The gauges read at scrape time: the outbox's backlog (with a deadline) and the name index's age. */
function watchRuntime(metrics: BotMetrics, runtime: BotRuntime, options: ServeOptions): void {
  const now = options.now ?? (() => new Date());
  metrics.watch({
    outboxBacklog: () => runtime.store.outbox.backlog(),
    nameIndexAgeMs: () => runtime.arm.gateway.nameIndexAgeMs(),
    now: () => now().getTime(),
    readTimeoutMs: options.metricsReadTimeoutMs,
  });
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
