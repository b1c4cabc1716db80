/**
 * A TCP proxy between a process under test and a server (PostgreSQL), which the test can cut and restore:
 * cutting drops the pipes open now and holds new connections silent (as a network partition does), restoring
 * lets new connections through again and fails those held meanwhile.
 */
import { connect, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** The target's URL with host and port swapped for the proxy's (pathname and credentials kept). */
  urlThrough(url: string): string;
  cut(): void;
  restore(): void;
  /** Connections piped to the target right now. */
  openPipes(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let isCut = false;
  const pipes = new Set<Socket>();
  const held = new Set<Socket>();
  const track = (set: Set<Socket>, socket: Socket) => {
    set.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => set.delete(socket));
  };
  const server: Server = createServer((client) => {
    if (isCut) return track(held, client);
    const upstream = connect(target.port, target.host);
    track(pipes, client);
    track(pipes, upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    urlThrough: (url) => {
      const through = new URL(url);
      through.hostname = "127.0.0.1";
      through.port = String(port);
      return through.toString();
    },
    cut: () => {
      isCut = true;
      for (const socket of pipes) socket.destroy();
    },
    restore: () => {
      isCut = false;
      for (const socket of held) socket.destroy();
    },
    openPipes: () => pipes.size / 2,
    close: async () => {
      for (const socket of [...pipes, ...held]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
