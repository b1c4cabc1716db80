/**
 * The pipeline policies every ARM client of the bot carries besides the SDK's own (clients.ts places them): the
 * Retry-After cap, ARM's error message kept for paging errors, and trust in the simulator's certificate.
 */
import { Agent } from "node:https";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { ARM_MESSAGE_HEADER, ORIGINAL_RETRY_AFTER_HEADER } from "./arm-error.js";

/** Longest Retry-After the SDK may sleep through; a longer one reaches the caller as a 429 instead. */
export const MAX_RETRY_AFTER_MS = 20_000;
const RETRY_AFTER_HEADERS = ["retry-after", "retry-after-ms", "x-ms-retry-after-ms"];

/**
 * The SDK's retry policy sleeps through any Retry-After, however long: a throttled restore point PUT
 * (Retry-After in hours) would hang a chat request. Past the cap, hide the header from the retry policy and
 * keep it under our own name so the error can still say when to try again.
 */
export function capRetryAfterPolicy(maxWaitMs: number): PipelinePolicy {
  return {
    name: "rpbotCapRetryAfter",
    sendRequest: async (request, next) => {
      const response = await next(request);
      if (response.status !== 429 && response.status !== 503) return response;
      const seconds = Number(response.headers.get("retry-after"));
      if (Number.isFinite(seconds) && seconds * 1000 > maxWaitMs) {
        response.headers.set(ORIGINAL_RETRY_AFTER_HEADER, String(seconds));
        for (const header of RETRY_AFTER_HEADERS) response.headers.delete(header);
      }
      return response;
    },
  };
}

/**
 * The SDK's paging helpers throw "Pagination failed with unexpected statusCode 403" and drop ARM's own message
 * (which says, say, which action the identity lacks). Keep that message under our own header, which the error
 * keeps, so toArmError can tell it.
 */
export function keepArmMessagePolicy(): PipelinePolicy {
  return {
    name: "rpbotKeepArmMessage",
    sendRequest: async (request, next) => {
      const response = await next(request);
      if (response.status >= 400 && response.bodyAsText) {
        const message = armMessageOf(response.bodyAsText);
        if (message) response.headers.set(ARM_MESSAGE_HEADER, encodeURIComponent(message));
      }
      return response;
    },
  };
}

function armMessageOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    const message = parsed.error?.message;
    return typeof message === "string" && message.length > 0 ? message.slice(0, 1000) : undefined;
  } catch {
    return undefined;
  }
}

/** Lets the client trust the simulator's self-signed certificate without touching the process's trust store. */
export function trustPolicy(caPem: string): PipelinePolicy {
  const agent = new Agent({ ca: caPem, keepAlive: true });
  return {
    name: "rpbotTrustSimulatorCertificate",
    sendRequest: (request, next) => {
      request.agent = agent;
      return next(request);
    },
  };
}
