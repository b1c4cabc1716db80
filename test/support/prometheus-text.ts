/**
 * Reads Prometheus's text exposition format (what GET /metrics answers) the way a scraper does: `# TYPE`
 * lines, and samples with their labels and values, so tests assert on numbers rather than on raw text.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Metric family name -> counter | gauge | histogram | summary | untyped. */
  types: Map<string, string>;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type?.[1] && type[2]) {
      types.set(type[1], type[2]);
      continue;
    }
    if (line.startsWith("#")) continue;
    const sample = SAMPLE.exec(line);
    if (!sample?.[1] || sample[3] === undefined) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (sample[2] ?? "").matchAll(LABEL)) if (name) labels[name] = value ?? "";
    samples.push({ name: sample[1], labels, value: numberOf(sample[3]) });
  }
  return { types, samples };
}

/** As Prometheus reads them (Go's ParseFloat): Inf and NaN in any case; prom-client writes NaN as "Nan". */
function numberOf(text: string): number {
  const lower = text.toLowerCase();
  if (lower === "+inf" || lower === "inf") return Number.POSITIVE_INFINITY;
  if (lower === "-inf") return Number.NEGATIVE_INFINITY;
  if (lower === "nan") return Number.NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`not a sample value: ${text}`);
  return value;
}

/** The value of the one sample with exactly these labels (0 when a counter has not counted it yet). */
export function sampleValue(
  exposition: Exposition,
  name: string,
  labels: Record<string, string> = {},
): number {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  const found = exposition.samples.filter(
    (sample) => sample.name === name && JSON.stringify(Object.entries(sample.labels).sort()) === wanted,
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${wanted}`);
  return found[0]?.value ?? 0;
}

/** GET /metrics of a running bot, parsed; `token` sent as a bearer token when given. */
export async function scrape(url: string, token?: string): Promise<Exposition> {
  const response = await fetch(`${url}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text}`);
  return parseExposition(text);
}

/** Every metric of the bot's own, by type, as docs/configuration.md's Metrics table lists them. */
export const BOT_METRIC_TYPES: Readonly<Record<string, string>> = {
  rpbot_requests_total: "counter",
  rpbot_checks_total: "counter",
  rpbot_creations_total: "counter",
  rpbot_job_duration_seconds: "histogram",
  rpbot_arm_requests_total: "counter",
  rpbot_arm_throttled_total: "counter",
  rpbot_arm_retries_total: "counter",
  rpbot_outbox_depth: "gauge",
  rpbot_outbox_oldest_age_seconds: "gauge",
  rpbot_name_index_age_seconds: "gauge",
  rpbot_metrics_read_failures_total: "counter",
};
