/**
 * Authorization by shape: every command kind, under a policy that grants this person nothing and under one
 * for another resource group, is refused, audited, and says nothing about the VM. The case table is keyed by
 * CommandKind, so a new kind does not compile until it has its cases here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RestorePointPlan } from "../../../src/core/plan.js";
import type { Policy } from "../../../src/core/policy.js";
import type { ActionReply, ChatContext } from "../../../src/dialogs/chat-context.js";
import type { CommandKind, Press } from "../../../src/dialogs/command.js";
import { encodePress } from "../../../src/dialogs/press-codec.js";
import { RUN_SCHEMA_VERSION } from "../../../src/store/run-store.port.js";
import { PLAN_SCHEMA_VERSION } from "../../../src/store/store.port.js";
import { alice, type Harness, startHarness, textOf } from "../../support/bot-harness.js";
import { PRODUCTION, vmId } from "../../support/sim-fixture.js";

const VM_ID = vmId(PRODUCTION, "rg-web", "vm-web-02");
const VM = {
  id: VM_ID,
  name: "vm-web-02",
  resourceGroup: "rg-web",
  subscriptionId: PRODUCTION,
  location: "eastus",
  type: "virtualMachine" as const,
};
const CONFIRMATION_ID = "c0ffee00-0000-4000-8000-000000000001";
const RUN_ID = "c0ffee00-0000-4000-8000-000000000002";

/** What the person sends: a line of text, or a press of a button the bot drew earlier. */
type Input = { text: string } | { press: Press } | { raw: { action: string; value: string } };

const PRESS_CONFIRM: Press = { kind: "confirm", confirmationId: CONFIRMATION_ID, mode: "CrashConsistent" };

/** Kinds that answer without asking the policy: they reveal nothing about any VM. */
const PUBLIC: ReadonlySet<CommandKind> = new Set([
  "help",
  "missing-vm",
  "not-understood",
  "small-talk",
  "unreadable-press",
]);

const CASES: Record<CommandKind, Input[]> = {
  check: [
    { text: "check vm-web-02" },
    { text: `can I snapshot ${VM_ID}?` },
    // A "did you mean" button: the same check, by the VM's id.
    { press: { kind: "check", vmId: VM_ID } },
    // A check answer's Details button (Slack, terminal).
    { press: { kind: "details", vmId: VM_ID } },
  ],
  plan: [
    { text: "create vm-web-02 crash" },
    { press: { kind: "plan", vmId: VM_ID, mode: "CrashConsistent" } },
    { press: { kind: "plan", vmId: VM_ID } },
  ],
  confirm: [{ press: PRESS_CONFIRM }],
  cancel: [{ press: { kind: "cancel", confirmationId: CONFIRMATION_ID } }, { text: "cancel" }],
  protect: [
    { text: "protect resource group rg-web crash" },
    { text: "snapshot every VM in rg-web" },
    { text: "protect tag app=orders-api" },
  ],
  delete: [
    { text: "delete rp-crash-20261201-000000 of vm-web-02" },
    { text: "prune vm-web-02 keep 1" },
    { text: "prune vm-web-02 older than 30d" },
    // A check's retention advisory: plan the suggested prune.
    { press: { kind: "prune", vmId: VM_ID } },
  ],
  "clean-up": [
    { text: "clean up rg-web" },
    { text: `clean up /subscriptions/${PRODUCTION}/resourceGroups/rg-web` },
    // A check's collection-limit advisory: plan a clean-up of the group.
    { press: { kind: "clean-up", scopeId: `/subscriptions/${PRODUCTION}/resourceGroups/rg-web` } },
  ],
  "run-confirm": [{ press: { kind: "run-confirm", runId: RUN_ID } }],
  "run-cancel": [{ press: { kind: "run-cancel", runId: RUN_ID } }],
  status: [{ text: "status vm-web-02" }, { text: "status" }, { press: { kind: "status", vmId: VM_ID } }],
  list: [{ text: "list vm-web-02" }, { text: "list" }, { press: { kind: "list", vmId: VM_ID } }],
  report: [
    { text: "report rg-web" },
    { text: `report /subscriptions/${PRODUCTION}/resourceGroups/rg-web` },
    { text: `report ${PRODUCTION}` },
    { text: "report all" },
  ],
  help: [{ text: "help" }],
  "missing-vm": [{ text: "check" }],
  "not-understood": [{ text: "what's the weather in Paris" }],
  "small-talk": [{ text: "hi" }, { text: "thanks!" }],
  "unreadable-press": [{ raw: { action: "create", value: "v9|from-the-future" } }],
};

/** Nothing a refusal may show: where the VM lives, its id, its restore points. */
const SECRETS = [/rg-web/i, new RegExp(PRODUCTION), /eastus/i, /virtualMachines/i, /rp-(app|crash)-/];

const POLICIES: Record<string, Policy> = {
  "grants this person nothing": {
    rules: [{ users: ["console:someone-else"], actions: ["check", "create", "delete"] }],
  },
  "covers another resource group": {
    rules: [
      {
        users: ["*"],
        actions: ["check", "create", "delete"],
        scopes: [`/subscriptions/${PRODUCTION}/resourceGroups/rg-other`],
      },
    ],
  },
};

function send(h: Harness, ctx: ChatContext, input: Input): Promise<ActionReply> {
  if ("text" in input) return h.say(ctx, input.text).then((message) => ({ kind: "reply", message }));
  const { action, value } = "press" in input ? encodePress(input.press) : input.raw;
  return h.press(ctx, { action: action as never, value, label: "" });
}

