/** GUIDs: deterministic ones for fleets (same input, same id), random ones for things created at run time. */
import { createHash, randomUUID } from "node:crypto";

/** A GUID-shaped value derived from `seed`: stable across runs, so fleets and tests are reproducible. */
export function stableGuid(seed: string): string {
  const hex = createHash("sha1").update(seed).digest("hex");
  return formatGuid(hex);
}

export function randomGuid(): string {
  return randomUUID();
}

function formatGuid(hex: string): string {
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}
