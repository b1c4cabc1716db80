/**
 * The served bot's Prometheus metrics (GET /metrics, docs/configuration.md): one registry per bot, so several
 * bots in one process (the tests) never mix their numbers, with the process's default metrics and the bot's
 * own. prom-client stays in this folder: the layers that count are handed narrow observers (an ARM request
 * observer, a check observer, a job ending observer) and never see a metric.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { ArmRequestObserver } from "../azure/arm-metrics-policy.js";
import type { CheckObserver } from "../dialogs/bot-dependencies.js";
import type { JobEndingObserver } from "../operations/job-types.js";
import { registerScrapeGauges, type ScrapeSources } from "./scrape-gauges.js";

/** What became of one request: by the status class answered, or "gone" (the client left first). */
export type RequestOutcome = "ok" | "rejected" | "error" | "gone";

export interface BotMetrics {
  readonly arm: ArmRequestObserver;
  readonly checks: CheckObserver;
  readonly endings: JobEndingObserver;
  /** `door`: the chat platform whose route (or Socket Mode connection) it was, else the bot's own endpoint. */
  requestAnswered(door: string, outcome: RequestOutcome): void;
  /** Where the gauges read at scrape time (the store's outbox, the name index) once the bot runs. */
  watch(sources: ScrapeSources): void;
  /** The exposition text, and its content type. */
  render(): Promise<{ contentType: string; text: string }>;
}

/**
 * A restore point takes from seconds to many minutes (application-consistent ones on big VMs longer), and a
 * job is followed for up to two hours by default.
 */
export const JOB_DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

export function createBotMetrics(): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new Counter({
    name: "rpbot_requests_total",
    help: "Requests the bot answered, by door (slack, teams, or its own endpoint) and outcome",
    labelNames: ["door", "outcome"] as const,
    registers,
  });
  const checks = new Counter({
    name: "rpbot_checks_total",
    help: "Checks the bot answered, by result: possible, partial, blocked, not-found, error",
    labelNames: ["result"] as const,
    registers,
  });
  const creations = new Counter({
    name: "rpbot_creations_total",
    help: "Restore point jobs ended by this process, by result: succeeded, failed, lost",
    labelNames: ["result"] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: "rpbot_job_duration_seconds",
    help: "Seconds from the press of a create button to the job's end, by result",
    labelNames: ["result"] as const,
    buckets: JOB_DURATION_BUCKETS,
    registers,
  });
  const armRequests = new Counter({
    name: "rpbot_arm_requests_total",
    help: "ARM request attempts (retries included), by method and status class (2xx, 4xx, 5xx, none)",
    labelNames: ["method", "status_class"] as const,
    registers,
  });
  const armThrottled = new Counter({
    name: "rpbot_arm_throttled_total",
    help: "ARM request attempts answered 429 (throttled)",
    registers,
  });
  const armRetries = new Counter({
    name: "rpbot_arm_retries_total",
    help: "ARM request attempts that repeated an earlier attempt of the same call",
    registers,
  });
  const gauges = registerScrapeGauges(registry);
  return {
    arm: {
      attempted: ({ method, status }) => {
        armRequests.inc({ method, status_class: statusClassOf(status) });
        if (status === 429) armThrottled.inc();
      },
      retried: () => armRetries.inc(),
    },
    checks: { checkAnswered: (result) => checks.inc({ result }) },
    endings: {
      jobEnded: (result, seconds) => {
        creations.inc({ result });
        jobDuration.observe({ result }, seconds);
      },
    },
    requestAnswered: (door, outcome) => requests.inc({ door, outcome }),
    watch: (sources) => gauges.watch(sources),
    render: async () => ({ contentType: registry.contentType, text: await registry.metrics() }),
  };
}

export function outcomeOfStatus(status: number | "gone"): RequestOutcome {
  if (status === "gone") return "gone";
  if (status >= 500) return "error";
  return status >= 400 ? "rejected" : "ok";
}

function statusClassOf(status: number | undefined): string {
  return status === undefined ? "none" : `${Math.floor(status / 100)}xx`;
}
