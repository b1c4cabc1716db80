/**
 * At most one card update per interval: the first change waits out an interval from the start (the press's
 * own answer draws the first card), later ones coalesce, and the update runs with the state as it is then. The
 * interval runs from the end of the update before, so the platform never gets two closer together.
 */
export class CardThrottle {
  private timer: NodeJS.Timeout | undefined;
  private lastAt = performance.now();
  private running: Promise<void> | undefined;
  /** A fire waiting for the update under way to end: the change it was kicked for is drawn by it. */
  private waiting = false;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly update: () => Promise<void>,
  ) {}

  kick(): void {
    if (this.timer || this.waiting || this.stopped) return;
    this.schedule(this.lastAt + this.intervalMs - performance.now());
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

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.fire(), Math.max(0, delayMs));
    this.timer.unref();
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    // An update still under way (a slow platform) delays the next: updates never overlap or reorder.
    this.waiting = true;
    await this.running;
    this.waiting = false;
    if (this.stopped) return;
    const wait = this.lastAt + this.intervalMs - performance.now();
    if (wait > 0) return this.schedule(wait);
    this.running = this.update()
      .catch(() => undefined)
      .finally(() => {
        // Counted from the end: the platform sees two updates at least an interval apart, however long each took.
        this.lastAt = performance.now();
        this.running = undefined;
      });
    await this.running;
  }
}
