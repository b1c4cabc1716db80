/**
 * `npm run teams:package [-- --out FILE]`: writes the Teams app package (default dist/teams/restore-point-bot.zip)
 * with the bot id from MicrosoftAppId. A developer tool outside src/, so it reads that one variable itself.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { buildTeamsPackage } from "./teams-package.js";

const DEFAULT_OUT = "dist/teams/restore-point-bot.zip";

const outIndex = process.argv.indexOf("--out");
const out = resolve(outIndex >= 0 ? (process.argv[outIndex + 1] ?? DEFAULT_OUT) : DEFAULT_OUT);
const result = buildTeamsPackage(process.env.MicrosoftAppId);
if (!result.ok) {
  process.stderr.write(`teams:package: ${result.error}\n`);
  process.exitCode = 1;
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.zip);
  process.stdout.write(
    `wrote ${out} (${result.entries.join(", ")}); upload it in Teams: Apps > Manage your apps > Upload an app\n`,
  );
}
