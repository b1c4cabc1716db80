/**
 * Paces Resource Graph queries by the quota the service reports on every answer (reference 15.4):
 * `x-ms-user-quota-remaining` queries left in the window, which resets after `x-ms-user-quota-resets-after`
 * (hh:mm:ss). With none left, the next query waits for the reset instead of drawing a 429.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

export const QUOTA_REMAINING_HEADER = "x-ms-user-quota-remaining";
export const QUOTA_RESETS_AFTER_HEADER = "x-ms-user-quota-resets-after";

export class GraphQuota {
  private remaining: number | undefined;
  private resetsAt = 0;
  private inFlight = 0;
  /** Times a query waited for the window to reset. */
  pauses = 0;

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly wait: (ms: number) => Promise<unknown> = (ms) => sleep(ms),
  ) {}

  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock();
      if (now >= this.resetsAt) this.remaining = undefined; // a new window: nothing known about it yet
      if (this.remaining === undefined || this.remaining > 0) break;
      this.pauses += 1;
      await this.wait(this.resetsAt - now);
    }
    if (this.remaining !== undefined) this.remaining -= 1;
    this.inFlight += 1;
  }

  /**
   * What an answer says, less the queries still in flight (they may not be counted in it yet). Answers of one
   * window can arrive out of order: the lowest count of the window stands. One without the headers tells
   * nothing new.
   */
  settle(remainingHeader: string | undefined, resetsAfterHeader: string | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const reported = Number.parseInt(remainingHeader ?? "", 10);
    const resetsAfterMs = durationMs(resetsAfterHeader);
    if (Number.isNaN(reported) || resetsAfterMs === undefined) return;
    const now = this.clock();
    const remaining = Math.max(0, reported - this.inFlight);
    const sameWindow = this.remaining !== undefined && now < this.resetsAt;
    this.remaining = sameWindow ? Math.min(this.remaining ?? remaining, remaining) : remaining;
    this.resetsAt = sameWindow ? Math.max(this.resetsAt, now + resetsAfterMs) : now + resetsAfterMs;
  }

  /** Paces every attempt, retries included, and reads the headers of its answer. */
  policy(): PipelinePolicy {
    return {
      name: "rpbotGraphQuota",
      sendRequest: async (request, next) => {
        await this.acquire();
        try {
          const response = await next(request);
          this.settle(
            response.headers.get(QUOTA_REMAINING_HEADER),
            response.headers.get(QUOTA_RESETS_AFTER_HEADER),
          );
          return response;
        } catch (error) {
          this.settle(undefined, undefined);
          throw error;
        }
      },
    };
  }
}

/** "hh:mm:ss" (fractions of a second allowed) to milliseconds. */
export function durationMs(text: string | undefined): number | undefined {
  const match = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text?.trim() ?? "");
  if (!match) return undefined;
  const [, hours, minutes, seconds] = match;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}
