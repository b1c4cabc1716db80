/**
 * The HTTP server against slow and greedy clients (http-server.ts): 1,000 slowloris connections that trickle
 * their headers one byte at a time are closed by the server (408) once the headers timeout passes, while
 * /healthz and /readyz keep answering; a body that trickles is cut at the request timeout; a keep-alive
 * connection may sit idle between requests; oversized bodies are refused at once. Timing is observed through
 * socket events, never by sleeping.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Readiness } from "../../../src/adapters/http/health.js";
import { type RunningHttpServer, startHttpServer } from "../../../src/adapters/http/http-server.js";
import { silentLogger } from "../../../src/logger.js";

const TIMEOUT_MS = 3000;
const SLOWLORIS = 1000;

interface SlowClient {
  socket: Socket;
  /** Resolves with what the server sent, once the server closed the connection. */
  closed: Promise<string>;
  isOpen(): boolean;
}

/** A connection that sends `prefix` and then one more byte of `trickle` whenever asked. */
function slowClient(port: number, prefix: string): Promise<SlowClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let open = true;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.on("error", () => undefined);
    const closed = new Promise<string>((done) =>
      socket.on("close", () => {
        open = false;
        done(received);
      }),
    );
    socket.once("connect", () => {
      socket.write(prefix);
      resolve({ socket, closed, isOpen: () => open });
    });
    socket.once("error", reject);
  });
}

/** One interval for every client: each gets one more byte per tick while it is open. */
function trickle(clients: SlowClient[], byte: string): () => void {
  const timer = setInterval(() => {
    for (const client of clients) if (client.isOpen() && client.socket.writable) client.socket.write(byte);
  }, 100);
  return () => clearInterval(timer);
}

let server: RunningHttpServer;
let port: number;
beforeAll(async () => {
  server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    routes: [
      { method: "POST", path: "/echo", handle: async (req) => ({ status: 200, body: req.rawBody.length }) },
    ],
    log: silentLogger,
    readiness: new Readiness({ probes: [{ name: "store", check: async () => ({ ok: true }) }] }),
    maxConnections: SLOWLORIS + 100,
    maxBodyBytes: 1024,
    timeouts: { headersTimeoutMs: TIMEOUT_MS, requestTimeoutMs: TIMEOUT_MS, keepAliveTimeoutMs: 10_000 },
  });
  port = server.port;
});
afterAll(() => server.close());

describe("slowloris", () => {
  it("closes 1,000 connections trickling their headers, answering /healthz and /readyz meanwhile", async () => {
    const started = performance.now();
    const clients = await Promise.all(
      Array.from({ length: SLOWLORIS }, () =>
        slowClient(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "),
      ),
    );
    const stop = trickle(clients, "a");
    try {
      const [health, ready] = await Promise.all([
        fetch(`${server.url}/healthz`),
        fetch(`${server.url}/readyz`),
      ]);
      const openWhenAnswered = clients.filter((client) => client.isOpen()).length;
      expect([health.status, ready.status]).toEqual([200, 200]);
      expect(await ready.json()).toEqual({ ok: true, checks: { store: "ok" } });
      expect(openWhenAnswered).toBe(SLOWLORIS);

      const received = await Promise.all(clients.map((client) => client.closed));
      const elapsed = performance.now() - started;
      // Closed by the server, each with Node's 408, none of them by this test.
      expect(received.filter((text) => text.startsWith("HTTP/1.1 408"))).toHaveLength(SLOWLORIS);
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 4000);
    } finally {
      stop();
      for (const client of clients) client.socket.destroy();
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("cuts a body that trickles once the request timeout passes", async () => {
    const head = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\n";
    const clients = await Promise.all(Array.from({ length: 50 }, () => slowClient(port, head)));
    const stop = trickle(clients, "b");
    try {
      const received = await Promise.all(clients.map((client) => client.closed));
      expect(received.every((text) => text.startsWith("HTTP/1.1 408"))).toBe(true);
    } finally {
      stop();
    }
  });
});

describe("well-behaved and oversized requests", () => {
  it("keeps an idle keep-alive connection past the headers timeout and answers its next request", async () => {
    const client = await slowClient(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const answers: string[] = [];
    const answered = () =>
      new Promise<void>((resolve) =>
        client.socket.once("data", (chunk: string) => resolve(void answers.push(chunk))),
      );
    await answered();
    // Idle until a slowloris that started now has been cut by the headers timeout.
    const witness = await slowClient(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    expect(await witness.closed).toMatch(/^HTTP\/1.1 408/);
    expect(client.isOpen()).toBe(true);
    client.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    await answered();
    expect(answers.map((text) => text.split("\r\n")[0])).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"]);
    client.socket.destroy();
  });

  it("refuses a body over the cap, declared or not, without reading it all", async () => {
    const declared = await fetch(`${server.url}/echo`, { method: "POST", body: "x".repeat(2048) });
    expect(declared.status).toBe(413);
    const chunked = await fetch(`${server.url}/echo`, {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("y".repeat(2048)));
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const small = await fetch(`${server.url}/echo`, { method: "POST", body: "hello" });
    expect(await small.json()).toBe(5);
  });
});
