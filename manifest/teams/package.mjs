// @ts-check
/**
 * `npm run teams:package -- [--version X.Y.Z] [--out FILE]`: writes the Teams app package (default
 * dist/teams/restore-point-bot.zip). Configuration comes from the environment, with a .env file in the working
 * directory filling in what the environment does not set, as for the bot (docs/configuration.md, "Teams app
 * package"). Plain JavaScript on production dependencies only, so it runs where only those are installed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readPackageConfig } from "./package-config.mjs";
import { buildTeamsPackage } from "./teams-package.mjs";

const DEFAULT_OUT = "dist/teams/restore-point-bot.zip";
const USAGE = "usage: npm run teams:package -- [--version X.Y.Z] [--out FILE]";

/** @param {string} message */
function fail(message) {
  process.stderr.write(`teams:package: ${message}\n`);
  process.exitCode = 1;
}

/** @returns {{ version?: string, out?: string } | undefined} */
function readOptions() {
  try {
    return parseArgs({ options: { version: { type: "string" }, out: { type: "string" } } }).values;
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return undefined;
  }
}

function run() {
  const options = readOptions();
  if (!options) return;
  if (existsSync(".env")) process.loadEnvFile(".env");
  const projectVersion = JSON.parse(
    readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
  ).version;
  const config = readPackageConfig(process.env, {
    version: options.version ?? String(projectVersion),
    versionSource: options.version === undefined ? 'package.json\'s "version"' : "--version",
  });
  if (!config.ok) {
    const list = config.problems.map((problem) => `  - ${problem}`).join("\n");
    fail(`fix these in the environment or in .env, then run it again:\n${list}`);
    return;
  }
  const result = buildTeamsPackage(config.values);
  if (!result.ok) {
    fail(result.error);
    return;
  }
  const out = resolve(options.out ?? DEFAULT_OUT);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.zip);
  process.stdout.write(
    `wrote ${out} (version ${config.values.version}: ${result.entries.join(", ")}); upload it in Teams: Apps > Manage your apps > Upload an app\n`,
  );
}

run();
