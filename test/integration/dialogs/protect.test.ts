/**
 * `protect <set>` through the whole bot: the sample fleet's availability set, Flexible scale set and resource
 * groups over the real SDK and the simulator, a real SQLite store, the run coordinator, and a door that
 * records the run's card updates and summary.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Policy } from "../../../src/core/policy.js";
import type { BotMessage } from "../../../src/dialogs/message.js";
import { renderRunSummary } from "../../../src/dialogs/run.message.js";
import type { RunReport } from "../../../src/operations/delivery.js";
import { alice, bob, button, type Harness, startHarness, textOf } from "../../support/bot-harness.js";
import { eventually } from "../../support/eventually.js";
import { PRODUCTION, vmId } from "../../support/sim-fixture.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * ARM listings by default: a cold bot's first Resource Graph queries and a named set's spend the graph's
 * 15-per-5-seconds quota, and the wait for its window would add 5 s to every test. The first test keeps the graph.
 */
async function harness(options: Parameters<typeof startHarness>[0] = {}, graph = false): Promise<Harness> {
  const env = { ...(graph ? {} : { RPBOT_RESOURCE_GRAPH: "off" }), ...options.env };
  h = await startHarness({ ...options, env });
  return h;
}

async function confirm(bot: Harness, plan: BotMessage, ctx = alice) {
  return bot.press(ctx, button(plan, /^Create \d+ restore point/));
}

/** The one summary of the run, once everything ended. */
async function summaryOf(bot: Harness, runId: string): Promise<RunReport> {
  return eventually(() => {
    const found = bot.summaries.filter((report) => report.run.id === runId);
    expect(found).toHaveLength(1);
    return found[0] as RunReport;
  });
}

function runIdOf(plan: BotMessage): string {
  const value = button(plan, /^Create \d+ restore point/).value;
  return value.split("|")[1] ?? "";
}

function lines(message: BotMessage, heading: RegExp): string[] {
  return message.sections?.find((section) => heading.test(section.heading ?? ""))?.lines ?? [];
}

describe("protecting an availability set", () => {
  it("plans every member, creates one restore point each after one press, and says the set is protected", async () => {
    const bot = await harness({}, true);
    const plan = await bot.say(alice, "protect avset-app crash");
    expect(plan.title).toBe(
      "Protect availability set rg-scale/avset-app (subscription 11111111-1111-1111-1111-111111111111)?",
    );
    expect(lines(plan, /^Created \(2\)/)).toEqual([
      expect.stringMatching(/^vm-avset-01: /),
      expect.stringMatching(/^vm-avset-02: /),
    ]);
    expect(lines(plan, /^Collections to create/)).toHaveLength(2);
    const runId = runIdOf(plan);

    const pressed = await confirm(bot, plan);
    expect(pressed.kind).toBe("update");
    expect(textOf(pressed.message)).toMatch(/0 of 2 done/);

    const summary = await summaryOf(bot, runId);
    expect(summary.final).toBe(true);
    expect(summary.jobs.map((job) => [job.vmName, job.state, job.runId])).toEqual([
      ["vm-avset-01", "succeeded", runId],
      ["vm-avset-02", "succeeded", runId],
    ]);
    expect(summary.protection).toMatchObject({ protected: true, missing: [], outsideWindow: [] });
    expect((await bot.runtime.store.runs.get(runId))?.state).toBe("done");
    // Each member's result is told by the run's summary only, never on its own.
    expect(bot.told).toEqual([]);
  });

  it("audits the plan, the press and the result per VM", async () => {
    const bot = await harness();
    const plan = await bot.say(alice, "protect avset-app crash");
    const runId = runIdOf(plan);
    await confirm(bot, plan);
    await summaryOf(bot, runId);
    const audit = await bot.runtime.store.audit.list();
    for (const name of ["vm-avset-01", "vm-avset-02"]) {
      const id = vmId(PRODUCTION, "rg-scale", name).toLowerCase();
      const about = audit.filter((entry) => entry.target.toLowerCase() === id);
      expect(about.map((entry) => `${entry.action} ${entry.outcome}`)).toEqual(
        expect.arrayContaining([
          "create allowed",
          "confirm allowed",
          "confirm CrashConsistent",
          "create started",
          "result succeeded",
        ]),
      );
    }
  });
});

