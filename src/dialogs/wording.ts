/** Shared wording of the dialogs: modes, disks left out, lists cut short. */
import type { ConsistencyMode } from "../core/facts.js";
import type { RuleCode } from "../core/rule-codes.js";

export const MODE_TITLE: Record<ConsistencyMode, string> = {
  ApplicationConsistent: "Application-consistent",
  CrashConsistent: "Crash-consistent",
};

export const MODE_SHORT: Record<ConsistencyMode, string> = {
  ApplicationConsistent: "app",
  CrashConsistent: "crash",
};

const EXCLUSION_REASONS: Partial<Record<RuleCode, string>> = {
  "ephemeral-os-disk": "ephemeral OS disks are not captured by restore points",
  "shared-disk": "shared disks (maxShares > 1) are not supported",
  "ultra-disk": "Ultra disks are captured only by application-consistent restore points",
  "premium-v2-disk": "Premium SSD v2 disks are captured only by application-consistent restore points",
};

export function exclusionReason(rule: RuleCode): string {
  return EXCLUSION_REASONS[rule] ?? rule;
}

/** "a, b, c and 7 more": long lists stay readable in every chat client. */
export function cutList(items: readonly string[], max: number): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/** Cuts text to a platform's limit with an ellipsis (chat platforms refuse over-long texts instead of cutting). */
export function clipText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** The last segment of an ARM id, for short display. */
export function shortName(id: string): string {
  return id.split("/").pop() || id;
}
