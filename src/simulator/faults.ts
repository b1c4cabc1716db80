/**
 * Fault knobs for tests, demos and incident rehearsals (see the control API, src/simulator/control). Read and
 * write failures follow seeded sequences, so a test sees the same pattern every run.
 */

import { FREEZE_SCOPES, FreezeGate, type FreezeScope, type RequestKind } from "./freeze-gate.js";
import { type Random, seededRandom } from "./prng.js";
import type { OperationError } from "./store/operations.js";

export { FREEZE_SCOPES, type FreezeScope, type RequestKind };

export type FaultStatus = 429 | 500;

/** What an injected read or write failure answers. */
export type ReadFault = { status: 429; retryAfterSeconds: number } | { status: 500 };

export type ShareFaultSettings = { share: number } & ReadFault;

export interface FaultSettings {
  /** `count` creations still to fail, and with which code (absent when none). */
  failCreations: { count: number; code?: string; message?: string };
  reads: ShareFaultSettings;
  writes: ShareFaultSettings;
  freeze: FreezeScope;
  latencyMs: number;
  /** Requests being held by the freeze right now (read only). */
  held: number;
}

/** A partial change of the settings: what is absent stays as it is. */
export interface FaultUpdate {
  failCreations?: { count: number; code?: string; message?: string };
  reads?: ShareFaultUpdate;
  writes?: ShareFaultUpdate;
  freeze?: FreezeScope;
  latencyMs?: number;
}

export interface ShareFaultUpdate {
  share: number;
  /** Default 429. */
  status?: FaultStatus;
  /** Only with 429; default 1. */
  retryAfterSeconds?: number;
}

export interface FaultControls {
  /** The next `count` accepted restore point creations end Failed with this code. */
  failNextCreations(count: number, code: string, message?: string): void;
  /** That share (0..1) of GET requests fail: 429 with Retry-After and the Compute throttling body, or 500. */
  failReads(share: number, status: FaultStatus, retryAfterSeconds?: number): void;
  /** The same for PUT, PATCH, POST and DELETE; a failed write changes nothing. */
  failWrites(share: number, status: FaultStatus, retryAfterSeconds?: number): void;
  /** Holds every request of the scope unanswered until unfrozen (or until its connection closes). */
  freeze(scope: FreezeScope): void;
  /** Milliseconds added to every request. */
  setLatency(ms: number): void;
  /** Applies a partial update (the control API's PUT /faults). */
  apply(update: FaultUpdate): void;
  settings(): FaultSettings;
  /** No faults at all: also lifts the freeze (held requests are answered) and sets the latency to 0. */
  clear(): void;
}

/** A restore point creation failure code Microsoft documents (restore-point-troubleshooting.md). */
export const DEFAULT_CREATION_FAILURE_CODE = "VMRestorePointInternalError";
/** setTimeout's limit: a longer delay would fire at once. */
export const MAX_LATENCY_MS = 2_147_483_647;

const READ_SEED = 0x5eed;
const WRITE_SEED = 0x5eee;

/** A share of requests that fail, drawn from a seeded sequence restarted on every change. */
class ShareFault {
  private share = 0;
  private fault: ReadFault = { status: 429, retryAfterSeconds: 1 };
  private random: Random;

  constructor(private readonly seed: number) {
    this.random = seededRandom(seed);
  }

  set(share: number, status: FaultStatus, retryAfterSeconds = 1): void {
    this.share = Math.min(1, Math.max(0, share));
    this.fault = status === 429 ? { status, retryAfterSeconds } : { status };
    // Restart the sequence so the same call always produces the same pattern of failures.
    this.random = seededRandom(this.seed);
  }

  next(): ReadFault | undefined {
    if (this.share <= 0) return undefined;
    return this.random() < this.share ? this.fault : undefined;
  }

  settings(): ShareFaultSettings {
    return { share: this.share, ...this.fault };
  }
}

export class FaultState implements FaultControls {
  private creationFailures: OperationError[] = [];
  private reads = new ShareFault(READ_SEED);
  private writes = new ShareFault(WRITE_SEED);
  private readonly gate = new FreezeGate();
  private latency = 0;

  failNextCreations(count: number, code: string, message?: string): void {
    const error = {
      code,
      message: message ?? `Restore point creation failed with ${code} (injected by the simulator).`,
    };
    this.creationFailures = Array.from({ length: Math.max(0, Math.floor(count)) }, () => ({ ...error }));
  }

  failReads(share: number, status: FaultStatus, retryAfterSeconds = 1): void {
    this.reads.set(share, status, retryAfterSeconds);
  }

  failWrites(share: number, status: FaultStatus, retryAfterSeconds = 1): void {
    this.writes.set(share, status, retryAfterSeconds);
  }

  freeze(scope: FreezeScope): void {
    this.gate.set(scope);
  }

  setLatency(ms: number): void {
    this.latency = Math.min(MAX_LATENCY_MS, Math.max(0, Math.floor(ms)));
  }

  get latencyMs(): number {
    return this.latency;
  }

  apply(update: FaultUpdate): void {
    const { failCreations, reads, writes } = update;
    if (failCreations) {
      const code = failCreations.code ?? DEFAULT_CREATION_FAILURE_CODE;
      this.failNextCreations(failCreations.count, code, failCreations.message);
    }
    if (reads) this.failReads(reads.share, reads.status ?? 429, reads.retryAfterSeconds);
    if (writes) this.failWrites(writes.share, writes.status ?? 429, writes.retryAfterSeconds);
    if (update.freeze) this.freeze(update.freeze);
    if (update.latencyMs !== undefined) this.setLatency(update.latencyMs);
  }

  settings(): FaultSettings {
    const next = this.creationFailures[0];
    return {
      failCreations: next
        ? { count: this.creationFailures.length, code: next.code, message: next.message }
        : { count: 0 },
      reads: this.reads.settings(),
      writes: this.writes.settings(),
      freeze: this.gate.current,
      latencyMs: this.latency,
      held: this.gate.heldCount,
    };
  }

  clear(): void {
    this.creationFailures = [];
    this.reads = new ShareFault(READ_SEED);
    this.writes = new ShareFault(WRITE_SEED);
    this.gate.set("none");
    this.latency = 0;
  }

  /** Consumes one injected creation failure, if any is pending. */
  takeCreationFailure(): OperationError | undefined {
    return this.creationFailures.shift();
  }

  /** Decides whether this GET fails. */
  nextReadFault(): ReadFault | undefined {
    return this.reads.next();
  }

  /** Decides whether this write fails. */
  nextWriteFault(): ReadFault | undefined {
    return this.writes.next();
  }

  /** Waits while requests of this kind are frozen; rejects when `signal` aborts first. */
  passFreeze(kind: RequestKind, signal?: AbortSignal): Promise<void> {
    return this.gate.pass(kind, signal);
  }
}
