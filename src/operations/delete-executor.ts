/**
 * Carries a delete run's items to their ends through the deleter, a few in flight, each step stored before the
 * next, so a process that takes the run over resumes from the store alone:
 * - waiting: skipped once the run is cancelled; else (a collection read again: still empty?) the DELETE is sent;
 * - started: the stored operation is followed to its end;
 * - unknown: the DELETE is sent again (ARM answers with the operation still running, or 204 once it is gone), a
 *   bounded number of times; then it stays unknown, never "failed": the resource may be gone;
 * - throttled: wait as ARM asks and send again; being throttled is never an ending.
 */
import { setMaxListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { ArmError } from "../azure/arm-error.js";
import type {
  DeleteOperation,
  DeleteOutcome,
  DeleteStart,
  RestorePointDeleter,
} from "../azure/restore-point-deleter.js";
import type {
  DeleteRunBody,
  DeleteTarget,
  Run,
  RunItem,
  RunItemState,
  RunStore,
} from "../store/run-store.port.js";
import type { AuditLog } from "../store/store.port.js";
import type { CollectionListing } from "./collection-listing.js";
import type { RunReport } from "./delivery.js";
import type { RunContext, RunExecutor } from "./run-types.js";

export interface DeleteExecutorOptions {
  runs: Pick<RunStore, "items" | "updateItem">;
  /** Each delete sent and each ending, audited like a creation's steps (actor: the requester). */
  audit: Pick<AuditLog, "append">;
  deleter: Pick<RestorePointDeleter, "start" | "startCollection" | "follow">;
  /** Reads a collection again right before it is deleted: Azure deletes a collection's points with it. */
  collections: Pick<CollectionListing, "collection">;
  now: () => Date;
  /** Forget cached listings of a subscription once its restore points or collections changed. */
  invalidate(subscriptionId: string): void;
  /** Deletes in flight at once. */
  concurrency: number;
  /** The wait before asking again about an unknown outcome, and after a throttle that said no Retry-After. */
  retryDelayMs: number;
  /** How many times an unknown outcome is asked again per drive before it is left unknown (default 3). */
  unknownRetries?: number;
}

type Patch = Parameters<RunStore["updateItem"]>[2];

/** States an item never leaves (run-store.port.ts); "unknown" may still move. */
const ENDED: ReadonlySet<RunItemState> = new Set(["deleted", "already-gone", "refused", "failed", "skipped"]);

export function isEnded(state: RunItemState): boolean {
  return ENDED.has(state);
}

export class DeleteExecutor implements RunExecutor {
  constructor(private readonly options: DeleteExecutorOptions) {}

  async drive(run: Run, parent: RunContext): Promise<void> {
    const body = deleteBodyOf(run);
    const open = (await this.options.runs.items(run.id)).filter((item) => !isEnded(item.state));
    const { context, release } = ownSignal(parent, this.options.concurrency);
    const touched = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < open.length && !context.signal.aborted) {
        const item = open[next++] as RunItem;
        const target = body.targets[item.position];
        if (!target) throw new Error(`run ${run.id} has item ${item.position} without a target`);
        touched.add(target.subscriptionId);
        await this.carry(run, item, target, context);
      }
    };
    const workers = Math.max(1, Math.min(this.options.concurrency, open.length));
    try {
      await Promise.all(Array.from({ length: workers }, worker));
    } finally {
      release();
      for (const subscriptionId of touched) this.options.invalidate(subscriptionId);
    }
  }

  async report(run: Run, final: boolean): Promise<RunReport> {
    return { run, jobs: [], items: await this.options.runs.items(run.id), final };
  }

  /** One item as far as it goes: to its end, to unknown after the retries, or until the process stops. */
  private async carry(run: Run, item: RunItem, target: DeleteTarget, context: RunContext): Promise<void> {
    let current: RunItem | undefined = item;
    let asked = 0;
    while (current && !isEnded(current.state) && !context.signal.aborted) {
      if (current.state === "started") {
        const outcome = await this.follow(current, context);
        if (!outcome) return;
        current = await this.move(run, current, patchOf(outcome, true), context);
        continue;
      }
      if (current.state === "unknown") {
        if (asked >= (this.options.unknownRetries ?? 3)) return;
        asked++;
        if (!(await pause(this.options.retryDelayMs, context.signal))) return;
      } else {
        const stop = await this.stopBeforeStart(run, target, context);
        if (stop) {
          await this.move(run, current, stop, context);
          return;
        }
      }
      const sent = await this.send(target, context);
      if (!sent) return;
      current = await this.move(run, current, patchOf(sent, current.state === "unknown"), context);
    }
  }

  /** A waiting item that must not start: the run was cancelled, or the collection is no longer empty. */
  private async stopBeforeStart(
    run: Run,
    target: DeleteTarget,
    context: RunContext,
  ): Promise<Patch | undefined> {
    const now = await context.current();
    if (!now || now.state === "cancelled") return { state: "skipped" };
    if (target.kind !== "collection") return undefined;
    const collection = await this.options.collections.collection(
      target.subscriptionId,
      target.resourceGroup,
      target.collectionName,
    );
    if (!collection) return { state: "already-gone" };
    const points = collection.restorePoints.length;
    if (points === 0) return undefined;
    context.log.info(
      { runId: run.id, collection: target.id, points },
      "collection no longer empty: left alone",
    );
    return {
      state: "refused",
      code: "NotEmpty",
      message: `It holds ${points === 1 ? "a restore point" : `${points} restore points`} again since the plan was shown; deleting it would delete ${points === 1 ? "that" : "them"} too, so it was left alone.`,
    };
  }

  /** The DELETE, sent again after each throttle as ARM asks; undefined once the process stops. */
  private async send(target: DeleteTarget, context: RunContext): Promise<DeleteStart | undefined> {
    const { deleter } = this.options;
    const address = {
      subscriptionId: target.subscriptionId,
      resourceGroup: target.resourceGroup,
      collectionName: target.collectionName,
    };
    while (!context.signal.aborted) {
      const answer = await refusedOnRole(target.id, () =>
        target.kind === "collection"
          ? deleter.startCollection(address)
          : deleter.start({ ...address, restorePointName: target.name }),
      );
      if (answer.state !== "throttled") return answer;
      const wait = answer.retryAfterSeconds ? answer.retryAfterSeconds * 1000 : this.options.retryDelayMs;
      context.log.info({ resource: target.id, waitMs: wait }, "delete throttled: waiting as ARM asks");
      if (!(await pause(wait, context.signal))) return undefined;
    }
    return undefined;
  }

  /** Follows the stored operation; undefined once the process stops. */
  private async follow(item: RunItem, context: RunContext): Promise<DeleteOutcome | undefined> {
    const operation = JSON.parse(item.operation ?? "null") as DeleteOperation | null;
    if (!operation)
      throw new Error(`item ${item.position} of run ${item.runId} is started without an operation`);
    try {
      return await this.options.deleter.follow(operation, context.signal);
    } catch (error) {
      if (context.signal.aborted) return undefined;
      // The DELETE was accepted; the bot may no longer read its operation: how it ended is not known.
      if (error instanceof ArmError)
        return {
          state: "unknown",
          resourceId: operation.resourceId,
          reason: "server-error",
          message: error.message,
        };
      throw error;
    }
  }

  private async move(
    run: Run,
    item: RunItem,
    patch: Patch,
    context: RunContext,
  ): Promise<RunItem | undefined> {
    const moved = await this.options.runs.updateItem(run.id, item.position, patch, this.options.now());
    if (moved?.state === patch.state && moved.state !== item.state) await this.audit(run, moved);
    context.changed();
    return moved;
  }

  private audit(run: Run, item: RunItem): Promise<void> {
    const target = deleteBodyOf(run).targets[item.position];
    return this.options.audit.append({
      at: this.options.now(),
      actor: run.requestedBy,
      action: "delete",
      target: target?.id ?? `${run.id}#${item.position}`,
      outcome: item.state,
      details: { runId: run.id, ...(item.code ? { code: item.code } : {}) },
    });
  }
}

