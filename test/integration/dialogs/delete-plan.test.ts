/**
 * delete, prune and clean up through the real Bot over the built-in simulator (sample fleet) and a real SQLite
 * store: the plan lists exactly the points that go at the boundaries (fewer than kept, a point being created, the
 * newest of each mode, a name in two collections), the stored run holds exactly those, the buttons carry its id,
 * a confirm deletes them and tells one summary, clean up offers only empty collections, and Slack and Teams are
 * refused by default.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatContext } from "../../../src/dialogs/chat-context.js";
import type { BotMessage } from "../../../src/dialogs/message.js";
import { decodePress } from "../../../src/dialogs/press-codec.js";
import type { RunReport } from "../../../src/operations/delivery.js";
import type { DeleteRunBody } from "../../../src/store/run-store.port.js";
import { alice, button, type Harness, startHarness, textOf } from "../../support/bot-harness.js";
import { eventually } from "../../support/eventually.js";
import { simClient } from "../../support/sim-client.js";
import { POLL, PRODUCTION, STAGING, vmId } from "../../support/sim-fixture.js";

const slackUser: ChatContext = {
  platform: "slack",
  userId: "slack:T1:U1",
  conversationKey: "slack:T1:C1:1.0",
  channelId: "slack:C1",
};
const teamsUser: ChatContext = { platform: "teams", userId: "teams:0000-a", conversationKey: "teams:conv-1" };

let h: Harness;
let compute: ComputeManagementClient;
const summaries: RunReport[] = [];
const cards: RunReport[] = [];

beforeAll(async () => {
  h = await startHarness();
  const sim = h.runtime.arm.simulator;
  if (!sim) throw new Error("the harness runs the built-in simulator");
  compute = simClient(sim, PRODUCTION);
  h.runtime.notifiers.console = {
    updateCard: async () => undefined,
    postResult: async () => undefined,
    updateRunCard: async (report) => void cards.push(report),
    postRunSummary: async (report) => {
      summaries.push(report);
      return `post-${summaries.length}`;
    },
  };
});
afterAll(() => h.close());

/** The points of a collection, newest first, as ARM has them now. */
async function pointsOf(group: string, collection: string) {
  const found = await compute.restorePointCollections.get(group, collection, { expand: "restorePoints" });
  return (found.restorePoints ?? [])
    .map((point) => ({
      name: point.name ?? "",
      at: point.timeCreated?.getTime() ?? 0,
      state: point.provisioningState,
    }))
    .sort((a, b) => b.at - a.at);
}

async function storedRun(message: BotMessage) {
  const press = decodePress(button(message, /^Delete/).action, button(message, /^Delete/).value);
  if (press.kind !== "run-confirm") throw new Error(`not a run confirm: ${press.kind}`);
  const run = await h.runtime.store.runs.get(press.runId);
  if (run?.body.kind !== "delete") throw new Error("no delete run stored");
  return { run, body: run.body as DeleteRunBody };
}

