/**
 * A deadline on every ARM request attempt. The pipeline's own `request.timeout` is no use here: it stops at the
 * response headers (a body that trickles is not covered) and surfaces as a plain AbortError, the same as a
 * caller's cancellation. This policy aborts the attempt after `timeoutMs` (connect, TLS, headers and body) and
 * throws ArmTimeoutError, which the retry policy passes straight up (it is not a RestError): a person asking
 * in chat should not wait for three more attempts at an endpoint that does not answer, and a write that timed
 * out may have been applied, so it must not be sent again blindly.
 */
import type { PipelinePolicy, PipelineRequest } from "@azure/core-rest-pipeline";

export const DEFAULT_ARM_TIMEOUT_MS = 30_000;
export const ARM_TIMEOUT_POLICY_NAME = "rpbotArmRequestTimeout";

/** An ARM request attempt that got no complete answer in time. toArmError turns it into an ArmError. */
export class ArmTimeoutError extends Error {
  override readonly name = "ArmTimeoutError";
  constructor(
    readonly timeoutMs: number,
    readonly method: string,
  ) {
    super(`no complete answer within ${timeoutMs} ms (${method})`);
  }
}

export function isArmTimeoutError(error: unknown): error is ArmTimeoutError {
  return error instanceof ArmTimeoutError;
}

/** Per retry: each attempt gets its own deadline. */
export function armTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: ARM_TIMEOUT_POLICY_NAME,
    sendRequest: async (request, next) => {
      const deadline = new Deadline(timeoutMs, request);
      try {
        return await Promise.race([next(request), deadline.expired]);
      } catch (error) {
        throw deadline.hasPassed ? new ArmTimeoutError(timeoutMs, request.method) : error;
      } finally {
        deadline.clear();
      }
    },
  };
}

/**
 * Swaps the request's abort signal for one that also fires at the deadline, for the duration of one attempt;
 * a caller's own abort still goes through (and is reported as the caller's, not as a timeout).
 */
class Deadline {
  readonly expired: Promise<never>;
  private passed = false;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly callerSignal: PipelineRequest["abortSignal"];
  private readonly onCallerAbort = () => this.controller.abort();

  constructor(
    timeoutMs: number,
    private readonly request: PipelineRequest,
  ) {
    this.callerSignal = request.abortSignal;
    if (this.callerSignal?.aborted) this.controller.abort();
    this.callerSignal?.addEventListener("abort", this.onCallerAbort);
    request.abortSignal = this.controller.signal;
    let expire: (error: Error) => void = () => undefined;
    this.expired = new Promise<never>((_, reject) => {
      expire = reject;
    });
    // The race's other side may win; the rejection must not count as unhandled then.
    this.expired.catch(() => undefined);
    this.timer = setTimeout(() => {
      this.passed = !this.callerSignal?.aborted;
      this.controller.abort();
      expire(new Error("deadline passed"));
    }, timeoutMs);
  }

  get hasPassed(): boolean {
    return this.passed;
  }

  clear(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
    this.request.abortSignal = this.callerSignal;
  }
}
