/**
 * Bot Framework redeliveries over real HTTP: an activity already handled (the same id in the same
 * conversation) is acknowledged and nothing else, on this replica or another one on the same database.
 * Activities that do not say who sent them are acknowledged with nothing done, and long messages still get a
 * card Teams renders.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { alice, executeActivity, messageActivity } from "../../support/teams-activities.js";
import {
  ANONYMOUS_ENV,
  actionNamed,
  cardText,
  startTeamsBot,
  type TeamsBot,
} from "../../support/teams-bot.js";
import { cardProblems } from "../../support/teams-card-check.js";

const MESSAGE = "application/vnd.microsoft.activity.message";
const IGNORED = "Teams activity already handled; acknowledged without acting";

const bots: TeamsBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.close();
});

async function start(env: Record<string, string> = ANONYMOUS_ENV): Promise<TeamsBot> {
  const bot = await startTeamsBot({ env });
  bots.push(bot);
  return bot;
}

const ignored = (bot: TeamsBot) => bot.served.logs.filter((record) => record.message === IGNORED);

describe("a redelivered activity", () => {
  it("answers a message once", async () => {
    const teams = await start();
    const message = messageActivity(teams.where, alice, "help");
    expect((await teams.post(message)).status).toBe(200);
    expect((await teams.post(message)).status).toBe(200);
    expect(teams.connector.posts()).toHaveLength(1);
    expect(ignored(teams)).toEqual([
      expect.objectContaining({
        level: "info",
        fields: expect.objectContaining({ platform: "teams", requestId: message.id, replay: "activity" }),
      }),
    ]);
  });

  it("answers the same activity id in another conversation", async () => {
    const teams = await start();
    const message = messageActivity(teams.where, alice, "help");
    await teams.post(message);
    const elsewhere = { ...message, conversation: { id: "a:personal-other", conversationType: "personal" } };
    expect((await teams.post(elsewhere)).status).toBe(200);
    expect(teams.connector.posts()).toHaveLength(2);
    expect(ignored(teams)).toEqual([]);
  });

  it("starts one job for a press delivered twice, and answers the second delivery without acting", async () => {
    const teams = await start();
    const { card, cardId } = await teams.say("create vm-web-02 crash");
    const press = executeActivity(teams.where, alice, cardId, actionNamed(card, /^Create crash/).data);
    const first = await teams.post(press);
    expect(cardText((first.body as { value: unknown }).value)).toMatch(/^Creating restore point/);
    const again = await teams.post(press);
    expect(again).toMatchObject({
      status: 200,
      body: { statusCode: 200, type: MESSAGE, value: "Already received: This press is being handled." },
    });
    expect(await teams.served.runtime.store.jobs.listRecent({ limit: 5 })).toHaveLength(1);
    expect(ignored(teams)).toHaveLength(1);
    await teams.served.runtime.jobs.idle();
  });

  it("is not acted on by another replica on the same database", async () => {
    const database = join(mkdtempSync(join(tmpdir(), "rpbot-teams-replicas-")), "rpbot.db");
    const a = await start({ ...ANONYMOUS_ENV, RPBOT_DB: database });
    const b = await start({ ...ANONYMOUS_ENV, RPBOT_DB: database });
    const message = messageActivity(a.where, alice, "help");
    expect((await a.post(message)).status).toBe(200);
    expect((await b.post(message)).status).toBe(200);
    expect(a.connector.posts()).toHaveLength(1);
    expect(ignored(b)).toHaveLength(1);
  });
});

describe("an activity that does not say who sent it", () => {
  it("acknowledges an invoke with a clear answer and does nothing", async () => {
    const teams = await start();
    const { card, cardId } = await teams.say("create vm-web-02 crash");
    const { from: _from, ...anonymous } = executeActivity(
      teams.where,
      alice,
      cardId,
      actionNamed(card, /^Create crash/).data,
    );
    const audit = () => teams.served.runtime.store.audit.list();
    const planned = await audit();
    const response = await teams.post(anonymous);
    expect(response).toMatchObject({
      status: 200,
      body: { statusCode: 200, type: MESSAGE, value: expect.stringMatching(/^Nothing was done/) },
    });
    expect(teams.served.logs.map((record) => record.message)).not.toContain("button pressed");
    // Only the plan's own entries: the press was neither allowed nor refused for anybody.
    expect(await audit()).toEqual(planned);
    expect(await teams.served.runtime.store.jobs.listRecent({ limit: 5 })).toEqual([]);
  });

  it("acknowledges a message and answers nothing", async () => {
    const teams = await start();
    const { from: _from, ...anonymous } = messageActivity(teams.where, alice, "create vm-web-02 crash");
    expect((await teams.post(anonymous)).status).toBe(200);
    expect(teams.connector.calls).toEqual([]);
    expect(await teams.served.runtime.store.audit.list()).toEqual([]);
  });
});

it("answers a message of 2,950 characters with a card Teams renders", async () => {
  const teams = await start();
  const text = `check vm-web-01 ${"& ".repeat(1467)}`;
  expect(text.length).toBe(2950);
  const { card } = await teams.say(text);
  expect(cardProblems(card)).toEqual([]);
  expect(cardText(card)).toMatch(/vm-web-01: restore points possible/);
});
