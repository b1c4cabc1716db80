/**
 * Delivers finished jobs' results from the outbox, at least once: any process with the job's door claims the
 * notification for a lease, updates the card (idempotent), posts the result (recorded the moment the platform
 * accepts it, so a retry never posts twice unless the process dies in that instant), and settles it. A failed
 * delivery is retried with backoff, across restarts, until the platform accepts it or refuses it for good.
 */
import type { Logger } from "../logger.js";
import type { Notification, Platform, Store } from "../store/store.port.js";
import { CardGoneError, type JobNotifier, UndeliverableError } from "./delivery.js";
import { describeError } from "./job-types.js";

export interface OutboxOptions {
  store: Pick<Store, "jobs" | "outbox" | "audit">;
  notifiers: Partial<Record<Platform, JobNotifier>>;
  now: () => Date;
  log: Logger;
  processId: string;
  /** How long a claim lasts: a process that dies mid-delivery leaves it to another after this. */
  claimLeaseMs: number;
  /** The first retry waits this long; each further one twice as long, up to MAX_BACKOFF_MS. */
  retryBaseMs: number;
  /** A result not delivered this long after the job ended is given up as undeliverable. */
  giveUpAfterMs: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;
const BATCH = 20;

export class OutboxDispatcher {
  private draining: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: OutboxOptions) {}

  /** Delivers what is due now (a job just ended); a drain under way runs once more afterwards. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drainAll()
      .catch((error: unknown) =>
        this.options.log.warn({ err: describeError(error) }, "delivering results failed"),
      )
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Retries and other processes' orphans are picked up by a periodic drain. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  /** Resolves once nothing due is left to deliver by this process. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private async drainAll(): Promise<void> {
    const { store, processId, now, claimLeaseMs, notifiers } = this.options;
    const platforms = (Object.keys(notifiers) as Platform[]).filter((platform) => notifiers[platform]);
    if (platforms.length === 0) return;
    for (;;) {
      const claimed = await store.outbox.claimDue(processId, platforms, now(), claimLeaseMs, BATCH);
      if (claimed.length === 0 || this.stopped) return;
      for (const notification of claimed) await this.deliver(notification);
    }
  }

  private async deliver(notification: Notification): Promise<void> {
    const { store, processId, now } = this.options;
    const log = this.options.log.child({ jobId: notification.jobId, attempt: notification.attempts + 1 });
    const job = await store.jobs.get(notification.jobId);
    const notifier = this.options.notifiers[notification.platform];
    if (!job || !notifier) return;
    try {
      if (!notification.cardDone && job.messageRef) {
        await notifier.updateCard(job).catch((error: unknown) => {
          if (!(error instanceof CardGoneError)) throw error;
          log.warn({ err: error.message }, "the confirmation message can no longer be updated");
        });
        await store.outbox.recordStep(job.id, processId, { card: true });
      }
      if (!notification.postedAt) {
        const ref = await notifier.postResult(job);
        await store.outbox.recordStep(job.id, processId, { posted: now(), ref });
      }
      if (await store.outbox.settle(job.id, processId, "sent", undefined, now())) {
        await this.audit(job.requestedBy, job.vmId, job.id, "told");
        log.info({ state: job.state }, "the requester was told");
      }
    } catch (error) {
      await this.failed(notification, error, job.requestedBy, job.vmId, log);
    }
  }

  private async failed(
    notification: Notification,
    error: unknown,
    actor: string,
    vmId: string,
    log: Logger,
  ): Promise<void> {
    const { store, processId, now, retryBaseMs, giveUpAfterMs } = this.options;
    const reason = describeError(error);
    const tooLate = now().getTime() - notification.createdAt.getTime() >= giveUpAfterMs;
    if (error instanceof UndeliverableError || tooLate) {
      if (await store.outbox.settle(notification.jobId, processId, "undeliverable", reason, now())) {
        await this.audit(actor, vmId, notification.jobId, "undeliverable", reason);
        log.warn({ err: reason }, "the result cannot be delivered; given up");
      }
      return;
    }
    const wait = Math.min(retryBaseMs * 2 ** notification.attempts, MAX_BACKOFF_MS);
    await store.outbox.retryLater(notification.jobId, processId, new Date(now().getTime() + wait), reason);
    log.warn({ err: reason, retryInMs: wait }, "telling the requester failed; will try again");
    // The periodic drain would find it too; a retry soon after a short failure should not wait for it.
    const retry = setTimeout(() => this.kick(), wait);
    retry.unref();
  }

  private audit(actor: string, vmId: string, jobId: string, outcome: string, reason?: string): Promise<void> {
    return this.options.store.audit.append({
      at: this.options.now(),
      actor,
      action: "result",
      target: vmId,
      outcome,
      details: { jobId, ...(reason ? { reason } : {}) },
    });
  }
}
