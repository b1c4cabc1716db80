/**
 * A local fake of Application Insights' ingestion endpoint: HTTPS (the exporter turns an http:// endpoint
 * into https://), with its own certificate to trust through NODE_EXTRA_CA_CERTS. It accepts whatever is
 * POSTed to /v2.1/track, decoding the body by its Content-Encoding (gzip or none), and records the envelopes.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { loopbackCertificate } from "./loopback-certificate.js";

export interface Envelope {
  name: string;
  iKey?: string;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
}

export interface FakeIngestion {
  /** The connection string that sends everything here. */
  connectionString: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  instrumentationKey: string;
  envelopes: Envelope[];
  /** Every request, path and content encoding, for what is not an envelope. */
  requests: Array<{ method: string; path: string; encoding?: string }>;
  close(): Promise<void>;
}

export const INSTRUMENTATION_KEY = "11111111-2222-3333-4444-555555555555";

export async function startFakeIngestion(): Promise<FakeIngestion> {
  const certificate = await ingestionCertificate();
  const envelopes: Envelope[] = [];
  const requests: FakeIngestion["requests"] = [];
  const server = createServer({ cert: certificate.certPem, key: certificate.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const encoding = req.headers["content-encoding"];
      const path = new URL(req.url ?? "/", "https://ingestion").pathname;
      requests.push({ method: req.method ?? "", path, ...(encoding ? { encoding } : {}) });
      let received = 0;
      if (req.method === "POST" && path === "/v2.1/track") {
        const raw = Buffer.concat(chunks);
        const body = encoding === "gzip" ? gunzipSync(raw) : raw;
        const items = JSON.parse(body.toString("utf8")) as Envelope[];
        envelopes.push(...items);
        received = items.length;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ itemsReceived: received, itemsAccepted: received, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    connectionString: `InstrumentationKey=${INSTRUMENTATION_KEY};IngestionEndpoint=https://127.0.0.1:${port}/`,
    caFile: certificate.caFile,
    instrumentationKey: INSTRUMENTATION_KEY,
    envelopes,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await certificate.dispose();
    },
  };
}

/** Its own subject: not the simulator's (loopback-certificate.ts says why). */
async function ingestionCertificate() {
  const pems = await loopbackCertificate("rpbot test ingestion");
  const directory = await mkdtemp(join(tmpdir(), "rpbot-ingestion-"));
  const caFile = join(directory, "ca.pem");
  await writeFile(caFile, pems.cert);
  return {
    certPem: pems.cert,
    keyPem: pems.private,
    caFile,
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}
