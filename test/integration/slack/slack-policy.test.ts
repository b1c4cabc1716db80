/** Slack's user, team and channel ids are what the policy sees: rules written for them decide in Slack. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually } from "../../support/eventually.js";
import { buttonsOf, shownText } from "../../support/slack-blocks.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";
import { post, slashCommand } from "../../support/slack-requests.js";

let s: SlackBot;
beforeAll(async () => {
  s = await startSlackBot({
    policy: {
      rules: [
        { users: ["*"], actions: ["check"] },
        { users: ["slack:T0001:U0ALICE"], channels: ["slack:C0OPS"], actions: ["create"] },
      ],
    },
  });
});
afterAll(() => s.close());

async function ask(text: string, user: string, channel: string) {
  const before = s.slack.callsOf("chat.update").length;
  await post(s.eventsUrl, slashCommand(text, { user, channel, responseUrl: s.slack.responseUrl("p") }));
  await eventually(() => expect(s.slack.callsOf("chat.update").length).toBe(before + 1));
  return s.slack.callsOf("chat.update")[before];
}

it("lets Alice create in the ops channel only, and tells others how to be granted", async () => {
  const allowed = await ask("create vm-web-02 crash", "U0ALICE", "C0OPS");
  expect(shownText(allowed)).toMatch(/Create a restore point of vm-web-02\?/);
  expect(buttonsOf(allowed).map((b) => b.text.text)).toContain("Create crash-consistent");

  const elsewhere = await ask("create vm-web-02 crash", "U0ALICE", "C0OTHER");
  expect(shownText(elsewhere)).not.toMatch(/Create a restore point of vm-web-02\?/);
  expect(shownText(elsewhere)).toMatch(/create restore points only in certain channels, not here/);
  // The rule to paste keeps the policy's ids, in a code block, rather than Slack mentions.
  expect(shownText(elsewhere)).toMatch(/```\n- users: \["slack:T0001:U0ALICE"\]\n {2}actions: \[create\]/);
  expect(buttonsOf(elsewhere)).toEqual([]);

  const bob = await ask("create vm-web-02 crash", "U0BOB", "C0OPS");
  expect(shownText(bob)).toMatch(/The policy does not let you \(<@U0BOB>\) create/);
  expect(buttonsOf(bob)).toEqual([]);
  const denials = (await s.bot.runtime.store.audit.list()).filter((entry) => entry.action === "deny");
  expect(denials.map((entry) => entry.actor)).toEqual(["slack:T0001:U0ALICE", "slack:T0001:U0BOB"]);
});
