/**
 * Socket Mode: with SLACK_APP_TOKEN the Slack door serves no HTTP route; Bolt opens a connection through
 * apps.connections.open and receives envelopes on it. A local fake of the socket endpoint drives it.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { eventually } from "../../support/eventually.js";
import { type FakeSlackSocket, startFakeSlackSocket } from "../../support/fake-slack-socket.js";
import { buttonLabelled, shownText } from "../../support/slack-blocks.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";

let s: SlackBot;
let socket: FakeSlackSocket;
const APP_TOKEN = "xapp-1-test-app-token";

beforeAll(async () => {
  socket = await startFakeSlackSocket();
  s = await startSlackBot({ env: { SLACK_APP_TOKEN: APP_TOKEN }, socketUrl: socket.url });
  await socket.connected();
});
afterAll(async () => {
  await s.close();
  await socket.close();
});

const command = (text: string) => ({
  team_id: "T0001",
  channel_id: "C0001",
  user_id: "U0ALICE",
  user_name: "alice",
  command: "/restorepoint",
  text,
  response_url: s.slack.responseUrl("socket"),
  trigger_id: "1.2.3",
  api_app_id: "A0001",
});

it("connects with the app token and serves no HTTP route for Slack", async () => {
  const open = s.slack.callsOf("apps.connections.open");
  expect(open).toHaveLength(1);
  expect(open[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
  const health = await fetch(`${s.bot.url}/healthz`);
  expect(await health.json()).toEqual({ ok: true, routes: [] });
  expect((await fetch(`${s.bot.url}/slack/events`, { method: "POST" })).status).toBe(404);
});

it("acknowledges a slash command envelope and answers through the Web API, then runs a creation", async () => {
  const ack = await socket.send("slash_commands", command("create vm-web-02 crash"));
  expect(ack.envelope_id).toMatch(/[0-9a-f-]{36}/);
  await eventually(() => expect(s.slack.callsOf("chat.update")).toHaveLength(1));
  const plan = s.slack.callsOf("chat.update")[0];
  expect(shownText(plan)).toMatch(/Create a restore point of vm-web-02\?/);
  const create = buttonLabelled(plan, /^Create crash/);

  await socket.send("interactive", {
    type: "block_actions",
    team: { id: "T0001", domain: "contoso" },
    user: { id: "U0ALICE", username: "alice", name: "alice", team_id: "T0001" },
    channel: { id: "C0001", name: "ops" },
    message: { type: "message", ts: plan?.body.ts, text: "plan" },
    container: { type: "message", message_ts: plan?.body.ts, channel_id: "C0001" },
    response_url: s.slack.responseUrl("socket"),
    actions: [
      {
        type: "button",
        block_id: "rp-actions",
        action_id: create.action_id,
        value: create.value,
        action_ts: "1",
      },
    ],
  });
  await vi.waitFor(() => expect(s.slack.callsOf("chat.postMessage")).toHaveLength(2), { timeout: 10_000 });
  const result = s.slack.callsOf("chat.postMessage")[1];
  expect(result?.body).toMatchObject({ channel: "C0001", thread_ts: plan?.body.ts });
  expect(String(result?.body.text)).toMatch(
    /^<@U0ALICE> Restore point rp-crash-\d+-\d+ of vm-web-02 succeeded/,
  );
});
