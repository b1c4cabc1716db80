/**
 * Masks secrets inside free text: a URL's credentials, a bearer token, Slack tokens and the key=value secrets of
 * connection strings. Belt and braces behind the rule that secrets are never put in messages at all: an SDK's
 * error text or a failing part's reason can still carry one.
 */
const MASK = "***";

const SECRET_KEYS = [
  "password",
  "pwd",
  "secret",
  "client_secret",
  "token",
  "access_token",
  "refresh_token",
  "key",
  "accountkey",
  "sharedaccesskey",
  "instrumentationkey",
  "sig",
];
const KEY_VALUE = new RegExp(`\\b(${SECRET_KEYS.join("|")})=[^\\s&;,"']+`, "gi");

export function maskSecrets(text: string): string {
  return (
    text
      // scheme://user:password@host (or a token in place of the user)
      .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, `$1${MASK}@`)
      .replace(/\bbearer\s+[^\s,;"']+/gi, `Bearer ${MASK}`)
      // Slack bot, user and app tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xapp-)
      .replace(/\b(xox[abprs]|xapp)-[A-Za-z0-9-]+/g, `$1-${MASK}`)
      .replace(KEY_VALUE, `$1=${MASK}`)
  );
}
