/**
 * `rpbot serve` with chat platforms configured: every configured door on the bot's one HTTP server (plus
 * GET /healthz, GET /readyz and GET /metrics) until SIGINT or SIGTERM. A platform that is half configured
 * says why it did not start.
 */
import type { Door } from "../adapters/door.js";
// The decision alone, not the Teams barrel: that would load botbuilder even when Teams is not served.
import { teamsDoorDecision } from "../adapters/teams/door-decision.js";
import type { Config, TeamsConfig } from "../config.js";
import type { Logger } from "../logger.js";
import { countedBot } from "../metrics/counted-bot.js";
import type { BotRuntime } from "../runtime/bot-runtime.js";
import type { DoorRequests } from "../runtime/serve.js";
import { CliUsageError } from "./cli-failure.js";
import type { CommandIo } from "./io.js";
import { policyOf } from "./policy-of.js";

export type ServePlan =
  | { kind: "terminal" }
  | { kind: "doors"; slack: boolean; teams: boolean; notes: string[] }
  | { kind: "refused"; reason: string };

/**
 * Which doors `rpbot serve` opens. Nothing configured: the terminal chat. A platform half configured stops
 * start-up with the reason, rather than serving without it.
 */
export function planServe(config: Config): ServePlan {
  const teams = teamsDoorDecision(config.teams);
  if (!teams.start && mentionsTeams(config.teams)) return { kind: "refused", reason: teams.reason };
  if (!config.slack && !teams.start) return { kind: "terminal" };
  const notes = teams.start ? [] : [`Teams not started: ${teams.reason}`];
  if (!config.slack) notes.push("Slack not started: SLACK_BOT_TOKEN is not set.");
  return { kind: "doors", slack: Boolean(config.slack), teams: teams.start, notes };
}

function mentionsTeams(teams: TeamsConfig): boolean {
  return Boolean(
    teams.appId ||
      teams.appPassword ||
      teams.tenantId ||
      teams.appType ||
      teams.dangerouslyAllowUnauthenticated,
  );
}

type DoorsPlan = Extract<ServePlan, { kind: "doors" }>;

/** Each door's SDK (Bolt, botbuilder) is imported only when that door is served: each takes long to load. */
async function configuredDoors(
  config: Config,
  plan: DoorsPlan,
  runtime: BotRuntime,
  log: Logger,
  requests: DoorRequests,
): Promise<Door[]> {
  const doors: Door[] = [];
  if (plan.slack && config.slack) {
    const { createSlackDoor } = await import("../adapters/slack/slack-door.js");
    // Socket Mode requests never reach the HTTP server, which counts the others.
    const bot = config.slack.appToken
      ? countedBot(runtime.bot, (outcome) => requests.answered("slack", outcome))
      : runtime.bot;
    doors.push(
      createSlackDoor({
        config: config.slack,
        bot,
        log,
        now: () => new Date(),
        replays: runtime.store.replays,
        portalUrl: config.arm.portalUrl,
      }),
    );
  }
  if (plan.teams) {
    const { createTeamsDoor } = await import("../adapters/teams/index.js");
    doors.push(
      createTeamsDoor({
        config: config.teams,
        bot: runtime.bot,
        store: runtime.store,
        log,
        portalUrl: config.arm.portalUrl,
      }),
    );
  }
  return doors;
}

/** Serves what planServe decided; a refused plan stops here with its reason. */
export async function runServeCommand(
  config: Config,
  plan: Exclude<ServePlan, { kind: "terminal" }>,
  io: CommandIo,
  log: Logger,
  stopped: Promise<void>,
): Promise<number> {
  if (plan.kind === "refused") throw new CliUsageError(plan.reason);
  for (const note of plan.notes) io.err(note);
  const policy = await policyOf(config);
  // The HTTP server (restify) is loaded here, not with planServe: with no platform configured, `rpbot serve`
  // runs the terminal chat and never needs it.
  const { serveBot } = await import("../runtime/serve.js");
  const served = await serveBot(config, {
    log,
    policy,
    doors: (runtime, doorLog, requests) => configuredDoors(config, plan, runtime, doorLog, requests),
  });
  io.err(
    `rpbot serving on port ${served.port} (${served.runtime.arm.describe}): ${[
      ...served.doors.map((door) => door.describe),
      "GET /healthz",
      "GET /readyz",
      "GET /metrics",
    ].join("; ")}`,
  );
  await stopped;
  io.err("rpbot stopping: finishing requests in flight.");
  await served.close();
  return 0;
}
