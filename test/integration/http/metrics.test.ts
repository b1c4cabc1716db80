/**
 * GET /metrics of the served bot (the Teams door, the built-in simulator through the real SDK, real SQLite,
 * the one HTTP server): the exposition a scraper reads, and the numbers moving as the bot works: requests by
 * door and outcome, checks by result (the answer's own wording says which), a job that succeeds and one that
 * fails, ARM's 429s and the SDK's retries from the simulator's fault injection, the outbox and the name index.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_METRIC_TYPES, type Exposition, sampleValue, scrape } from "../../support/prometheus-text.js";
import { alice, executeActivity } from "../../support/teams-activities.js";
import { actionNamed, cardText, eventually, startTeamsBot, type TeamsBot } from "../../support/teams-bot.js";

let teams: TeamsBot;
beforeAll(async () => {
  teams = await startTeamsBot();
});
afterAll(() => teams.close());

const metrics = () => scrape(teams.served.url);
const simulator = () => {
  const sim = teams.served.runtime.arm.simulator;
  if (!sim) throw new Error("the served bot runs the built-in simulator");
  return sim;
};

/** How much each sample moved between two scrapes. */
function moved(before: Exposition, after: Exposition, name: string, labels: Record<string, string> = {}) {
  return sampleValue(after, name, labels) - sampleValue(before, name, labels);
}

/** The verdict's title, in the bot's own words, as the check result it means. */
function resultOfTitle(text: string): string {
  if (/restore points possible/.test(text)) return "possible";
  if (/no restore point possible now/.test(text)) return "blocked";
  if (/ only/.test(text.split("\n")[0] ?? "")) return "partial";
  throw new Error(`not a verdict: ${text.slice(0, 200)}`);
}

async function createAndWait(vm: string): Promise<void> {
  const { card, cardId } = await teams.say(`create ${vm} crash`);
  const create = actionNamed(card, /^Create crash/);
  const pressed = await teams.post(executeActivity(teams.where, alice, cardId, create.data));
  expect(pressed.status).toBe(200);
  await eventually(async () => {
    const [job] = await teams.served.runtime.store.jobs.listRecent({ limit: 1 });
    expect(job?.vmName).toBe(vm);
    expect(job?.delivery).toBe("notified");
  });
}

describe("GET /metrics", () => {
  it("answers Prometheus text with every bot metric typed, and the process's default metrics", async () => {
    const response = await fetch(`${teams.served.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types } = await metrics();
    expect(Object.fromEntries([...types].filter(([name]) => name.startsWith("rpbot_")))).toEqual(
      BOT_METRIC_TYPES,
    );
    expect(types.get("process_resident_memory_bytes")).toBe("gauge");
  });

  it("is not listed among the doors' routes by /healthz", async () => {
    const health = await (await fetch(`${teams.served.url}/healthz`)).json();
    expect(health).toEqual({ ok: true, routes: ["/api/messages"] });
  });

  it("counts Teams requests by outcome, and its own scrapes", async () => {
    const before = await metrics();
    await teams.say("help");
    const malformed = await fetch(`${teams.served.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    const after = await metrics();
    expect(moved(before, after, "rpbot_requests_total", { door: "teams", outcome: "ok" })).toBe(1);
    expect(moved(before, after, "rpbot_requests_total", { door: "teams", outcome: "rejected" })).toBe(1);
    // The first scrape was counted by the time of the second.
    expect(moved(before, after, "rpbot_requests_total", { door: "metrics", outcome: "ok" })).toBe(1);
  });

  it("counts checks by the result their answer gives", async () => {
    for (const vm of ["vm-web-02", "vm-legacy-01", "vm-agent-down-01", "vm-nowhere-99"]) {
      const before = await metrics();
      const { card } = await teams.say(`can I snapshot ${vm}`);
      const result = vm === "vm-nowhere-99" ? "not-found" : resultOfTitle(cardText(card));
      const after = await metrics();
      for (const each of ["possible", "partial", "blocked", "not-found", "error"]) {
        expect(moved(before, after, "rpbot_checks_total", { result: each }), `${vm} ${each}`).toBe(
          each === result ? 1 : 0,
        );
      }
    }
  });

  it("counts a job that succeeds and one that fails, with their durations, and ARM's answers", async () => {
    const before = await metrics();
    await createAndWait("vm-web-02");
    simulator().faults.failNextCreations(1, "VMRestorePointInternalError");
    await createAndWait("vm-hub-01");
    const after = await metrics();
    expect(moved(before, after, "rpbot_creations_total", { result: "succeeded" })).toBe(1);
    expect(moved(before, after, "rpbot_creations_total", { result: "failed" })).toBe(1);
    expect(moved(before, after, "rpbot_job_duration_seconds_count", { result: "succeeded" })).toBe(1);
    const seconds = moved(before, after, "rpbot_job_duration_seconds_sum", { result: "succeeded" });
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(60);
    expect(
      moved(before, after, "rpbot_arm_requests_total", { method: "PUT", status_class: "2xx" }),
    ).toBeGreaterThan(0);
    expect(sampleValue(after, "rpbot_outbox_depth")).toBe(0);
    expect(sampleValue(after, "rpbot_outbox_oldest_age_seconds")).toBe(0);
  });

  it("counts ARM's 429s and the SDK's retries, and a check they fail as an error", async () => {
    await teams.say("can I snapshot vm-web-01");
    const before = await metrics();
    simulator().faults.failReads(1, 429, 0);
    try {
      const { card } = await teams.say("can I snapshot vm-web-01");
      expect(cardText(card)).toMatch(/throttl|too many|429/i);
    } finally {
      simulator().faults.clear();
    }
    const after = await metrics();
    const throttled = moved(before, after, "rpbot_arm_throttled_total");
    expect(throttled).toBeGreaterThan(1);
    expect(moved(before, after, "rpbot_arm_retries_total")).toBeGreaterThan(0);
    expect(moved(before, after, "rpbot_arm_requests_total", { method: "GET", status_class: "4xx" })).toBe(
      throttled,
    );
    expect(moved(before, after, "rpbot_checks_total", { result: "error" })).toBe(1);
  });

  it("shows the age of the name index the bot keeps warm", async () => {
    const age = sampleValue(await metrics(), "rpbot_name_index_age_seconds");
    expect(Number.isFinite(age)).toBe(true);
    expect(age).toBeGreaterThanOrEqual(0);
  });
});
