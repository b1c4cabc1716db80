/**
 * What a person typed, shown back by the bot: a command close to Slack's own length still gets its answer
 * (the echoed "asked:" note is clipped, every text within Slack's 3,000 characters), and nothing typed turns
 * into a live mention or broadcast, in the blocks or in the notification text.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/eventually.js";
import type { SlackCall } from "../../support/fake-slack.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";
import { eventCallback, post, slashCommand } from "../../support/slack-requests.js";

let s: SlackBot;
beforeAll(async () => {
  s = await startSlackBot();
});
afterAll(() => s.close());

/** Every mrkdwn or plain text a recorded message carries, the notification text included. */
function textsOf(call: SlackCall | undefined): string[] {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object")
      for (const [key, value] of Object.entries(node)) {
        if (key === "text" && typeof value === "string") texts.push(value);
        else visit(value);
      }
  };
  visit(call?.body);
  return texts;
}

async function command(text: string) {
  const before = s.slack.callsOf("chat.update").length;
  const ack = await post(s.eventsUrl, slashCommand(text, { responseUrl: s.slack.responseUrl("e") }));
  expect(ack.status).toBe(200);
  await eventually(() => expect(s.slack.callsOf("chat.update").length).toBe(before + 1));
  return {
    placeholder: s.slack.callsOf("chat.postMessage").at(-1),
    answer: s.slack.callsOf("chat.update")[before],
  };
}

describe("a long command", () => {
  it("gets its answer, with every text within Slack's 3,000 characters", async () => {
    // Escaped for Slack, each "&" is five characters: the echo alone would be over 7,000.
    const text = `check vm-web-01 ${"& ".repeat(1467)}`;
    expect(text.length).toBe(2950);
    const { placeholder, answer } = await command(text);
    const texts = [...textsOf(placeholder), ...textsOf(answer)];
    expect(texts.filter((each) => each.length > 3000).map((each) => each.length)).toEqual([]);
    expect(texts.join("\n")).toMatch(/vm-web-01: restore points possible/);
    const asked = texts.find((each) => each.startsWith("<@U0ALICE> asked:"));
    // Clipped whole: no escape cut in half, and the code span still closed.
    expect(asked).toMatch(/^<@U0ALICE> asked: `\/restorepoint check vm-web-01 (&amp; )+(&amp;)?…`$/);
  });
});

describe("mentions in what people typed", () => {
  const LIVE = /<@U0BOB>|<!channel>|<!here>|<!everyone>/;

  it("echoes a slash command's ids, mentions and broadcasts as text", async () => {
    // Slack sends &, < and > of the typed text escaped; the bot's own user id form comes as typed.
    const typed = "check slack:T0001:U0BOB &lt;!channel&gt; &lt;!here&gt; &lt;@U0BOB&gt;";
    const { placeholder, answer } = await command(typed);
    const texts = [...textsOf(placeholder), ...textsOf(answer)];
    expect(texts.filter((each) => LIVE.test(each))).toEqual([]);
    // The requester is mentioned where the bot means to, and only there.
    expect(texts.join("\n").match(/<@U\w+>/g)).toEqual(["<@U0ALICE>", "<@U0ALICE>"]);
    expect(texts.join("\n")).toMatch(/asked: `\/restorepoint check slack.?:T0001:U0BOB &lt;!channel&gt;/u);
  });

  it("answers a direct message quoting ids and broadcasts without mentioning anyone", async () => {
    const before = s.slack.callsOf("chat.postMessage").length;
    const dm = eventCallback({
      type: "message",
      channel: "D0001",
      channel_type: "im",
      user: "U0ALICE",
      ts: "1764000000.000005",
      text: "hello slack:T0001:U0BOB <!channel> <!here>",
    });
    expect((await post(s.eventsUrl, dm)).status).toBe(200);
    await eventually(() => expect(s.slack.callsOf("chat.postMessage").length).toBe(before + 1));
    const texts = textsOf(s.slack.callsOf("chat.postMessage")[before]);
    expect(texts.join("\n")).toMatch(/I did not understand that/);
    expect(texts.join("\n")).toMatch(/slack.?:T0001:U0BOB/u);
    expect(texts.filter((each) => LIVE.test(each) || /<@/.test(each))).toEqual([]);
  });
});
