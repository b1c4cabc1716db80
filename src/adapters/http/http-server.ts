/**
 * The bot's one HTTP server (restify): every configured door's routes plus GET /healthz. Bodies are read raw
 * here and handed to the doors untouched, because Slack's signature covers the exact bytes.
 */
import type { AddressInfo } from "node:net";
import restify from "restify";
import type { Logger } from "../../logger.js";
import type { HttpRequest, HttpResponse, HttpRoute } from "./http-route.js";

export interface HttpServerOptions {
  port: number;
  host?: string;
  routes: HttpRoute[];
  log: Logger;
  /** Larger bodies are refused with 413 before any door sees them. */
  maxBodyBytes?: number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = restify.createServer({ name: "restore-point-bot", handleUncaughtExceptions: false });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const routes: HttpRoute[] = [
    ...options.routes,
    {
      method: "GET",
      path: "/healthz",
      handle: async () => ({ status: 200, body: { ok: true, routes: options.routes.map((r) => r.path) } }),
    },
  ];
  for (const route of routes) {
    const register = route.method === "GET" ? server.get.bind(server) : server.post.bind(server);
    register(route.path, async (req: restify.Request, res: restify.Response) => {
      const response = await answer(route, req, maxBodyBytes, options.log);
      send(res, response);
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

async function answer(
  route: HttpRoute,
  req: restify.Request,
  maxBodyBytes: number,
  log: Logger,
): Promise<HttpResponse> {
  const body = await readBody(req, maxBodyBytes);
  if (body === "too-large") return { status: 413, body: { error: "request body too large" } };
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

function readBody(req: restify.Request, maxBodyBytes: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
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
