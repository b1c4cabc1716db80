/**
 * Tells an observer about every ARM request attempt and every retry, for the bot's metrics. Two policies work
 * together: the per-call one opens a tally for the call (placed before the SDK's retry policy, it runs once
 * per call), the per-retry one (after it, once per attempt) reports each attempt's answer and, from the
 * second attempt of the same call on, a retry. The observer is a narrow callback: src/azure knows nothing of
 * how the numbers are kept.
 */
import type { PipelinePolicy, PipelineRequest } from "@azure/core-rest-pipeline";

export interface ArmAttempt {
  method: string;
  /** The HTTP status ARM answered; undefined when no answer came (network, timeout, cancelled). */
  status?: number;
}

export interface ArmRequestObserver {
  /** One attempt, with ARM's answer (a 429 is ARM's throttling). */
  attempted(attempt: ArmAttempt): void;
  /** An attempt that repeats an earlier one of the same call (the SDK's retry policy sent it again). */
  retried(method: string): void;
}

export interface ArmObserverPolicies {
  perCall: PipelinePolicy;
  perRetry: PipelinePolicy;
}

export function armObserverPolicies(observer: ArmRequestObserver): ArmObserverPolicies {
  // The retry policy sends the same request object again, so the tally is keyed by it.
  const attempts = new WeakMap<PipelineRequest, number>();
  const perCall: PipelinePolicy = {
    name: "rpbotObserveArmCalls",
    sendRequest: async (request, next) => {
      attempts.set(request, 0);
      try {
        return await next(request);
      } finally {
        attempts.delete(request);
      }
    },
  };
  const perRetry: PipelinePolicy = {
    name: "rpbotObserveArmAttempts",
    sendRequest: async (request, next) => {
      const before = attempts.get(request) ?? 0;
      attempts.set(request, before + 1);
      if (before > 0) safely(() => observer.retried(request.method));
      try {
        const response = await next(request);
        safely(() => observer.attempted({ method: request.method, status: response.status }));
        return response;
      } catch (error) {
        safely(() => observer.attempted({ method: request.method, status: statusOf(error) }));
        throw error;
      }
    },
  };
  return { perCall, perRetry };
}

/** A RestError that carries a response still had an answer; anything else had none. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** Counting must never change what the request does. */
function safely(report: () => void): void {
  try {
    report();
  } catch {
    // An observer's failure is its own; the request goes on.
  }
}
