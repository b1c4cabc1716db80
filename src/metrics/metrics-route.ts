/**
 * GET /metrics on the bot's one HTTP server. With a token configured (RPBOT_METRICS_TOKEN) a scrape must
 * carry `Authorization: Bearer <token>`, compared in constant time; without one the endpoint is open, for a
 * port only the cluster reaches. The token is never logged, echoed or put in an error.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { HttpRequest, HttpResponse, HttpRoute } from "../adapters/http/http-route.js";
import type { BotMetrics } from "./bot-metrics.js";

export const METRICS_PATH = "/metrics";

const NO_STORE = { "cache-control": "no-store" };

export function metricsRoute(metrics: Pick<BotMetrics, "render">, token: string | undefined): HttpRoute {
  const expected = token === undefined ? undefined : digest(token);
  return {
    method: "GET",
    path: METRICS_PATH,
    handle: async (request: HttpRequest): Promise<HttpResponse> => {
      if (expected && !carries(request, expected)) {
        return {
          status: 401,
          headers: { ...NO_STORE, "www-authenticate": 'Bearer realm="rpbot metrics"' },
          body: { error: "GET /metrics needs Authorization: Bearer <RPBOT_METRICS_TOKEN>" },
        };
      }
      const { contentType, text } = await metrics.render();
      return { status: 200, headers: { ...NO_STORE, "content-type": contentType }, body: text };
    },
  };
}

function carries(request: HttpRequest, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
  // Digests have one length, so the comparison takes the same time whatever was sent.
  return timingSafeEqual(digest(match?.[1] ?? ""), expected);
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
