/** Fault knobs for tests and demos. Read failures follow a seeded sequence, so a test sees the same pattern every run. */

import { type Random, seededRandom } from "./prng.js";
import type { OperationError } from "./store/operations.js";

export interface FaultControls {
  /** The next `count` accepted restore point creations end Failed with this code. */
  failNextCreations(count: number, code: string, message?: string): void;
  /** That share (0..1) of GET requests fail: 429 with Retry-After and the Compute throttling body, or 500. */
  failReads(share: number, status: 429 | 500, retryAfterSeconds?: number): void;
  clear(): void;
}

export type ReadFault = { status: 429; retryAfterSeconds: number } | { status: 500 };

const FAULT_SEED = 0x5eed;

export class FaultState implements FaultControls {
  private creationFailures: OperationError[] = [];
  private readShare = 0;
  private readFault: ReadFault = { status: 500 };
  private random: Random = seededRandom(FAULT_SEED);

  failNextCreations(count: number, code: string, message?: string): void {
    const error = {
      code,
      message: message ?? `Restore point creation failed with ${code} (injected by the simulator).`,
    };
    this.creationFailures = Array.from({ length: Math.max(0, Math.floor(count)) }, () => ({ ...error }));
  }

  failReads(share: number, status: 429 | 500, retryAfterSeconds = 1): void {
    this.readShare = Math.min(1, Math.max(0, share));
    this.readFault = status === 429 ? { status, retryAfterSeconds } : { status };
    // Restart the sequence so the same call always produces the same pattern of failures.
    this.random = seededRandom(FAULT_SEED);
  }

  clear(): void {
    this.creationFailures = [];
    this.readShare = 0;
  }

  /** Consumes one injected creation failure, if any is pending. */
  takeCreationFailure(): OperationError | undefined {
    return this.creationFailures.shift();
  }

  /** Decides whether this GET fails. */
  nextReadFault(): ReadFault | undefined {
    if (this.readShare <= 0) return undefined;
    return this.random() < this.readShare ? this.readFault : undefined;
  }
}
