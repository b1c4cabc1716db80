#!/usr/bin/env node
/**
 * `rpbot`: the entry point. The only place (with src/config.ts) that touches process.env, argv and exit codes.
 */
import "./quiet-warnings.js";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
// The build inlines it into dist/cli.js: the bundle knows its version wherever it is installed or copied.
import packageJson from "../package.json" with { type: "json" };
import { CliUsageError, describeFailure } from "./commands/cli-failure.js";
import type { CommandIo } from "./commands/io.js";
import { loadConfig } from "./config.js";

// Each command's module is imported when that command runs, not here: a `check` must not pay for loading
// botbuilder, Bolt, restify or the store drivers that only `serve`, `chat` and `audit` use (docs/cli.md).

const USAGE = `Usage:
  rpbot serve                             serve every configured chat platform; with none, the terminal chat
  rpbot chat                              talk to the bot in the terminal (or pipe one message per line)
  rpbot check <vm> [--json] [--explain]   eligibility of one VM (name, resourceGroup/name, or resource id)
  rpbot sim [--fleet FILE] [--port N] [--generate N [--subscriptions N]] [--latency MS]
            [--restore-point-duration MS] [--delete-duration MS] [--control-port N]
            [--fail-creations N[:CODE]] [--fail-reads SHARE[:429|500]] [--fail-writes SHARE[:429|500]]
            [--retry-after SECONDS] [--freeze all|reads|writes] [--audience URL] [--issuer URL]
                                          run the ARM simulator alone, with faults to rehearse an incident
  rpbot audit [--since 2h|ISO-8601] [--json] [--limit N]
                                          the audit log, oldest first
  rpbot version                           the version of rpbot (also --version, -v)
  rpbot help                              this text`;

const io: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};
const now = () => new Date();

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "check":
      return check(rest);
    case "sim":
      return sim(rest);
    case "chat":
      return chat(rest, "chat");
    case "serve":
      return chat(rest, "serve");
    case "audit":
      return audit(rest);
    case "version":
    case "--version":
    case "-v":
      io.out(packageJson.version);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.out(USAGE);
      return command === undefined ? 1 : 0;
    default:
      throw new CliUsageError(
        `Unknown command "${command.slice(0, 40)}". Run "rpbot help" for the commands.`,
      );
  }
}

async function check(args: string[]): Promise<number> {
  const json = args.includes("--json");
  try {
    const { values, positionals } = parse(args, { json: { type: "boolean" }, explain: { type: "boolean" } });
    if (positionals.length !== 1 || !positionals[0]) {
      throw new CliUsageError("Give exactly one VM: rpbot check <vm> [--json] [--explain]");
    }
    const config = loadConfig(process.env);
    const { runCheckCommand } = await import("./commands/check.command.js");
    return await runCheckCommand(
      { vm: positionals[0], json: values.json === true, explain: values.explain === true },
      config,
      io,
      now,
    );
  } catch (error) {
    return fail(error, json);
  }
}

async function chat(args: string[], command: "chat" | "serve"): Promise<number> {
  parse(args, {});
  const config = loadConfig(process.env);
  const { createLogger } = await import("./logger.js");
  const log = createLogger(config.logLevel);
  if (command === "serve") {
    const { planServe, runServeCommand } = await import("./commands/serve.command.js");
    const plan = planServe(config);
    if (plan.kind !== "terminal") {
      // Started before the HTTP server and the Azure SDK clients exist, so that both are traced.
      const insights = plan.kind === "doors" ? config.metrics?.appInsightsConnectionString : undefined;
      const telemetry = insights
        ? (await import("./azure/app-insights.js")).startAppInsights(insights)
        : undefined;
      const code = await runServeCommand(config, plan, io, log, stopSignal()).finally(() =>
        telemetry?.stop(),
      );
      // The exporter keeps its connections open long after its last send: once it has flushed, nothing is left.
      if (telemetry) process.exit(code);
      return code;
    }
    io.err("No chat platform is configured (SLACK_BOT_TOKEN, MicrosoftAppId): starting the terminal chat.");
  }
  const interactive = process.stdin.isTTY === true;
  const { runChatCommand } = await import("./commands/chat.command.js");
  return runChatCommand(config, { input: process.stdin, output: process.stdout, interactive }, log);
}

