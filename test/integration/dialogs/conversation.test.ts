import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RestorePointWriter } from "../../../src/azure/restore-point-writer.js";
import { renderJobResult } from "../../../src/dialogs/job.message.js";
import { decodePress, encodePress } from "../../../src/dialogs/press-codec.js";
import { alice, bob, button, type Harness, startHarness, textOf } from "../../support/bot-harness.js";
import { PRODUCTION, vmId } from "../../support/sim-fixture.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe("check", () => {
  it("answers per mode and offers the allowed modes as buttons", async () => {
    const reply = await h.say(alice, "can I snapshot vm-sql-01?");
    expect(reply.facts).toEqual(
      expect.arrayContaining([
        { label: "Application-consistent", value: "Yes" },
        { label: "Crash-consistent", value: "Yes, leaving out 1 disk" },
      ]),
    );
    expect(textOf(reply)).toMatch(
      /Leaves out vm-sql-01-log-ultra: Ultra disks are captured only by application-consistent/,
    );
    expect(reply.buttons?.map((each) => each.action)).toEqual(["plan", "plan"]);
  });

  it("says when a too-soon mode is next allowed, relative and absolute", async () => {
    const reply = await h.say(alice, "is vm-recent-app-01 eligible for a restore point");
    expect(reply.facts?.[0]).toEqual({ label: "Application-consistent", value: "No" });
    expect(textOf(reply)).toMatch(
      /Next allowed in (1 h \d+ min|2 h)( \d+ min)? \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/,
    );
    expect(reply.buttons?.map((each) => each.label)).toEqual(["Create crash-consistent"]);
  });

  it("handles unknown and ambiguous names, and anything else", async () => {
    expect(textOf(await h.say(alice, "check vm-web-1"))).toMatch(/Did you mean rg-web\/vm-web-01/);
    expect((await h.say(alice, "check vm-app-01")).title).toBe("Which one?");
    expect((await h.say(alice, "what's the weather?")).title).toBe("I did not understand that");
    expect((await h.say(alice, "thanks!")).title).toBe("You're welcome");
    expect(textOf(await h.say(alice, "hi"))).toMatch(/check vm-web-01/);
    expect((await h.say(alice, "create")).title).toBe("Which VM?");
  });
});

