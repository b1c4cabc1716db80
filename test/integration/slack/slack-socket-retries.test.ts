/**
 * Socket Mode: no signatures, but Slack redelivers an event envelope it thinks went unacknowledged, carrying
 * the same event_id. The event is answered once; every envelope is still acknowledged.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually } from "../../support/eventually.js";
import { type FakeSlackSocket, startFakeSlackSocket } from "../../support/fake-slack-socket.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";

let s: SlackBot;
let socket: FakeSlackSocket;

beforeAll(async () => {
  socket = await startFakeSlackSocket();
  s = await startSlackBot({ env: { SLACK_APP_TOKEN: "xapp-1-test-app-token" }, socketUrl: socket.url });
  await socket.connected();
});
afterAll(async () => {
  await s.close();
  await socket.close();
});

const envelope = (eventId: string) => ({
  token: "deprecated-verification-token",
  team_id: "T0001",
  api_app_id: "A0001",
  type: "event_callback",
  event_id: eventId,
  event_time: Math.floor(Date.now() / 1000),
  authorizations: [{ team_id: "T0001", user_id: "UBOT0001", is_bot: true }],
  event: {
    type: "app_mention",
    user: "U0ALICE",
    text: "<@UBOT0001> help",
    ts: "1764000000.000009",
    event_ts: "1764000000.000009",
    channel: "C0001",
  },
});

it("answers an event once when Slack delivers it again", async () => {
  const first = await socket.send("events_api", envelope("Ev0SOCKET1"));
  expect(first.envelope_id).toMatch(/[0-9a-f-]{36}/);
  await eventually(() => expect(s.slack.callsOf("chat.postMessage")).toHaveLength(1));

  const again = await socket.send("events_api", envelope("Ev0SOCKET1"));
  expect(again.envelope_id).toMatch(/[0-9a-f-]{36}/);
  await eventually(() =>
    expect(s.bot.logs).toContainEqual(
      expect.objectContaining({
        level: "info",
        message: "Slack request already handled; acknowledged without acting",
        fields: expect.objectContaining({ replay: "event", requestId: "Ev0SOCKET1" }),
      }),
    ),
  );
  // The middleware stopped it before any listener: nothing more can follow.
  expect(s.slack.callsOf("chat.postMessage")).toHaveLength(1);

  await socket.send("events_api", envelope("Ev0SOCKET2"));
  await eventually(() => expect(s.slack.callsOf("chat.postMessage")).toHaveLength(2));
});
