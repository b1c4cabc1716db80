import type { Activity } from "botbuilder";
import { describe, expect, it } from "vitest";
import {
  chatContextOf,
  memberOf,
  textWithoutMention,
} from "../../../../src/adapters/teams/teams-identity.js";

const bot = { id: "28:bot", name: "Restore points" };
const from = { id: "29:alice", name: "Alice Doe", aadObjectId: "a11ce000-0000-4000-8000-000000000001" };

function activity(fields: Partial<Activity>): Activity {
  return {
    type: "message",
    channelId: "msteams",
    from,
    recipient: bot,
    conversation: {
      id: "19:abc@thread.tacv2;messageid=1",
      isGroup: true,
      conversationType: "channel",
      name: "",
    },
    ...fields,
  } as Activity;
}

describe("chatContextOf", () => {
  it("names the person by Entra object id, the conversation by its id, the channel by the team channel id", () => {
    expect(chatContextOf(activity({ channelData: { channel: { id: "19:ops@thread.tacv2" } } }))).toEqual({
      platform: "teams",
      userId: `teams:${from.aadObjectId}`,
      userName: "Alice Doe",
      conversationKey: "teams:19:abc@thread.tacv2;messageid=1",
      channelId: "teams:19:ops@thread.tacv2",
    });
  });

  it("falls back to the Teams account id, and has no channel outside team channels", () => {
    const ctx = chatContextOf(
      activity({ from: { id: "29:guest", name: "" }, channelData: { tenant: { id: "t" } } }),
    );
    expect(ctx).toMatchObject({ userId: "teams:29:guest", userName: undefined, channelId: undefined });
  });

  it("remembers who spoke for later @mentions", () => {
    expect(memberOf(activity({}))).toEqual({ id: "29:alice", name: "Alice Doe" });
  });

  it("takes the person's zone from the activity, for the answer and for a later result", () => {
    const fromNewYork = activity({ localTimezone: "America/New_York" });
    expect(chatContextOf(fromNewYork).timeZone).toBe("America/New_York");
    expect(memberOf(fromNewYork)).toEqual({
      id: "29:alice",
      name: "Alice Doe",
      timeZone: "America/New_York",
    });
    // A zone this runtime does not know is no zone (UTC), not a crash later when a time is worded.
    expect(chatContextOf(activity({ localTimezone: "Nowhere/Land" })).timeZone).toBeUndefined();
    expect(memberOf(activity({ localTimezone: "Nowhere/Land" }))).not.toHaveProperty("timeZone");
  });
});

describe("textWithoutMention", () => {
  const mention = (who: { id: string; name: string }) => ({
    type: "mention",
    text: `<at>${who.name}</at>`,
    mentioned: who,
  });

  it("removes the bot's own mention and keeps the rest", () => {
    const text = textWithoutMention(
      activity({ text: "<at>Restore points</at> check vm-web-01", entities: [mention(bot)] }),
    );
    expect(text).toBe("check vm-web-01");
  });

  it("keeps other people's mentions (only the bot's is its address)", () => {
    const bob = { id: "29:bob", name: "Bob" };
    const text = textWithoutMention(
      activity({ text: "<at>Bob</at> <at>Restore points</at> help", entities: [mention(bob), mention(bot)] }),
    );
    expect(text).toBe("<at>Bob</at>  help");
  });

  it("survives malformed mentions and missing text", () => {
    expect(textWithoutMention(activity({ text: " help ", entities: [{ type: "mention" }] }))).toBe("help");
    expect(textWithoutMention(activity({ text: undefined }))).toBe("");
  });
});
