/**
 * Every restore point creation the service accepted (201), per VM and mode family, whatever became of the point
 * afterwards (failed, deleted): the hourly creation budget counts attempts, not surviving points.
 */

export type ModeFamily = "application" | "crash";

/** ApplicationConsistent and FileSystemConsistent (the Linux application path) share one family. */
export function modeFamily(mode: string | undefined): ModeFamily {
  return mode?.toLowerCase() === "crashconsistent" ? "crash" : "application";
}

/** The budget's window: the trailing hour. Older entries are dropped. */
export const WINDOW_MS = 60 * 60 * 1000;

export class CreationLog {
  private readonly byVm = new Map<string, number[]>();

  record(vmKey: string, family: ModeFamily, atMs: number): void {
    const key = `${vmKey}|${family}`;
    const times = (this.byVm.get(key) ?? []).filter((time) => time > atMs - WINDOW_MS);
    times.push(atMs);
    times.sort((a, b) => a - b);
    this.byVm.set(key, times);
  }

  /** Times of accepted creations in the trailing hour (nowMs - 1 h, nowMs], oldest first. */
  within(vmKey: string, family: ModeFamily, nowMs: number): number[] {
    const times = this.byVm.get(`${vmKey}|${family}`) ?? [];
    return times.filter((time) => time > nowMs - WINDOW_MS && time <= nowMs);
  }
}
