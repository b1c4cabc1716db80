/**
 * Text for Slack: the neutral messages are plain text, so &, < and > are escaped (Slack reads them as markup)
 * and the bot's user ids ("slack:T…:U…") become mentions people can click. What a person typed is read the
 * other way (readSlackText): Slack's escapes undone, and the user id form broken, so that echoing it can
 * never mention or broadcast; the bot mentions only the ids its dialogs put in a message.
 */

const USER_ID = /\bslack:T[A-Z0-9]+:([UW][A-Z0-9]+)\b/g;

/** An invisible joiner: "slack⁠:T1:U1" reads the same but is no longer the bot's user id form. */
const WORD_JOINER = "\u2060";

export function slackMrkdwn(text: string): string {
  return escapeMarkup(text).replace(USER_ID, "<@$1>");
}

/** Inside a code block Slack still reads &, < and >, but the text must stay exactly as written. */
export function slackCode(text: string): string {
  return escapeMarkup(text);
}

/** Plain text fields (headers, button labels) are not markup: only the user ids are made readable. */
export function slackPlain(text: string): string {
  return text.replace(USER_ID, "@$1");
}

/** &, < and > as Slack wants them in any mrkdwn text: nothing in the result is a mention, link or command. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * What a person typed, from Slack (a slash command's text, a message): Slack sends &, < and > escaped, so they
 * are read back once; and "slack:" gets a word joiner, so the text never carries the bot's user id form.
 */
export function readSlackText(text: string): string {
  return text
    .replace(/&(amp|lt|gt);/g, (_entity, name: string) => ENTITIES[name] ?? "")
    .replace(/slack:/gi, (prefix) => `${prefix.slice(0, -1)}${WORD_JOINER}:`);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">" };

/**
 * Cuts mrkdwn to a Slack limit with an ellipsis, never inside an escape (&amp;) or a surrogate pair, which
 * Slack would show broken.
 */
export function clipMrkdwn(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text
    .slice(0, Math.max(0, limit - 1))
    .replace(/&[a-z]{0,3}$/, "")
    .replace(/[\ud800-\udbff]$/, "");
  return `${cut}…`;
}
