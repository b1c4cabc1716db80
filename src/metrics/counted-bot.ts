/**
 * Requests that do not pass through the bot's HTTP server (Slack's Socket Mode delivers them over a
 * WebSocket of its own) are counted where they reach the bot: each message, press or Home tab handed to it
 * is one request, "ok" when the bot answered and "error" when it threw.
 */
import type { Bot } from "../dialogs/bot.js";
import type { RequestOutcome } from "./bot-metrics.js";

export type DoorFacingBot = Pick<Bot, "handleMessage" | "handleAction" | "handleHome">;

export function countedBot(bot: DoorFacingBot, count: (outcome: RequestOutcome) => void): DoorFacingBot {
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const answer = await work();
      count("ok");
      return answer;
    } catch (error) {
      count("error");
      throw error;
    }
  };
  return {
    handleMessage: (ctx, text) => counted(() => bot.handleMessage(ctx, text)),
    handleAction: (ctx, event) => counted(() => bot.handleAction(ctx, event)),
    handleHome: (ctx, wording) => counted(() => bot.handleHome(ctx, wording)),
  };
}
