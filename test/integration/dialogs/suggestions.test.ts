/**
 * "Did you mean" and "Which one?" you can press: every suggestion and candidate is a button that asks the
 * same command again about that VM, by its resource id, through the same gate as a typed command; the text
 * still names them all in one sentence. Driven against the simulator's sample fleet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotMessage } from "../../../src/dialogs/message.js";
import { decodePress } from "../../../src/dialogs/press-codec.js";
import { alice, type Harness, startHarness, textOf } from "../../support/bot-harness.js";
import { PRODUCTION, STAGING, vmId } from "../../support/sim-fixture.js";

const SQL = vmId(PRODUCTION, "rg-data", "vm-sql-01");

const labels = (message: BotMessage) => message.buttons?.map((each) => each.label);
const presses = (message: BotMessage) =>
  (message.buttons ?? []).map((each) => decodePress(each.action, each.value));

describe("with the default policy", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("suggests vm-sql-01 for the sql box, as a sentence and a check button, and acts on nothing", async () => {
    const before = (await h.runtime.store.audit.list()).length;
    const reply = await h.say(alice, "can I snapshot the sql box");
    expect(reply.title).toBe("VM not found");
    expect(reply.text).toMatch(/^No VM named "sql" in .*\. Did you mean rg-data\/vm-sql-01\?$/);
    expect(reply.sections).toBeUndefined();
    expect(labels(reply)).toEqual(["vm-sql-01"]);
    expect(presses(reply)).toEqual([{ kind: "check", vm: { by: "id", id: SQL } }]);
    // A single suggestion is still only a suggestion: nothing was checked.
    expect((await h.runtime.store.audit.list()).slice(before)).toEqual([]);
  });

  it("runs the check of the pressed VM, audited as a check of its id", async () => {
    const reply = await h.say(alice, "can I snapshot the sql box");
    const [suggestion] = reply.buttons ?? [];
    if (!suggestion) throw new Error("no button");
    const answer = await h.press(alice, suggestion);
    expect(answer.message.title).toBe("vm-sql-01: restore points possible");
    const [entry] = (await h.runtime.store.audit.list()).slice(-1);
    expect(entry).toMatchObject({ action: "check", target: SQL, outcome: "allowed" });
  });

  it("answers with the word that has suggestions, whichever comes first", async () => {
    const reply = await h.say(alice, "check box sql");
    expect(reply.text).toMatch(/No VM named "sql".*Did you mean rg-data\/vm-sql-01\?$/);
    expect(labels(reply)).toEqual(["vm-sql-01"]);
  });

  it("keeps a create a create, with the mode asked for", async () => {
    const reply = await h.say(alice, "create the sql box crash");
    expect(presses(reply)).toEqual([{ kind: "plan", vm: { by: "id", id: SQL }, mode: "CrashConsistent" }]);
    const [suggestion] = reply.buttons ?? [];
    if (!suggestion) throw new Error("no button");
    const plan = await h.press(alice, suggestion);
    expect(plan.message.title).toBe("Create a restore point of vm-sql-01?");
    expect(labels(plan.message)).toEqual(["Create crash-consistent", "Cancel"]);
  });

  it("plans every possible mode after a create without one", async () => {
    const reply = await h.say(alice, "create sql");
    expect(presses(reply)).toEqual([{ kind: "plan", vm: { by: "id", id: SQL } }]);
    const [suggestion] = reply.buttons ?? [];
    if (!suggestion) throw new Error("no button");
    const plan = await h.press(alice, suggestion);
    expect(labels(plan.message)).toEqual([
      "Create application-consistent",
      "Create crash-consistent",
      "Cancel",
    ]);
  });

  it("keeps a status a status and a list a list", async () => {
    expect(presses(await h.say(alice, "status sql"))).toEqual([
      { kind: "status", vm: { by: "id", id: SQL } },
    ]);
    expect(presses(await h.say(alice, "list sql"))).toEqual([{ kind: "list", vm: { by: "id", id: SQL } }]);
  });

  it("offers a typo's near misses in one sentence, the closest first", async () => {
    const reply = await h.say(alice, "check vm-web-1");
    expect(reply.text).toMatch(/Did you mean rg-web\/vm-web-01, rg-web\/vm-web-02 or [\w-]+\/[\w-]+\?$/);
    expect(labels(reply)?.slice(0, 2)).toEqual(["vm-web-01", "vm-web-02"]);
    expect(presses(reply)[0]).toEqual({
      kind: "check",
      vm: { by: "id", id: vmId(PRODUCTION, "rg-web", "vm-web-01") },
    });
  });

  it("asks which one of an ambiguous name with a button per VM, told apart by subscription", async () => {
    const reply = await h.say(alice, "check vm-app-01");
    expect(reply.title).toBe("Which one?");
    expect(reply.text).toMatch(
      /They are rg-app\/vm-app-01 \(Contoso Production, eastus\) and rg-app\/vm-app-01 \(Contoso Staging, westeurope\)\.$/,
    );
    expect(labels(reply)).toEqual(["rg-app/vm-app-01 in 11111111…", "rg-app/vm-app-01 in 22222222…"]);
    const staging = vmId(STAGING, "rg-app", "vm-app-01");
    expect(presses(reply)).toEqual([
      { kind: "check", vm: { by: "id", id: vmId(PRODUCTION, "rg-app", "vm-app-01") } },
      { kind: "check", vm: { by: "id", id: staging } },
    ]);
    const [, second] = reply.buttons ?? [];
    if (!second) throw new Error("no second button");
    const answer = await h.press(alice, second);
    expect(answer.message.title).toMatch(/^vm-app-01: /);
    const [entry] = (await h.runtime.store.audit.list()).slice(-1);
    expect(entry).toMatchObject({ action: "check", target: staging, outcome: "allowed" });
  });
});

describe("under a policy that lets this person check but not create", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ policy: { rules: [{ users: ["*"], actions: ["check"] }] } });
  });
  afterAll(() => h.close());

  it("names the suggestion but offers no button it would refuse", async () => {
    const reply = await h.say(alice, "create sql");
    expect(textOf(reply)).toMatch(/Did you mean rg-data\/vm-sql-01\?/);
    expect(reply.buttons).toBeUndefined();
    expect(labels(await h.say(alice, "check sql"))).toEqual(["vm-sql-01"]);
  });

  it("refuses a plan press for the VM all the same, at the gate", async () => {
    const refused = await h.press(alice, { action: "plan", value: `v2|${SQL}`, label: "" });
    expect(refused.message.title).toBe("Not allowed");
    const [entry] = (await h.runtime.store.audit.list()).slice(-1);
    expect(entry).toMatchObject({ action: "deny", details: { command: "plan" } });
  });
});

describe("under a policy that covers another resource group", () => {
  let h: Harness;
  beforeAll(async () => {
    const scopes = [`/subscriptions/${PRODUCTION}/resourceGroups/rg-web`];
    h = await startHarness({ policy: { rules: [{ users: ["*"], actions: ["check"], scopes }] } });
  });
  afterAll(() => h.close());

  it("suggests nothing the person may not see", async () => {
    const reply = await h.say(alice, "can I snapshot the sql box");
    expect(reply.title).toBe("VM not found");
    expect(textOf(reply)).not.toMatch(/vm-sql-01|Did you mean/);
    expect(reply.buttons).toBeUndefined();
  });
});
