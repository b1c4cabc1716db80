/**
 * The two health endpoints. GET /healthz: the process answers (liveness; 200 whenever it serves at all).
 * GET /readyz: the parts the bot needs answer (readiness): each probe (the store, ARM) runs with a deadline,
 * at most one of each at a time, its result reused for a few seconds, so /readyz itself always answers within
 * the deadline however badly a part hangs. Reasons are shown to whoever can reach the port: they never carry a
 * connection string's password or a token.
 */

import { withDeadline } from "../../deadline.js";
import type { Logger } from "../../logger.js";
import { maskSecrets } from "../../secret-text.js";
import type { HttpResponse, HttpRoute } from "./http-route.js";

export type ProbeOutcome = { ok: true } | { ok: false; reason: string };

export interface ReadinessProbe {
  /** The part /readyz names ("store", "arm"). */
  name: string;
  /** `signal` aborts when the deadline passes: the probe should give up then. */
  check(signal: AbortSignal): Promise<ProbeOutcome>;
  /** How long a result is reused (default 0: every /readyz asks again, unless a check is in flight). */
  cacheMs?: number;
}

export interface ReadinessOptions {
  probes: ReadinessProbe[];
  /** Deadline of one probe (default 5 s). */
  timeoutMs?: number;
  now?: () => number;
  /** Told when a part starts or stops failing. */
  log?: Logger;
}

export type PartState = "ok" | "failing";

export interface ReadinessReport {
  ok: boolean;
  checks: Record<string, PartState>;
  /** Absent when everything is ok. */
  failing?: Array<{ part: string; reason: string }>;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

export class Readiness {
  private readonly runners: ProbeRunner[];
  private readonly states = new Map<string, PartState>();

  constructor(private readonly options: ReadinessOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    const now = options.now ?? Date.now;
    this.runners = options.probes.map((probe) => new ProbeRunner(probe, timeoutMs, now));
  }

  async check(): Promise<ReadinessReport> {
    const outcomes = await Promise.all(this.runners.map((runner) => runner.run()));
    const report: ReadinessReport = { ok: true, checks: {} };
    const failing: Array<{ part: string; reason: string }> = [];
    outcomes.forEach((outcome, index) => {
      const part = this.runners[index]?.name ?? String(index);
      report.checks[part] = outcome.ok ? "ok" : "failing";
      if (!outcome.ok) failing.push({ part, reason: redact(outcome.reason || "failing") });
    });
    if (failing.length > 0) Object.assign(report, { ok: false, failing });
    this.logChanges(report);
    return report;
  }

  private logChanges(report: ReadinessReport): void {
    for (const [part, state] of Object.entries(report.checks)) {
      const before = this.states.get(part);
      this.states.set(part, state);
      if (before === state || (before === undefined && state === "ok")) continue;
      const reason = report.failing?.find((failure) => failure.part === part)?.reason;
      if (state === "failing") this.options.log?.warn({ part, reason }, "not ready");
      else this.options.log?.info({ part }, "ready again");
    }
  }
}

/** One probe: its cached result, and the one check in flight that every /readyz in the meantime waits for. */
class ProbeRunner {
  readonly name: string;
  private cached?: { at: number; outcome: ProbeOutcome };
  private inFlight?: Promise<ProbeOutcome>;

  constructor(
    private readonly probe: ReadinessProbe,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {
    this.name = probe.name;
  }

  async run(): Promise<ProbeOutcome> {
    const cacheMs = this.probe.cacheMs ?? 0;
    if (this.cached && this.now() - this.cached.at < cacheMs) return this.cached.outcome;
    // A check that ignores its signal (a TCP connect) stays in flight: waiting for it again is bounded too.
    const outcome = await withDeadline(this.current(), this.timeoutMs, this.timedOut());
    this.cached = { at: this.now(), outcome };
    return outcome;
  }

  private current(): Promise<ProbeOutcome> {
    if (this.inFlight) return this.inFlight;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const started = Promise.resolve()
      .then(() => this.probe.check(controller.signal))
      .then(
        (outcome) => (controller.signal.aborted ? this.timedOut() : outcome),
        (error: unknown) => (controller.signal.aborted ? this.timedOut() : failed(error)),
      )
      .finally(() => {
        clearTimeout(timer);
        if (this.inFlight === started) this.inFlight = undefined;
      });
    this.inFlight = started;
    return started;
  }

  private timedOut(): ProbeOutcome {
    return { ok: false, reason: `${this.name} did not answer within ${seconds(this.timeoutMs)}` };
  }
}

function failed(error: unknown): ProbeOutcome {
  const text = error instanceof Error ? error.message : String(error);
  return { ok: false, reason: (text.split("\n")[0] ?? "").slice(0, 300) };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** Whatever a part says, a URL's password, a bearer token or a key=value secret is masked. */
export const redact = maskSecrets;

export interface HealthRoutesOptions {
  /** The doors' paths, listed by /healthz. */
  routes: string[];
  /** Without it, /readyz says ready whenever the process answers. */
  readiness?: Readiness;
}

const NO_STORE = { "cache-control": "no-store" };

export function healthRoutes(options: HealthRoutesOptions): HttpRoute[] {
  const readyz = async (): Promise<HttpResponse> => {
    const report = options.readiness ? await options.readiness.check() : { ok: true, checks: {} };
    return { status: report.ok ? 200 : 503, headers: NO_STORE, body: report };
  };
  return [
    {
      method: "GET",
      path: "/healthz",
      handle: async () => ({ status: 200, headers: NO_STORE, body: { ok: true, routes: options.routes } }),
    },
    { method: "GET", path: "/readyz", handle: readyz },
  ];
}
