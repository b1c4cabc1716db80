/**
 * maxConnections: past the cap the server closes new connections as they arrive, without a byte, and the
 * connections it holds keep being served; once some close, new ones are served again.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningHttpServer, startHttpServer } from "../../../src/adapters/http/http-server.js";
import { silentLogger } from "../../../src/logger.js";

const CAP = 5;
const REQUEST = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

interface Client {
  socket: Socket;
  /** The next chunk the server sends. */
  nextAnswer(): Promise<string>;
  /** Everything the server sent, once the connection is closed. */
  closed: Promise<string>;
}

function open(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    socket.setEncoding("utf8");
    let received = "";
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.on("error", () => undefined);
    const closed = new Promise<string>((done) => socket.on("close", () => done(received)));
    const nextAnswer = () =>
      new Promise<string>((done) => socket.once("data", (chunk: string) => done(chunk)));
    socket.once("connect", () => resolve({ socket, nextAnswer, closed }));
    socket.once("error", reject);
  });
}

/** A keep-alive connection that has had one answer: the server surely counts it. */
async function held(port: number): Promise<Client> {
  const client = await open(port);
  const answer = client.nextAnswer();
  client.socket.write(REQUEST);
  expect(await answer).toMatch(/^HTTP\/1.1 200/);
  return client;
}

let server: RunningHttpServer;
beforeAll(async () => {
  server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    routes: [],
    log: silentLogger,
    maxConnections: CAP,
  });
});
afterAll(() => server.close());

describe("the connection cap", () => {
  it("refuses connections beyond it, serves the ones it holds, and serves new ones once some close", async () => {
    const clients: Client[] = [];
    for (let i = 0; i < CAP; i++) clients.push(await held(server.port));

    const refused = await open(server.port);
    refused.socket.write(REQUEST);
    expect(await refused.closed).toBe("");

    // The connections it holds are still served.
    const answer = clients[0]?.nextAnswer();
    clients[0]?.socket.write(REQUEST);
    expect(await answer).toMatch(/^HTTP\/1.1 200/);

    for (const client of clients.splice(0, 2)) client.socket.destroy();
    await vi.waitFor(async () => {
      const client = await open(server.port);
      const answered = client.nextAnswer();
      client.socket.write(REQUEST);
      const outcome = await Promise.race([answered, client.closed.then(() => "closed")]);
      clients.push(client);
      expect(outcome).toMatch(/^HTTP\/1.1 200/);
    });
    for (const client of clients) client.socket.destroy();
  });
});
