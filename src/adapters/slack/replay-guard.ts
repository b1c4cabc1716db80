/**
 * Slack's retries and replays, acted on once. Two keys say a request was already accepted within five minutes:
 * its exact signature ("slack:sig:<sha256 of X-Slack-Signature>": the same signed bytes presented again; a
 * replayed slash command must not run twice) and, for the Events API, its event id ("slack:event:<event_id>":
 * Slack's own retry, signed anew, with X-Slack-Retry-Num). Only requests whose signature was verified are
 * looked up, so a forged request is never remembered. The keys live in the store's table, shared by every
 * replica; without one (a door not given it) this process remembers them itself.
 */
import { createHash } from "node:crypto";
import type { Logger } from "../../logger.js";
import type { ReplayStore } from "../../store/store.port.js";

/** Slack accepts a signature for five minutes; its retries come within the same window. */
export const SLACK_REPLAY_WINDOW_MS = 5 * 60 * 1000;

/** Set by the HTTP door on what it already looked up, so the Bolt middleware does not look again. */
export const REPLAY_CHECKED = "rpbotReplayChecked";

export interface SlackSighting {
  /** X-Slack-Signature, verified; absent in Socket Mode. */
  signature?: string;
  body: Record<string, unknown>;
  retryNum?: number;
  retryReason?: string;
}

type Kind = "signature" | "event";

export class SlackReplayGuard {
  private readonly replays: ReplayStore;

  constructor(
    replays: ReplayStore | undefined,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.replays = replays ?? new ProcessReplays();
  }

  /** True when this request was already accepted: acknowledge it, do nothing else. Logged at info. */
  async isReplay(sighting: SlackSighting): Promise<boolean> {
    for (const [kind, key] of keysOf(sighting)) {
      if (await this.seenBefore(key)) {
        this.log.info(
          {
            requestId: requestIdOf(sighting.body),
            replay: kind,
            retryNum: sighting.retryNum,
            retryReason: sighting.retryReason,
          },
          "Slack request already handled; acknowledged without acting",
        );
        return true;
      }
    }
    return false;
  }

  /** A store that cannot answer does not stop the bot: the request is handled (the store's atomics still hold). */
  private async seenBefore(key: string): Promise<boolean> {
    try {
      return !(await this.replays.firstSeen(key, this.now(), SLACK_REPLAY_WINDOW_MS));
    } catch (error) {
      this.log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        "could not check whether a Slack request was a replay; handling it",
      );
      return false;
    }
  }
}

function keysOf(sighting: SlackSighting): Array<[Kind, string]> {
  const keys: Array<[Kind, string]> = [];
  if (sighting.signature) keys.push(["signature", signatureKey(sighting.signature)]);
  const eventId = eventIdOf(sighting.body);
  if (eventId) keys.push(["event", eventKey(eventId)]);
  return keys;
}

export function signatureKey(signature: string): string {
  return `slack:sig:${createHash("sha256").update(signature).digest("hex")}`;
}

export function eventKey(eventId: string): string {
  return `slack:event:${eventId}`;
}

function eventIdOf(body: Record<string, unknown>): string | undefined {
  const id = body.event_id;
  return body.type === "event_callback" && typeof id === "string" && id.length > 0 ? id : undefined;
}

/** The id the listeners log a request under: the event id, else the trigger id. */
function requestIdOf(body: Record<string, unknown>): string | undefined {
  const id = body.event_id ?? body.trigger_id;
  return typeof id === "string" ? id : undefined;
}

/** The same decision within one process, for a door not given the store: keys forgotten after the window. */
export class ProcessReplays implements ReplayStore {
  /** Key -> first seen (ms); a Map keeps insertion order, so the oldest come first. */
  private readonly seen = new Map<string, number>();

  async firstSeen(key: string, now: Date, windowMs: number): Promise<boolean> {
    const at = now.getTime();
    for (const [old, seenAt] of this.seen) {
      if (seenAt > at - windowMs) break;
      this.seen.delete(old);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, at);
    return true;
  }
}
