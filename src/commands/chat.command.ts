/** `rpbot chat` (and `rpbot serve` with no chat platform configured): the terminal door into the bot. */
import { userInfo } from "node:os";
import type { Readable, Writable } from "node:stream";
import { ConsoleChat } from "../adapters/console/console-chat.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { startBotRuntime } from "../runtime/bot-runtime.js";
import { policyOf } from "./policy-of.js";

export interface ChatStreams {
  input: Readable;
  output: Writable;
  interactive: boolean;
}

export async function runChatCommand(config: Config, streams: ChatStreams, log: Logger): Promise<number> {
  const policy = await policyOf(config);
  const runtime = await startBotRuntime(config, { log, policy });
  try {
    const chat = new ConsoleChat({
      bot: runtime.bot,
      input: streams.input,
      output: streams.output,
      userId: `console:${userInfo().username}`,
      interactive: streams.interactive,
      idle: () => runtime.jobs.idle(),
      log: log.child({ platform: "console" }),
      portalUrl: config.arm.portalUrl,
    });
    runtime.notifiers.console = chat;
    if (streams.interactive) streams.output.write(`Connected to ${runtime.arm.describe}.\n`);
    await runtime.resume();
    await chat.run();
    return 0;
  } finally {
    await runtime.close();
  }
}
