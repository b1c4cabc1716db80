/**
 * "Here is exactly what I will delete": a prune's or a delete's restore points (name, mode, age, collection),
 * what stays and why in a few counted lines, the count against the per-VM limit; a clean-up's empty collections.
 * Long lists are cut: the plan of 400 deletions is a dozen lines, and the run deletes exactly what it stored.
 */
import { describeDuration } from "../core/durations.js";
import type { CollectionRef, EmptyCollections } from "../core/prune-collections.js";
import type { KeepReason, PrunePlan, PrunePoint } from "../core/prune-types.js";
import { type BotMessage, type MessageButton, type MessageSection, pressButton } from "./message.js";
import { formatTime } from "./time-wording.js";
import { MODE_TITLE, plural, pointStateWording, shortName } from "./wording.js";

/** Lines listed per section; the rest is "and N more". */
export const MAX_LISTED = 15;

export interface PlanWording {
  runId: string;
  expiresInMs: number;
  now: Date;
  /** The reader's time zone (ChatContext.timeZone); undefined is UTC. */
  zone: string | undefined;
}

export function renderDeletePlan(
  plan: PrunePlan,
  wording: PlanWording & { limit: number; suggested: boolean },
): BotMessage {
  const count = plan.delete.length;
  const vmName = plan.vm.name;
  const only = count === 1 ? plan.delete[0] : undefined;
  const sections: MessageSection[] = [
    { heading: `Deleted (${count})`, lines: cutLines(plan.delete.map((point) => pointLine(point, wording))) },
  ];
  const kept = keptLines(plan);
  if (kept.length > 0) sections.push({ heading: `Kept (${plan.keep.length})`, lines: kept });
  if (plan.deleting.length > 0)
    sections.push({
      heading: `Already being deleted (${plan.deleting.length})`,
      lines: ["Not deleted again; they stop counting once Azure has removed them."],
    });
  return {
    title: only
      ? `Delete restore point ${only.name} of ${vmName}?`
      : `Delete ${plural(count, "restore point")} of ${vmName}?`,
    tone: "warning",
    facts: [
      { label: "Asked", value: askedWording(plan, wording) },
      {
        label: "Restore points",
        value: `${plan.counts.retainedNow} of at most ${wording.limit} now, ${plan.counts.retainedAfter} once done`,
      },
    ],
    sections,
    buttons: runButtons(wording.runId, plural(count, "restore point"), `of ${vmName}`),
    context: [confirmNote(wording.expiresInMs)],
  };
}

/** The kept points in a few lines: the newest of each mode by name, every other reason counted. */
export function keptLines(plan: PrunePlan): string[] {
  const lines: string[] = [];
  for (const point of plan.keep.filter((each) => each.reason === "newest-of-mode"))
    lines.push(`${point.name}: the newest ${MODE_TITLE[point.mode].toLowerCase()} one`);
  const counted: Exclude<KeepReason, "newest-of-mode">[] = [
    "within-keep",
    "younger",
    "creating",
    "unknown-age",
    "not-asked",
  ];
  for (const reason of counted) {
    const kept = plan.keep.filter((each) => each.reason === reason).length;
    if (kept > 0) lines.push(keptWording(reason, kept, plan));
  }
  return lines;
}

function keptWording(reason: Exclude<KeepReason, "newest-of-mode">, count: number, plan: PrunePlan): string {
  const points = plural(count, "restore point");
  switch (reason) {
    case "within-keep":
      return `${points} among the newest ${plan.request.kind === "keep" ? plan.request.newest : count} you keep`;
    case "younger":
      return `${points} younger than the age asked`;
    case "creating":
      return `${points} being created: never deleted while Azure creates ${count === 1 ? "it" : "them"}`;
    case "unknown-age":
      return `${points} whose creation time Azure does not give: never deleted by age or count`;
    case "not-asked":
      return `${points} not asked for`;
  }
}

