/**
 * The bot's one HTTP server (restify): every configured door's routes plus GET /healthz and GET /readyz
 * (health.ts) and the bot's own service routes (GET /metrics), each answer told to `onAnswered`. Bodies are
 * read raw here and handed to the doors untouched, because Slack's signature covers the exact bytes. The
 * server protects itself: a request must arrive whole within `requestTimeoutMs` (its headers within
 * `headersTimeoutMs`), so slow clients cannot hold sockets open; bodies are capped; and no more than
 * `maxConnections` connections are held at once, far below the process's file-descriptor limit, so a flood of
 * connections is turned away at the door instead of starving the store, ARM and the chat platforms of
 * descriptors.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import restify from "restify";
import type { Logger } from "../../logger.js";
import { healthRoutes, type Readiness } from "./health.js";
import type { HttpRequest, HttpResponse, HttpRoute } from "./http-route.js";

export interface HttpServerOptions {
  port: number;
  host?: string;
  routes: HttpRoute[];
  log: Logger;
  /** Larger bodies are refused with 413 before any door sees them. */
  maxBodyBytes?: number;
  /** What GET /readyz checks; without it /readyz answers ready whenever the process does. */
  readiness?: Readiness;
  /** The bot's own endpoints beside the health ones (GET /metrics): served, not listed by /healthz. */
  serviceRoutes?: HttpRoute[];
  /** Told of every answer a route gave: its path and status, or "gone" when the client left first. */
  onAnswered?: (path: string, status: number | "gone") => void;
  /** Connections held at once (default 1000); more are closed as they arrive. */
  maxConnections?: number;
  timeouts?: Partial<HttpTimeouts>;
}

export interface HttpTimeouts {
  /** A request's headers must have arrived this long after it started (default 10 s), else 408 and close. */
  headersTimeoutMs: number;
  /** The whole request, headers and body (default 10 s): Slack and Teams send small bodies at once. */
  requestTimeoutMs: number;
  /**
   * How long an idle keep-alive connection is kept (default 65 s): longer than the 60 s idle timeout of common
   * load balancers and ingresses, so they never reuse a connection the bot is closing.
   */
  keepAliveTimeoutMs: number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_CONNECTIONS = 1000;
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 65_000,
};

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = restify.createServer({ name: "restore-point-bot", handleUncaughtExceptions: false });
  harden(server.server, options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const health = healthRoutes({ routes: options.routes.map((r) => r.path), readiness: options.readiness });
  for (const route of [...options.routes, ...health, ...(options.serviceRoutes ?? [])]) {
    const register = route.method === "GET" ? server.get.bind(server) : server.post.bind(server);
    register(route.path, async (req: restify.Request, res: restify.Response) => {
      const response = await answer(route, req, maxBodyBytes, options.log);
      options.onAnswered?.(route.path, response?.status ?? "gone");
      if (response) send(res, response);
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Node's own protections, set before listen (the timeouts are checked on an interval started then). */
function harden(http: Server, options: HttpServerOptions): void {
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.timeouts };
  http.requestTimeout = timeouts.requestTimeoutMs;
  // Node refuses headersTimeout > requestTimeout at construction; here nobody would.
  http.headersTimeout = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  http.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  http.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  // Node checks both timeouts every connectionsCheckingInterval (30 s by default, far too coarse for 10 s).
  const interval = Math.max(100, Math.min(30_000, Math.floor(http.headersTimeout / 4)));
  Object.assign(http, { connectionsCheckingInterval: interval });
}

/** The response, or undefined when the client went away before its body was complete. */
async function answer(
  route: HttpRoute,
  req: restify.Request,
  maxBodyBytes: number,
  log: Logger,
): Promise<HttpResponse | undefined> {
  const body = await readBody(req, maxBodyBytes);
  if (body === "gone") return undefined;
  if (body === "too-large") {
    return { status: 413, headers: { connection: "close" }, body: { error: "request body too large" } };
  }
  const request: HttpRequest = {
    method: req.method ?? "GET",
    path: route.path,
    headers: lowerCaseHeaders(req.headers),
    rawBody: body,
  };
  try {
    return await route.handle(request);
  } catch (error) {
    // A door's surprise must not take the server down, nor leak its details to the caller.
    log.error(
      { err: error instanceof Error ? error.message : String(error), path: route.path },
      "request failed",
    );
    return { status: 500, body: { error: "internal error" } };
  }
}

/**
 * The body, never more than `maxBodyBytes` of it in memory: a declared length over the cap is refused before
 * a byte is read, and a body that grows past it is refused as soon as it does (the rest is not kept).
 */
function readBody(req: restify.Request, maxBodyBytes: number): Promise<Buffer | "too-large" | "gone"> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBodyBytes) return Promise.resolve("too-large");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
      else {
        req.off("data", onData);
        chunks.length = 0;
        resolve("too-large");
      }
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    // Client gone or request timed out (Node answered 408): nobody is left to answer.
    req.on("error", () => resolve("gone"));
    req.on("close", () => {
      if (!req.complete) resolve("gone");
    });
  });
}

function lowerCaseHeaders(headers: restify.Request["headers"]): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}

function send(res: restify.Response, response: HttpResponse): void {
  if (res.headersSent || res.writableEnded) return;
  const headers = { ...response.headers };
  let payload: string;
  if (response.body === undefined) payload = "";
  else if (typeof response.body === "string") {
    payload = response.body;
    headers["content-type"] ??= "text/plain; charset=utf-8";
  } else {
    payload = JSON.stringify(response.body);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  res.writeHead(response.status, { ...headers, "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}