describe("protecting a resource group with blocked members", () => {
  it("leaves out, with the reason, each member the matrix blocks now, and creates the others", async () => {
    const bot = await harness();
    const plan = await bot.say(alice, "protect resource group rg-history crash");
    const leftOut = lines(plan, /^Left out/).join("\n");
    expect(leftOut).toMatch(/vm-recent-crash-01: /);
    expect(leftOut).toMatch(/vm-busy-01: /);
    expect(leftOut).toMatch(/vm-full-01: /);
    const created = lines(plan, /^Created/).join("\n");
    expect(created).toMatch(/vm-failed-rp-01/);
    expect(created).toMatch(/vm-nearfull-01/);
    expect(created).not.toMatch(/vm-busy-01|vm-full-01|vm-recent-crash-01/);

    const runId = runIdOf(plan);
    await confirm(bot, plan);
    const summary = await summaryOf(bot, runId);
    expect(summary.jobs.every((job) => job.state === "succeeded")).toBe(true);
    expect(summary.jobs.map((job) => job.vmName)).not.toContain("vm-busy-01");
    // A resource group is no set the matrix asks to protect together: no verdict on the set.
    expect(summary.protection).toBeUndefined();
  });
});

describe("a set larger than RPBOT_MAX_SET_SIZE", () => {
  it("is refused with its count, before any VM is checked", async () => {
    const bot = await harness({ env: { RPBOT_MAX_SET_SIZE: "1" } });
    const answer = await bot.say(alice, "protect avset-app");
    expect(answer.title).toMatch(/too large to protect at once/);
    expect(answer.text).toMatch(
      /There are 2 VMs in availability set rg-scale\/avset-app; the bot protects at most 1/,
    );
    expect(answer.buttons ?? []).toEqual([]);
  });
});

describe("a member that fails in Azure", () => {
  it("is reported failed with advice, and the set is not protected without it", async () => {
    // One member at a time, so the failure lands on the first member.
    const bot = await harness({ env: { RPBOT_SET_CONCURRENCY: "1" } });
    bot.runtime.arm.simulator?.faults.failNextCreations(1, "VMRestorePointInternalError", "Internal error.");
    const plan = await bot.say(alice, "protect scale set vmss-api crash");
    const runId = runIdOf(plan);
    await confirm(bot, plan);
    const summary = await summaryOf(bot, runId);
    expect(summary.jobs.map((job) => job.state)).toEqual(["failed", "succeeded"]);
    expect(summary.protection).toMatchObject({ protected: false });
    const [failedJob] = summary.jobs;
    expect(summary.protection && "missing" in summary.protection ? summary.protection.missing : []).toEqual([
      expect.objectContaining({ name: failedJob?.vmName }),
    ]);
  });
});

