/**
 * The shape Bolt takes for granted before any listener runs: it reads `user.id` of every interactivity payload
 * and treats `event` and `actions` as an object and a list. A signed body without them (Slack never sends
 * one) is refused here with its reason, rather than failing inside Bolt as an HTTP 500. Pure.
 */

/** Interactivity payloads Bolt reads `user.id` of. */
const WITH_USER = new Set([
  "block_actions",
  "interactive_message",
  "block_suggestion",
  "view_submission",
  "view_closed",
  "shortcut",
  "message_action",
  "dialog_submission",
]);

/** Why Bolt could not take this body, or undefined when it can. */
export function payloadProblem(body: Record<string, unknown>): string | undefined {
  // Bolt's own order: an event, then a command, then the interactivity payloads.
  if (body.event !== undefined) return eventProblem(body.event);
  if (body.command !== undefined) return undefined;
  const { actions } = body;
  if (actions !== undefined && !(Array.isArray(actions) && actions.every(isObject))) {
    return "the actions are not a list of objects";
  }
  const type = typeof body.type === "string" ? body.type : "";
  const needsUser = WITH_USER.has(type) || actions !== undefined || body.name !== undefined;
  if (needsUser && !hasUserId(body.user)) {
    return `the ${type || "interactivity"} payload does not say who acted (no user)`;
  }
  if (type.startsWith("view_") && !isObject(body.view)) return `the ${type} payload has no view`;
  return undefined;
}

/** Bolt looks into an event's channel, item and subteam with `in`, which throws on anything but an object. */
function eventProblem(event: unknown): string | undefined {
  if (!isObject(event)) return "the event is not an object";
  const { channel, item, subteam } = event;
  if (channel !== undefined && typeof channel !== "string" && !isObject(channel)) {
    return "the event's channel is neither an id nor an object";
  }
  if (item !== undefined && !isObject(item)) return "the event's item is not an object";
  if (subteam !== undefined && !isObject(subteam)) return "the event's subteam is not an object";
  return undefined;
}

function hasUserId(user: unknown): boolean {
  return isObject(user) && typeof user.id === "string" && user.id.length > 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
