/**
 * The DATABASE_URL the template writes to Key Vault, driven through the bot's own driver: node-postgres asks
 * for TLS before it says anything, refuses a server whose certificate it cannot verify, and, once the
 * certificate is trusted, logs in with the login, password and database the template encoded into the URL.
 * The server is a small fake that speaks just enough of the PostgreSQL protocol to record what it is sent.
 */

import { X509Certificate } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { rootCertificates, TLSSocket } from "node:tls";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { createCertificate, type SimulatorCertificate } from "../../../src/simulator/certificate.js";
import { evaluateValue } from "./arm-evaluate.js";
import { deployedReference, EVERYTHING_ON, mainScope, readTemplate } from "./arm-template.js";

const PASSWORD = String(EVERYTHING_ON.postgresAdminPassword);

/** The database-url secret's value for these parameters, the server's name resolved to `host`. */
function databaseUrl(host: string, given: Record<string, unknown> = EVERYTHING_ON): string {
  const template = readTemplate();
  const reference = (id: string) =>
    id.includes("/flexibleServers/") ? { fullyQualifiedDomainName: host } : deployedReference(id);
  const scope = mainScope(template, given, { reference });
  const secret = template.resources.find(
    (resource) =>
      resource.type === "Microsoft.KeyVault/vaults/secrets" &&
      String(resource.name).includes("'database-url'"),
  );
  return String(evaluateValue(secret?.properties?.value, scope.arm));
}

interface Seen {
  tlsRequestedFirst: boolean;
  startup?: Record<string, string>;
  password?: string;
}

/** Accepts one TLS upgrade, reads the startup message, asks for a cleartext password and records it. */
function fakePostgres(certificate: SimulatorCertificate) {
  const seen: Seen[] = [];
  const server: Server = createServer((socket: Socket) => {
    socket.once("data", (first) => {
      const entry: Seen = { tlsRequestedFirst: first.length === 8 && first.readInt32BE(4) === 80877103 };
      seen.push(entry);
      if (!entry.tlsRequestedFirst) return void socket.destroy();
      socket.write("S");
      const secure = new TLSSocket(socket, {
        isServer: true,
        cert: certificate.certPem,
        key: certificate.keyPem,
      });
      secure.on("error", () => secure.destroy());
      secure.once("data", (startup: Buffer) => {
        const fields = startup.subarray(8).toString("utf8").split("\u0000");
        entry.startup = Object.fromEntries(
          fields.flatMap((field, at) => (at % 2 === 0 && field ? [[field, fields[at + 1] ?? ""]] : [])),
        );
        const cleartextPassword = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
        secure.write(cleartextPassword);
        secure.once("data", (message: Buffer) => {
          entry.password = message.subarray(5, message.length - 1).toString("utf8");
          secure.destroy();
        });
      });
    });
  });
  return { server, seen };
}

describe("the DATABASE_URL the template writes", () => {
  let certificate: SimulatorCertificate;
  let fake: ReturnType<typeof fakePostgres>;
  let port: number;

  beforeAll(async () => {
    certificate = await createCertificate();
    fake = fakePostgres(certificate);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    port = (fake.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => fake.server.close(resolve));
    await certificate.dispose();
  });

  /** The template's URL against the fake server: same everything, the port moved to the fake's. */
  const urlToFake = (extra = "") => {
    const url = new URL(databaseUrl("localhost"));
    url.port = String(port);
    return `${url.href}${extra}`;
  };

  async function connect(url: string): Promise<Error> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client.on("error", () => undefined);
    const error = await client.connect().then(
      () => new Error("connected"),
      (failure: Error) => failure,
    );
    await client.end().catch(() => undefined);
    return error;
  }

  it("is a postgres: URL the bot accepts, verifying the server (sslmode=verify-full)", () => {
    const url = databaseUrl("rpbot-test-pg.postgres.database.azure.com");
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(new URL(url).searchParams.get("sslmode")).toBe("verify-full");
    expect(new URL(url).port).toBe("5432");
  });

  it("asks for TLS first and refuses a server whose certificate is not trusted", async () => {
    const error = await connect(urlToFake());
    expect(error.message).toMatch(/self[- ]signed certificate/i);
    expect(fake.seen.at(-1)).toEqual({ tlsRequestedFirst: true });
  });

  it("logs in over TLS with the login, password and database encoded in it, once the certificate is trusted", async () => {
    await connect(urlToFake(`&sslrootcert=${encodeURIComponent(certificate.caFile)}`));
    expect(fake.seen.at(-1)).toMatchObject({
      tlsRequestedFirst: true,
      startup: { user: "rpbotadmin", database: "rpbot" },
      password: PASSWORD,
    });
  });

  it("needs no certificate file on App Service: Node trusts the roots Azure's PostgreSQL certificates chain to", () => {
    const subjects = rootCertificates.map((pem) => new X509Certificate(pem).subject);
    expect(subjects.some((subject) => subject.includes("CN=DigiCert Global Root G2"))).toBe(true);
    expect(
      subjects.some((subject) => subject.includes("CN=Microsoft RSA Root Certificate Authority 2017")),
    ).toBe(true);
  });

  it("uses the sslmode node-postgres keeps verifying (require warns that it will stop in pg 9)", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    try {
      const parse = (url: string) =>
        (new pg.Client({ connectionString: url }) as unknown as { connectionParameters: { ssl: unknown } })
          .connectionParameters.ssl;
      expect(parse(databaseUrl("db.example"))).toEqual({});
      expect(warn).not.toHaveBeenCalled();
      parse(databaseUrl("db.example").replace("sslmode=verify-full", "sslmode=require"));
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/'require'.*aliases for 'verify-full'/s);
    } finally {
      warn.mockRestore();
    }
  });
});