function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
}

async function audit(args: string[]): Promise<number> {
  const json = args.includes("--json");
  try {
    const { values } = parse(args, {
      since: { type: "string" },
      json: { type: "boolean" },
      limit: { type: "string" },
    });
    const config = loadConfig(process.env);
    const [{ runAuditCommand }, { openStore }] = await Promise.all([
      import("./commands/audit.command.js"),
      import("./store/index.js"),
    ]);
    const store = await openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
    try {
      const auditArgs = {
        since: values.since,
        json: values.json === true,
        limit: wholeNumber("--limit", values.limit),
      };
      return await runAuditCommand(auditArgs, store, io, now);
    } finally {
      await store.close();
    }
  } catch (error) {
    return fail(error, json);
  }
}

async function sim(args: string[]): Promise<number> {
  const { values } = parse(args, {
    fleet: { type: "string" },
    port: { type: "string" },
    generate: { type: "string" },
    subscriptions: { type: "string" },
    latency: { type: "string" },
    "restore-point-duration": { type: "string" },
    "delete-duration": { type: "string" },
    "control-port": { type: "string" },
    "fail-creations": { type: "string" },
    "fail-reads": { type: "string" },
    "fail-writes": { type: "string" },
    "retry-after": { type: "string" },
    freeze: { type: "string" },
    audience: { type: "string" },
    issuer: { type: "string" },
  });
  const { parseSimFaultFlags, parseSimSubscriptions, parseSimTokenFlags, runSimCommand } = await import(
    "./commands/sim.command.js"
  );
  const args_ = {
    fleet: values.fleet,
    port: wholeNumber("--port", values.port) ?? 0,
    generate: wholeNumber("--generate", values.generate),
    subscriptions: parseSimSubscriptions(values.subscriptions, values.generate),
    latencyMs: wholeNumber("--latency", values.latency),
    restorePointDurationMs: wholeNumber("--restore-point-duration", values["restore-point-duration"]),
    deleteDurationMs: wholeNumber("--delete-duration", values["delete-duration"]),
    ...parseSimFaultFlags(values),
    ...parseSimTokenFlags(values),
  };
  return runSimCommand(args_, io, now, stopSignal());
}

type OptionSpec = Record<string, { type: "string" | "boolean" }>;

function parse<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new CliUsageError(`${flag} takes a whole number (got "${value}")`);
  return parsed;
}

function fail(error: unknown, json: boolean): number {
  const debug = process.env.RPBOT_LOG_LEVEL === "debug";
  const { failure, exitCode } = describeFailure(error, { debug });
  if (json)
    process.stdout.write(
      `${JSON.stringify({ error: { ...failure, candidates: failure.candidates ?? [] } })}\n`,
    );
  io.err(failure.message);
  if (debug) for (const stack of stacksOf(error)) io.err(stack);
  return exitCode;
}

/** The error's stack and those of its causes (an ArmError wraps the SDK's error), for RPBOT_LOG_LEVEL=debug. */
function stacksOf(error: unknown): string[] {
  const stacks: string[] = [];
  // A few levels are enough, and a cause chain may loop.
  for (
    let current = error, depth = 0;
    current instanceof Error && depth < 5;
    current = current.cause, depth++
  ) {
    if (current.stack) stacks.push(depth === 0 ? current.stack : `Caused by: ${current.stack}`);
  }
  return stacks;
}

// A local .env (see .env.example) fills in what the environment does not already say.
if (existsSync(".env")) process.loadEnvFile(".env");

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = fail(error, false);
  },
);
