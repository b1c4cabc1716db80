/**
 * The gauges read when /metrics is scraped: the outbox's backlog (from the store) and the age of the VM name
 * index. A store that hangs or fails must not hang the scrape: the read has a deadline, at most one is in
 * flight (a scrape meanwhile waits for that one, bounded too), and an unknown value is NaN, not a made-up 0.
 */
import { Counter, Gauge, type Registry } from "prom-client";
import { withDeadline } from "../deadline.js";
import type { OutboxBacklog } from "../store/store.port.js";

export interface ScrapeSources {
  /** The store's outbox backlog (Store.outbox.backlog). */
  outboxBacklog(): Promise<OutboxBacklog>;
  /** The name index's age in milliseconds; undefined before its first build. */
  nameIndexAgeMs(): number | undefined;
  now(): number;
  /** Deadline of one store read (default 2 s). */
  readTimeoutMs?: number;
}

export const DEFAULT_SCRAPE_READ_TIMEOUT_MS = 2000;

/** One scrape asks the store once for both outbox gauges. */
const BACKLOG_REUSE_MS = 500;

type BacklogReading = { ok: true; backlog: OutboxBacklog } | { ok: false };

export function registerScrapeGauges(registry: Registry): { watch(sources: ScrapeSources): void } {
  let sources: ScrapeSources | undefined;
  /** The store's read, kept until it settles: a hung one is waited for again, never asked twice. */
  let storeRead: Promise<BacklogReading> | undefined;
  /** This scrape's bounded wait, shared by both outbox gauges (prom-client collects them at once). */
  let scrapeRead: Promise<BacklogReading> | undefined;
  let last: { at: number; reading: BacklogReading } | undefined;
  const registers = [registry];
  const readBacklog = async (from: ScrapeSources): Promise<BacklogReading> => {
    storeRead ??= from
      .outboxBacklog()
      .then((value): BacklogReading => ({ ok: true, backlog: value }))
      .catch((): BacklogReading => ({ ok: false }))
      .finally(() => {
        storeRead = undefined;
      });
    const reading = await withDeadline(storeRead, from.readTimeoutMs ?? DEFAULT_SCRAPE_READ_TIMEOUT_MS, {
      ok: false,
    } as BacklogReading);
    if (!reading.ok) failures.inc({ part: "store" });
    last = { at: from.now(), reading };
    return reading;
  };
  const backlog = (from: ScrapeSources): Promise<BacklogReading> => {
    if (last && from.now() - last.at < BACKLOG_REUSE_MS) return Promise.resolve(last.reading);
    scrapeRead ??= readBacklog(from).finally(() => {
      scrapeRead = undefined;
    });
    return scrapeRead;
  };

  new Gauge({
    name: "rpbot_outbox_depth",
    help: "Job results waiting to be delivered to chat (NaN: the store did not answer)",
    registers,
    async collect() {
      if (!sources) return;
      const reading = await backlog(sources);
      this.set(reading.ok ? reading.backlog.depth : Number.NaN);
    },
  });
  new Gauge({
    name: "rpbot_outbox_oldest_age_seconds",
    help: "Age of the oldest job result waiting to be delivered; 0 when none waits (NaN: the store did not answer)",
    registers,
    async collect() {
      if (!sources) return;
      const reading = await backlog(sources);
      this.set(reading.ok ? oldestAgeSeconds(reading.backlog, sources.now()) : Number.NaN);
    },
  });
  new Gauge({
    name: "rpbot_name_index_age_seconds",
    help: "Age of the VM name index names are resolved from (+Inf before its first build)",
    registers,
    collect() {
      if (!sources) return;
      const age = sources.nameIndexAgeMs();
      this.set(age === undefined ? Number.POSITIVE_INFINITY : age / 1000);
    },
  });
  // After the gauges: a scrape collects every metric at once, and this one waits for the read they started.
  const failures = new Counter({
    name: "rpbot_metrics_read_failures_total",
    help: "Scrapes whose read of a part failed or passed its deadline (the gauge then shows NaN), by part",
    labelNames: ["part"] as const,
    registers,
    async collect() {
      await scrapeRead;
    },
  });
  return {
    watch: (given) => {
      sources = given;
    },
  };
}

function oldestAgeSeconds(backlog: OutboxBacklog, now: number): number {
  if (!backlog.oldestCreatedAt) return 0;
  return Math.max(0, now - backlog.oldestCreatedAt.getTime()) / 1000;
}
