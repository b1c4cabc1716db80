/** The Slack replay decision over any ReplayStore: which keys a request has, and what happens when the store fails. */
import { describe, expect, it } from "vitest";
import {
  eventKey,
  ProcessReplays,
  SLACK_REPLAY_WINDOW_MS,
  SlackReplayGuard,
  signatureKey,
} from "../../../../src/adapters/slack/replay-guard.js";
import { type LogRecord, memoryLogger } from "../../../../src/logger.js";
import type { ReplayStore } from "../../../../src/store/store.port.js";

const at = new Date("2026-11-25T06:00:00Z");

function recording(): ReplayStore & { keys: string[] } {
  const inner = new ProcessReplays();
  const keys: string[] = [];
  return {
    keys,
    firstSeen: (key, now, windowMs) => {
      keys.push(key);
      return inner.firstSeen(key, now, windowMs);
    },
  };
}

describe("SlackReplayGuard", () => {
  const event = { type: "event_callback", event_id: "Ev1", event: { type: "app_mention" } };

  it("looks up the signature's hash and the event id, never the signature itself", async () => {
    const store = recording();
    const guard = new SlackReplayGuard(store, memoryLogger(), () => at);
    expect(await guard.isReplay({ signature: "v0=abc", body: event })).toBe(false);
    expect(store.keys).toEqual([signatureKey("v0=abc"), "slack:event:Ev1"]);
    expect(signatureKey("v0=abc")).toMatch(/^slack:sig:[0-9a-f]{64}$/);
    expect(eventKey("Ev1")).toBe("slack:event:Ev1");
  });

  it("knows a retry by its event id and logs it at info with the request id", async () => {
    const logs: LogRecord[] = [];
    const guard = new SlackReplayGuard(new ProcessReplays(), memoryLogger(logs), () => at);
    await guard.isReplay({ signature: "v0=first", body: event });
    expect(
      await guard.isReplay({ signature: "v0=retry", body: event, retryNum: 1, retryReason: "http_timeout" }),
    ).toBe(true);
    expect(logs).toEqual([
      expect.objectContaining({
        level: "info",
        fields: { requestId: "Ev1", replay: "event", retryNum: 1, retryReason: "http_timeout" },
      }),
    ]);
  });

  it("looks up only the event id of an event, and nothing of other bodies without a signature", async () => {
    const store = recording();
    const guard = new SlackReplayGuard(store, memoryLogger(), () => at);
    await guard.isReplay({ body: { command: "/restorepoint", trigger_id: "1.2" } });
    await guard.isReplay({ body: { ...event, type: "app_rate_limited" } });
    expect(store.keys).toEqual([]);
  });

  it("handles the request when the store cannot answer", async () => {
    const logs: LogRecord[] = [];
    const broken: ReplayStore = {
      firstSeen: async () => {
        throw new Error("database is locked");
      },
    };
    const guard = new SlackReplayGuard(broken, memoryLogger(logs), () => at);
    expect(await guard.isReplay({ signature: "v0=abc", body: event })).toBe(false);
    expect(logs.map((record) => record.level)).toEqual(["warn", "warn"]);
  });
});

describe("ProcessReplays", () => {
  it("tells the first sighting within the window, and forgets after it", async () => {
    const replays = new ProcessReplays();
    const later = (ms: number) => new Date(at.getTime() + ms);
    expect(await replays.firstSeen("k", at, SLACK_REPLAY_WINDOW_MS)).toBe(true);
    expect(await replays.firstSeen("k", later(SLACK_REPLAY_WINDOW_MS - 1), SLACK_REPLAY_WINDOW_MS)).toBe(
      false,
    );
    expect(await replays.firstSeen("other", later(1), SLACK_REPLAY_WINDOW_MS)).toBe(true);
    expect(await replays.firstSeen("k", later(SLACK_REPLAY_WINDOW_MS), SLACK_REPLAY_WINDOW_MS)).toBe(true);
  });
});
