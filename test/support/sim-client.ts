/**
 * The real @azure/arm-compute client pointed at a running simulator: fake credential, the simulator's
 * endpoint, and a per-call policy that makes Node trust the simulator's self-signed certificate in-process.
 */
import { Agent, request as httpsRequest } from "node:https";
import { ComputeManagementClient } from "@azure/arm-compute";
import type { TokenCredential } from "@azure/core-auth";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

/** The compute api-version the pinned @azure/arm-compute (24.1.0) sends, for raw requests in tests. */
export const COMPUTE_API_VERSION = "2026-03-01";
/** The disks api-version of the same SDK. */
export const DISKS_API_VERSION = "2025-01-02";

export interface SimulatorAddress {
  endpoint: string;
  caPem: string;
}

export interface SimClientOptions {
  /** SDK retries of 429/5xx (default: the SDK's 3). 0 makes throttling reach the caller. */
  maxRetries?: number;
}

export const fakeCredential: TokenCredential = {
  getToken: async () => ({ token: "x", expiresOnTimestamp: Date.now() + 3.6e6 }),
};

const agents = new Map<string, Agent>();

/** One keep-alive agent per certificate, so TLS handshakes are not repeated for every request. */
export function agentFor(caPem: string): Agent {
  let agent = agents.get(caPem);
  if (!agent) {
    agent = new Agent({ ca: caPem, keepAlive: true });
    agents.set(caPem, agent);
  }
  return agent;
}

export function trustPolicy(caPem: string): PipelinePolicy {
  const agent = agentFor(caPem);
  return {
    name: "trustSimulatorCertificate",
    sendRequest: (request, next) => {
      request.agent = agent;
      return next(request);
    },
  };
}

export function simClient(
  sim: SimulatorAddress,
  subscriptionId: string,
  options: SimClientOptions = {},
): ComputeManagementClient {
  return new ComputeManagementClient(fakeCredential, subscriptionId, {
    endpoint: sim.endpoint,
    additionalPolicies: [{ policy: trustPolicy(sim.caPem), position: "perCall" }],
    retryOptions: options.maxRetries === undefined ? undefined : { maxRetries: options.maxRetries },
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A plain HTTPS call, for what the SDK does not cover (subscriptions) or hides (headers, missing token). */
export function rawRequest(
  sim: SimulatorAddress,
  method: string,
  pathAndQuery: string,
  options: { headers?: Record<string, string>; body?: unknown; withoutToken?: boolean } = {},
): Promise<RawResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    ...(options.withoutToken ? {} : { authorization: "Bearer test" }),
    ...options.headers,
  };
  if (payload !== undefined) headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      new URL(pathAndQuery, sim.endpoint),
      { method, headers, agent: agentFor(sim.caPem) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? (JSON.parse(text) as unknown) : undefined,
          });
        });
      },
    );
    request.on("error", reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

/** Drains an SDK paged iterator. */
export async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}
