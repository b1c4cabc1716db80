/**
 * A check at the 10,000 collections of a region offers a clean-up of the resource group there that holds the
 * most collections (the sample fleet's westus3: rg-batch-archive, 10,000 empty ones), and only to a person who
 * may delete there.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Policy } from "../../../src/core/policy.js";
import { alice, button, type Harness, startHarness, textOf } from "../../support/bot-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("a check at the region's collection limit", () => {
  it("offers a clean-up of the fullest group, whose press shows the clean-up plan", async () => {
    h = await startHarness({ env: { RPBOT_RESOURCE_GRAPH: "off" } });
    const checked = await h.say(alice, "check vm-crowded-01");
    expect(textOf(checked)).toMatch(/10,000/);
    const offer = button(checked, /^Clean up /);
    expect(offer.label).toBe("Clean up rg-batch-archive (10,000 collections)");
    const pressed = await h.press(alice, offer);
    expect(pressed.message.title).toMatch(/rg-batch-archive/);
    expect(pressed.message.buttons?.map((each) => each.action)).toEqual(["run", "run-cancel"]);
  }, 60_000);

  it("offers nothing to a person who may not delete there", async () => {
    const policy: Policy = { rules: [{ users: ["*"], actions: ["check", "create"] }] };
    h = await startHarness({ policy, env: { RPBOT_RESOURCE_GRAPH: "off" } });
    const checked = await h.say(alice, "check vm-crowded-01");
    expect(checked.buttons?.map((each) => each.label) ?? []).not.toContainEqual(
      expect.stringMatching(/^Clean up/),
    );
  }, 60_000);

  it("offers nothing for a VM far from the limit", async () => {
    h = await startHarness({ env: { RPBOT_RESOURCE_GRAPH: "off" } });
    const checked = await h.say(alice, "check vm-web-02");
    expect(checked.buttons?.map((each) => each.label) ?? []).not.toContainEqual(
      expect.stringMatching(/^Clean up/),
    );
  });
});
