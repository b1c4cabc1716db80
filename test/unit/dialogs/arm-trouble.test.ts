/**
 * ARM's throttling as the chat answers it: the wait follows Retry-After when ARM said it, through the bot's
 * own failure handling, and stays ARM's message otherwise.
 */
import { describe, expect, it } from "vitest";
import { ArmError } from "../../../src/azure/arm-error.js";
import { DEFAULT_LIMITS } from "../../../src/core/limits.js";
import { Bot } from "../../../src/dialogs/bot.js";
import type { BotDependencies } from "../../../src/dialogs/bot-dependencies.js";
import { renderArmTrouble } from "../../../src/dialogs/problem.message.js";
import { silentLogger } from "../../../src/logger.js";

const THROTTLED =
  "Azure is throttling requests while finding vm-web-01 (429 TooManyRequests); try again in a minute.";

describe("renderArmTrouble", () => {
  it("says ARM's message as it is when no wait is known", () => {
    expect(renderArmTrouble(THROTTLED)).toMatchObject({ tone: "danger", text: THROTTLED });
    expect(renderArmTrouble(THROTTLED, 0).text).toBe(THROTTLED);
  });

  it("puts the wait ARM asked for in place of the generic minute", () => {
    expect(renderArmTrouble(THROTTLED, 1200).text).toBe(
      "Azure is throttling requests while finding vm-web-01 (429 TooManyRequests); try again in about 20 minutes.",
    );
    expect(renderArmTrouble(THROTTLED, 30).text).toMatch(/try again in about 30 seconds\.$/);
  });

  it("adds the wait to a message that does not name one", () => {
    expect(renderArmTrouble("Azure refused while reading (503).", 3600).text).toBe(
      "Azure refused while reading (503). Azure asks to wait about an hour.",
    );
  });
});

function botThrowing(error: unknown): Bot {
  const fail = async (): Promise<never> => {
    throw error;
  };
  const deps: BotDependencies = {
    arm: { resolve: fail, gather: fail },
    store: {
      confirmations: {
        get: fail,
        create: fail,
        decide: fail,
        setMessageRef: fail,
        findPending: fail,
        expire: fail,
      },
      jobs: { findActiveForVm: async () => undefined } as unknown as BotDependencies["store"]["jobs"],
      audit: { append: async () => undefined, list: async () => [] },
      runs: {} as BotDependencies["store"]["runs"],
    },
    jobs: { start: fail },
    runs: { begin: () => undefined },
    sets: { find: fail },
    setLimits: { maxSize: 200, windowMs: 3_600_000 },
    collections: {} as BotDependencies["collections"],
    limits: DEFAULT_LIMITS,
    now: () => new Date("2026-11-25T06:00:00Z"),
    log: silentLogger,
    newId: () => "00000000-0000-4000-8000-000000000000",
    confirmationTtlMs: 600_000,
  };
  return new Bot(deps);
}

describe("a check ARM throttles", () => {
  const ctx = { platform: "console" as const, userId: "console:alice", conversationKey: "console:alice" };

  it("tells the wait from Retry-After when the ArmError carries it", async () => {
    const error = new ArmError(THROTTLED, "throttled", 429, "TooManyRequests");
    error.retryAfterSeconds = 90;
    const answer = await botThrowing(error).handleMessage(ctx, "check vm-web-01");
    expect(answer).toMatchObject({ title: "Azure did not answer as expected", tone: "danger" });
    expect(answer.text).toMatch(/try again in about 2 minutes\.$/);
  });

  it("keeps ARM's wording without Retry-After", async () => {
    const answer = await botThrowing(new ArmError(THROTTLED, "throttled", 429)).handleMessage(
      ctx,
      "check vm-web-01",
    );
    expect(answer.text).toBe(THROTTLED);
  });
});