function askedWording(plan: PrunePlan, wording: PlanWording & { suggested: boolean }): string {
  const { request } = plan;
  switch (request.kind) {
    case "keep":
      return `Keep the newest ${request.newest}${wording.suggested ? " (the suggested prune, under the retention warning)" : ""}, and the newest of each mode`;
    case "older-than": {
      const cut = plan.cutoff ? ` (created before ${formatTime(new Date(plan.cutoff), wording.zone)})` : "";
      return `Older than ${describeDuration(request.ms)}${cut}, except the newest of each mode`;
    }
    case "one":
      return `Restore point ${request.name}${request.collection ? ` in collection ${request.collection}` : ""}`;
  }
}

/** "rp-crash-20261101-060000: Crash-consistent, 33 days old (2026-11-01 06:00 UTC), in rpc-vm-web-01". */
export function pointLine(point: PrunePoint, wording: Pick<PlanWording, "now" | "zone">): string {
  const state = point.state === "Succeeded" ? "" : `, ${pointStateWording(point.state)}`;
  return `${point.name}: ${MODE_TITLE[point.mode]}${state}, ${ageWording(point.timeCreated, wording)}, in ${point.collection.name}`;
}

function ageWording(
  timeCreated: string | undefined,
  { now, zone }: Pick<PlanWording, "now" | "zone">,
): string {
  const at = timeCreated ? new Date(timeCreated) : undefined;
  if (!at || Number.isNaN(at.getTime())) return "age unknown";
  const age = now.getTime() - at.getTime();
  return age > 0 ? `${describeDuration(age)} old (${formatTime(at, zone)})` : formatTime(at, zone);
}

export function renderCleanUpPlan(
  found: EmptyCollections & { label: string; scopeId: string; unread: number },
  wording: PlanWording,
): BotMessage {
  const count = found.empty.length;
  const sections: MessageSection[] = [
    { heading: `Deleted (${count})`, lines: cutLines(found.empty.map(collectionLine)) },
  ];
  const later = laterLines(found);
  if (later.length > 0) sections.push({ heading: "Left for later", lines: later });
  const noun = plural(count, "empty collection");
  return {
    title: `Delete ${noun} in ${found.label}?`,
    tone: "warning",
    text: "Each holds no restore point; each still counts toward the 10,000 collections per subscription and region.",
    facts: [{ label: "Resource group", value: found.scopeId }],
    sections,
    buttons: runButtons(wording.runId, noun, `in ${found.label}`),
    context: [
      confirmNote(wording.expiresInMs),
      "Each collection is read again right before it is deleted: one that holds a restore point by then is left alone.",
    ],
  };
}

/** Collections still emptying, and those this plan did not read. */
export function laterLines(found: EmptyCollections & { unread: number }): string[] {
  const lines = cutLines(
    found.emptying.map(
      (each) =>
        `${each.name} (${each.location}): ${plural(each.deleting, "restore point")} still being deleted; ask again once ${each.deleting === 1 ? "it is" : "they are"} gone`,
    ),
  );
  if (found.unread > 0)
    lines.push(
      `${plural(found.unread, "more collection")} not read in this batch: ask again once these are deleted.`,
    );
  return lines;
}

/** "rpc-vm-gone-01 (eastus), made for vm-gone-01". */
export function collectionLine(collection: CollectionRef): string {
  const source = collection.sourceId ? `, made for ${shortName(collection.sourceId)}` : "";
  return `${collection.name} (${collection.location})${source}`;
}

function runButtons(runId: string, what: string, where: string): MessageButton[] {
  return [
    pressButton({ kind: "run-confirm", runId }, `Delete ${what}`, {
      style: "danger",
      confirm: {
        title: "Delete for good?",
        text: `Delete ${what} ${where}? Deleted restore points cannot be restored.`,
        confirm: "Delete",
        deny: "Not now",
      },
    }),
    // Unstyled: cancelling destroys nothing.
    pressButton({ kind: "run-cancel", runId }, "Cancel"),
  ];
}

function confirmNote(expiresInMs: number): string {
  return `Only you can confirm. The buttons expire in ${describeDuration(expiresInMs)}. You will hear back here once every deletion has ended.`;
}

export function cutLines(lines: readonly string[], max = MAX_LISTED): string[] {
  return lines.length > max ? [...lines.slice(0, max), `and ${lines.length - max} more`] : [...lines];
}
