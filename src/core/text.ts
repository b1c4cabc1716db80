/** Small wording helpers shared by the rule messages, so every message names things the same way. */
import type { ConsistencyMode, DiskFacts } from "./facts.js";

const MODE_LABELS: Readonly<Record<ConsistencyMode, string>> = {
  ApplicationConsistent: "application-consistent",
  CrashConsistent: "crash-consistent",
};

export function modeLabel(mode: ConsistencyMode): string {
  return MODE_LABELS[mode];
}

/** "3 hours", "1 hour", "90 minutes": limits are configuration, so the text follows the value. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? "1 hour" : `${hours} hours`;
  }
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** Disk names for a message, at most three, so a VM with 64 data disks still gets a short sentence. */
export function listDiskNames(disks: readonly DiskFacts[]): string {
  const names = disks.slice(0, 3).map((disk) => disk.name || disk.id);
  const more = disks.length - names.length;
  const listed = names.join(", ");
  return more > 0 ? `${listed} and ${more} more` : listed;
}

/** "disk" or "disks", with the matching verb form, for messages about one or several disks. */
export function diskNoun(count: number): { noun: string; is: string; uses: string } {
  return count === 1 ? { noun: "Disk", is: "is", uses: "uses" } : { noun: "Disks", is: "are", uses: "use" };
}

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** 10000 -> "10,000", without Intl, whose output depends on the runtime's locale data. */
export function formatNumber(value: number): string {
  return String(value).replace(THOUSANDS, ",");
}
