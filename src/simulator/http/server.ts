/** The HTTPS transport: turns node requests into SimRequest, runs the handler, writes the SimResponse. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { internalServerError } from "./errors.js";
import type { SimHandler, SimRequest, SimResponse } from "./types.js";

export interface HttpsListenOptions {
  host: string;
  port: number;
  certPem: string;
  keyPem: string;
}

export interface ListeningServer {
  origin: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function listenHttps(
  handler: SimHandler,
  options: HttpsListenOptions,
): Promise<ListeningServer> {
  const server = createServer({ cert: options.certPem, key: options.keyPem }, (request, response) => {
    void serve(handler, request, response, options.host);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  return { origin: `https://${hostForUrl}:${port}`, close: () => closeServer(server) };
}

async function serve(
  handler: SimHandler,
  request: IncomingMessage,
  response: ServerResponse,
  host: string,
): Promise<void> {
  let result: SimResponse;
  try {
    result = await handler(await toSimRequest(request, host));
  } catch (error) {
    result = internalServerError(
      `The simulator failed: ${error instanceof Error ? error.message : String(error)}`,
    ); // ours
  }
  writeResponse(response, result);
}

async function toSimRequest(request: IncomingMessage, host: string): Promise<SimRequest> {
  const origin = `https://${request.headers.host ?? host}`;
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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets of SDK clients would otherwise hold close() open.
    server.closeAllConnections();
  });
}
