/**
 * The bot as `rpbot serve` runs it, in process: the built-in simulator (sample fleet) through the real SDK,
 * real SQLite in a temp dir, the job runner, the doors a test gives, and the one HTTP server on port 0.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Door } from "../../src/adapters/door.js";
import { loadConfig } from "../../src/config.js";
import type { Policy } from "../../src/core/policy.js";
import { type Logger, type LogRecord, memoryLogger } from "../../src/logger.js";
import type { BotRuntime } from "../../src/runtime/bot-runtime.js";
import { type ServedBot, serveBot } from "../../src/runtime/serve.js";

export interface ServedBotHarness extends ServedBot {
  logs: LogRecord[];
}

export interface ServedBotOptions {
  env?: Record<string, string>;
  policy?: Policy;
  doors(runtime: BotRuntime, log: Logger, config: ReturnType<typeof loadConfig>): Door[] | Promise<Door[]>;
}

/** Everyone may check and create, everywhere: the tests of a door are not about the policy. */
export const OPEN_POLICY: Policy = {
  rules: [{ users: ["*"], actions: ["check", "create"], description: "tests" }],
};

export async function startServedBot(options: ServedBotOptions): Promise<ServedBotHarness> {
  const dir = mkdtempSync(join(tmpdir(), "rpbot-served-"));
  const config = loadConfig({
    RPBOT_DB: join(dir, "rpbot.db"),
    RPBOT_POLL_INTERVAL: "20ms",
    RPBOT_SIM_RESTORE_POINT_DURATION: "200ms",
    PORT: "0",
    ...options.env,
  });
  const logs: LogRecord[] = [];
  const served = await serveBot(config, {
    log: memoryLogger(logs),
    policy: options.policy ?? OPEN_POLICY,
    host: "127.0.0.1",
    doors: (runtime, log) => options.doors(runtime, log, config),
  });
  return { ...served, logs };
}
