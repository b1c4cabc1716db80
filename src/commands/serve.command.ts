/**
 * `rpbot serve` with chat platforms configured: every configured door on the bot's one HTTP server (plus
 * GET /healthz) until SIGINT or SIGTERM. A platform that is half configured says why it did not start.
 */

import type { Door } from "../adapters/door.js";
import { createSlackDoor } from "../adapters/slack/slack-door.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { BotRuntime } from "../runtime/bot-runtime.js";
import { loadPolicyFile } from "../runtime/policy-file.js";
import { serveBot } from "../runtime/serve.js";
import type { CommandIo } from "./io.js";

export function configuredDoors(config: Config, runtime: BotRuntime, log: Logger): Door[] {
  const doors: Door[] = [];
  if (config.slack) {
    doors.push(createSlackDoor({ config: config.slack, bot: runtime.bot, log, now: () => new Date() }));
  }
  return doors;
}

export async function runServeCommand(
  config: Config,
  io: CommandIo,
  log: Logger,
  stopped: Promise<void>,
): Promise<number> {
  const policy = config.policyFile ? loadPolicyFile(config.policyFile) : undefined;
  const served = await serveBot(config, {
    log,
    policy,
    doors: (runtime, doorLog) => configuredDoors(config, runtime, doorLog),
  });
  io.err(
    `rpbot serving on port ${served.port} (${served.runtime.arm.describe}): ${[
      ...served.doors.map((door) => door.describe),
      "GET /healthz",
    ].join("; ")}`,
  );
  await stopped;
  io.err("rpbot stopping: finishing requests in flight.");
  await served.close();
  return 0;
}
