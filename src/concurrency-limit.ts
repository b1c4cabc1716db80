/**
 * At most `limit` calls of `run` in flight at once, however many callers share it; the others wait in turn, and
 * a finished call hands its slot to the next. Slack's work after its acknowledgements and a fleet read's
 * collection GETs per subscription both take turns through it.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < Math.max(1, this.limit)) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
