/**
 * The whole bot behind its neutral interface: the built-in simulator (sample fleet) through the real SDK, a
 * real SQLite store in a temp file, the job runner, and a notifier that records what it is told.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import type { Policy } from "../../src/core/policy.js";
import type { ActionReply, ChatContext } from "../../src/dialogs/chat-context.js";
import type { BotMessage, MessageButton } from "../../src/dialogs/message.js";
import { type LogRecord, memoryLogger } from "../../src/logger.js";
import type { RunReport } from "../../src/operations/delivery.js";
import { type BotRuntime, startBotRuntime } from "../../src/runtime/bot-runtime.js";
import type { Job } from "../../src/store/store.port.js";

export interface Harness {
  runtime: BotRuntime;
  told: Job[];
  /** Runs' card updates and summaries, as the coordinator handed them to the door. */
  cards: RunReport[];
  summaries: RunReport[];
  logs: LogRecord[];
  /** Moves the bot's clock (not the simulator's) forward. */
  advance(ms: number): void;
  say(ctx: ChatContext, text: string): Promise<BotMessage>;
  press(ctx: ChatContext, button: MessageButton): Promise<ActionReply>;
  close(): Promise<void>;
}

export const alice: ChatContext = {
  platform: "console",
  userId: "console:alice",
  conversationKey: "console:alice",
};
export const bob: ChatContext = {
  platform: "console",
  userId: "console:bob",
  conversationKey: "console:bob",
};

export async function startHarness(
  options: { policy?: Policy; env?: Record<string, string>; progressIntervalMs?: number } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "rpbot-dialogs-"));
  const config = loadConfig({
    RPBOT_DB: join(dir, "rpbot.db"),
    RPBOT_POLL_INTERVAL: "20ms",
    RPBOT_SIM_RESTORE_POINT_DURATION: "200ms",
    ...options.env,
  });
  let offset = 0;
  const logs: LogRecord[] = [];
  const runtime = await startBotRuntime(config, {
    log: memoryLogger(logs),
    policy: options.policy,
    now: () => new Date(Date.now() + offset),
    progressIntervalMs: options.progressIntervalMs ?? 50,
  });
  const told: Job[] = [];
  const cards: RunReport[] = [];
  const summaries: RunReport[] = [];
  runtime.notifiers.console = {
    updateCard: async () => undefined,
    postResult: async (job) => void told.push(job),
    updateRunCard: async (report) => void cards.push(report),
    postRunSummary: async (report) => void summaries.push(report),
  };
  return {
    runtime,
    told,
    cards,
    summaries,
    logs,
    advance: (ms) => {
      offset += ms;
    },
    say: (ctx, text) => runtime.bot.handleMessage(ctx, text),
    press: (ctx, button) => runtime.bot.handleAction(ctx, { action: button.action, value: button.value }),
    close: () => runtime.close(),
  };
}

export function button(message: BotMessage, label: RegExp): MessageButton {
  const found = message.buttons?.find((each) => label.test(each.label));
  if (!found)
    throw new Error(`no button ${label} in ${JSON.stringify(message.buttons?.map((each) => each.label))}`);
  return found;
}

/** Everything a message says, as one string, for assertions on wording. */
export function textOf(message: BotMessage): string {
  return [
    message.title,
    message.text ?? "",
    ...(message.facts ?? []).map((fact) => `${fact.label}: ${fact.value}`),
    ...(message.sections ?? []).flatMap((section) => [section.heading ?? "", ...section.lines]),
    ...(message.context ?? []),
  ].join("\n");
}
