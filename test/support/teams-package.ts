/**
 * Runs `teams:package` (manifest/teams/package.mjs) as a child process in a working directory of its own, so
 * that no .env of the checkout leaks in, and reads back the zip it writes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const PACKAGE_SCRIPT = join(ROOT, "manifest/teams/package.mjs");

/** Everything the package needs, with values no template carries. */
export const PACKAGE_ENV = {
  MicrosoftAppId: "3f1a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
  RPBOT_TEAMS_DEVELOPER_NAME: "Contoso IT",
  RPBOT_TEAMS_WEBSITE_URL: "https://it.contoso.com/restore-points",
  RPBOT_TEAMS_PRIVACY_URL: "https://it.contoso.com/restore-points/privacy",
  RPBOT_TEAMS_TERMS_URL: "https://it.contoso.com/restore-points/terms",
} as const;

export interface PackageRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The zip the run wrote into its working directory, if any. */
  out: string;
}

export function freshDir(prefix = "rpbot-teams-zip-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** `node <script> --out app.zip [args]` in `cwd` (default: a fresh directory) with only PATH and `env` set. */
export function runPackage(
  env: Record<string, string>,
  options: { args?: string[]; cwd?: string; script?: string } = {},
): PackageRun {
  const cwd = options.cwd ?? freshDir();
  const out = join(cwd, "app.zip");
  const run = spawnSync(
    process.execPath,
    [options.script ?? PACKAGE_SCRIPT, "--out", out, ...(options.args ?? [])],
    { cwd, env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8" },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, out };
}

/** The zip's entries by name, inflated by fflate. */
export function readZip(file: string): Record<string, Buffer> {
  const entries = unzipSync(readFileSync(file));
  return Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, Buffer.from(data)]));
}
