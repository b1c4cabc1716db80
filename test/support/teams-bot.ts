/**
 * The served bot with the Teams door, as `rpbot serve` runs it, plus a fake Bot Framework connector: activities
 * are POSTed with fetch to /api/messages and everything the bot sends back is recorded by the connector.
 */
import { vi } from "vitest";
import { createTeamsDoor } from "../../src/adapters/teams/index.js";
import type { TeamsEndpoints } from "../../src/adapters/teams/teams-auth.js";
import type { Policy } from "../../src/core/policy.js";
import { type FakeConnector, startFakeConnector } from "./fake-connector.js";
import { type ServedBotHarness, startServedBot } from "./served-bot.js";
import { type Activity, alice, messageActivity, type TeamsPerson, type Where } from "./teams-activities.js";

export interface TeamsBot {
  served: ServedBotHarness;
  connector: FakeConnector;
  /** A personal chat with Alice, unless a test picks another place. */
  where: Where;
  post(activity: Activity, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** Every card the bot sent: to the connector, and in invoke responses. */
  everyCard(): unknown[];
  /** Sends a message and returns the card of the bot's (single) reply. */
  say(text: string, from?: TeamsPerson, where?: Where): Promise<{ card: Card; cardId: string }>;
  close(): Promise<void>;
}

export type Card = Record<string, unknown> & { body: unknown[]; actions?: CardAction[] };
export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data: { action: string; value: string };
  fallback?: CardAction;
}

const CARD_TYPE = "application/vnd.microsoft.card.adaptive";

export const ANONYMOUS_ENV = { TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: "true" };

export async function startTeamsBot(
  options: { env?: Record<string, string>; endpoints?: TeamsEndpoints; policy?: Policy } = {},
): Promise<TeamsBot> {
  const connector = await startFakeConnector();
  const served = await startServedBot({
    env: options.env ?? ANONYMOUS_ENV,
    policy: options.policy,
    doors: (runtime, log, config) => [
      createTeamsDoor({
        config: config.teams,
        bot: runtime.bot,
        store: runtime.store,
        log,
        endpoints: options.endpoints,
      }),
    ],
  }).catch(async (error: unknown) => {
    await connector.close();
    throw error;
  });
  const where: Where = { serviceUrl: connector.url, conversationId: "a:personal-alice" };
  const invokeCards: unknown[] = [];
  const post = async (activity: Activity, headers: Record<string, string> = {}) => {
    const response = await fetch(`${served.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    const invoke = body as { type?: string; value?: unknown } | undefined;
    if (invoke?.type === CARD_TYPE) invokeCards.push(invoke.value);
    return { status: response.status, body };
  };
  return {
    served,
    connector,
    where,
    post,
    everyCard: () => [
      ...connector.calls.flatMap((call) => (call.body.attachments === undefined ? [] : [cardOf(call.body)])),
      ...invokeCards,
    ],
    say: async (text, from = alice, at = where) => {
      const before = connector.posts().length;
      const response = await post(messageActivity(at, from, text));
      if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
      const sent = connector.posts().slice(before);
      if (sent.length !== 1) throw new Error(`expected one reply, got ${sent.length}`);
      const reply = sent[0];
      return { card: cardOf(reply?.body), cardId: reply?.answeredId ?? "" };
    },
    close: async () => {
      await served.close();
      await connector.close();
    },
  };
}

/** The Adaptive Card attached to an activity the bot sent. */
export function cardOf(activity: unknown): Card {
  const attachments = (activity as { attachments?: Array<{ contentType?: string; content?: unknown }> })
    ?.attachments;
  const card = attachments?.find((each) => each.contentType === CARD_TYPE);
  if (!card) throw new Error(`no Adaptive Card in ${JSON.stringify(activity)?.slice(0, 300)}`);
  return card.content as Card;
}

/** Every text of a card, one per line, for assertions on wording. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === "object" && node !== null) {
      const record = node as Record<string, unknown>;
      if (typeof record.text === "string") texts.push(record.text);
      if (typeof record.title === "string" && typeof record.value === "string")
        texts.push(`${record.title}: ${record.value}`);
      for (const [key, value] of Object.entries(record)) if (key !== "actions") visit(value);
    }
  };
  visit((card as Card).body);
  return texts.join("\n").replace(/\\([\\*_[\]])/g, "$1");
}

export function actionNamed(card: Card, title: RegExp): CardAction {
  const found = card.actions?.find((action) => title.test(action.title));
  if (!found) throw new Error(`no button ${title} in ${JSON.stringify(card.actions?.map((a) => a.title))}`);
  return found;
}

/** Waits for something the bot does in the background (a notification), bounded, without sleeping blindly. */
export function eventually<T>(check: () => T, timeout = 10_000): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 20 });
}
