/**
 * `npm run package`'s zip is the bot as App Service (Linux, Node 20) runs it: written once by
 * scripts/package.mjs, unzipped into an empty folder with the modes its entries carry, it holds the built code,
 * npm's production tree and a package.json to start it, and nothing else. Started from that folder as App
 * Service starts it (`npm start`, configured by environment variables only), it is ready and answers a check
 * against the built-in simulator.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { startFakeConnector } from "../support/fake-connector.js";
import { npmStart, type StartedPackage } from "../support/package-process.js";
import { sendUnauthenticatedMessage } from "../support/teams-activities.js";
import { unzipToFolder, type ZipEntry } from "../support/unzip-folder.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const repository = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The package folder a file of node_modules belongs to ("node_modules/a/node_modules/@s/b"). */
function packageFolderOf(name: string): string | undefined {
  const parts = name.split("/");
  let folder: string | undefined;
  let at = 0;
  while (parts[at] === "node_modules" && at + 2 < parts.length) {
    const width = parts[at + 1]?.startsWith("@") ? 2 : 1;
    folder = parts.slice(0, at + 1 + width).join("/");
    at += 1 + width;
  }
  return folder;
}

let work: string;
let app: string;
let entries: ZipEntry[];
let names: string[];

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/cli.js"))) {
    const build = await run(process.execPath, ["scripts/build.mjs"]);
    expect(build.code, build.output).toBe(0);
  }
  work = mkdtempSync(join(tmpdir(), "rpbot-app-service-"));
  const zip = join(work, "restore-point-bot.zip");
  const packaged = await run(process.execPath, ["scripts/package.mjs", "--out", zip]);
  expect(packaged.code, packaged.output).toBe(0);
  expect(packaged.output).toMatch(/wrote .*restore-point-bot\.zip: \d+ files \(\d+ packages\), [\d.]+ MB/);
  app = join(work, "wwwroot");
  mkdirSync(app);
  entries = unzipToFolder(zip, app);
  names = entries.map((entry) => entry.name);
}, 120_000);

// The unzipped package is a quarter of a gigabyte: not left behind in the temp folder on every run.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the App Service package", () => {
  it("holds dist, node_modules and package.json, and no tests, sources, build outputs or .env", () => {
    expect(readdirSync(app).sort()).toEqual(["dist", "node_modules", "package.json"]);
    expect(new Set(names.map((name) => name.split("/")[0]))).toEqual(
      new Set(["dist", "node_modules", "package.json"]),
    );
    expect(names.filter((name) => /(^|\/)\.env$/.test(name))).toEqual([]);
    expect(names.filter((name) => /^(test|src|scripts|docs)\//.test(name))).toEqual([]);
    const dist = names.filter((name) => name.startsWith("dist/"));
    expect(dist).toContain("dist/cli.js");
    expect(dist.filter((name) => !/^dist\/(cli\.js(\.map)?|chunks\/[^/]+\.js(\.map)?)$/.test(name))).toEqual(
      [],
    );
  });

  it("has npm's production tree as node_modules, and no dev-only package", async () => {
    const listed = await run("npm", ["ls", "--omit=dev", "--all", "--parseable"]);
    expect(listed.code, listed.output).toBe(0);
    const production = listed.output
      .trim()
      .split("\n")
      .map((path) => relative(ROOT, path))
      .filter((path) => path !== "");
    const shipped = new Set(names.map(packageFolderOf).filter((folder) => folder !== undefined));
    expect([...shipped].sort()).toEqual(production.sort());
    const devOnly = Object.keys(repository.devDependencies).filter(
      (name) => !production.includes(`node_modules/${name}`),
    );
    expect(devOnly).toEqual(
      expect.arrayContaining(["vitest", "typescript", "esbuild", "tsx", "@biomejs/biome"]),
    );
    for (const name of devOnly) expect(shipped.has(`node_modules/${name}`), name).toBe(false);
  });

  it("has the SQLite addon this machine built, and dist/cli.js executable once unzipped", () => {
    expect(names).toContain("node_modules/better-sqlite3/build/Release/better_sqlite3.node");
    expect(names.filter((name) => name.includes("/obj.target/"))).toEqual([]);
    expect(statSync(join(app, "dist/cli.js")).mode & 0o777).toBe(0o755);
    expect(entries.every((entry) => entry.madeBy === 3)).toBe(true);
  });

  it("has a package.json that starts the bot as the repository does and installs or builds nothing", () => {
    const shipped = JSON.parse(readFileSync(join(app, "package.json"), "utf8")) as Record<string, unknown>;
    expect(shipped.scripts).toEqual({ start: repository.scripts.start });
    expect(shipped).not.toHaveProperty("devDependencies");
    expect(shipped.dependencies).toEqual(repository.dependencies);
  });
});

describe("scripts/package.mjs", () => {
  it("refuses what it does not understand with exit code 1 and its usage, writing nothing", async () => {
    const refused = await run(process.execPath, ["scripts/package.mjs", "--output", join(work, "other.zip")]);
    expect(refused).toEqual({
      code: 1,
      output: expect.stringMatching(/Unknown option '--output'[\s\S]*usage:/),
    });
    expect(existsSync(join(work, "other.zip"))).toBe(false);
  });
});

describe("the unzipped package, started as App Service starts it", () => {
  let started: StartedPackage | undefined;
  afterAll(() => started?.stop());

  it("with `npm start` and environment variables only: ready, and answers a check from Teams", async () => {
    // Nothing above the folder could lend it a package: what runs is what the zip holds.
    for (let folder = dirname(app); folder !== dirname(folder); folder = dirname(folder))
      expect(existsSync(join(folder, "node_modules")), folder).toBe(false);
    expect(existsSync(join(app, ".env"))).toBe(false);
    const home = join(work, "home");
    mkdirSync(home);
    const connector = await startFakeConnector();
    try {
      started = await npmStart(app, {
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`,
        HOME: home,
        PORT: "0",
        RPBOT_DB: join(work, "rpbot.db"),
        TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: "true",
        // npm would ask the registry whether it is out of date; App Service's npm is not ours to judge.
        NPM_CONFIG_UPDATE_NOTIFIER: "false",
      });
      expect(started.output()).toContain(`> ${repository.scripts.start}`);
      expect(started.output()).toMatch(/built-in simulator/);

      const ready = await fetch(`${started.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ok: true, checks: { store: "ok", arm: "ok" } });

      expect(
        await sendUnauthenticatedMessage(started.url, connector.url, "a:app-service", "check vm-web-01"),
      ).toBe(200);
      await eventually(() => expect(connector.posts()).toHaveLength(1));
      expect(JSON.stringify(connector.posts()[0]?.body)).toMatch(/vm-web-01: restore points possible/);
    } finally {
      await started?.stop();
      started = undefined;
      await connector.close();
    }
  }, 60_000);
});
