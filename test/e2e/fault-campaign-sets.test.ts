/**
 * The fault campaign for sets: `rpbot serve` killed with SIGKILL in the middle of protecting an availability
 * set (one member being started, the other not yet), then a second `rpbot serve` on the same SQLite store takes
 * the run and the member's job over once the dead one's leases ran out. Real processes and a fake Slack, as in
 * fault-campaign-kill.test.ts: afterwards the simulator, Slack and the audit log must agree.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Campaign, SAID_FAILED, startCampaign, WAIT } from "../support/campaign.js";
import { shownText } from "../support/slack-blocks.js";

let campaign: Campaign | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const TIMEOUT = 90_000;

describe("rpbot serve killed (SIGKILL) while protecting a set, a second serve takes over", () => {
  it(
    "creates exactly one restore point per member and posts one summary that mentions the requester",
    async () => {
      const c = await startCampaign({
        simArgs: ["--restore-point-duration", "500"],
        serveEnv: { RPBOT_SET_CONCURRENCY: "1" },
      });
      campaign = c;
      const first = await c.serve();
      const plan = await c.ask(first, "protect avset-app crash");
      expect(plan.text).toMatch(/Protect availability set rg-scale\/avset-app/);
      // The first member's collection PUT hangs: one member is being started, the other not yet.
      await c.control.faults.set({ freeze: "writes" });
      expect(await c.press(first, plan, /^Create 2 restore points/)).toBe(200);
      await c.untilHeld();
      await first.kill();
      await c.untilDropped();
      await c.control.faults.clear();
      expect(await c.created()).toBe(0);

      await c.serve();
      const summary = await vi.waitFor(() => {
        const posts = c.told(plan).posts.filter((call) => call.answer);
        if (posts.length === 0) throw new Error("no summary posted yet");
        return posts;
      }, WAIT);
      expect(summary).toHaveLength(1);
      const text = shownText(summary[0] as never);
      expect(text).toMatch(/2 restore points created/);
      expect(text).toMatch(/Protected: every member has a restore point within 1 h/);
      expect(text).toContain("<@U0ALICE>");
      expect(await c.created()).toBe(2);
      expect(c.told(plan).texts.some((each) => SAID_FAILED.test(each))).toBe(false);

      // Each member: confirmed, started and ended once, whichever process did it.
      const audit = await c.audit();
      for (const vm of ["vm-avset-01", "vm-avset-02"]) {
        const steps = audit
          .filter((entry) => entry.target.toLowerCase().endsWith(`/${vm}`) && entry.action !== "create")
          .filter((entry) => entry.action !== "check")
          .map((entry) => `${entry.action}:${entry.outcome}`);
        expect(steps).toEqual(expect.arrayContaining(["confirm:CrashConsistent", "result:succeeded"]));
        expect(steps.filter((step) => step === "result:succeeded")).toHaveLength(1);
      }
    },
    TIMEOUT,
  );
});
