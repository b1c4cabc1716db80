/**
 * Every ARM request gives up after RPBOT_ARM_TIMEOUT_MS and says so: against an endpoint that accepts and
 * never answers, one that sends headers and then stalls in the body, and the simulator with reads frozen; from
 * the SDK clients, from `rpbot check` as a process, and from a chat check (Slack), which answers with the
 * timeout instead of staying on "Looking into it…".
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ArmError } from "../../../src/azure/arm-error.js";
import { createArmGateway } from "../../../src/azure/arm-gateway.js";
import { createArmClients, simulatorConnection } from "../../../src/azure/clients.js";
import { createCertificate, type SimulatorCertificate } from "../../../src/simulator/certificate.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { runCli } from "../../support/run-cli.js";
import { PRODUCTION, startSampleSimulator } from "../../support/sim-fixture.js";
import { shownText } from "../../support/slack-blocks.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";
import { post, slashCommand } from "../../support/slack-requests.js";

/** Accepts TCP connections and never sends a byte: not even the TLS handshake completes. */
interface SilentServer {
  endpoint: string;
  connections: number;
  close(): Promise<void>;
}

async function startSilentServer(): Promise<SilentServer> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    endpoint: `https://127.0.0.1:${port}`,
    get connections() {
      return sockets.length;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers 200 with its headers and the first bytes of a JSON body, then nothing more. */
async function startStallingServer(certificate: SimulatorCertificate): Promise<HttpsServer> {
  const server = createHttpsServer({ cert: certificate.certPem, key: certificate.keyPem }, (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.write('{"value":[');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

function endpointOf(server: HttpsServer): string {
  const address = server.address();
  return `https://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

async function rejection(work: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await work.then(
    () => new Error("expected a failure"),
    (failure: unknown) => failure,
  );
  return { error, ms: performance.now() - started };
}

describe("the ARM clients", () => {
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(() => silent.close());

  it("fail after the timeout, once and not retried, against an endpoint that never answers", async () => {
    const clients = createArmClients({ ...simulatorConnection(silent.endpoint), timeoutMs: 300 });
    const before = silent.connections;
    const { error, ms } = await rejection(clients.listSubscriptions());
    expect(error).toBeInstanceOf(ArmError);
    expect(error).toMatchObject({ kind: "timeout", code: "arm-error" });
    expect((error as ArmError).message).toMatch(
      /^Azure did not answer within 300 ms while listing subscriptions\. .*RPBOT_ARM_TIMEOUT_MS/,
    );
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(3000);
    expect(silent.connections - before).toBe(1);
  });

  it("fail after the timeout when the headers came but the body stalls", async () => {
    const certificate = await createCertificate();
    const server = await startStallingServer(certificate);
    try {
      const connection = simulatorConnection(endpointOf(server), certificate.certPem);
      const clients = createArmClients({ ...connection, timeoutMs: 400 });
      const { error, ms } = await rejection(clients.listSubscriptions());
      expect(error).toMatchObject({ kind: "timeout" });
      expect((error as Error).message).toMatch(
        /^Azure did not answer within 400 ms while listing subscriptions/,
      );
      expect(ms).toBeLessThan(3000);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await certificate.dispose();
    }
  });

  it("keep a caller's own abort a plain abort, not a timeout", async () => {
    const clients = createArmClients({ ...simulatorConnection(silent.endpoint), timeoutMs: 60_000 });
    const controller = new AbortController();
    const ping = clients.ping(controller.signal);
    controller.abort();
    const { error, ms } = await rejection(ping);
    expect(error).not.toMatchObject({ kind: "timeout" });
    expect(ms).toBeLessThan(3000);
  });
});

describe("against the simulator with reads frozen", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSampleSimulator();
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.close());

  it("resolving a VM fails with the timeout, and the held request is let go", async () => {
    const gateway = createArmGateway({
      connection: { ...simulatorConnection(sim.endpoint, sim.caPem), timeoutMs: 300 },
      subscriptionIds: [PRODUCTION],
      nameIndexTtlMs: 60_000,
    });
    sim.faults.freeze("reads");
    const { error, ms } = await rejection(gateway.resolve("vm-web-01"));
    expect(error).toMatchObject({ kind: "timeout" });
    expect((error as Error).message).toMatch(
      new RegExp(`^Azure did not answer within 300 ms while listing the VMs of .*${PRODUCTION}`),
    );
    expect(ms).toBeLessThan(3000);
    // The aborted request closed its connection: the simulator holds nothing for it any more.
    await vi.waitFor(() => expect(sim.faults.settings().held).toBe(0));
    sim.faults.freeze("none");
    expect((await gateway.resolve("vm-web-01")).ok).toBe(true);
  });
});

describe("rpbot check", () => {
  it("exits 1 within the bound, saying Azure did not answer", async () => {
    const silent = await startSilentServer();
    try {
      const started = performance.now();
      const result = await runCli(["check", "vm-web-01", "--json"], {
        RPBOT_ARM: "simulator",
        RPBOT_ARM_ENDPOINT: silent.endpoint,
        RPBOT_ARM_TIMEOUT_MS: "500",
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Azure did not answer within 500 ms while listing subscriptions/);
      expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: "arm-error" } });
      expect(performance.now() - started).toBeLessThan(15_000);
    } finally {
      await silent.close();
    }
  });
});

describe("a chat check", () => {
  let s: SlackBot;
  beforeAll(async () => {
    s = await startSlackBot({ env: { RPBOT_ARM_TIMEOUT_MS: "400" } });
  });
  afterAll(() => s.close());

  it("answers with the timeout instead of staying on Looking into it…", async () => {
    s.bot.runtime.arm.simulator?.faults.freeze("reads");
    const ack = await post(
      s.eventsUrl,
      slashCommand("check vm-web-01", { responseUrl: s.slack.responseUrl("timeout") }),
    );
    expect(ack.status).toBe(200);
    await vi.waitFor(() => expect(s.slack.callsOf("chat.update")).toHaveLength(1), { timeout: 10_000 });
    expect(s.slack.callsOf("chat.postMessage")[0]?.body.text).toBe("Looking into it…");
    expect(shownText(s.slack.callsOf("chat.update")[0])).toMatch(/Azure did not answer within 400 ms while/);
  });
});
