/**
 * Microsoft.Resources subscriptions, which @azure/arm-compute does not cover: the list the identity can see
 * (`GET /subscriptions`, every page) and one subscription by id (`GET /subscriptions/{id}`), each with the
 * display name people know it by ("Contoso Production").
 */
import { createPipelineRequest, type HttpClient, type Pipeline } from "@azure/core-rest-pipeline";
import { toArmError } from "./arm-error.js";

export const SUBSCRIPTIONS_API_VERSION = "2022-12-01";

export interface SubscriptionSummary {
  /** As ARM returns it: a lower-case GUID. */
  subscriptionId: string;
  displayName?: string;
}

export interface SubscriptionTransport {
  endpoint: string;
  pipeline: Pipeline;
  httpClient: HttpClient;
}

interface SubscriptionBody {
  subscriptionId?: string;
  displayName?: string;
  state?: string;
}

interface SubscriptionPage {
  value?: SubscriptionBody[];
  nextLink?: string;
}

/** The enabled subscriptions the identity can list. */
export async function listSubscriptions(transport: SubscriptionTransport): Promise<SubscriptionSummary[]> {
  const found: SubscriptionSummary[] = [];
  let url: string | undefined =
    `${transport.endpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`;
  try {
    while (url) {
      const page = JSON.parse(await read(transport, url, "listing subscriptions")) as SubscriptionPage;
      for (const body of page.value ?? []) {
        const summary = summaryOf(body);
        if (summary && (body.state ?? "Enabled") === "Enabled") found.push(summary);
      }
      url = page.nextLink;
    }
  } catch (error) {
    throw toArmError(error, "listing subscriptions");
  }
  return found;
}

/** One subscription (a configured one, whose name the list would cost a whole listing to find). */
export async function getSubscription(
  transport: SubscriptionTransport,
  subscriptionId: string,
): Promise<SubscriptionSummary | undefined> {
  const url = `${transport.endpoint}/subscriptions/${encodeURIComponent(subscriptionId)}?api-version=${SUBSCRIPTIONS_API_VERSION}`;
  try {
    return summaryOf(JSON.parse(await read(transport, url, "reading a subscription")) as SubscriptionBody);
  } catch (error) {
    throw toArmError(error, `reading subscription ${subscriptionId}`);
  }
}

async function read(transport: SubscriptionTransport, url: string, what: string): Promise<string> {
  const request = createPipelineRequest({ url, method: "GET" });
  const response = await transport.pipeline.sendRequest(transport.httpClient, request);
  if (response.status !== 200) {
    throw Object.assign(new Error(`${what} answered ${response.status}`), { statusCode: response.status });
  }
  return response.bodyAsText ?? "{}";
}

function summaryOf(body: SubscriptionBody): SubscriptionSummary | undefined {
  if (typeof body.subscriptionId !== "string" || !body.subscriptionId) return undefined;
  const displayName = typeof body.displayName === "string" ? body.displayName.trim() : "";
  return displayName
    ? { subscriptionId: body.subscriptionId, displayName }
    : { subscriptionId: body.subscriptionId };
}
