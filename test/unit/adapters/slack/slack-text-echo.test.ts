/** What people typed, read from Slack and shown back: Slack's escapes undone once, nothing made live. */
import { describe, expect, it } from "vitest";
import { askedPreface, renderBlocks, SLACK_LIMITS } from "../../../../src/adapters/slack/render-blocks.js";
import { clipMrkdwn, readSlackText, slackMrkdwn } from "../../../../src/adapters/slack/slack-text.js";

describe("readSlackText", () => {
  it("reads Slack's escapes back once", () => {
    expect(readSlackText("a &lt;b&gt; &amp; c &amp;lt;")).toBe("a <b> & c &lt;");
  });

  it("breaks the bot's user id form, so rendering it mentions nobody", () => {
    const read = readSlackText("ping slack:T0001:U0BOB and SLACK:T0001:W0CAROL");
    expect(slackMrkdwn(read)).not.toMatch(/<@/);
    expect(read.replace(/\u2060/g, "")).toBe("ping slack:T0001:U0BOB and SLACK:T0001:W0CAROL");
  });

  it("leaves the ids the bot itself writes to become mentions", () => {
    expect(slackMrkdwn("requested by slack:T0001:U0ALICE")).toBe("requested by <@U0ALICE>");
  });
});

describe("clipMrkdwn", () => {
  it("cuts with an ellipsis within the limit", () => {
    expect(clipMrkdwn("abcdef", 4)).toBe("abc…");
    expect(clipMrkdwn("abc", 3)).toBe("abc");
  });

  it("never leaves an escape or a surrogate pair cut in half", () => {
    expect(clipMrkdwn("ab&amp;cd", 6)).toBe("ab…");
    expect(clipMrkdwn("ab&amp;cd", 8)).toBe("ab&amp;…");
    expect(clipMrkdwn("ab😀cd", 4)).toBe("ab…");
  });
});

describe("the asked: note over a slash command's answer", () => {
  it("mentions the requester and quotes the command in code", () => {
    expect(askedPreface("U0ALICE", "/restorepoint check vm-web-01")).toBe(
      "<@U0ALICE> asked: `/restorepoint check vm-web-01`",
    );
  });

  it("escapes mentions and broadcasts typed into it", () => {
    const note = askedPreface("U0ALICE", "/restorepoint <!channel> <@U0BOB> <!here> a & b");
    expect(note).toBe(
      "<@U0ALICE> asked: `/restorepoint &lt;!channel&gt; &lt;@U0BOB&gt; &lt;!here&gt; a &amp; b`",
    );
  });

  it("keeps the code span whole: backticks and line breaks become look-alikes", () => {
    expect(askedPreface("U0ALICE", "/restorepoint a`b\nc")).toBe("<@U0ALICE> asked: `/restorepoint aˋb c`");
  });

  it("fits Slack's 3,000 characters however long the command, escapes included", () => {
    const note = askedPreface("U0ALICE", `/restorepoint ${"<".repeat(2950)}`);
    expect(note.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
    expect(note).toMatch(/(&lt;)+…`$/);
  });
});

describe("the notification text", () => {
  it("escapes the title like every other mrkdwn text", () => {
    const { text } = renderBlocks({ title: "Fleet report: <!channel> & co", tone: "info", text: "<!here>" });
    expect(text).toBe("Fleet report: &lt;!channel&gt; &amp; co. &lt;!here&gt;");
  });

  it("reads as a sentence: a title ending in a question mark is not followed by a colon", () => {
    const { text } = renderBlocks({
      title: "Which one?",
      tone: "warning",
      text: "vm-app-01 is in 2 subscriptions.",
    });
    expect(text).toBe("Which one? vm-app-01 is in 2 subscriptions.");
  });

  it("mentions only whom the door asks it to", () => {
    const { text } = renderBlocks(
      { title: "Done for slack:T1:U0BOB", tone: "success" },
      { mention: "U0ALICE" },
    );
    expect(text).toBe("<@U0ALICE> Done for @U0BOB");
  });
});
