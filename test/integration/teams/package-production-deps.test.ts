/**
 * `npm run teams:package` is a user command: it must run where only the production dependencies are installed.
 * The test copies manifest/teams and package.json into a temp folder whose node_modules holds nothing but
 * fflate and pngjs (links to the installed ones) and runs the script there: a dev dependency it imported
 * could not be found. A probe in the same folder shows that dev dependencies are indeed out of reach.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir, PACKAGE_ENV, ROOT, runPackage } from "../../support/teams-package.js";

const PRODUCTION_PACKAGES = ["fflate", "pngjs"];

/** A folder laid out like an install of the project with only `packages` in node_modules. */
function productionOnlyCopy(packages: string[]): string {
  const root = freshDir("rpbot-teams-prod-");
  cpSync(join(ROOT, "manifest/teams"), join(root, "manifest/teams"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(root, "package.json"));
  mkdirSync(join(root, "node_modules"));
  for (const name of packages)
    symlinkSync(join(ROOT, "node_modules", name), join(root, "node_modules", name));
  return root;
}

describe("teams:package with production dependencies only", () => {
  const root = productionOnlyCopy(PRODUCTION_PACKAGES);

  it("writes the same package as in the checkout", () => {
    const script = join(root, "manifest/teams/package.mjs");
    const copied = runPackage(PACKAGE_ENV, { script, cwd: freshDir() });
    expect(copied.status, copied.stderr).toBe(0);
    const checkout = runPackage(PACKAGE_ENV);
    expect(readFileSync(copied.out).equals(readFileSync(checkout.out))).toBe(true);
  });

  it.each(["tsx", "esbuild", "@microsoft/app-manifest", "yaml"])(
    "cannot reach %s from that folder, only fflate and pngjs",
    (name) => {
      const probe = join(root, "manifest/teams", "probe.mjs");
      writeFileSync(probe, `await import(${JSON.stringify(name)});\n`);
      const run = spawnSync(process.execPath, [probe], { cwd: root, env: { PATH: process.env.PATH ?? "" } });
      expect(run.status).toBe(1);
      expect(run.stderr.toString()).toContain("ERR_MODULE_NOT_FOUND");
    },
  );

  it.each(PRODUCTION_PACKAGES)("can reach %s from that folder (the probe works)", (name) => {
    const probe = join(root, "manifest/teams", "probe-ok.mjs");
    writeFileSync(probe, `await import(${JSON.stringify(name)});\n`);
    const run = spawnSync(process.execPath, [probe], { cwd: root, env: { PATH: process.env.PATH ?? "" } });
    expect(run.stderr.toString()).toBe("");
    expect(run.status).toBe(0);
  });
});
