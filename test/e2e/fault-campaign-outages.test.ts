/**
 * The fault campaign, part 3: the bot's other dependencies failing under a running `rpbot serve` process.
 * Slack's Web API failing for a while (HTTP 500, or an API error) delays the result until Slack recovers, with
 * exactly one thread post; PostgreSQL cut off (a TCP proxy between serve and the server) while a job runs ends
 * the job once it is back, told once, nothing duplicated; the SQLite file deleted makes /readyz name the store.
 * Simulator, Slack and the audit log must agree.
 */
import { rmSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Campaign, type CampaignOptions, logLines, startCampaign, WAIT } from "../support/campaign.js";
import { createProxiedDatabase, type ProxiedDatabase } from "../support/proxied-database.js";
import type { TcpProxy } from "../support/tcp-proxy.js";

let campaign: Campaign | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

/** A campaign for this test, closed (every process killed) after it. */
async function stage(options?: CampaignOptions): Promise<Campaign> {
  campaign = await startCampaign(options);
  return campaign;
}

/** Processes start slowly on a loaded machine; the waits inside are bounded on their own. */
const TIMEOUT = 60_000;

const SUCCEEDED = expect.stringMatching(/^Restore point rp-crash-\S+ of vm-web-02 succeeded$/);
const JOB_AUDIT = ["confirm:CrashConsistent", "create:started", "result:succeeded", "result:told"];

describe("Slack's Web API failing for a while", () => {
  it(
    "answering HTTP 500 to every chat call: the result is delivered once Slack recovers, one thread post",
    async () => {
      const c = await stage({ simArgs: ["--restore-point-duration", "1000"] });
      const served = await c.serve();
      const plan = await c.ask(served, "create vm-web-02 crash");
      expect(await c.press(served, plan)).toBe(200);
      await vi.waitFor(() => expect(c.told(plan).cards.filter((call) => call.answer)).toHaveLength(1), WAIT);
      const recover = c.slack.failUntilRecovered(["chat.update", "chat.postMessage"], { status: 500 });
      // The job ends meanwhile; delivering it is tried (and refused) several times.
      await vi.waitFor(() => expect(c.told(plan).cards.length).toBeGreaterThanOrEqual(4), WAIT);
      expect(
        c
          .told(plan)
          .cards.slice(1)
          .every((call) => !call.answer),
      ).toBe(true);
      const audited = await c.audit();
      expect(audited.some((entry) => entry.action === "result" && entry.outcome === "succeeded")).toBe(true);
      expect(audited.some((entry) => entry.outcome === "told")).toBe(false);
      recover();

      await c.untilTold(plan);
      expect(await c.outcome(plan)).toEqual({
        created: 1,
        card: SUCCEEDED,
        posts: [SUCCEEDED],
        postsMention: true,
        saidFailed: false,
        audit: JOB_AUDIT,
      });
    },
    TIMEOUT,
  );

  it(
    "answering an API error to the thread post: the outbox retries until Slack accepts it, one thread post",
    async () => {
      const c = await stage({ simArgs: ["--restore-point-duration", "500"] });
      const served = await c.serve();
      const plan = await c.ask(served, "create vm-web-02 crash");
      const recover = c.slack.failUntilRecovered(["chat.postMessage"], { error: "internal_error" });
      expect(await c.press(served, plan)).toBe(200);
      await vi.waitFor(() => expect(c.told(plan).posts.length).toBeGreaterThanOrEqual(3), WAIT);
      expect(c.told(plan).posts.every((call) => !call.answer)).toBe(true);
      recover();

      await c.untilTold(plan);
      expect(await c.outcome(plan)).toEqual({
        created: 1,
        card: SUCCEEDED,
        posts: [SUCCEEDED],
        postsMention: true,
        saidFailed: false,
        audit: JOB_AUDIT,
      });
      // The card was updated once for the result: a retry of the post does not redo the card.
      const resultCards = c.told(plan).cards.filter((call) => /succeeded/.test(String(call.body.text)));
      expect(resultCards).toHaveLength(1);
    },
    TIMEOUT,
  );
});

describe("PostgreSQL unreachable for a while during a running job", () => {
  let database: ProxiedDatabase;
  let proxy: TcpProxy;
  let direct: string;
  beforeAll(async () => {
    database = await createProxiedDatabase("rpbot_campaign");
    proxy = database.proxy;
    direct = database.directUrl;
  }, TIMEOUT);
  afterAll(async () => {
    await database?.drop();
  }, TIMEOUT);

  it(
    "ends the job once the database is back and tells the person once; nothing duplicated",
    async () => {
      // The test and `rpbot audit` read the database directly; serve reaches it only through the proxy.
      const c = await stage({
        simArgs: ["--restore-point-duration", "2000"],
        store: { DATABASE_URL: direct },
      });
      const served = await c.serve({ DATABASE_URL: proxy.urlThrough(direct) });
      const plan = await c.ask(served, "create vm-web-02 crash");
      expect(await c.press(served, plan)).toBe(200);
      await c.untilCard(plan, /^Creating restore point/);
      proxy.cut();
      // Azure finishes the restore point while the bot cannot write that down, and the bot tried to.
      await vi.waitFor(async () => expect(await c.creating()).toBe(0), WAIT);
      await vi.waitFor(
        () =>
          expect(logLines(served).map((line) => line.msg)).toContain(
            "following the restore point job failed",
          ),
        WAIT,
      );
      expect(c.told(plan).posts).toEqual([]);
      proxy.restore();

      await c.untilTold(plan);
      expect(await c.outcome(plan)).toEqual({
        created: 1,
        card: SUCCEEDED,
        posts: [SUCCEEDED],
        postsMention: true,
        saidFailed: false,
        audit: JOB_AUDIT,
      });
      expect((await c.control.stats()).byRoute["restorePoints.create"]).toBe(1);
    },
    TIMEOUT,
  );
});

describe("the SQLite file deleted while serving", () => {
  it(
    "/readyz answers 503 naming the store and its file; /healthz stays 200",
    async () => {
      const c = await stage();
      const served = await c.serve();
      const file = c.storeEnv.RPBOT_DB ?? "";
      expect((await fetch(`${served.url}/readyz`)).status).toBe(200);
      for (const each of [file, `${file}-wal`, `${file}-shm`]) rmSync(each, { force: true });
      const answer = await vi.waitFor(async () => {
        const response = await fetch(`${served.url}/readyz`);
        expect(response.status).toBe(503);
        return (await response.json()) as {
          checks: Record<string, string>;
          failing: Array<{ part: string; reason: string }>;
        };
      }, WAIT);
      expect(answer.checks).toEqual({ store: "failing", arm: "ok" });
      expect(answer.failing).toEqual([{ part: "store", reason: expect.stringContaining(file) }]);
      expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
    },
    TIMEOUT,
  );
});