describe("a person without rights on some members", () => {
  it("lists those as not allowed, leaves them out, and audits the refusal per VM", async () => {
    const one = vmId(PRODUCTION, "rg-scale", "vm-avset-01");
    const policy: Policy = {
      rules: [
        { users: ["*"], actions: ["check"] },
        { users: [alice.userId], actions: ["create"], scopes: [one] },
      ],
    };
    const bot = await harness({ policy });
    const plan = await bot.say(alice, "protect avset-app crash");
    expect(lines(plan, /^Created \(1\)/)).toEqual([expect.stringMatching(/^vm-avset-01: /)]);
    expect(lines(plan, /^Left out/)).toEqual([
      expect.stringMatching(/^vm-avset-02: the bot's policy does not let you/),
    ]);
    const denied = (await bot.runtime.store.audit.list()).filter((entry) => entry.action === "deny");
    expect(denied.map((entry) => entry.target.toLowerCase())).toEqual([
      vmId(PRODUCTION, "rg-scale", "vm-avset-02").toLowerCase(),
    ]);

    const runId = runIdOf(plan);
    await confirm(bot, plan);
    const summary = await summaryOf(bot, runId);
    expect(summary.jobs.map((job) => job.vmName)).toEqual(["vm-avset-01"]);
    expect(summary.protection).toMatchObject({
      protected: false,
      missing: [expect.objectContaining({ name: "vm-avset-02" })],
    });
  });

  it("refuses the press of someone else, and the set stays unconfirmed", async () => {
    const bot = await harness();
    const plan = await bot.say(alice, "protect avset-app crash");
    const reply = await confirm(bot, plan, { ...bob, conversationKey: alice.conversationKey });
    expect(reply.kind).toBe("ephemeral");
    expect(reply.message.title).toBe("Only the person who asked can decide this");
    expect((await bot.runtime.store.runs.get(runIdOf(plan)))?.state).toBe("pending");
  });
});

describe("pressing twice", () => {
  it("starts the set once", async () => {
    const bot = await harness();
    const plan = await bot.say(alice, "protect avset-app crash");
    const [first, second] = await Promise.all([confirm(bot, plan), confirm(bot, plan)]);
    const kinds = [first.kind, second.kind].sort();
    expect(kinds).toEqual(["ephemeral", "update"]);
    const summary = await summaryOf(bot, runIdOf(plan));
    expect(summary.jobs).toHaveLength(2);
  });
});

describe("cancelling in the middle", () => {
  it("starts nothing more, says which had started, and summarises what those came to", async () => {
    const bot = await harness({ env: { RPBOT_SET_CONCURRENCY: "1" } });
    const sim = bot.runtime.arm.simulator;
    if (!sim) throw new Error("the harness runs the built-in simulator");
    const plan = await bot.say(alice, "protect resource group rg-os crash");
    const runId = runIdOf(plan);
    const planned = lines(plan, /^Created/).length;
    expect(planned).toBeGreaterThan(2);
    // The first member's PUT hangs, so the run is mid-way when the person cancels.
    sim.faults.freeze("writes");
    await confirm(bot, plan);
    await eventually(async () => expect(await bot.runtime.store.jobs.listForRun(runId)).toHaveLength(1));
    const cancelled = await bot.say(alice, "cancel");
    expect(cancelled.title).toMatch(/^Stopping /);
    expect(textOf(cancelled)).toMatch(new RegExp(`${planned - 1} VMs will not be started`));
    const [started] = await bot.runtime.store.jobs.listForRun(runId);
    expect(lines(cancelled, /^Already started \(1\)$/)).toEqual([`${started?.vmName}: being created`]);
    sim.faults.clear();
    const summary = await summaryOf(bot, runId);
    expect(summary.jobs).toHaveLength(1);
    expect(textOf(renderRunSummary(summary, undefined))).toMatch(
      new RegExp(`Not started \\(stopped\\) \\(${planned - 1}\\)`),
    );
  });
});

describe("two people protecting overlapping sets at once", () => {
  it("never has two creations of one VM: the second is told another was under way", async () => {
    const bot = await harness();
    const sim = bot.runtime.arm.simulator;
    if (!sim) throw new Error("the harness runs the built-in simulator");
    const before = sim.restorePoints();
    const planA = await bot.say(alice, "protect avset-app crash");
    const planB = await bot.say(bob, "protect resource group rg-scale crash");
    expect(lines(planB, /^Created/).join("\n")).toMatch(/vm-avset-01/);
    await Promise.all([confirm(bot, planA), confirm(bot, planB, bob)]);
    const [a, b] = await Promise.all([summaryOf(bot, runIdOf(planA)), summaryOf(bot, runIdOf(planB))]);
    const created = [...a.jobs, ...b.jobs]
      .filter((job) => job.state === "succeeded")
      .map((job) => job.vmName);
    for (const name of ["vm-avset-01", "vm-avset-02"])
      expect(created.filter((each) => each === name)).toHaveLength(1);
    // Azure saw no second creation for a VM: none failed as concurrent, and the count grew by the successes.
    const refusedByAzure = [...a.jobs, ...b.jobs].filter(
      (job) => job.errorCode === "VMRestorePointClientError",
    );
    expect(refusedByAzure).toEqual([]);
    expect(sim.restorePoints().total - before.total).toBe(created.length);
  });
});