describe("create with confirmation", () => {
  it("shows the plan, creates on confirmation and tells the requester once", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    expect(plan.title).toBe("Create a restore point of vm-web-02?");
    expect(textOf(plan)).toMatch(/Collection: rpc-vm-web-02 \(new, in eastus\)/);
    const shownName = /Restore point: (rp-crash-\d{8}-\d{6})/.exec(textOf(plan))?.[1];
    expect(shownName).toBeDefined();
    // Pressed a minute later: what is created is what was shown, not a name of the press's own time.
    h.advance(61_000);
    const started = await h.press(alice, button(plan, /^Create crash/));
    expect(started).toMatchObject({
      kind: "update",
      message: { title: expect.stringMatching(/^Creating restore point/) },
    });
    await h.runtime.jobs.idle();
    expect(h.told).toHaveLength(1);
    expect(h.told[0]).toMatchObject({
      state: "succeeded",
      requestedBy: "console:alice",
      vmName: "vm-web-02",
    });
    const jobs = await h.runtime.store.jobs.listRecent({ limit: 5 });
    expect(jobs[0]?.notifiedAt).toBeInstanceOf(Date);
    // What Azure reports captured is kept with the job, not only told once.
    expect(jobs[0]?.capturedDiskNames?.length).toBeGreaterThan(0);
    expect(jobs[0]?.capturedDiskNames).toEqual(h.told[0]?.capturedDiskNames);
    expect(jobs[0]).toMatchObject({ resourceGroup: "rg-web", collectionName: "rpc-vm-web-02" });
    expect(jobs[0]?.restorePointId?.endsWith(`/restorePoints/${shownName}`)).toBe(true);
    const actions = (await h.runtime.store.audit.list()).map((entry) => `${entry.action}:${entry.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        "create:awaiting confirmation",
        "confirm:CrashConsistent",
        "create:started",
        "result:succeeded",
      ]),
    );
  });

  it("refuses a second creation with its next allowed time", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    await h.press(alice, button(plan, /^Create crash/));
    await h.runtime.jobs.idle();
    const again = await h.say(alice, "create vm-web-02 crash");
    // Application-consistent is still possible: that plan is offered, with why crash-consistent is not.
    expect(again.title).toBe("Create a restore point of vm-web-02?");
    expect(again.text).toMatch(
      /^Crash-consistent is not possible now: .*Next allowed in ((59|60) min|1 h)\b.* An application-consistent one is\.$/,
    );
    expect(again.buttons?.map((each) => each.label)).toEqual(["Create application-consistent", "Cancel"]);
    const busy = await h.say(alice, "create vm-busy-01 crash");
    expect(busy.title).toBe("No restore point of vm-busy-01 can be created now");
    expect(busy.buttons ?? []).toEqual([]);
  });

  it("says a reason both modes share once", async () => {
    const busy = await h.say(alice, "create vm-busy-01");
    expect(busy.title).toBe("No restore point of vm-busy-01 can be created now");
    const lines = busy.sections?.flatMap((section) => section.lines) ?? [];
    // Both modes wait for the creation in progress: said once, first; crash-consistent's own wait after it.
    expect(lines.filter((line) => /still being created/.test(line))).toHaveLength(1);
    expect(lines[0]).toMatch(/^Restore point \S+ of this VM is still being created/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^Crash-consistent: .*1 hour/)]);
  });

  it("is idempotent: a second press says it already started, and only one job exists", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    const create = button(plan, /^Create crash/);
    const [first, second] = await Promise.all([h.press(alice, create), h.press(alice, create)]);
    const titles = [first.message.title, second.message.title].sort();
    expect(titles[0]).toBe("Already started");
    expect(titles[1]).toMatch(/^Creating restore point/);
    await h.runtime.jobs.idle();
    expect(await h.runtime.store.jobs.listRecent({ limit: 10 })).toHaveLength(1);
    expect(h.told).toHaveLength(1);
  });

  it("refuses another person's press politely, only to them", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    const reply = await h.press(bob, button(plan, /^Create crash/));
    expect(reply).toMatchObject({
      kind: "ephemeral",
      message: { title: "Only the person who asked can confirm" },
    });
    expect(await h.runtime.store.jobs.listRecent({ limit: 10 })).toHaveLength(0);
    const cancel = button(plan, /^Cancel$/);
    const pressed = decodePress(cancel.action, cancel.value);
    const id = pressed.kind === "cancel" ? (pressed.confirmationId ?? "") : "";
    expect((await h.runtime.store.confirmations.get(id))?.state).toBe("pending");
  });

  it("binds a confirmation to the conversation it was asked in", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    const elsewhere = { ...alice, conversationKey: "console:alice:other" };
    const reply = await h.press(elsewhere, button(plan, /^Create crash/));
    expect(reply).toMatchObject({
      kind: "ephemeral",
      message: { title: "This button belongs to another conversation" },
    });
    expect(await h.runtime.store.jobs.listRecent({ limit: 10 })).toHaveLength(0);
  });

  it("expires confirmations after 10 minutes", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    h.advance(10 * 60_000 + 1);
    const reply = await h.press(alice, button(plan, /^Create crash/));
    expect(reply).toMatchObject({
      kind: "update",
      message: { title: "Expired: no restore point of vm-web-02" },
    });
    expect(await h.runtime.store.jobs.listRecent({ limit: 10 })).toHaveLength(0);
  });

  it("cancels, and a later press says so", async () => {
    const plan = await h.say(alice, "create vm-web-02");
    expect(plan.buttons?.map((each) => each.label)).toEqual([
      "Create application-consistent",
      "Create crash-consistent",
      "Cancel",
    ]);
    expect((await h.press(alice, button(plan, /^Cancel/))).message.title).toBe(
      "Cancelled: no restore point of vm-web-02",
    );
    expect((await h.press(alice, button(plan, /^Create crash/))).message.title).toBe("Already cancelled");
  });

  it("goes from a check's button to the plan", async () => {
    const check = await h.say(alice, "check vm-web-02");
    const reply = await h.press(alice, button(check, /crash-consistent/));
    expect(reply).toMatchObject({
      kind: "reply",
      message: { title: "Create a restore point of vm-web-02?" },
    });
  });
});

describe("list <vm>", () => {
  it("shows each restore point's collection, mode, state, time and age, newest first", async () => {
    const lines = (await h.say(alice, "list vm-web-01")).sections?.[0]?.lines ?? [];
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(
        /^\S+ \(rpc-vm-web-01\): (Application|Crash)-consistent, succeeded, \d{4}-\d\d-\d\d \d\d:\d\d UTC \(.+ ago\)$/,
      );
    }
    const times = lines.map((line) => /(\d{4}-\d\d-\d\d \d\d:\d\d) UTC/.exec(line)?.[1] ?? "");
    expect([...times].sort().reverse()).toEqual(times);
    h.advance(3 * 86_400_000);
    const later = (await h.say(alice, "list vm-web-01")).sections?.[0]?.lines ?? [];
    const ages = later.map((line) => /\((\d+) days ago\)$/.exec(line)?.[1]);
    expect(ages.every((days) => days !== undefined && Number(days) >= 3)).toBe(true);
  });
});

describe("fleet report", () => {
  it("counts each mode and names the blocked VMs by rule", async () => {
    const reply = await h.say(alice, "give me a report on rg-history");
    expect(reply.title).toBe("Fleet report: resource group rg-history");
    expect(textOf(reply)).toMatch(
      /Too soon after the last restore point: 3 VMs\nApplication-consistent: vm-recent-app-01/,
    );
    const audit = await h.runtime.store.audit.list();
    expect(audit.at(-1)).toMatchObject({
      action: "check",
      target: "/subscriptions/*/resourceGroups/rg-history",
      outcome: "allowed",
      details: { command: "report" },
    });
    expect((await h.say(alice, "report rg-nothing")).title).toBe("Nothing to report");
  });
});

describe("failures become clear messages", () => {
  it("tells the requester what failed and what to do", async () => {
    h.runtime.arm.simulator?.faults.failNextCreations(
      1,
      "VMRestorePointInternalError",
      "An internal execution error occurred.",
    );
    const plan = await h.say(alice, "create vm-web-02 crash");
    await h.press(alice, button(plan, /^Create crash/));
    await h.runtime.jobs.idle();
    const job = h.told[0];
    expect(job).toMatchObject({ state: "failed", errorCode: "VMRestorePointInternalError" });
    if (!job) throw new Error("not told");
    const { post, update } = renderJobResult(job, "Europe/Paris");
    expect(textOf(post)).toMatch(
      /Azure said: VMRestorePointInternalError: An internal execution error occurred/,
    );
    expect(textOf(post)).toMatch(/What to do\nAzure had an internal error\. Try again in a few minutes/);
    expect(update.buttons).toBeUndefined();
    // When it ended, in the requester's zone, to the minute.
    expect(textOf(post)).toMatch(/ended \d{4}-\d\d-\d\d \d\d:\d\d CES?T$/m);
  });

  it("turns ARM throttling into a message, not a crash", async () => {
    h.runtime.arm.simulator?.faults.failReads(1, 429, 0);
    const reply = await h.say(alice, "check vm-web-01");
    h.runtime.arm.simulator?.faults.clear();
    expect(reply.title).toBe("Azure did not answer as expected");
    expect(reply.text).toMatch(/throttling/);
  });

  it("says how long Azure asked to wait: an hour's Retry-After is not 'a minute'", async () => {
    h.runtime.arm.simulator?.faults.failReads(1, 429, 3_600);
    const check = await h.say(alice, "check vm-web-01");
    h.runtime.arm.simulator?.faults.clear();
    expect(check.text).toMatch(/try again in about an hour/);
    expect(check.text).not.toMatch(/a minute/);

    const plan = await h.say(alice, "create vm-web-02 crash");
    h.runtime.arm.simulator?.faults.failWrites(1, 429, 3_600);
    const pressed = await h.press(alice, button(plan, /^Create crash/));
    h.runtime.arm.simulator?.faults.clear();
    expect(pressed.message.title).toBe("No restore point of vm-web-02 was created");
    expect(pressed.message.text).toMatch(/try again in about an hour/);
    expect(pressed.message.text).not.toMatch(/a minute/);
  });

  it("refuses creation outside the terminal without a policy, saying how to grant it", async () => {
    const slackUser = {
      platform: "slack" as const,
      userId: "slack:T1:U1",
      conversationKey: "slack:T1:C1:1.0",
      channelId: "slack:C1",
    };
    const reply = await h.say(slackUser, "create vm-web-02");
    expect(reply.title).toBe("Not allowed");
    expect(textOf(reply)).toMatch(/RPBOT_POLICY/);
    const check = await h.say(slackUser, "check vm-web-02");
    expect(check.buttons ?? []).toHaveLength(0);
  });
});

describe("a press checks the VM again, against what ARM says now", () => {
  it("refuses when a restore point was created elsewhere since the plan: the press's job ends before Azure is asked", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    // Someone creates a crash-consistent restore point of vm-web-02 outside the bot, in a new collection.
    const writer = new RestorePointWriter(h.runtime.arm.gateway.clients, 20);
    const vm = vmId(PRODUCTION, "rg-web", "vm-web-02");
    await writer.ensureCollection({
      subscriptionId: PRODUCTION,
      resourceGroup: "rg-web",
      name: "rpc-made-elsewhere",
      location: "eastus",
      vmId: vm,
    });
    const started = await writer.start({
      subscriptionId: PRODUCTION,
      resourceGroup: "rg-web",
      collectionName: "rpc-made-elsewhere",
      restorePointName: "rp-elsewhere",
      mode: "CrashConsistent",
      excludeDiskIds: [],
    });
    await writer.waitForResult(PRODUCTION, started.pollerState, new AbortController().signal);
    const reply = await h.press(alice, button(plan, /^Create crash/));
    expect(reply).toMatchObject({
      kind: "update",
      message: { title: "No restore point of vm-web-02 was created" },
    });
    expect(textOf(reply.message)).toMatch(/rp-elsewhere/);
    const jobs = await h.runtime.store.jobs.listRecent({ limit: 5 });
    expect(jobs.map((job) => [job.state, job.errorCode, job.delivery])).toEqual([
      ["failed", "NotAllowed", "reply"],
    ]);
    expect(jobs[0]?.pollerState).toBeUndefined(); // no restore point PUT was sent
    await h.runtime.jobs.idle();
    expect(h.told).toEqual([]); // the reply said it all
  });

  it("audits a cancel as a cancel", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    await h.press(alice, button(plan, /^Cancel$/));
    const entries = (await h.runtime.store.audit.list()).map((entry) => `${entry.action}:${entry.outcome}`);
    expect(entries.slice(-2)).toEqual(["cancel:allowed", "cancel:cancelled"]);
  });

  it("cancels the plan waiting here when the person types cancel", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    expect((await h.say(alice, "cancel")).title).toBe("Cancelled: no restore point of vm-web-02");
    expect((await h.say(alice, "cancel")).title).toBe("Nothing to cancel");
    const late = await h.press(alice, button(plan, /^Create crash/));
    expect(late).toMatchObject({ kind: "ephemeral", message: { title: "Already cancelled" } });
  });

  it("creates only a mode the plan offered", async () => {
    const plan = await h.say(alice, "create vm-web-02 crash");
    const create = button(plan, /^Create crash/);
    const pressed = decodePress(create.action, create.value);
    if (pressed.kind !== "confirm") throw new Error("not a confirm button");
    const other = encodePress({ ...pressed, mode: "ApplicationConsistent" });
    const reply = await h.press(alice, { ...create, ...other });
    expect(reply).toMatchObject({ kind: "ephemeral", message: { title: "That mode was not in the plan" } });
    expect(await h.runtime.store.jobs.listRecent({ limit: 5 })).toEqual([]);
  });
});

describe("a plan confirmed by an earlier release", () => {
  /** Confirms a plan in the store directly, as release 0.1 did: the decision first, the job (maybe) after. */
  async function confirmedByV01(withJob: boolean) {
    const plan = await h.say(alice, "create vm-web-02 crash");
    const create = button(plan, /^Create crash/);
    const pressed = decodePress(create.action, create.value);
    const id = pressed.kind === "confirm" ? pressed.confirmationId : "";
    const { store } = h.runtime;
    await store.confirmations.decide(id, {
      state: "confirmed",
      by: alice.userId,
      at: new Date(),
      mode: "CrashConsistent",
    });
    const confirmation = await store.confirmations.get(id);
    if (withJob && confirmation) {
      const [shown] = confirmation.plan.plans;
      if (!shown) throw new Error("no plan");
      await store.jobs.create({
        id: "job-of-v01",
        confirmationId: id,
        vmId: confirmation.vmId,
        vmName: confirmation.vmName,
        subscriptionId: PRODUCTION,
        resourceGroup: "rg-web",
        mode: "CrashConsistent",
        requestedBy: alice.userId,
        platform: "console",
        conversationKey: alice.conversationKey,
        state: "running",
        collectionName: shown.collection.name,
        plan: { schemaVersion: 1, plan: shown },
        createdAt: new Date(),
        updatedAt: new Date(),
        delivery: "none",
      });
    }
    return create;
  }

  it("without a job: says nothing was created and offers to plan again", async () => {
    const create = await confirmedByV01(false);
    const reply = await h.press(alice, create);
    expect(reply.message.title).toBe("No restore point of vm-web-02 was started");
    expect(textOf(reply.message)).toMatch(/nothing was created/);
    const again = button(reply.message, /^Plan again$/);
    expect(decodePress(again.action, again.value)).toMatchObject({ kind: "plan", mode: "CrashConsistent" });
    const replanned = await h.press(alice, again);
    expect(replanned.message.buttons?.map((each) => each.label)).toContain("Create crash-consistent");
  });

  it("with a job it did not link: finds it, and says it already started", async () => {
    const create = await confirmedByV01(true);
    const reply = await h.press(alice, create);
    expect(reply.message.title).toBe("Already started");
    expect(textOf(reply.message)).toMatch(/job job-of-v01, running/);
  });
});
