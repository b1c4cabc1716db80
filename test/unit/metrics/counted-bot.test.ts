/** Requests that bypass the HTTP server (Socket Mode) are counted as they reach the bot: answered or thrown. */
import { describe, expect, it } from "vitest";
import type { ChatContext } from "../../../src/dialogs/chat-context.js";
import type { BotMessage } from "../../../src/dialogs/message.js";
import type { RequestOutcome } from "../../../src/metrics/bot-metrics.js";
import { countedBot, type DoorFacingBot } from "../../../src/metrics/counted-bot.js";

const message = { title: "hello" } as unknown as BotMessage;
const ctx = { platform: "slack", userId: "slack:T1:U1" } as unknown as ChatContext;

describe("a counted bot", () => {
  it("counts each message, press and Home tab it answers as ok, and each it throws on as error", async () => {
    const outcomes: RequestOutcome[] = [];
    const bot: DoorFacingBot = {
      handleMessage: async (_ctx, text) => {
        if (text === "boom") throw new Error("the store is gone");
        return message;
      },
      handleAction: async () => ({ kind: "reply", message }),
      handleHome: async () => message,
    };
    const counted = countedBot(bot, (outcome) => outcomes.push(outcome));
    expect(await counted.handleMessage(ctx, "help")).toBe(message);
    expect(await counted.handleAction(ctx, { action: "check", value: "x" })).toEqual({
      kind: "reply",
      message,
    });
    expect(await counted.handleHome(ctx)).toBe(message);
    await expect(counted.handleMessage(ctx, "boom")).rejects.toThrow("the store is gone");
    expect(outcomes).toEqual(["ok", "ok", "ok", "error"]);
  });
});
