/**
 * Text for Slack: the neutral messages are plain text, so &, < and > are escaped (Slack reads them as markup)
 * and the bot's user ids ("slack:T…:U…") become mentions people can click.
 */

const USER_ID = /\bslack:T[A-Z0-9]+:([UW][A-Z0-9]+)\b/g;

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

function escapeMarkup(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