describe("prune and delete plans", () => {
  it("keeps everything when fewer points exist than asked to keep, and offers no button", async () => {
    const reply = await h.say(alice, "prune vm-web-01 keep 5");
    expect(reply.title).toBe("Nothing to delete on vm-web-01");
    expect(textOf(reply)).toMatch(/2 restore points among the newest 5 you keep/);
    expect(reply.buttons ?? []).toEqual([]);
  });

  it("keeps the newest of each mode unless that very point is asked for", async () => {
    const kept = await h.say(alice, "prune vm-web-01 keep 0");
    expect(kept.title).toBe("Nothing to delete on vm-web-01");
    expect(textOf(kept)).toMatch(/: the newest application-consistent one/);
    expect(textOf(kept)).toMatch(/: the newest crash-consistent one/);
    const [newest] = await pointsOf("rg-web", "rpc-vm-web-01");
    const named = await h.say(alice, `delete restore point ${newest?.name} of vm-web-01`);
    expect(named.title).toBe(`Delete restore point ${newest?.name} of vm-web-01?`);
    const { body } = await storedRun(named);
    expect(body.targets.map((each) => each.name)).toEqual([newest?.name]);
    expect(body).toMatchObject({ asked: "delete", vm: { name: "vm-web-01" } });
  });

  it("never deletes a point being created, and says so when it is named", async () => {
    const points = await pointsOf("rg-history", "rpc-vm-busy-01");
    const creating = points.find((point) => point.state === "Creating");
    const reply = await h.say(alice, "prune vm-busy-01 older than 1h");
    expect(reply.title).toBe("Nothing to delete on vm-busy-01");
    expect(textOf(reply)).toMatch(/1 restore point being created: never deleted/);
    const named = await h.say(alice, `delete ${creating?.name} of vm-busy-01`);
    expect(named.title).toBe("That restore point is being created");
    expect(named.buttons ?? []).toEqual([]);
  });

  it("lists exactly the points past the newest N, stores them as a pending run, and cuts the list", async () => {
    const reply = await h.say(alice, "prune vm-nearfull-01 keep 400");
    expect(reply.title).toBe("Delete 60 restore points of vm-nearfull-01?");
    expect(reply.facts).toContainEqual({
      label: "Restore points",
      value: "460 of at most 500 now, 400 once done",
    });
    const deleted = reply.sections?.find((section) => section.heading === "Deleted (60)");
    expect(deleted?.lines).toHaveLength(16);
    expect(deleted?.lines.at(-1)).toBe("and 45 more");
    expect(textOf(reply)).toMatch(/400 restore points among the newest 400 you keep/);
    const all = await pointsOf("rg-history", "rpc-vm-nearfull-01");
    const { run, body } = await storedRun(reply);
    expect(body.targets.map((target) => target.name)).toEqual(all.slice(400).map((point) => point.name));
    expect(body.targets[0]).toMatchObject({
      kind: "restore-point",
      subscriptionId: PRODUCTION,
      resourceGroup: "rg-history",
      collectionName: "rpc-vm-nearfull-01",
    });
    expect(run).toMatchObject({
      state: "pending",
      requestedBy: alice.userId,
      conversationKey: alice.conversationKey,
      platform: "console",
    });
    // RPBOT_CONFIRMATION_TTL is left at its default: 10 minutes.
    expect(run.expiresAt.getTime() - run.createdAt.getTime()).toBe(600_000);
    const cancel = decodePress(button(reply, /^Cancel$/).action, button(reply, /^Cancel$/).value);
    expect(cancel).toEqual({ kind: "run-cancel", runId: run.id });
    expect(button(reply, /^Delete 60/).style).toBe("danger");
    const audit = await h.runtime.store.audit.list();
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: "delete",
        outcome: "awaiting confirmation",
        target: vmId(PRODUCTION, "rg-history", "vm-nearfull-01"),
        details: expect.objectContaining({ runId: run.id, count: 60 }),
      }),
    );
  });

  it("asks which collection when a name is in two, and plans the one named", async () => {
    const [point] = await pointsOf("rg-web", "rpc-vm-web-01");
    if (!point) throw new Error("vm-web-01 has no restore point");
    const source = { id: vmId(PRODUCTION, "rg-web", "vm-web-01") };
    await compute.restorePointCollections.createOrUpdate("rg-web", "rpc-vm-web-01-copy", {
      location: "eastus",
      source,
    });
    await compute.restorePoints.create(
      "rg-web",
      "rpc-vm-web-01-copy",
      point.name,
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    const asked = await h.say(alice, `delete ${point.name} of vm-web-01`);
    expect(asked.title).toBe("Which restore point?");
    expect(textOf(asked)).toContain(`delete ${point.name} in collection rpc-vm-web-01-copy of vm-web-01`);
    const plan = await h.say(alice, `delete ${point.name} in collection rpc-vm-web-01-copy of vm-web-01`);
    const { body } = await storedRun(plan);
    expect(body.targets).toEqual([
      expect.objectContaining({ collectionName: "rpc-vm-web-01-copy", name: point.name }),
    ]);
  });

  it("a check near the limit offers the suggested prune as a button; one far from it does not", async () => {
    const check = await h.say(alice, "check vm-nearfull-01");
    const prune = button(check, /^Plan a prune$/);
    expect(decodePress(prune.action, prune.value)).toEqual({
      kind: "delete",
      vm: { by: "id", id: vmId(PRODUCTION, "rg-history", "vm-nearfull-01") },
      request: { kind: "suggested" },
    });
    expect((await h.say(alice, "check vm-web-02")).buttons?.map((each) => each.label)).not.toContain(
      "Plan a prune",
    );
    const pressed = await h.press(alice, prune);
    expect(pressed.message.title).toBe("Delete 60 restore points of vm-nearfull-01?");
    expect(textOf(pressed.message)).toMatch(/the suggested prune/);
  });

  it("a confirm deletes exactly what was shown and tells one summary", async () => {
    const plan = await h.say(alice, "prune vm-failed-rp-01 keep 0");
    // The only point failed: it is never the newest restorable one, so it goes.
    expect(plan.title).toMatch(/^Delete restore point .* of vm-failed-rp-01\?$/);
    const { run } = await storedRun(plan);
    const card = await h.press(alice, button(plan, /^Delete/));
    expect(card).toMatchObject({
      kind: "update",
      message: { title: expect.stringMatching(/^Deleting restore point/) },
    });
    await eventually(() => expect(summaries.filter((each) => each.run.id === run.id)).toHaveLength(1));
    await h.runtime.runs.idle();
    const [told] = summaries.filter((each) => each.run.id === run.id);
    expect(told?.items.map((item) => item.state)).toEqual(["deleted"]);
    expect(await pointsOf("rg-history", "rpc-vm-failed-rp-01")).toEqual([]);
    expect(summaries.filter((each) => each.run.id === run.id)).toHaveLength(1);
  });
});

