/**
 * The "freeze" fault: requests wait here, unanswered, until the freeze is lifted or their client gives up.
 * No timer is involved, so a request whose connection closes leaves nothing behind once it is dropped.
 */

export type FreezeScope = "none" | "reads" | "writes" | "all";
export type RequestKind = "reads" | "writes";

export const FREEZE_SCOPES: readonly FreezeScope[] = ["none", "reads", "writes", "all"];

export class FreezeGate {
  private scope: FreezeScope = "none";
  /** The release function of every held request, with its kind. */
  private readonly held = new Map<() => void, RequestKind>();

  get current(): FreezeScope {
    return this.scope;
  }

  get heldCount(): number {
    return this.held.size;
  }

  /** Changes what is frozen; held requests that the new scope no longer covers go on at once. */
  set(scope: FreezeScope): void {
    this.scope = scope;
    for (const [release, kind] of this.held) {
      if (!this.covers(kind)) release();
    }
  }

  /**
   * Resolves when a request of this kind may go on: at once unless frozen. Rejects with the signal's reason when
   * the client gives up first, and forgets the request then.
   */
  pass(kind: RequestKind, signal?: AbortSignal): Promise<void> {
    if (!this.covers(kind)) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.held.delete(release);
        reject(signal?.reason);
      };
      const release = () => {
        this.held.delete(release);
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.held.set(release, kind);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private covers(kind: RequestKind): boolean {
    return this.scope === "all" || this.scope === kind;
  }
}
