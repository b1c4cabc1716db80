/**
 * The Teams notifier names the requester on the result card by the name stored with the job; a job of an
 * earlier release has none, and the member record the turn keeps for @mentions supplies it.
 */
import type { Activity, CloudAdapter, TurnContext } from "botbuilder";
import { describe, expect, it } from "vitest";
import { memberKey } from "../../../../src/adapters/teams/teams-identity.js";
import { TeamsNotifier } from "../../../../src/adapters/teams/teams-notifier.js";
import { memoryLogger } from "../../../../src/logger.js";
import type { Job } from "../../../../src/store/store.port.js";
import { buildJob } from "../../../integration/store/store-builders.js";
import { cardOf, cardText } from "../../../support/teams-bot.js";

const AAD = "a11ce000-0000-4000-8000-000000000001";

/** The notifier over a fake adapter that records what each proactive turn sends. */
function notifierWith(job: Job, member: { id: string; name: string }) {
  const sent: Array<Partial<Activity>> = [];
  const context = {
    sendActivity: async (activity: Partial<Activity>) => {
      sent.push(activity);
      return { id: "posted-1" };
    },
  } as unknown as TurnContext;
  const adapter = {
    continueConversationAsync: async (
      _appId: string,
      _reference: unknown,
      logic: (c: TurnContext) => Promise<void>,
    ) => logic(context),
  } as unknown as Pick<CloudAdapter, "continueConversationAsync">;
  const stored = new Map<string, { platform: "teams"; reference: unknown }>([
    [job.conversationKey, { platform: "teams", reference: { conversation: { id: "a:1" } } }],
    [memberKey(job.requestedBy), { platform: "teams", reference: member }],
  ]);
  const store = { conversations: { get: async (key: string) => stored.get(key), save: async () => {} } };
  return { notifier: new TeamsNotifier({ adapter, appId: "", store, log: memoryLogger() }), sent };
}

const succeeded = (overrides: Partial<Job>) =>
  buildJob({
    requestedBy: `teams:${AAD}`,
    state: "succeeded",
    finishedAt: new Date("2030-01-01T10:06:00.000Z"),
    ...overrides,
  });

describe("the requester on a Teams result", () => {
  it("is @mentioned by the name stored with the job", async () => {
    const job = succeeded({ requestedByName: "Alice Doe" });
    const { notifier, sent } = notifierWith(job, { id: "29:alice", name: "Alice (old name)" });
    await notifier.postResult(job);
    const card = cardOf(sent[0]);
    expect(cardText(card)).toContain("Requested by <at>Alice Doe</at>");
    expect(card.msteams).toMatchObject({ entities: [{ mentioned: { id: AAD, name: "Alice Doe" } }] });
  });

  it("is named by the member record when the job has no name (rows of earlier releases)", async () => {
    const job = succeeded({});
    const { notifier, sent } = notifierWith(job, { id: "29:alice", name: "Alice Doe" });
    await notifier.postResult(job);
    expect(cardText(cardOf(sent[0]))).toContain("Requested by <at>Alice Doe</at>");
    expect(cardText(cardOf(sent[0]))).not.toContain(AAD);
    expect(sent[0]).toMatchObject({
      text: "<at>Alice Doe</at>",
      entities: [{ mentioned: { id: "29:alice" } }],
    });
  });
});
