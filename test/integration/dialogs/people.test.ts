/**
 * People in what the bot says: the requester's display name from the chat context is kept with the
 * confirmation and the job, and every message that names them by id lists them with it, for the doors to
 * show them by name (doors: test/integration/teams, test/integration/slack).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionReply, ChatContext } from "../../../src/dialogs/chat-context.js";
import type { BotMessage } from "../../../src/dialogs/message.js";
import { button, type Harness, startHarness, textOf } from "../../support/bot-harness.js";

const alice: ChatContext = {
  platform: "console",
  userId: "console:alice",
  userName: "Alice Doe",
  conversationKey: "console:alice",
};
const bob: ChatContext = { platform: "console", userId: "console:bob", conversationKey: "console:bob" };
const ALICE = { id: alice.userId, name: "Alice Doe" };

let h: Harness;
let refused: ActionReply;
let started: ActionReply;
let bobsPlan: BotMessage;
beforeAll(async () => {
  // Slow enough that the restore point is still being created while others ask about the VM.
  h = await startHarness({ env: { RPBOT_SIM_RESTORE_POINT_DURATION: "20s" } });
  const plan = await h.say(alice, "create vm-web-02 crash");
  bobsPlan = await h.say(bob, "create vm-web-02 crash");
  refused = await h.press(bob, button(plan, /^Create crash/));
  started = await h.press(alice, button(plan, /^Create crash/));
});
afterAll(() => h.close());

describe("the requester", () => {
  it("is kept by name with the confirmation and the job, and named on the started card", async () => {
    expect(textOf(refused.message)).toContain(`${alice.userId} asked for this restore point of vm-web-02`);
    expect(refused.message.people).toEqual([ALICE]);
    expect(textOf(started.message)).toContain(`requested by ${alice.userId}.`);
    expect(started.message.people).toEqual([ALICE]);
    const [job] = await h.runtime.store.jobs.listRecent({ limit: 1 });
    expect(job).toMatchObject({ requestedBy: alice.userId, requestedByName: "Alice Doe" });
    const confirmation = await h.runtime.store.confirmations.get(job?.confirmationId ?? "");
    expect(confirmation).toMatchObject({ requestedByName: "Alice Doe" });
  });

  it("is named, with the name, wherever the creation under way is told to someone else", async () => {
    const check = await h.say(bob, "check vm-web-02");
    expect(textOf(check)).toContain(`of this VM for ${alice.userId}`);
    expect(check.people).toEqual([ALICE]);
    const plan = await h.say(bob, "create vm-web-02");
    expect(textOf(plan)).toContain(`for ${alice.userId}`);
    expect(plan.people).toEqual([ALICE]);
    const status = await h.say(bob, "status");
    expect(textOf(status)).toMatch(/vm-web-02: .* by console:alice/);
    expect(status.people).toEqual([ALICE]);
  });

  it("is named when someone else's plan of the VM is pressed meanwhile", async () => {
    const busy = await h.press(bob, button(bobsPlan, /^Create crash/));
    expect(textOf(busy.message)).toMatch(/already being created \(started by console:alice at /);
    expect(busy.message.people).toEqual([ALICE]);
  });
});
