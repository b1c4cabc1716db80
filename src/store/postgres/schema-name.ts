/**
 * A dedicated schema (tests use one each; several bots can share a database) is the one identifier that
 * reaches SQL text rather than a parameter, so only plain lower-case names are accepted, and then quoted.
 */

import { StoreError } from "../store-error.js";

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** PostgreSQL truncates longer identifiers silently, which would make two names collide. */
const MAX_IDENTIFIER_LENGTH = 63;

export function checkedSchemaName(name: string): string {
  if (!PLAIN_IDENTIFIER.test(name) || name.length > MAX_IDENTIFIER_LENGTH) {
    throw new StoreError(
      `The PostgreSQL schema name "${name}" is not allowed: use lower-case letters, digits and _ (at most 63), not starting with a digit.`,
    );
  }
  return name;
}

export function quotedIdentifier(checkedName: string): string {
  return `"${checkedName}"`;
}
