/**
 * A fake ARM at the outer edge for the one answer the simulator never gives: a DELETE accepted (202 with
 * Azure-AsyncOperation on its own origin) whose operation then ends Failed with the given error. It records
 * every request's method and path.
 */
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { loopbackCertificate } from "./loopback-certificate.js";

export interface FakeFailingDelete {
  endpoint: string;
  caPem: string;
  requests: Array<{ method: string; path: string }>;
  close(): Promise<void>;
}

export async function startFakeFailingDelete(error: {
  code: string;
  message: string;
}): Promise<FakeFailingDelete> {
  const pems = await loopbackCertificate("rpbot test failing delete");
  const requests: FakeFailingDelete["requests"] = [];
  let origin = "";
  const server = createServer({ cert: pems.cert, key: pems.private }, (req, res) => {
    const url = new URL(req.url ?? "/", origin);
    requests.push({ method: req.method ?? "", path: url.pathname });
    const subscription = /^\/subscriptions\/([^/]+)/.exec(url.pathname)?.[1] ?? "unknown";
    if (req.method === "DELETE") {
      const operation = `${origin}/subscriptions/${subscription}/providers/Microsoft.Compute/locations/eastus/operations/op-1?api-version=2026-03-01`;
      res.writeHead(202, { "azure-asyncoperation": operation, location: `${operation}&monitor=true` });
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ startTime: new Date().toISOString(), status: "Failed", error, name: "op-1" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: origin,
    caPem: pems.cert,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
