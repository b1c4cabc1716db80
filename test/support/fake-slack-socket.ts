/**
 * A local fake of Slack's Socket Mode endpoint: the URL apps.connections.open hands out. It greets with
 * `hello`, sends envelopes as Slack does ({envelope_id, type, payload, accepts_response_payload}) and records
 * the acknowledgements the app sends back.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export interface FakeSlackSocket {
  url: string;
  connected(): Promise<void>;
  /** Sends one envelope and resolves with the app's acknowledgement of it. */
  send(type: "slash_commands" | "events_api" | "interactive", payload: unknown): Promise<SocketAck>;
  close(): Promise<void>;
}

export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const waiting = new Map<string, (ack: SocketAck) => void>();
  let socket: WebSocket | undefined;
  let onConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => {
    onConnected = resolve;
  });
  server.on("connection", (ws) => {
    socket = ws;
    ws.on("message", (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      waiting.get(ack.envelope_id)?.(ack);
      waiting.delete(ack.envelope_id);
    });
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0001" } }));
    onConnected();
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=test`,
    connected: () => connected,
    send: (type, payload) =>
      new Promise<SocketAck>((resolve, reject) => {
        if (!socket) return reject(new Error("the app has not connected"));
        const envelopeId = randomUUID();
        waiting.set(envelopeId, resolve);
        socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== "events_api",
          }),
        );
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
