/**
 * A restart between the press and Azure's answer: the first bot process is killed right after it started the
 * job; a second process on the same SQLite file takes the job over and tells the result in Teams from what the
 * store holds (conversation reference, card id, requester), having never seen the conversation itself.
 * Both processes talk to one simulator outside them, as both would talk to Azure.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { type FakeConnector, startFakeConnector } from "../../support/fake-connector.js";
import { startSampleSimulator } from "../../support/sim-fixture.js";
import { alice, executeActivity, messageActivity, type Where } from "../../support/teams-activities.js";
import { actionNamed, cardOf, cardText, eventually } from "../../support/teams-bot.js";

const CHILD = fileURLToPath(new URL("../../support/teams-bot.child.ts", import.meta.url));
const LOCK_LEASE_MS = "300";

interface BotProcess {
  url: string;
  stderr: string[];
  child: ChildProcessWithoutNullStreams;
}

let sim: RunningSimulator;
let connector: FakeConnector;
const processes: BotProcess[] = [];
/** The simulator's clock: a restore point takes an hour of it, which passes only once the first bot is dead. */
const RESTORE_POINT_MS = 3_600_000;
let simulatorShiftMs = 0;

beforeEach(async () => {
  simulatorShiftMs = 0;
  sim = await startSampleSimulator({
    restorePointDurationMs: RESTORE_POINT_MS,
    now: () => new Date(Date.now() + simulatorShiftMs),
  });
  connector = await startFakeConnector();
});
afterEach(async () => {
  for (const bot of processes.splice(0)) bot.child.kill("SIGKILL");
  await connector.close();
  await sim.close();
});

async function startBot(database: string): Promise<BotProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, LOCK_LEASE_MS], {
    env: {
      PATH: process.env.PATH ?? "",
      RPBOT_DB: database,
      RPBOT_ARM: "simulator",
      RPBOT_ARM_ENDPOINT: sim.endpoint,
      NODE_EXTRA_CA_CERTS: sim.caFile,
      RPBOT_POLL_INTERVAL: "20ms",
      TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: "true",
      PORT: "0",
    },
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on("line", (line) => stderr.push(line));
  const { value: ready } = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
  if (typeof ready !== "string") throw new Error(`the bot process ended early:\n${stderr.join("\n")}`);
  const bot = { url: (JSON.parse(ready) as { url: string }).url, stderr, child };
  processes.push(bot);
  return bot;
}

async function post(bot: BotProcess, activity: Record<string, unknown>) {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: (await response.text()) || undefined };
}

it("tells the result after a restart, from the store alone", async () => {
  const database = join(mkdtempSync(join(tmpdir(), "rpbot-teams-restart-")), "rpbot.db");
  const where: Where = { serviceUrl: connector.url, conversationId: "a:personal-alice" };
  const first = await startBot(database);
  expect((await post(first, messageActivity(where, alice, "create vm-web-02 crash"))).status).toBe(200);
  const [planReply] = connector.posts();
  const cardId = planReply?.answeredId ?? "";
  const create = actionNamed(cardOf(planReply?.body), /^Create crash/);
  const pressed = await post(first, executeActivity(where, alice, cardId, create.data));
  expect(pressed.body).toMatch(/Creating restore point/);

  first.child.kill("SIGKILL");
  await new Promise((resolve) => first.child.once("exit", resolve));
  expect(connector.updates()).toHaveLength(0); // the first process told nothing
  simulatorShiftMs = RESTORE_POINT_MS; // Azure finishes while no bot runs

  const second = await startBot(database);
  const succeeded = (calls: typeof connector.calls) =>
    calls.filter((call) => /succeeded/.test(cardText(cardOf(call.body))));
  const told = await eventually(() => {
    const found = succeeded(connector.posts());
    expect(found).toHaveLength(1); // the card is updated first, then the result posted
    return found;
  }, 20_000);
  expect(succeeded(connector.updates()).map((call) => call.activityId)).toEqual([cardId]);
  expect(told[0]?.body).toMatchObject({
    text: `<at>${alice.name}</at>`,
    entities: [{ mentioned: { id: alice.id } }],
  });
  expect(told[0]?.conversationId).toBe("a:personal-alice");
  await eventually(() => expect(second.stderr.join("\n")).toMatch(/the requester was told in Teams/));
});
