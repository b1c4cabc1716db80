/**
 * `rpbot serve` without the terminal: the bot runtime, every configured chat door, and the one HTTP server
 * that carries their routes plus GET /healthz. Tests start exactly this, on port 0.
 */
import type { Door } from "../adapters/door.js";
import { type RunningHttpServer, startHttpServer } from "../adapters/http/http-server.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { BotRuntime, BotRuntimeOptions } from "./bot-runtime.js";
import { startBotRuntime } from "./bot-runtime.js";

export interface ServedBot {
  url: string;
  port: number;
  runtime: BotRuntime;
  doors: Door[];
  close(): Promise<void>;
}

export interface ServeOptions extends BotRuntimeOptions {
  /** Builds the doors for this runtime (the CLI passes every configured platform; tests pass theirs). */
  doors(runtime: BotRuntime, log: Logger): Door[] | Promise<Door[]>;
  host?: string;
}

export async function serveBot(config: Config, options: ServeOptions): Promise<ServedBot> {
  const runtime = await startBotRuntime(config, options);
  const doors: Door[] = [];
  let server: RunningHttpServer | undefined;
  try {
    doors.push(...(await options.doors(runtime, options.log)));
    for (const door of doors) runtime.notifiers[door.platform] = door.notifier;
    server = await startHttpServer({
      port: config.port,
      host: options.host,
      routes: doors.flatMap((door) => door.routes),
      log: options.log.child({ component: "http" }),
    });
    for (const door of doors) await door.start();
    await runtime.resume();
    const running = server;
    return {
      url: running.url,
      port: running.port,
      runtime,
      doors,
      close: async () => {
        await running.close();
        for (const door of doors) await door.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await server?.close();
    for (const door of doors) await door.close().catch(() => undefined);
    await runtime.close();
    throw error;
  }
}
