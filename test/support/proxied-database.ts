/**
 * A throwaway PostgreSQL database reached through a TCP proxy that tests can cut and restore: the database that
 * "goes away" of the outage tests. `drop()` closes the proxy and drops the database.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";
import { testDatabaseUrl } from "./test-database.js";

export interface ProxiedDatabase {
  proxy: TcpProxy;
  /** The database's own URL, not through the proxy. */
  directUrl: string;
  /** The same database through the proxy. */
  proxiedUrl: string;
  drop(): Promise<void>;
}

export async function createProxiedDatabase(prefix: string): Promise<ProxiedDatabase> {
  const database = `${prefix}_${randomBytes(4).toString("hex")}`;
  await asAdmin((client) => client.query(`CREATE DATABASE ${database}`));
  const server = new URL(testDatabaseUrl());
  const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const direct = new URL(testDatabaseUrl());
  direct.pathname = `/${database}`;
  return {
    proxy,
    directUrl: direct.toString(),
    proxiedUrl: proxy.urlThrough(direct.toString()),
    drop: async () => {
      proxy.restore();
      await proxy.close();
      await asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    },
  };
}

async function asAdmin(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
