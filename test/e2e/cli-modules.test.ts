/**
 * Each command loads only what it needs (docs/cli.md): the built CLI runs with a module-load hook
 * (test/support/module-log.mjs), and the modules it resolved are checked by package and by folder. `serve`
 * is checked the other way round, so a hook that records nothing cannot pass for a lean command.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack } from "../support/fake-slack.js";
import {
  filesOfBotFolder,
  filesOfPackage,
  type LoadedModules,
  moduleLogEnv,
  moduleLogFile,
  readModuleLog,
} from "../support/module-log.js";
import { runCli } from "../support/run-cli.js";
import { startServeProcess } from "../support/serve-process.js";
import { type SimProcess, startSimProcess } from "../support/sim-process.js";
import { SIGNING_SECRET } from "../support/slack-requests.js";

/** The chat platforms' SDKs and the HTTP server: `serve`'s alone. */
const DOOR_PACKAGES = ["botbuilder", "@slack/bolt", "restify"];
const AZURE_SDK = ["@azure/arm-compute", "@azure/identity", "@azure/core-rest-pipeline"];
const STORE_DRIVERS = ["pg", "better-sqlite3"];

let sim: SimProcess;
beforeAll(async () => {
  sim = await startSimProcess(["--port", "0"]);
});
afterAll(() => sim.stop());

function storeEnv(): Record<string, string> {
  return { RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-modules-db-")), "rpbot.db") };
}

interface Case {
  args: string[];
  env(): Record<string, string>;
  input?: string;
  exitCode: number;
  /** Packages the command must never load. */
  packages: string[];
  /** Folders of the bot (src/<folder>/) whose code it must never load. */
  folders: string[];
}

const CASES: Case[] = [
  {
    args: ["check", "vm-web-01", "--json"],
    env: () => sim.env,
    exitCode: 0,
    packages: [...DOOR_PACKAGES, ...STORE_DRIVERS, "pino", "yaml"],
    folders: ["adapters", "dialogs", "store"],
  },
  {
    args: ["check", "vm-web-01"],
    env: () => sim.env,
    exitCode: 0,
    packages: [...DOOR_PACKAGES, ...STORE_DRIVERS, "pino", "yaml"],
    folders: ["adapters", "dialogs", "store"],
  },
  {
    args: ["audit", "--json", "--since", "2h"],
    env: storeEnv,
    exitCode: 0,
    // SQLite is the store asked for: the PostgreSQL driver stays out, and so does ARM.
    packages: [...DOOR_PACKAGES, ...AZURE_SDK, "pg", "pino", "selfsigned"],
    folders: ["adapters", "azure", "simulator", "dialogs"],
  },
  {
    // Refused while reading the flags: the cheap path of `rpbot sim`.
    args: ["sim", "--freeze", "sometimes"],
    env: () => ({}),
    exitCode: 1,
    packages: [...DOOR_PACKAGES, ...AZURE_SDK, ...STORE_DRIVERS, "pino"],
    folders: ["adapters", "azure", "dialogs", "store"],
  },
  {
    args: ["help"],
    env: () => ({}),
    exitCode: 0,
    packages: [...DOOR_PACKAGES, ...AZURE_SDK, ...STORE_DRIVERS, "pino", "selfsigned", "yaml"],
    folders: ["adapters", "azure", "simulator", "dialogs", "store", "runtime"],
  },
  {
    args: ["chat"],
    env: () => ({ ...sim.env, ...storeEnv(), RPBOT_LOG_LEVEL: "warn" }),
    input: "help\n",
    exitCode: 0,
    // The terminal is its only door (src/adapters/console), and no policy file is named.
    packages: [...DOOR_PACKAGES, "pg", "yaml"],
    folders: ["adapters/slack", "adapters/teams", "adapters/http"],
  },
  {
    // No chat platform configured: `serve` runs the terminal chat, and needs no door of its own. (It does read
    // adapters/teams/door-decision.ts, which imports no SDK, to decide that Teams is not configured.)
    args: ["serve"],
    env: () => ({ ...sim.env, ...storeEnv(), RPBOT_LOG_LEVEL: "warn" }),
    input: "help\n",
    exitCode: 0,
    packages: [...DOOR_PACKAGES, "pg", "yaml"],
    folders: ["adapters/slack", "adapters/http"],
  },
];

async function modulesOf(test: Case): Promise<LoadedModules> {
  const file = moduleLogFile();
  const result = await runCli(test.args, { ...test.env(), ...moduleLogEnv(file) }, test.input);
  expect(result.code, result.stderr).toBe(test.exitCode);
  return readModuleLog(file);
}

describe.each(CASES.map((test) => [test.args.join(" "), test] as const))("rpbot %s", (_line, test) => {
  it("loads none of what only other commands need", async () => {
    const loaded = await modulesOf(test);
    expect(loaded.paths.length).toBeGreaterThan(0);
    for (const name of test.packages) expect(filesOfPackage(loaded, name), name).toEqual([]);
    for (const folder of test.folders) expect(filesOfBotFolder(loaded, folder), folder).toEqual([]);
  });
});

describe("rpbot serve", () => {
  async function modulesOfServe(env: Record<string, string>): Promise<LoadedModules> {
    const slack = await startFakeSlack();
    const file = moduleLogFile();
    try {
      const served = await startServeProcess({
        ...sim.env,
        ...storeEnv(),
        SLACK_BOT_TOKEN: "xoxb-modules",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        RPBOT_LOG_LEVEL: "warn",
        ...env,
        ...moduleLogEnv(file),
      });
      expect(await served.stop()).toBe(0);
    } finally {
      await slack.close();
    }
    return readModuleLog(file);
  }

  it("with Slack and Teams loads both doors' SDKs, restify and the adapters", async () => {
    const loaded = await modulesOfServe({ TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: "true" });
    for (const name of DOOR_PACKAGES) expect(filesOfPackage(loaded, name), name).not.toEqual([]);
    for (const folder of ["adapters/slack", "adapters/teams", "adapters/http"]) {
      expect(filesOfBotFolder(loaded, folder), folder).not.toEqual([]);
    }
    expect(loaded.specifiers).toEqual(expect.arrayContaining(["botbuilder", "@slack/bolt", "restify"]));
  });

  it("with Slack alone leaves the Teams door and botbuilder unloaded", async () => {
    const loaded = await modulesOfServe({});
    expect(filesOfPackage(loaded, "@slack/bolt")).not.toEqual([]);
    expect(filesOfPackage(loaded, "botbuilder")).toEqual([]);
    expect(
      filesOfBotFolder(loaded, "adapters/teams").filter((path) => !path.endsWith("door-decision.ts")),
    ).toEqual([]);
  });
});
