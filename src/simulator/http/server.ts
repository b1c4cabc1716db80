/**
 * The transport: turns node requests into SimRequest, runs the handler, writes the SimResponse. HTTPS for the
 * simulated ARM, plain HTTP for the loopback control API.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { internalServerError } from "./errors.js";
import type { SimHandler, SimRequest, SimResponse } from "./types.js";

export interface ListenOptions {
  host: string;
  port: number;
}

export interface HttpsListenOptions extends ListenOptions {
  certPem: string;
  keyPem: string;
}

export interface ListeningServer {
  origin: string;
  close(): Promise<void>;
}

type Scheme = "http" | "https";
type NodeServer = Server | ReturnType<typeof createHttpServer>;

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function listenHttps(handler: SimHandler, options: HttpsListenOptions): Promise<ListeningServer> {
  const server = createHttpsServer({ cert: options.certPem, key: options.keyPem }, (request, response) => {
    void serve(handler, request, response, `https://${request.headers.host ?? options.host}`);
  });
  return listen(server, options, "https");
}

export function listenHttp(handler: SimHandler, options: ListenOptions): Promise<ListeningServer> {
  const server = createHttpServer((request, response) => {
    void serve(handler, request, response, `http://${request.headers.host ?? options.host}`);
  });
  return listen(server, options, "http");
}

async function listen(server: NodeServer, options: ListenOptions, scheme: Scheme): Promise<ListeningServer> {
  // Every socket, from its first byte: closeAllConnections() knows only those past their TLS handshake and
  // first request, and one still shaking hands held close() open for seconds.
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  return { origin: `${scheme}://${hostForUrl}:${port}`, close: () => closeServer(server, sockets) };
}

async function serve(
  handler: SimHandler,
  request: IncomingMessage,
  response: ServerResponse,
  origin: string,
): Promise<void> {
  // A client that closes the connection before the answer cancels what its request still waits for.
  const gone = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) gone.abort(new Error("the client closed the connection"));
  });
  let result: SimResponse;
  try {
    result = await handler({ ...(await toSimRequest(request, origin)), signal: gone.signal });
  } catch (error) {
    result = internalServerError(
      `The simulator failed: ${error instanceof Error ? error.message : String(error)}`,
    ); // ours
  }
  if (!gone.signal.aborted) writeResponse(response, result);
}

async function toSimRequest(request: IncomingMessage, origin: string): Promise<SimRequest> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  const text = await readBody(request);
  const base = { method: request.method ?? "GET", url: new URL(request.url ?? "/", origin), headers };
  if (text.trim() === "") return { ...base, body: undefined };
  try {
    return { ...base, body: JSON.parse(text) as unknown };
  } catch (error) {
    return { ...base, body: undefined, bodyError: error instanceof Error ? error.message : "not JSON" };
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function writeResponse(response: ServerResponse, result: SimResponse): void {
  const payload = result.body === undefined ? "" : JSON.stringify(result.body);
  const headers: Record<string, string | number> = {
    ...result.headers,
    "content-length": Buffer.byteLength(payload),
  };
  if (payload !== "") headers["content-type"] = "application/json; charset=utf-8";
  response.writeHead(result.status, headers);
  response.end(payload);
}

function closeServer(server: NodeServer, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets of SDK clients (and requests held by a freeze) would otherwise hold close() open.
    server.closeAllConnections();
    for (const socket of sockets) socket.destroy();
  });
}
