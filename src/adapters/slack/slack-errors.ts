/** What a Slack Web API failure says, told without the request or response around it. */

/** Slack's error code (e.g. "channel_not_found") without anything else from the response. */
export function slackErrorOf(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (typeof data?.error === "string") return data.error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return error instanceof Error ? error.message : String(error);
}
