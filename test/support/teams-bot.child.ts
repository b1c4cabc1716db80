/**
 * One `rpbot serve`-like process with only the Teams door, for the restart test: configuration from the
 * environment (RPBOT_DB, the external simulator, the unauthenticated local mode), the VM lock lease from
 * argv, JSON logs on stderr. Prints {"url"} once serving, then runs until it is killed.
 */
import { createTeamsDoor } from "../../src/adapters/teams/index.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { serveBot } from "../../src/runtime/serve.js";
import { OPEN_POLICY } from "./served-bot.js";

const lockLeaseMs = Number(process.argv[2] ?? 60_000);
const config = loadConfig(process.env);
const served = await serveBot(config, {
  log: createLogger("info"),
  policy: OPEN_POLICY,
  host: "127.0.0.1",
  lockLeaseMs,
  doors: (runtime, log) => [
    createTeamsDoor({ config: config.teams, bot: runtime.bot, store: runtime.store, log }),
  ],
});
process.stdout.write(`${JSON.stringify({ url: served.url })}\n`);
