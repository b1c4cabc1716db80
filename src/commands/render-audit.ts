/** The readable `rpbot audit`: one line per entry, columns aligned, times in UTC. */
import type { AuditEntry } from "../store/store.port.js";

/** Long detail values are cut so an entry stays on one line; `--json` keeps them whole. */
const MAX_VALUE_LENGTH = 60;

export function renderAuditText(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) => [
    formatTime(entry.at),
    printable(entry.actor),
    printable(entry.action),
    printable(shortTarget(entry.target)),
    printable(entry.outcome),
    printable(renderDetails(entry.details)),
  ]);
  const widths = rows.reduce(
    (max, row) => row.map((cell, index) => Math.max(cell.length, max[index] ?? 0)),
    [] as number[],
  );
  return rows
    .map((row) =>
      row
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** One JSON object per line, with the time as ISO-8601, for scripts. */
export function renderAuditJsonLines(entries: readonly AuditEntry[]): string {
  return entries.map((entry) => JSON.stringify({ ...entry, at: entry.at.toISOString() })).join("\n");
}

/** "2026-11-25T10:15:03Z": UTC to the second, and accepted back by --since. */
export function formatTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

/** "rg-prod/vm-web-01" for an ARM id ("rg/scaleSet/3" for a scale-set instance); anything else as it is. */
export function shortTarget(target: string): string {
  const match = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/[^/]+\/(.+)$/i.exec(target);
  if (!match?.[1] || !match[2]) return target;
  const names = match[2].split("/").filter((_, index) => index % 2 === 1);
  return [match[1], ...names].join("/");
}

function renderDetails(details: Record<string, unknown> | undefined): string {
  if (!details) return "";
  return Object.entries(details)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${truncate(renderValue(value))}`)
    .join(" ");
}

function renderValue(value: unknown): string {
  if (typeof value === "string") return value === "" || /\s/.test(value) ? JSON.stringify(value) : value;
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}

function truncate(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/**
 * Actors, targets and details can carry text typed by chat users; control characters and bidirectional
 * overrides are replaced so an entry cannot move the cursor, recolour or reorder the operator's terminal.
 */
function printable(text: string): string {
  return Array.from(text, (char) => (isUnsafe(char.codePointAt(0) ?? 0) ? "?" : char)).join("");
}

function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code < 0xa0) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}
