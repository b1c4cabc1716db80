/**
 * A small Bot Framework connector on 127.0.0.1:0: records every reply (POST /v3/conversations/{id}/activities[/{replyToId}]),
 * update (PUT .../activities/{id}) and proactive send, and answers {id} as the real one does. Tests can make
 * it refuse (403: the app was removed) to see the door survive.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorCall {
  method: "POST" | "PUT" | "DELETE" | "GET";
  /** Decoded conversation id. */
  conversationId: string;
  /** POST: the activity replied to (absent for a new message); PUT: the activity updated. */
  activityId?: string;
  /** The id the connector answered with (POST: new, PUT: the same). */
  answeredId?: string;
  authorization?: string;
  body: Record<string, unknown>;
  status: number;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities. */
  url: string;
  calls: ConnectorCall[];
  posts(): ConnectorCall[];
  updates(): ConnectorCall[];
  /** The next `count` calls are answered with this status (e.g. 403 when the app was removed). */
  refuseNext(status: number, count?: number): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let refusals: { status: number; count: number } | undefined;
  let nextId = 1;
  /** The status to answer this call with: a route we do not serve, a refusal a test asked for, or 200. */
  const statusFor = (routed: boolean): number => {
    if (!routed) return 404;
    if (refusals && refusals.count > 0) {
      refusals.count--;
      return refusals.status;
    }
    return 200;
  };
  const server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const route = ROUTE.exec(new URL(req.url ?? "/", "http://x").pathname);
      const method = (req.method ?? "GET") as ConnectorCall["method"];
      const call: ConnectorCall = {
        method,
        conversationId: decodeURIComponent(route?.[1] ?? ""),
        activityId: route?.[2] ? decodeURIComponent(route[2]) : undefined,
        authorization: req.headers.authorization,
        body,
        status: statusFor(route !== null),
      };
      calls.push(call);
      if (call.status !== 200) {
        answer(res, call.status, { error: { code: "BotNotInConversationRoster", message: "refused" } });
        return;
      }
      call.answeredId = method === "PUT" ? call.activityId : `act-${nextId++}`;
      answer(res, 200, { id: call.answeredId });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    posts: () => calls.filter((call) => call.method === "POST" && call.status === 200),
    updates: () => calls.filter((call) => call.method === "PUT" && call.status === 200),
    refuseNext: (status, count = 1) => {
      refusals = { status, count };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch {
        resolve({ unparsable: text });
      }
    });
  });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}
