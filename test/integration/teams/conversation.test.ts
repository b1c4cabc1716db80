/** Messages into the served bot over real HTTP, replies out through a fake Bot Framework connector. */
import { afterEach, describe, expect, it } from "vitest";
import { alice, BOT, botAddedActivity, messageActivity, type Where } from "../../support/teams-activities.js";
import { cardOf, cardText, startTeamsBot, type TeamsBot } from "../../support/teams-bot.js";
import { cardProblems } from "../../support/teams-card-check.js";

let teams: TeamsBot;
afterEach(async () => {
  expect(teams.everyCard().flatMap(cardProblems)).toEqual([]);
  await teams.close();
});

describe("messages", () => {
  it("answers a personal message with an Adaptive Card 1.5 reply to that message", async () => {
    teams = await startTeamsBot();
    const activity = messageActivity(teams.where, alice, "check vm-web-01");
    const response = await teams.post(activity);
    expect(response.status).toBe(200);
    const [reply] = teams.connector.posts();
    expect(reply).toMatchObject({ conversationId: "a:personal-alice", activityId: activity.id });
    const card = cardOf(reply?.body);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toMatch(/vm-web-01/);
    expect(card.actions?.map((action) => action.verb ?? action.type)).toEqual([
      "plan",
      "plan",
      "Action.ShowCard",
    ]);
    // The details fold out in the card itself: no Details press goes to the bot.
    const details = card.actions?.find((action) => action.type === "Action.ShowCard") as
      | { title: string; card: { body: unknown[] } }
      | undefined;
    expect(details?.title).toBe("Details");
    expect(JSON.stringify(details?.card.body)).toMatch(/NFS shares/);
    expect(reply?.body).toMatchObject({ summary: expect.stringMatching(/vm-web-01/) });
  });

  it("strips its @mention in a team channel and group chat", async () => {
    teams = await startTeamsBot();
    for (const scope of ["channel", "groupChat"] as const) {
      const where: Where = { ...teams.where, scope, conversationId: `19:${scope}@thread.v2` };
      const { card } = await teams.say("help", alice, where);
      expect(cardText(card)).toMatch(/check <vm>/);
    }
  });

  it("saves the conversation reference and who spoke in the store, on every activity", async () => {
    teams = await startTeamsBot();
    await teams.say("help");
    const stored = await teams.served.runtime.store.conversations.get("teams:a:personal-alice");
    expect(stored).toMatchObject({
      platform: "teams",
      reference: {
        serviceUrl: teams.connector.url,
        channelId: "msteams",
        conversation: { id: "a:personal-alice" },
        bot: { id: BOT.id },
        user: { id: alice.id, aadObjectId: alice.aadObjectId },
      },
    });
    const member = await teams.served.runtime.store.conversations.get(`member:teams:${alice.aadObjectId}`);
    expect(member?.reference).toEqual({ id: alice.id, name: alice.name });
  });

  it("identifies people by Entra object id and channels by the team channel id (seen through the policy)", async () => {
    const channel = "19:ops-channel@thread.tacv2";
    teams = await startTeamsBot({
      policy: {
        rules: [
          { users: [`teams:${alice.aadObjectId}`], channels: [`teams:${channel}`], actions: ["check"] },
        ],
      },
    });
    const inChannel: Where = {
      ...teams.where,
      scope: "channel",
      channelId: channel,
      conversationId: `${channel};messageid=1`,
    };
    expect(cardText((await teams.say("check vm-web-01", alice, inChannel)).card)).toMatch(
      /Application-consistent/,
    );
    const personal = await teams.say("check vm-web-01", alice);
    expect(cardText(personal.card)).not.toMatch(/Application-consistent: /);
  });

  it("greets with help when it is added to a conversation", async () => {
    teams = await startTeamsBot();
    expect((await teams.post(botAddedActivity(teams.where, alice))).status).toBe(200);
    expect(cardText(cardOf(teams.connector.posts()[0]?.body))).toMatch(/check <vm>/);
  });

  it("answers a fleet report with a valid card", async () => {
    teams = await startTeamsBot();
    const { card } = await teams.say("report 11111111-1111-1111-1111-111111111111");
    const text = cardText(card);
    // The title's amber container says some VMs cannot: no "! " before it, as the terminal prints.
    // The subscription by the name people know it by, its id beside it.
    expect(text).toMatch(
      /^Fleet report: subscription Contoso Production \(11111111-1111-1111-1111-111111111111\)\n/,
    );
    // Per mode, in words, leaving out the counts of none.
    const count = String.raw`\d[\d,]* (?:can|can, leaving out disks|cannot)`;
    for (const mode of ["Application-consistent", "Crash-consistent"])
      expect(text).toMatch(new RegExp(`\n${mode}: ${count}(?:; ${count})*\n`));
    expect(text).not.toMatch(/\b0 (?:can|cannot)|\byes\b/);
  });
});

describe("HTTP", () => {
  it("answers a malformed body with 400 and keeps serving", async () => {
    teams = await startTeamsBot();
    const response = await fetch(`${teams.served.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "the body is not JSON" });
    expect((await teams.post({ text: "no type" })).status).toBe(400);
    expect((await teams.post([1, 2] as unknown as Record<string, unknown>)).status).toBe(400);
    expect(teams.connector.calls).toHaveLength(0);
    expect((await teams.say("help")).card).toBeDefined();
  });
});
