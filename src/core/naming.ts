/**
 * Names of what the bot creates. Restore point collections and restore points follow ARM's rule for
 * Compute resources: 1-80 characters, letters, digits, underscores, periods and hyphens, starting with
 * a letter or digit and ending with a letter, digit or underscore.
 */
import type { ConsistencyMode } from "./facts.js";

const MAX_NAME_LENGTH = 80;
const NOT_ALLOWED = /[^a-z0-9_.-]+/g;
const REPEATED_HYPHENS = /-{2,}/g;
const BAD_ENDING = /[.-]+$/;

/** `rpc-<vm name>`, lower case, with every character ARM refuses replaced by a hyphen. */
export function collectionNameFor(vmName: string): string {
  const cleaned = `rpc-${vmName.toLowerCase()}`.replace(NOT_ALLOWED, "-").replace(REPEATED_HYPHENS, "-");
  const trimmed = cleaned.slice(0, MAX_NAME_LENGTH).replace(BAD_ENDING, "");
  return trimmed === "rpc" ? "rpc-vm" : trimmed;
}

const MODE_SHORT: Readonly<Record<ConsistencyMode, string>> = {
  ApplicationConsistent: "app",
  CrashConsistent: "crash",
};

/** `rp-app-20261125-143005`: mode and UTC time, so names sort by time and say what they hold. */
export function restorePointNameFor(mode: ConsistencyMode, now: Date): string {
  const iso = now.toISOString(); // 2026-11-25T14:30:05.123Z
  const date = iso.slice(0, 10).replaceAll("-", "");
  const time = iso.slice(11, 19).replaceAll(":", "");
  return `rp-${MODE_SHORT[mode]}-${date}-${time}`;
}
