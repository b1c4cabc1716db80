/** Signed bodies Bolt could not take: refused with their reason before Bolt reads them. */
import { describe, expect, it } from "vitest";
import { payloadProblem } from "../../../../src/adapters/slack/slack-payload.js";

const press = {
  type: "block_actions",
  user: { id: "U0ALICE" },
  actions: [{ type: "button", action_id: "rp:create:0", value: "v2|c1|crash" }],
};

describe("payloadProblem", () => {
  it("takes what Slack sends", () => {
    expect(payloadProblem(press)).toBeUndefined();
    expect(payloadProblem({ command: "/restorepoint", user_id: "U0ALICE", text: "" })).toBeUndefined();
    expect(
      payloadProblem({ type: "event_callback", event: { type: "app_mention", channel: "C1" } }),
    ).toBeUndefined();
    expect(payloadProblem({ type: "url_verification", challenge: "c" })).toBeUndefined();
  });

  it.each([
    [
      "a press without its user",
      { ...press, user: undefined },
      /block_actions payload does not say who acted/,
    ],
    ["a press whose user has no id", { ...press, user: { name: "alice" } }, /does not say who acted/],
    ["actions that are not a list", { ...press, actions: { value: "x" } }, /not a list of objects/],
    ["actions that are not objects", { ...press, actions: ["x"] }, /not a list of objects/],
    ["a shortcut without its user", { type: "shortcut", callback_id: "x" }, /shortcut payload does not say/],
    ["a view without a view", { type: "view_submission", user: { id: "U1" } }, /has no view/],
    ["an event that is not an object", { type: "event_callback", event: "x" }, /event is not an object/],
    ["an event with a null channel", { type: "event_callback", event: { channel: null } }, /channel/],
    ["an event with a string item", { type: "event_callback", event: { item: "x" } }, /item/],
  ])("refuses %s", (_name, body, reason) => {
    expect(payloadProblem(body as Record<string, unknown>)).toMatch(reason);
  });
});