/** What the store keeps of an answer. `resent`: the bot sent this DELETE before, so a 204 is its own deletion. */
function patchOf(answer: DeleteStart, resent: boolean): Patch {
  switch (answer.state) {
    case "started":
      return { state: "started", operation: JSON.stringify(answer.operation) };
    case "deleted":
      return { state: "deleted" };
    case "already-gone":
      return { state: resent ? "deleted" : "already-gone" };
    case "refused":
    case "failed":
      return { state: answer.state, code: answer.code, message: answer.message };
    case "unknown":
      return { state: "unknown", code: answer.reason, message: answer.message };
    case "throttled":
      return { state: "unknown", code: "throttled", message: answer.message };
  }
}

/** The bot's own sign-in or role problem on a DELETE: Azure did nothing, so the item is refused with why. */
async function refusedOnRole(resourceId: string, send: () => Promise<DeleteStart>): Promise<DeleteStart> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof ArmError) || error.status === undefined) throw error;
    return {
      state: "refused",
      resourceId,
      status: error.status,
      code: error.armCode ?? error.kind,
      message: error.message,
    };
  }
}

/**
 * The context with a stop signal of the executor's own, following the caller's: every delete in flight listens
 * to it (its poller, its waits), more listeners than Node accepts on a signal without a warning.
 */
function ownSignal(parent: RunContext, concurrency: number): { context: RunContext; release: () => void } {
  const stopping = new AbortController();
  setMaxListeners(Math.max(10, 4 * concurrency), stopping.signal);
  const stop = () => stopping.abort();
  if (parent.signal.aborted) stopping.abort();
  else parent.signal.addEventListener("abort", stop, { once: true });
  const context: RunContext = {
    changed: () => parent.changed(),
    current: () => parent.current(),
    log: parent.log,
    signal: stopping.signal,
  };
  return { context, release: () => parent.signal.removeEventListener("abort", stop) };
}

/** Waits, unless the process stops first: false then. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function deleteBodyOf(run: Run): DeleteRunBody {
  if (run.body.kind !== "delete")
    throw new Error(`run ${run.id} is a ${run.body.kind} run, not a delete run`);
  return run.body;
}
