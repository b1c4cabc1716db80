/**
 * POST /slack/events as a plain function from request to response: content type, signature and replay window
 * are checked on the raw bytes before anything is parsed or done; then the body's shape (what Bolt reads
 * unguarded), then whether it was already accepted (replay-guard.ts: the same signature, or an Events API
 * retry of the same event id), acknowledged without acting if so. Only then does the parsed body go to Bolt,
 * and the HTTP answer is whatever the listener acknowledges (Slack wants it within 3 seconds; the work follows).
 */
import type { Logger } from "../../logger.js";
import type { ReplayStore } from "../../store/store.port.js";
import type { HttpRequest, HttpResponse } from "../http/http-route.js";
import { REPLAY_CHECKED, SlackReplayGuard } from "./replay-guard.js";
import { payloadProblem } from "./slack-payload.js";
import { verifySlackSignature } from "./slack-signature.js";

/** One verified request for Bolt, with the acknowledgement that becomes the HTTP answer. */
export interface SlackInbound {
  body: Record<string, unknown>;
  retryNum?: number;
  retryReason?: string;
  /** Reaches the listeners' context: tells the Bolt middleware this request was looked up already. */
  customProperties: { [REPLAY_CHECKED]: true };
  ack(response?: unknown): Promise<void>;
}

export interface SlackHttpOptions {
  signingSecret: string;
  now: () => Date;
  log: Logger;
  /** Bolt's App.processEvent: resolves when every listener has finished. */
  dispatch(inbound: SlackInbound): Promise<void>;
  /** Bolt answers 404 after this long without an ack, so Slack shows its own timeout; we do the same. */
  ackTimeoutMs?: number;
  /**
   * Requests already accepted, shared by every replica (the store's `replays`). Without it this process
   * remembers them, which stops replays to this replica only.
   */
  replays?: ReplayStore;
}

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

export function createSlackHttpHandler(options: SlackHttpOptions) {
  const ackTimeoutMs = options.ackTimeoutMs ?? 3001;
  const guard = new SlackReplayGuard(options.replays, options.log, options.now);
  return async function handleSlackRequest(request: HttpRequest): Promise<HttpResponse> {
    const mediaType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (mediaType !== FORM && mediaType !== JSON_TYPE) {
      return { status: 415, body: { error: "Slack requests are form-encoded or JSON" } };
    }
    if (mediaType === FORM && isSslCheck(request.rawBody)) return { status: 200 };
    const signature = request.headers["x-slack-signature"];
    const check = verifySlackSignature(
      { rawBody: request.rawBody, timestamp: request.headers["x-slack-request-timestamp"], signature },
      options.signingSecret,
      options.now().getTime(),
    );
    if (!check.ok) {
      options.log.warn({ code: check.code }, `Slack request refused: ${check.reason}`);
      return { status: 401, body: { error: "invalid Slack signature" } };
    }
    const body = parseBody(mediaType, request.rawBody);
    if (!body) return { status: 400, body: { error: "malformed Slack request body" } };
    const problem = payloadProblem(body);
    if (problem) {
      options.log.warn({ code: "malformed-payload" }, `Slack request refused: ${problem}`);
      return { status: 400, body: { error: `malformed Slack request: ${problem}` } };
    }
    if (body.type === "url_verification" && typeof body.challenge === "string") {
      return { status: 200, body: { challenge: body.challenge } };
    }
    const retry = retryOf(request);
    if (await guard.isReplay({ signature, body, ...retry })) return { status: 200 };
    return dispatchAndAwaitAck(body, retry, options, ackTimeoutMs);
  };
}

interface Retry {
  retryNum?: number;
  retryReason?: string;
}

/** X-Slack-Retry-Num and X-Slack-Retry-Reason: Slack's retry of an event it thinks was not acknowledged. */
function retryOf(request: HttpRequest): Retry {
  const num = request.headers["x-slack-retry-num"];
  const reason = request.headers["x-slack-retry-reason"];
  const retry: Retry = {};
  if (num !== undefined && /^\d{1,3}$/.test(num)) retry.retryNum = Number(num);
  if (reason) retry.retryReason = reason;
  return retry;
}

function dispatchAndAwaitAck(
  body: Record<string, unknown>,
  retry: Retry,
  options: SlackHttpOptions,
  ackTimeoutMs: number,
): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve) => {
    let answered = false;
    const answer = (response: HttpResponse) => {
      if (answered) return false;
      answered = true;
      clearTimeout(timer);
      resolve(response);
      return true;
    };
    const timer = setTimeout(() => {
      if (answer({ status: 404 })) options.log.warn({}, "Slack request not acknowledged within 3 seconds");
    }, ackTimeoutMs);
    options
      .dispatch({
        body,
        ...retry,
        customProperties: { [REPLAY_CHECKED]: true },
        ack: async (response) => {
          answer(ackResponse(response));
        },
      })
      .then(
        // Nothing acknowledged it (no listener matched): answer now rather than after the timeout.
        () => answer({ status: 200 }),
        (error: unknown) => {
          options.log.error(
            { err: error instanceof Error ? error.message : String(error) },
            "Slack listener failed",
          );
          answer({ status: 500 });
        },
      );
  });
}

function ackResponse(response: unknown): HttpResponse {
  if (response === undefined || response === "") return { status: 200 };
  return { status: 200, body: response };
}

function isSslCheck(rawBody: Buffer): boolean {
  return new URLSearchParams(rawBody.toString("utf8")).get("ssl_check") === "1";
}

function parseBody(mediaType: string, rawBody: Buffer): Record<string, unknown> | undefined {
  try {
    const text = rawBody.toString("utf8");
    if (mediaType === JSON_TYPE) return asObject(JSON.parse(text));
    const form = new URLSearchParams(text);
    const payload = form.get("payload");
    if (payload !== null) return asObject(JSON.parse(payload));
    return Object.fromEntries(form);
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