describe("clean up", () => {
  it("offers only the empty collections of the group", async () => {
    const source = { id: vmId(PRODUCTION, "rg-web", "vm-web-02") };
    await compute.restorePointCollections.createOrUpdate("rg-web", "rpc-left-empty", {
      location: "eastus",
      source,
    });
    const reply = await h.say(alice, "clean up rg-web");
    expect(reply.title).toBe("Delete 1 empty collection in rg-web?");
    const { body } = await storedRun(reply);
    expect(body).toMatchObject({
      asked: "clean-up",
      scopeId: `/subscriptions/${PRODUCTION}/resourceGroups/rg-web`,
    });
    expect(body.targets).toEqual([
      expect.objectContaining({ kind: "collection", name: "rpc-left-empty", resourceGroup: "rg-web" }),
    ]);
  });

  it("asks which group when the name is in two subscriptions, and says when there is nothing", async () => {
    const which = await h.say(alice, "clean up rg-app");
    expect(which.title).toBe("Which rg-app?");
    expect(textOf(which)).toContain(`clean up /subscriptions/${STAGING}/resourceGroups/rg-app`);
    const none = await h.say(alice, "clean up rg-nowhere");
    expect(none.title).toBe("No restore point collections in rg-nowhere");
    const full = await h.say(alice, `clean up /subscriptions/${PRODUCTION}/resourceGroups/rg-app-old`);
    expect(full.title).toBe("No empty collections in rg-app-old");
    expect(textOf(full)).toMatch(/1 collection in rg-app-old holds restore points/);
  });
});

describe("the default policy outside the terminal", () => {
  it.each([
    ["Slack", slackUser],
    ["Teams", teamsUser],
  ])("refuses delete, prune and clean up in %s", async (_, ctx) => {
    for (const text of ["prune vm-web-01 keep 1", "delete rp-1 of vm-web-01", "clean up rg-web"]) {
      const reply = await h.say(ctx, text);
      expect(reply.title).toBe("Not allowed");
      expect(reply.buttons ?? []).toEqual([]);
    }
    const denied = (await h.runtime.store.audit.list()).filter(
      (entry) => entry.actor === ctx.userId && entry.action === "deny",
    );
    expect(denied).toHaveLength(3);
    // A check still answers, without the prune button: deleting is not theirs here.
    const check = await h.say(ctx, "check vm-nearfull-01");
    expect(check.buttons?.map((each) => each.label) ?? []).not.toContain("Plan a prune");
  });
});
