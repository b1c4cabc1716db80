/** Shared wording of the dialogs: modes, disks left out, counts, lists cut short. */
import type { ConsistencyMode } from "../core/facts.js";
import type { RuleCode } from "../core/rule-codes.js";

export const MODE_TITLE: Record<ConsistencyMode, string> = {
  ApplicationConsistent: "Application-consistent",
  CrashConsistent: "Crash-consistent",
};

/** ARM's consistencyMode of a restore point, in the words above; a value not known here is shown as ARM says it. */
export function pointModeWording(mode: string | undefined): string {
  if (mode === undefined) return "mode unknown";
  if (mode === "FileSystemConsistent") return "File-system-consistent";
  return MODE_TITLE[mode as ConsistencyMode] ?? mode;
}

const POINT_STATE_WORDING: Record<string, string> = {
  Creating: "being created",
  Succeeded: "succeeded",
  Failed: "failed",
  Deleting: "being deleted",
};

/** ARM's provisioningState of a restore point as a sentence says it: "Succeeded" is "succeeded". */
export function pointStateWording(state: string): string {
  return POINT_STATE_WORDING[state] ?? state.toLowerCase();
}

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

/** "1 restore point", "2 restore points", "1,200 VMs". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}

/** Cuts text to a platform's limit with an ellipsis (chat platforms refuse over-long texts instead of cutting). */
export function clipText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** The last segment of an ARM id, for short display. */
export function shortName(id: string): string {
  return id.split("/").pop() || id;
}

/**
 * Azure's generated names end in 32 hex digits ("vm-web-01_OsDisk_1_6be82c47514c41579c3767ae76735f66"): in
 * chat the first 4 are enough to tell disks apart ("vm-web-01_OsDisk_1_6be8…"); the details keep them whole.
 */
export function shortenNames(text: string): string {
  return text.replace(/([_-])([0-9a-f]{4})[0-9a-f]{28}\b/gi, "$1$2…");
}
