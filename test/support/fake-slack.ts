/**
 * A small fake of Slack's side: the Web API (`SLACK_API_URL`), the response_url sink, and optionally the
 * Socket Mode WebSocket. It records every call as Slack would receive it (form fields decoded, blocks parsed)
 * and can be told to fail the next calls of a method (429 with Retry-After, a 500, or an API error), to keep
 * failing until told to recover, or to hold the next call of a method without answering it.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackCall {
  /** Web API method ("chat.postMessage") or "response_url". */
  method: string;
  path: string;
  authorization?: string;
  contentType?: string;
  body: Record<string, unknown>;
  at: number;
  /** What the fake answered (absent while held, or when the call failed or was dropped). */
  answer?: Record<string, unknown>;
}

export type Failure = { status: 429; retryAfterSeconds: number } | { status: 500 } | { error: string };

/** A call held without an answer (holdNext): recorded, then answered only on release. */
export interface HeldCall {
  /** Resolves with the call once it arrived (and is being held). */
  arrived: Promise<SlackCall>;
  /** Resolves once the caller went away without an answer (its connection closed). */
  dropped: Promise<void>;
  /** Answers the call normally now (or, if it has not arrived yet, lets it through unheld). */
  release(): void;
}

export interface FakeSlack {
  apiUrl: string;
  /** A response_url that lands here. */
  responseUrl(id: string): string;
  calls: SlackCall[];
  callsOf(method: string): SlackCall[];
  failNext(method: string, failure: Failure, times?: number): void;
  /** Every call of these methods fails this way until `recover()` (which this returns) is called. */
  failUntilRecovered(methods: string[], failure: Failure): () => void;
  /** The next call of `method` is recorded and held unanswered until released (or its caller goes away). */
  holdNext(method: string): HeldCall;
  /** What apps.connections.open hands out (Socket Mode). */
  setSocketUrl(url: string): void;
  /** The zone users.info gives this person (U…); everyone else has DEFAULT_TIME_ZONE, as in a real profile. */
  setTimeZone(userId: string, tz: string): void;
  close(): Promise<void>;
}

export const BOT_USER_ID = "UBOT0001";
/** Every Slack profile has a zone. Not UTC: a time worded in UTC by mistake shows in any test. */
export const DEFAULT_TIME_ZONE = "America/Los_Angeles";

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const failures = new Map<string, Failure[]>();
  const failing = new Map<string, Failure>();
  const holds = new Map<string, Array<{ hold: (call: SlackCall, req: IncomingMessage) => Promise<void> }>>();
  let nextTs = 1_764_000_000_000_100;
  let socketUrl = "";
  const timeZones = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const raw = await read(req);
    const path = req.url ?? "/";
    const method = path.startsWith("/api/")
      ? (path.slice("/api/".length).split("?")[0] ?? "")
      : "response_url";
    const body = decode(req.headers["content-type"], raw);
    const call: SlackCall = {
      method,
      path,
      authorization: req.headers.authorization,
      contentType: req.headers["content-type"],
      body,
      at: Date.now(),
    };
    calls.push(call);
    const hold = holds.get(method)?.shift();
    if (hold) {
      await hold.hold(call, req);
      if (res.destroyed || req.socket.destroyed) return;
    }
    const failure = failures.get(method)?.shift() ?? failing.get(method);
    if (failure && "status" in failure && failure.status === 429) {
      res.writeHead(429, {
        "retry-after": String(failure.retryAfterSeconds),
        "content-type": "application/json",
      });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    if (failure && "status" in failure) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
      return;
    }
    const answer = failure ? { ok: false, error: failure.error } : reply(method, body);
    if (!failure) call.answer = answer;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(answer));
  });

  function holdNext(method: string): HeldCall {
    let arrive: (call: SlackCall) => void = () => undefined;
    let drop: () => void = () => undefined;
    let release: () => void = () => undefined;
    let released = false;
    const arrived = new Promise<SlackCall>((resolve) => {
      arrive = resolve;
    });
    const dropped = new Promise<void>((resolve) => {
      drop = resolve;
    });
    const entry = {
      hold: (call: SlackCall, req: IncomingMessage) =>
        new Promise<void>((resolve) => {
          release = resolve;
          if (released) resolve();
          req.socket.once("close", () => {
            drop();
            resolve();
          });
          arrive(call);
        }),
    };
    holds.set(method, [...(holds.get(method) ?? []), entry]);
    return {
      arrived,
      dropped,
      release: () => {
        released = true;
        const waiting = holds.get(method);
        if (waiting?.includes(entry)) waiting.splice(waiting.indexOf(entry), 1);
        release();
      },
    };
  }

  function reply(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          user_id: BOT_USER_ID,
          bot_id: "BBOT0001",
          team_id: "T0001",
          user: "restore-points",
        };
      case "chat.postMessage":
        nextTs += 100;
        return { ok: true, channel: body.channel, ts: tsOf(nextTs) };
      case "chat.update":
        return { ok: true, channel: body.channel, ts: body.ts };
      case "chat.getPermalink":
        return {
          ok: true,
          channel: body.channel,
          permalink: `https://fake.slack.test/archives/${String(body.channel)}/p${String(body.message_ts).replace(".", "")}`,
        };
      case "apps.connections.open":
        return { ok: true, url: socketUrl };
      case "users.info": {
        const id = String(body.user ?? "");
        return { ok: true, user: { id, tz: timeZones.get(id) ?? DEFAULT_TIME_ZONE } };
      }
      case "views.publish":
        // Slack answers with the view as published; the call itself (user_id, view) is what tests read.
        return { ok: true, view: { ...(body.view as object), id: "V0HOME0001" } };
      default:
        return { ok: true };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    failNext: (method, failure, times = 1) => {
      failures.set(method, [...(failures.get(method) ?? []), ...Array<Failure>(times).fill(failure)]);
    },
    failUntilRecovered: (methods, failure) => {
      for (const method of methods) failing.set(method, failure);
      return () => {
        for (const method of methods) failing.delete(method);
      };
    },
    holdNext,
    setSocketUrl: (url) => {
      socketUrl = url;
    },
    setTimeZone: (userId, tz) => {
      timeZones.set(userId, tz);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function tsOf(micro: number): string {
  const text = String(micro);
  return `${text.slice(0, 10)}.${text.slice(10)}`;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Form fields as Slack's WebClient sends them: objects (blocks) are JSON strings inside the form. */
function decode(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (contentType?.startsWith("application/json")) return JSON.parse(raw || "{}") as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return body;
}
