/**
 * A delete run as people read it: the card while it goes ("Deleting 400 restore points of vm-web-01: 120 deleted,
 * 3 running, 277 waiting", with Cancel), and the one summary at the end: what was deleted, what was already gone,
 * what Azure refused and why, what failed and what to do, what is not known (never called failed: it may be gone)
 * and what the cancel skipped.
 */
import type { RunReport } from "../operations/delivery.js";
import type { DeleteRunBody, DeleteTarget, RunItem, RunItemState } from "../store/run-store.port.js";
import { cutLines } from "./delete-plan.message.js";
import { type BotMessage, type MessageSection, pressButton } from "./message.js";
import { naming, requesterOf } from "./people.js";
import { formatTime } from "./time-wording.js";
import { plural } from "./wording.js";

/** The order counts are told in: ends first, then what is still going. */
const STATE_ORDER: RunItemState[] = [
  "deleted",
  "already-gone",
  "refused",
  "failed",
  "unknown",
  "skipped",
  "started",
  "waiting",
];

const STATE_WORDS: Record<RunItemState, string> = {
  deleted: "deleted",
  "already-gone": "already gone",
  refused: "refused by Azure",
  failed: "failed",
  unknown: "not known yet",
  skipped: "skipped (cancelled)",
  started: "running",
  waiting: "waiting",
};

export function renderDeleteRunCard(report: RunReport, zone: string | undefined): BotMessage {
  const { run } = report;
  const counts = countsOf(report.items);
  const cancelled = run.state === "cancelled";
  const message: BotMessage = {
    title: `Deleting ${whatOf(bodyOf(report))}`,
    tone: cancelled ? "warning" : "info",
    text: countWording(counts),
    context: [
      `Requested by ${run.requestedBy} · run ${run.id} · started ${formatTime(run.decidedAt ?? run.createdAt, zone)}`,
    ],
    people: [requesterOf(run)],
  };
  if (cancelled)
    message.text = `${message.text}. Cancelled${run.cancelledBy ? ` by ${run.cancelledBy}` : ""}: nothing more is started; what is running ends on its own.`;
  if (!report.final && run.state === "running")
    message.buttons = [pressButton({ kind: "run-cancel", runId: run.id }, "Cancel")];
  return withCanceller(message, report);
}

export function renderDeleteRunSummary(report: RunReport, zone: string | undefined): BotMessage {
  const { run } = report;
  const body = bodyOf(report);
  const counts = countsOf(report.items);
  const total = body.targets.length;
  const gone = counts.deleted + counts["already-gone"];
  const sections = [
    ...listed(report, body, "deleted", "Deleted"),
    ...listed(report, body, "already-gone", "Already gone"),
    ...listed(
      report,
      body,
      "refused",
      "Refused by Azure",
      (item) => `${item.code ?? "Refused"}: ${item.message ?? ""}`,
    ),
    ...failedSections(report, body),
    ...unknownSections(report, body),
    ...listed(report, body, "skipped", "Skipped: cancelled before they started"),
    ...(body.notes.length > 0 ? [{ heading: "Plan", lines: cutLines(body.notes, 5) }] : []),
  ];
  const ended = formatTime(latest(report.items) ?? run.decidedAt ?? run.createdAt, zone);
  const message: BotMessage = {
    title: titleOf(body, counts, gone, total),
    tone: gone === total ? "success" : counts.failed + counts.refused > 0 ? "danger" : "warning",
    text: `${countWording(counts)}.`,
    sections,
    context: [`Requested by ${run.requestedBy} · run ${run.id} · ended ${ended}`],
    people: [requesterOf(run)],
  };
  return withCanceller(message, report);
}

function titleOf(
  body: DeleteRunBody,
  counts: Record<RunItemState, number>,
  gone: number,
  total: number,
): string {
  const what = whatOf(body);
  if (gone === total) return `Deleted ${what}`;
  const kept = counts.failed + counts.refused;
  const notes = [
    ...(kept > 0 ? [`${kept} could not be deleted`] : []),
    ...(counts.unknown > 0 ? [`${counts.unknown} not known yet`] : []),
  ];
  const told = `${gone} of ${what} deleted${notes.length > 0 ? `; ${notes.join(", ")}` : ""}`;
  return counts.skipped > 0 ? `Cancelled: ${told}` : told;
}

