/**
 * Bot Framework redelivers an activity it thinks went unanswered: the same activity id in the same
 * conversation. The first delivery within five minutes is acted on; a redelivery is acknowledged and nothing
 * else. Looked up in the turn, so only after botbuilder authenticated the request: a forged activity is
 * refused before this and never remembered. The keys ("teams:<conversation id>:<activity id>") live in the
 * store's table, shared by every replica.
 */
import type { Activity } from "botbuilder";
import type { Logger } from "../../logger.js";
import type { ReplayStore } from "../../store/store.port.js";

export const TEAMS_REPLAY_WINDOW_MS = 5 * 60 * 1000;

export function activityKey(conversationId: string, activityId: string): string {
  return `teams:${conversationId}:${activityId}`;
}

export class TeamsReplayGuard {
  constructor(
    private readonly replays: ReplayStore,
    private readonly now: () => Date,
  ) {}

  /** True for a redelivery: acknowledge it, do nothing else. Logged at info under the activity's logger. */
  async isReplay(activity: Activity, log: Logger): Promise<boolean> {
    const conversationId = activity.conversation?.id;
    if (!conversationId || !activity.id) return false;
    let first: boolean;
    try {
      const key = activityKey(conversationId, activity.id);
      first = await this.replays.firstSeen(key, this.now(), TEAMS_REPLAY_WINDOW_MS);
    } catch (error) {
      // The store not answering does not stop the bot; its own atomics still keep a press from acting twice.
      const err = error instanceof Error ? error.message : String(error);
      log.warn({ err }, "could not check whether a Teams activity was a replay; handling it");
      return false;
    }
    if (!first)
      log.info({ replay: "activity" }, "Teams activity already handled; acknowledged without acting");
    return !first;
  }
}