async function seed(h: Harness): Promise<void> {
  const now = new Date();
  const plan: RestorePointPlan = {
    ok: true,
    vm: { id: VM_ID, name: "vm-web-02", location: "eastus" },
    mode: "CrashConsistent",
    collection: { id: null, name: "rpc-vm-web-02", location: "eastus", create: true },
    restorePointName: "rp-crash-20261201-000000",
    captureDisks: [{ id: `${VM_ID}-os`, name: "vm-web-02_OsDisk" }],
    excludeDisks: [],
    armExcludeDisks: [],
  };
  await h.runtime.store.confirmations.create({
    id: CONFIRMATION_ID,
    platform: "console",
    requestedBy: alice.userId,
    conversationKey: alice.conversationKey,
    vmId: VM_ID,
    vmName: "vm-web-02",
    modes: ["CrashConsistent"],
    plan: { schemaVersion: PLAN_SCHEMA_VERSION, vm: VM, plans: [plan] },
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
    state: "pending",
  });
  await h.runtime.store.runs.create({
    id: RUN_ID,
    kind: "protect",
    platform: "console",
    requestedBy: alice.userId,
    conversationKey: alice.conversationKey,
    label: "resource group rg-web",
    body: {
      schemaVersion: RUN_SCHEMA_VERSION,
      kind: "protect",
      target: { kind: "resource-group", name: "rg-web" },
      foundAs: "resource group rg-web",
      assessWindow: false,
      mode: "CrashConsistent",
      windowMs: 3_600_000,
      members: [{ vm: VM, plan }],
    },
    state: "pending",
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  await h.runtime.store.jobs.create({
    id: "job-of-alice",
    vmId: VM_ID,
    vmName: "vm-web-02",
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-web",
    mode: "CrashConsistent",
    requestedBy: alice.userId,
    platform: "console",
    conversationKey: alice.conversationKey,
    state: "succeeded",
    collectionName: "rpc-vm-web-02",
    restorePointName: "rp-crash-20261201-000000",
    plan: { schemaVersion: PLAN_SCHEMA_VERSION, plan },
    createdAt: now,
    updatedAt: now,
    finishedAt: now,
    delivery: "notified",
  });
}

describe.each(Object.entries(POLICIES))("under a policy that %s", (_name, policy) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ policy });
    await seed(h);
  });
  afterAll(() => h.close());

  const cases = Object.entries(CASES).flatMap(([kind, inputs]) =>
    inputs.map((input) => [kind as CommandKind, JSON.stringify(input), input] as const),
  );

  it.each(cases)(
    "%s %s",
    async (kind, _label, input) => {
      const before = (await h.runtime.store.audit.list()).length;
      const reply = await send(h, alice, input);
      const text = textOf(reply.message);
      // What the person typed may be echoed; nothing else about where the VM lives.
      // A clean-up press carries the group's id, as "clean up <id>" would: the refusal may say it back.
      const typed =
        "text" in input
          ? input.text
          : "press" in input && input.press.kind === "clean-up"
            ? input.press.scopeId
            : "";
      for (const secret of SECRETS.filter((each) => !each.test(typed))) expect(text).not.toMatch(secret);
      const added = (await h.runtime.store.audit.list()).slice(before);
      if (PUBLIC.has(kind)) {
        expect(added).toEqual([]);
        expect(reply.message.title).not.toBe("Not allowed");
        return;
      }
      const ownRequestsUnderScopedRule =
        kind === "list" && "text" in input && input.text === "list" && policy.rules[0]?.scopes;
      if (ownRequestsUnderScopedRule) {
        // Allowed (the person may check rg-other), but the request about rg-web is not listed.
        expect(added).toMatchObject([{ action: "check", outcome: "allowed", details: { command: "list" } }]);
        expect(text).not.toMatch(/vm-web-02/);
        return;
      }
      expect(reply.message.title).toBe("Not allowed");
      expect(added).toMatchObject([{ action: "deny", actor: alice.userId, details: { command: kind } }]);
      // A set by tag is a Resource Graph query: it may wait for the graph's 5-second quota window.
    },
    20_000,
  );

  it("left the plans pending and created nothing", async () => {
    expect((await h.runtime.store.confirmations.get(CONFIRMATION_ID))?.state).toBe("pending");
    expect((await h.runtime.store.runs.get(RUN_ID))?.state).toBe("pending");
    expect((await h.runtime.store.jobs.listRecent({ limit: 10 })).map((job) => job.id)).toEqual([
      "job-of-alice",
    ]);
  });
});

describe("a report of a resource group the policy covers", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      policy: {
        rules: [
          {
            users: ["*"],
            actions: ["check"],
            scopes: [`/subscriptions/${PRODUCTION}/resourceGroups/rg-web`],
          },
        ],
      },
    });
  });
  afterAll(() => h.close());

  it("is allowed by its name alone, and reads only the covered subscription", async () => {
    const report = await h.say(alice, "report rg-web");
    expect(report.title).toBe("Fleet report: resource group rg-web in Contoso Production");
    const [entry] = (await h.runtime.store.audit.list()).slice(-1);
    expect(entry).toMatchObject({
      action: "check",
      target: `/subscriptions/${PRODUCTION}/resourceGroups/rg-web`,
      outcome: "allowed",
      details: { command: "report", rule: "rules[0]" },
    });
  });

  it("is allowed by its full id", async () => {
    const report = await h.say(alice, `report /subscriptions/${PRODUCTION}/resourceGroups/rg-web`);
    expect(report.title).toBe("Fleet report: resource group rg-web in Contoso Production");
  });

  it("does not open its subscription or the whole fleet", async () => {
    expect((await h.say(alice, `report ${PRODUCTION}`)).title).toBe("Not allowed");
    expect((await h.say(alice, "report all")).title).toBe("Not allowed");
  });
});
