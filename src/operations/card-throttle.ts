/**
 * At most one card update per interval: the first change waits out an interval from the start (the press's
 * own answer draws the first card), later ones coalesce, and the update runs with the state as it is then.
 */
export class CardThrottle {
  private timer: NodeJS.Timeout | undefined;
  private lastAt = performance.now();
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly update: () => Promise<void>,
  ) {}

  kick(): void {
    if (this.timer || this.stopped) return;
    const due = Math.max(0, this.lastAt + this.intervalMs - performance.now());
    this.timer = setTimeout(() => void this.fire(), due);
    this.timer.unref();
  }

  /** No more updates; one under way finishes first. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** The last update (the final card), once an interval has passed since the one before. */
  async last(update: () => Promise<void>): Promise<void> {
    await this.stop();
    const due = this.lastAt + this.intervalMs - performance.now();
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due).unref());
    await update();
  }

  private async fire(): Promise<void> {
    // A change from now on is drawn by the next update, one interval after this one.
    this.timer = undefined;
    // An update still under way (a slow platform) delays the next: updates never overlap or reorder.
    await this.running;
    if (this.stopped) return;
    this.lastAt = performance.now();
    this.running = this.update()
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
