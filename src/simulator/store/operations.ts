/**
 * Asynchronous operations (restore point create, deletes). The outcome is decided when the operation starts;
 * it becomes visible once the simulator clock reaches `dueAt` (settle() runs before every request).
 */
import { randomGuid } from "../ids.js";

export type OperationStatus = "InProgress" | "Succeeded" | "Failed";

export interface OperationError {
  code: string;
  message: string;
}

export interface AsyncOperation {
  id: string;
  subscriptionId: string;
  location: string;
  startTime: Date;
  dueAt: Date;
  endTime?: Date;
  status: OperationStatus;
  error?: OperationError;
}

export interface OperationSpec {
  subscriptionId: string;
  location: string;
  startTime: Date;
  dueAt: Date;
  /** Set when the operation will end Failed with this error. */
  failure?: OperationError;
  /** The lower-case key of the resource it acts on, so a repeated request can find it (deletes). */
  subject?: string;
  /** Applies the outcome to the resources (point Succeeded/Failed, collection removed, ...). */
  finish(failure: OperationError | undefined): void;
}

export class OperationBook {
  private readonly operations = new Map<string, AsyncOperation>();
  private readonly pending = new Map<string, OperationSpec>();

  start(spec: OperationSpec): AsyncOperation {
    const operation: AsyncOperation = {
      id: randomGuid(),
      subscriptionId: spec.subscriptionId,
      location: spec.location,
      startTime: spec.startTime,
      dueAt: spec.dueAt,
      status: "InProgress",
    };
    this.operations.set(operation.id, operation);
    this.pending.set(operation.id, spec);
    return operation;
  }

  get(id: string): AsyncOperation | undefined {
    return this.operations.get(id.toLowerCase());
  }

  /** The operation still running on this subject, if any (call after settle()). */
  running(subject: string): AsyncOperation | undefined {
    for (const [id, spec] of this.pending) {
      if (spec.subject === subject) return this.operations.get(id);
    }
    return undefined;
  }

  /** Completes every operation whose time has come, in start order. */
  settle(now: Date): void {
    for (const [id, spec] of this.pending) {
      const operation = this.operations.get(id);
      if (!operation || now.getTime() < operation.dueAt.getTime()) continue;
      this.pending.delete(id);
      spec.finish(spec.failure);
      operation.status = spec.failure ? "Failed" : "Succeeded";
      operation.error = spec.failure;
      operation.endTime = now;
    }
  }
}
