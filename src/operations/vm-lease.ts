/**
 * The one owner model for a job: whoever holds the VM's lock owns the job, and keeps the lock by renewing it
 * while it works. Each holding has an owner token of its own, so the process that holds a job can never be
 * granted it a second time by its own sweep; a job is taken over only once its holder stopped renewing and
 * the lease ran out.
 */
import { randomUUID } from "node:crypto";
import type { LockStore } from "../store/store.port.js";
import { vmLockKey } from "./job-types.js";

export interface LeaseOptions {
  locks: LockStore;
  processId: string;
  leaseMs: number;
  now: () => Date;
}

export class VmLease {
  private renewal: NodeJS.Timeout | undefined;
  private lost = false;

  private constructor(
    private readonly options: LeaseOptions,
    private readonly key: string,
    readonly owner: string,
  ) {}

  /** The lease, renewed until released; undefined when another holder's lease is still running. */
  static async take(options: LeaseOptions, vmId: string, jobId: string): Promise<VmLease | undefined> {
    return VmLease.takeKey(options, vmLockKey(vmId), jobId);
  }

  /** The same for another lock than a VM's: a run's ("run:<id>"), held by whoever tells its progress. */
  static async takeKey(options: LeaseOptions, key: string, holder: string): Promise<VmLease | undefined> {
    const owner = `${options.processId}:${holder}:${randomUUID()}`;
    if (!(await options.locks.acquire(key, owner, options.leaseMs, options.now()))) return undefined;
    const lease = new VmLease(options, key, owner);
    lease.keepRenewing();
    return lease;
  }

  /** False once a renewal found the lease gone (this process stalled past it): stop acting on the job. */
  get held(): boolean {
    return !this.lost;
  }

  async release(): Promise<void> {
    clearInterval(this.renewal);
    await this.options.locks.release(this.key, this.owner);
  }

  private keepRenewing(): void {
    const { locks, leaseMs, now } = this.options;
    this.renewal = setInterval(
      () => {
        locks.renew(this.key, this.owner, leaseMs, now()).then(
          (renewed) => {
            if (!renewed) this.lost = true;
          },
          // A renewal that fails for a moment (database restarting) is tried again at the next tick.
          () => undefined,
        );
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    this.renewal.unref();
  }
}
