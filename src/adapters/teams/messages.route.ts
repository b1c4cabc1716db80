/**
 * POST /api/messages as a plain HttpRoute: the raw body is parsed here, handed to botbuilder's CloudAdapter
 * through small objects that satisfy its own Request/Response interfaces (no restify types), and what the
 * adapter answers (an invoke response, a failure) comes back as an HttpResponse. A refused token is known by
 * its type (teams-auth.ts), not by what botbuilder wrote: 401 or 403, and nothing else happens.
 */
import type { CloudAdapter, Request, Response, TurnContext } from "botbuilder";
import type { Logger } from "../../logger.js";
import type { HttpRequest, HttpResponse, HttpRoute } from "../http/http-route.js";
import { tokenRefusalOf } from "./teams-auth.js";

export const MESSAGES_PATH = "/api/messages";

export function messagesRoute(
  adapter: Pick<CloudAdapter, "process">,
  logic: (context: TurnContext) => Promise<void>,
  log: Logger,
): HttpRoute {
  return {
    method: "POST",
    path: MESSAGES_PATH,
    handle: async (request) => {
      const parsed = parseActivity(request.rawBody);
      if (!parsed.ok) return { status: 400, body: { error: parsed.error } };
      const response = new CollectedResponse();
      const refusal = await tokenRefusalOf(() =>
        adapter.process(requestFor(request, parsed.activity), response, logic),
      );
      if (refusal) {
        // The reason says which check failed (audience, issuer, expiry); it never holds the token.
        log.warn({ reason: refusal.message }, "Teams request not authenticated");
        return { status: refusal.status, body: { error: "unauthorized" } };
      }
      return response.toHttp(log);
    },
  };
}

type Parsed = { ok: true; activity: Record<string, unknown> } | { ok: false; error: string };

/** botbuilder throws outside its own error handling on a body without a type, so that is checked here. */
export function parseActivity(rawBody: Buffer): Parsed {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return { ok: false, error: "the body is not JSON" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, error: "the body is not a Bot Framework activity" };
  }
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== "string" || activity.type.length === 0) {
    return { ok: false, error: "the activity has no type" };
  }
  return { ok: true, activity };
}

function requestFor(request: HttpRequest, activity: Record<string, unknown>): Request {
  return { method: request.method, headers: { ...request.headers }, body: activity };
}

/** Records what the adapter writes; botbuilder calls status, then send (maybe), then end. */
class CollectedResponse implements Response {
  readonly socket = undefined;
  private statusCode = 200;
  private body: unknown;

  status(code: number): void {
    this.statusCode = code;
  }

  header(): void {}

  send(body: unknown): void {
    this.body = body;
  }

  end(): void {}

  toHttp(log: Logger): HttpResponse {
    if (this.statusCode >= 500) {
      log.error({ status: this.statusCode, reason: describe(this.body) }, "Teams request failed");
      return { status: this.statusCode, body: { error: "internal error" } };
    }
    return { status: this.statusCode, body: this.body };
  }
}

function describe(body: unknown): string {
  const text = typeof body === "string" ? body : body instanceof Error ? body.message : JSON.stringify(body);
  return (text ?? "").split("\n")[0]?.slice(0, 300) ?? "";
}