/** "400 restore points of vm-web-01", "3 empty collections in rg-prod". */
function whatOf(body: DeleteRunBody): string {
  const count = body.targets.length;
  if (body.asked === "clean-up")
    return `${plural(count, "empty collection")} in ${shortScope(body.scopeId ?? "")}`;
  const only = count === 1 ? body.targets[0] : undefined;
  const vmName = body.vm?.name ?? "the VM";
  return only ? `restore point ${only.name} of ${vmName}` : `${plural(count, "restore point")} of ${vmName}`;
}

function shortScope(scopeId: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(scopeId)?.[1] ?? scopeId;
}

function listed(
  report: RunReport,
  body: DeleteRunBody,
  state: RunItemState,
  heading: string,
  detail?: (item: RunItem) => string,
): MessageSection[] {
  const items = report.items.filter((item) => item.state === state);
  if (items.length === 0) return [];
  const line = (item: RunItem) => {
    const name = targetOf(body, item)?.name ?? `item ${item.position}`;
    return detail ? `${name}: ${detail(item)}` : name;
  };
  return [{ heading: `${heading} (${items.length})`, lines: cutLines(items.map(line)) }];
}

function failedSections(report: RunReport, body: DeleteRunBody): MessageSection[] {
  const failed = report.items.filter((item) => item.state === "failed");
  const [first] = failed;
  if (!first) return [];
  return [
    ...listed(report, body, "failed", "Failed", (item) => `${item.code ?? "Failed"}: ${item.message ?? ""}`),
    { heading: "What to do", lines: [deleteAdvice(first.code, first.message, body)] },
  ];
}

/** Azure ended these deletions Failed: they are still there (failure-advice.ts speaks of creations). */
function deleteAdvice(code: string | undefined, message: string | undefined, body: DeleteRunBody): string {
  const again =
    body.asked === "clean-up"
      ? `ask "clean up ${shortScope(body.scopeId ?? "")}" again`
      : `ask "delete <restore point> of ${body.vm?.name ?? "<vm>"}" again`;
  if (code === "DiskRestorePointUsedByCustomer" || /shared access signature/i.test(message ?? ""))
    return `A disk restore point is still being read through a shared access signature (an export or a copy). Once that access has ended, ${again}.`;
  if (/^(InternalError|InternalExecutionError|InternalOperationError)$/.test(code ?? ""))
    return `Azure had an internal error and kept them. Wait a few minutes, then ${again}.`;
  return `Azure kept them. Look at them in the Azure portal, then ${again}.`;
}

function unknownSections(report: RunReport, body: DeleteRunBody): MessageSection[] {
  const unknown = report.items.filter((item) => item.state === "unknown");
  if (unknown.length === 0) return [];
  const where =
    body.asked === "clean-up"
      ? `Ask "clean up ${shortScope(body.scopeId ?? "")}" again in a few minutes`
      : `Ask "list ${body.vm?.name ?? "<vm>"}" in a few minutes`;
  return [
    ...listed(report, body, "unknown", "Not known yet", (item) => item.message ?? "Azure gave no answer"),
    {
      heading: "What to do",
      lines: [
        `Azure did not say how ${unknown.length === 1 ? "this deletion" : "these deletions"} ended: ${unknown.length === 1 ? "it" : "they"} may be gone. ${where}: what is no longer listed is gone, what is listed as being deleted is still going, and what is listed as succeeded can be deleted again.`,
      ],
    },
  ];
}

function countWording(counts: Record<RunItemState, number>): string {
  const parts = STATE_ORDER.filter((state) => counts[state] > 0).map(
    (state) => `${counts[state]} ${STATE_WORDS[state]}`,
  );
  return parts.length > 0 ? parts.join(", ") : "nothing to do";
}

function countsOf(items: readonly RunItem[]): Record<RunItemState, number> {
  const counts = Object.fromEntries(STATE_ORDER.map((state) => [state, 0])) as Record<RunItemState, number>;
  for (const item of items) counts[item.state]++;
  return counts;
}

function targetOf(body: DeleteRunBody, item: RunItem): DeleteTarget | undefined {
  return body.targets[item.position];
}

function latest(items: readonly RunItem[]): Date | undefined {
  let newest: Date | undefined;
  for (const item of items) if (!newest || item.updatedAt > newest) newest = item.updatedAt;
  return newest;
}

function bodyOf(report: RunReport): DeleteRunBody {
  const { body } = report.run;
  if (body.kind !== "delete") throw new Error(`run ${report.run.id} is not a delete run`);
  return body;
}

/** Whoever cancelled is named too (the text names them by id). */
function withCanceller(message: BotMessage, report: RunReport): BotMessage {
  const by = report.run.cancelledBy;
  return by && by !== report.run.requestedBy ? naming(message, [{ id: by }]) : message;
}
