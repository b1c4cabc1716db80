/**
 * The work that follows Slack's acknowledgements, a few at a time. A burst of slash commands is acknowledged
 * at once, while the checks behind them (several ARM calls each) take turns, so they neither starve the
 * acknowledgements still arriving nor spend the subscription's ARM read budget all at once.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
