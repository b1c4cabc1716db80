/**
 * The fault campaign, part 2: Azure misbehaving under a running `rpbot serve` process (the `rpbot sim`
 * process's faults, set through its control API). Slow ARM (every request of the job 2 s, under the ARM
 * request timeout) still succeeds; a frozen ARM after the job is running ends it lost within
 * RPBOT_JOB_FOLLOW_LIMIT, tells the person so (never "failed"), frees the VM, and a check meanwhile answers
 * with the ARM timeout instead of hanging. Simulator, Slack and the audit log must agree.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type Campaign,
  type CampaignOptions,
  SAID_FAILED,
  startCampaign,
  WAIT,
} from "../support/campaign.js";
import { shownText } from "../support/slack-blocks.js";

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

describe("slow ARM", () => {
  it(
    "every request of the job 2 s late, under the 6 s ARM timeout: succeeds, told succeeded, nothing Interrupted",
    async () => {
      const c = await stage({
        simArgs: ["--restore-point-duration", "1000"],
        serveEnv: { RPBOT_ARM_TIMEOUT_MS: "6s" },
      });
      const served = await c.serve();
      const plan = await c.ask(served, "create vm-web-02 crash");
      // From the press on, every request (re-check reads, both PUTs, every poll) takes 2 s.
      await c.control.faults.set({ latencyMs: 2000 });
      const pressedAt = Date.now();
      expect(await c.press(served, plan)).toBe(200);
      // Acknowledged within Slack's 3 s although the work behind it takes several slow requests.
      expect(Date.now() - pressedAt).toBeLessThan(3000);
      await c.untilTold(plan);
      const outcome = await c.outcome(plan);
      expect(outcome).toEqual({
        created: 1,
        card: expect.stringMatching(/^Restore point rp-crash-\S+ of vm-web-02 succeeded$/),
        posts: [expect.stringMatching(/^Restore point rp-crash-\S+ of vm-web-02 succeeded$/)],
        postsMention: true,
        saidFailed: false,
        audit: ["confirm:CrashConsistent", "create:started", "result:succeeded", "result:told"],
      });
      const everything = [...c.told(plan).texts, JSON.stringify(await c.audit())].join("\n");
      expect(everything).not.toMatch(/Interrupted|did not answer|timed? ?out/i);
      // It really was slow: the job took at least the re-check, two PUTs and a poll at 2 s each.
      const [confirm, , succeeded] = (await c.jobAudits())[0] ?? [];
      expect(Date.parse(succeeded?.at ?? "") - Date.parse(confirm?.at ?? "")).toBeGreaterThan(4 * 2000);
    },
    TIMEOUT,
  );
});

describe("a frozen ARM endpoint after the job is running", () => {
  it(
    "ends the job lost within RPBOT_JOB_FOLLOW_LIMIT, tells the person what to check, frees the VM; a check times out",
    async () => {
      const c = await stage({
        simArgs: ["--restore-point-duration", "3000"],
        serveEnv: { RPBOT_JOB_FOLLOW_LIMIT: "5s", RPBOT_ARM_TIMEOUT_MS: "1500ms" },
      });
      const served = await c.serve();
      const plan = await c.ask(served, "create vm-web-02 crash");
      expect(await c.press(served, plan)).toBe(200);
      await c.untilCard(plan, /^Creating restore point/);
      await c.control.faults.set({ freeze: "all" });
      expect(await c.creating()).toBe(1);
      await c.untilTold(plan);

      const lost = await c.outcome(plan);
      expect(lost).toEqual({
        created: 1,
        card: expect.stringMatching(/^Lost track of restore point rp-crash-\S+ of vm-web-02/),
        posts: [expect.stringMatching(/^Lost track of restore point rp-crash-\S+ of vm-web-02/)],
        postsMention: true,
        saidFailed: false,
        audit: ["confirm:CrashConsistent", "create:started", "result:lost", "result:told"],
      });
      // What to check, on the card the thread's one line links to: it may exist, in which collection, and
      // that the VM is free again.
      const [post] = c.told(plan).posts.filter((call) => call.answer);
      expect(post).toBeDefined();
      expect(shownText(post)).toMatch(/See the result/);
      const cardText = c.told(plan).finalCard ?? "";
      expect(cardText).toMatch(/It may exist: look in collection rpc-vm-web-02/);
      expect(cardText).toMatch(/The restore point may exist: look at the collection/);
      expect(cardText).toMatch(/The VM is free for a new request/);
      // Within the bound: the follow limit after the press, plus one ARM timeout and a poll.
      const [, started, ended] = (await c.jobAudits())[0] ?? [];
      expect(Date.parse(ended?.at ?? "") - Date.parse(started?.at ?? "")).toBeLessThan(5000 + 1500 + 1000);

      // While ARM is still frozen, a check answers with the timeout instead of hanging.
      const asked = Date.now();
      const check = await c.ask(served, "check vm-web-02");
      expect(Date.now() - asked).toBeLessThan(1500 + 3000);
      expect(check.text).toMatch(/Azure did not answer within 1\.5 s/);

      // Azure is back: the lost restore point turns out to exist (as the person was told it may); the VM is free.
      await c.control.faults.clear();
      await vi.waitFor(async () => {
        expect(await c.creating()).toBe(0);
      }, WAIT);
      const again = await c.ask(served, "create vm-web-02 app");
      expect(await c.press(served, again)).toBe(200);
      await vi.waitFor(() => expect(c.told(again).cards.length).toBeGreaterThan(0), WAIT);
      expect(c.told(again).texts.join("\n")).not.toMatch(/already being created|busy/i);
      expect(c.told(again).ephemeral).toEqual([]);
      await vi.waitFor(async () => {
        const entries = await c.audit();
        expect(entries.filter((entry) => entry.outcome === "told")).toHaveLength(2);
      }, WAIT);
      expect(await c.outcome(again, 1)).toEqual({
        created: 2,
        card: expect.stringMatching(/^Restore point rp-app-\S+ of vm-web-02 succeeded$/),
        posts: [expect.stringMatching(/^Restore point rp-app-\S+ of vm-web-02 succeeded$/)],
        postsMention: true,
        saidFailed: false,
        audit: ["confirm:ApplicationConsistent", "create:started", "result:succeeded", "result:told"],
      });
      // Nothing said the lost one failed, ever.
      expect(c.told(plan).texts.some((text) => SAID_FAILED.test(text))).toBe(false);
    },
    TIMEOUT,
  );
});
