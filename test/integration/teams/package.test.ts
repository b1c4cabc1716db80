/**
 * `npm run teams:package`: the sideloadable zip, built by the real script in a temp dir and read back: fflate
 * for the entries, pngjs for the icons, Microsoft's schema (@microsoft/app-manifest) for the manifest inside,
 * and Python's zipfile as a second reader that checks every CRC. Configuration from the environment and .env.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { teamsSchemaViolations } from "../../support/teams-manifest-schema.js";
import { freshDir, PACKAGE_ENV, ROOT, readZip, runPackage } from "../../support/teams-package.js";

interface PackagedManifest {
  manifestVersion: string;
  version: string;
  id: string;
  developer: Record<string, string>;
  bots: Array<{ botId: string }>;
}

const PROJECT_VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;

function packaged(file: string): { names: string[]; text: string; manifest: PackagedManifest } {
  const entries = readZip(file);
  const text = entries["manifest.json"]?.toString("utf8") ?? "";
  return { names: Object.keys(entries).sort(), text, manifest: JSON.parse(text) as PackagedManifest };
}

describe("teams:package", () => {
  it("writes manifest.json and both icons at the zip root, filled in from the configuration", async () => {
    const run = runPackage(PACKAGE_ENV);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`wrote ${run.out}`);
    const { names, text, manifest } = packaged(run.out);
    expect(names).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(manifest.id).toBe(PACKAGE_ENV.MicrosoftAppId);
    expect(manifest.bots.map((bot) => bot.botId)).toEqual([PACKAGE_ENV.MicrosoftAppId]);
    expect(manifest.developer).toEqual({
      name: PACKAGE_ENV.RPBOT_TEAMS_DEVELOPER_NAME,
      websiteUrl: PACKAGE_ENV.RPBOT_TEAMS_WEBSITE_URL,
      privacyUrl: PACKAGE_ENV.RPBOT_TEAMS_PRIVACY_URL,
      termsOfUseUrl: PACKAGE_ENV.RPBOT_TEAMS_TERMS_URL,
    });
    expect(manifest.version).toBe(PROJECT_VERSION);
    expect(text).not.toContain("${{");
    expect(text).not.toContain("example.com");
    expect(await teamsSchemaViolations(manifest)).toEqual([]);
  });

  it("packs the committed icons at the sizes Teams wants", () => {
    const entries = readZip(runPackage(PACKAGE_ENV).out);
    for (const [name, size] of [
      ["color.png", 192],
      ["outline.png", 32],
    ] as const) {
      const png = entries[name] ?? Buffer.alloc(0);
      expect(png.equals(readFileSync(join(ROOT, "manifest/teams", name)))).toBe(true);
      const { width, height } = PNG.sync.read(png);
      expect([width, height]).toEqual([size, size]);
    }
  });

  it("writes a zip that another reader accepts, every CRC right", () => {
    const run = runPackage(PACKAGE_ENV);
    const check =
      "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), len(z.namelist()))";
    const read = spawnSync("python3", ["-c", check, run.out], { encoding: "utf8" });
    expect(read.stderr).toBe("");
    expect(read.stdout.trim()).toBe("None 3");
  });

  it("takes the app version from --version, and gives the same bytes for the same input", () => {
    const first = runPackage(PACKAGE_ENV, { args: ["--version", "2.13.0"] });
    const second = runPackage(PACKAGE_ENV, { args: ["--version", "2.13.0"] });
    expect(first.status, first.stderr).toBe(0);
    expect(packaged(first.out).manifest.version).toBe("2.13.0");
    expect(readFileSync(first.out).equals(readFileSync(second.out))).toBe(true);
  });

  it("reads .env in the working directory for what the environment does not set", () => {
    const cwd = freshDir();
    const dotenv = Object.entries(PACKAGE_ENV).map(([name, value]) => `${name}=${value}`);
    writeFileSync(join(cwd, ".env"), `${dotenv.join("\n")}\n`);
    const run = runPackage({ RPBOT_TEAMS_DEVELOPER_NAME: "Fabrikam Ops" }, { cwd });
    expect(run.status, run.stderr).toBe(0);
    const { manifest } = packaged(run.out);
    expect(manifest.developer.name).toBe("Fabrikam Ops");
    expect(manifest.developer.privacyUrl).toBe(PACKAGE_ENV.RPBOT_TEAMS_PRIVACY_URL);
    expect(manifest.id).toBe(PACKAGE_ENV.MicrosoftAppId);
  });
});

describe("teams:package refuses, naming what to fix, and writes nothing", () => {
  it("lists every missing variable in one message", () => {
    const run = runPackage({});
    expect(run.status).toBe(1);
    for (const name of Object.keys(PACKAGE_ENV)) expect(run.stderr).toContain(`${name} is not set`);
    expect(run.stderr.match(/^teams:package:/gm)).toHaveLength(1);
    expect(existsSync(run.out)).toBe(false);
  });

  it.each([
    [{ MicrosoftAppId: "my-bot" }, [], /MicrosoftAppId must be a GUID/],
    [
      { RPBOT_TEAMS_PRIVACY_URL: "http://intranet.contoso.com/privacy" },
      [],
      /RPBOT_TEAMS_PRIVACY_URL must be an https:\/\/ URL/,
    ],
    [
      { RPBOT_TEAMS_TERMS_URL: "https:it.contoso.com/terms" },
      [],
      /RPBOT_TEAMS_TERMS_URL must be an https:\/\/ URL/,
    ],
    [
      { RPBOT_TEAMS_DEVELOPER_NAME: "x".repeat(33) },
      [],
      /RPBOT_TEAMS_DEVELOPER_NAME must be at most 32 characters/,
    ],
    [{}, ["--version", "1.2"], /--version must be MAJOR\.MINOR\.PATCH, like 1\.4\.0 \(got "1\.2"\)/],
    [{}, ["--version", "1.2.0-beta.1"], /--version must be MAJOR\.MINOR\.PATCH/],
    [{}, ["--colour", "red"], /Unknown option '--colour'/],
  ])("refuses %j %j", (override, args, error) => {
    const run = runPackage({ ...PACKAGE_ENV, ...override }, { args });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(error);
    expect(existsSync(run.out)).toBe(false);
  });

  it("prints the message docs/configuration.md shows", () => {
    const docs = readFileSync(join(ROOT, "docs/configuration.md"), "utf8");
    const section = docs.slice(docs.indexOf("## Teams app package"));
    const shown = /```text\n([\s\S]*?)```/.exec(section)?.[1];
    const { RPBOT_TEAMS_PRIVACY_URL: _unset, ...env } = PACKAGE_ENV;
    const run = runPackage({ ...env, RPBOT_TEAMS_TERMS_URL: "http://it.contoso.com/terms" });
    expect(shown).toBeDefined();
    expect(run.stderr).toBe(shown);
  });

  it("does not repeat the value of a URL it refuses", () => {
    const run = runPackage({ ...PACKAGE_ENV, RPBOT_TEAMS_WEBSITE_URL: "ftp://files.contoso.com/rp" });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain("files.contoso.com");
  });
});
