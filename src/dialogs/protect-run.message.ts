/**
 * A protect run's card ("7 of 12 done, 1 failed, 4 running", updated in place) and its summary, which names
 * the requester: what was created, what failed and what to do, what was never started, and for availability
 * sets and Flexible scale sets whether the set is now protected.
 */
import { describeDuration } from "../core/durations.js";
import type { SetProtection } from "../core/set-protection.js";
import type { RunReport } from "../operations/delivery.js";
import type { ProtectRunBody } from "../store/run-store.port.js";
import { adviceFor } from "./failure-advice.js";
import { type BotMessage, type MessageSection, pressButton } from "./message.js";
import { naming, requesterOf } from "./people.js";
import { capped } from "./protect-plan.message.js";
import { type MemberStanding, type ProtectProgress, protectProgress } from "./protect-progress.js";
import { MODE_TITLE, plural } from "./wording.js";

export function renderProtectCard(report: RunReport, body: ProtectRunBody): BotMessage {
  const progress = protectProgress(report.run, body, report.jobs);
  const stopped = report.run.state === "cancelled" || report.run.cancelledAt !== undefined;
  const facts = [{ label: "Mode", value: MODE_TITLE[body.mode] }];
  if (report.final) {
    // The summary, posted below it, says the rest: the card keeps the counts, without a button.
    const tone =
      progress.failed + progress.unknown > 0 ? "danger" : progress.notStarted > 0 ? "warning" : "success";
    return {
      title: `${stopped ? "Stopped" : "Done"}: ${body.foundAs}`,
      tone,
      text: countsLine(progress),
      facts,
    };
  }
  if (stopped) {
    const by = report.run.cancelledBy ?? report.run.requestedBy;
    return {
      title: `Stopping ${body.foundAs}`,
      tone: "warning",
      text: countsLine(progress),
      facts,
      sections: startedSection(progress),
      context: [
        `Stopped by ${by}: the ones started finish; ${plural(progress.notStarted, "VM")} will not be started.`,
      ],
      people: [requesterOf(report.run)],
    };
  }
  return {
    title: `Protecting ${body.foundAs}`,
    tone: progress.failed > 0 ? "warning" : "info",
    text: countsLine(progress),
    facts,
    buttons: [pressButton({ kind: "run-cancel", runId: report.run.id }, "Stop")],
  };
}

export function renderProtectSummary(report: RunReport, body: ProtectRunBody): BotMessage {
  const progress = protectProgress(report.run, body, report.jobs);
  const troubled = progress.failed + progress.unknown + progress.notStarted + progress.leftOut.length;
  const message: BotMessage = {
    title: `${body.foundAs}: ${plural(progress.succeeded, "restore point")} created`,
    tone: progress.failed + progress.unknown > 0 ? "danger" : troubled > 0 ? "warning" : "success",
    text: `${report.run.requestedBy}, ${countsLine(progress)}.`,
    facts: [{ label: "Mode", value: MODE_TITLE[body.mode] }],
    sections: [
      ...protectionSection(report.protection, body),
      ...listed("Created", progress.members, "succeeded", (standing) =>
        standing.state === "succeeded" ? `${nameOf(standing)}: ${standing.job.restorePointName ?? ""}` : "",
      ),
      ...listed("Failed", progress.members, "failed", failedLine),
      ...listed("Outcome not known yet", progress.members, "unknown", (standing) =>
        "job" in standing
          ? `${nameOf(standing)}: the bot could not learn how it ended; "list ${nameOf(standing)}" shows whether ${standing.job.restorePointName ?? "it"} exists.`
          : "",
      ),
      ...listed("Not started (stopped)", progress.members, "not-started", nameOf),
      ...leftOutSection(progress),
    ],
  };
  return naming(message, [requesterOf(report.run)]);
}

/** After a cancel: the members already started, and how far each got. */
function startedSection(progress: ProtectProgress): MessageSection[] {
  const lines = progress.members.flatMap((standing) =>
    "job" in standing ? [`${nameOf(standing)}: ${STANDING_WORDS[standing.state]}`] : [],
  );
  return lines.length > 0 ? [{ heading: `Already started (${lines.length})`, lines: capped(lines) }] : [];
}

const STANDING_WORDS: Record<MemberStanding["state"], string> = {
  waiting: "waiting",
  "not-started": "not started",
  running: "being created",
  succeeded: "created",
  failed: "failed",
  unknown: "outcome not known yet",
};

function countsLine(progress: ProtectProgress): string {
  const parts = [`${progress.succeeded} of ${progress.planned} done`];
  if (progress.failed > 0) parts.push(`${progress.failed} failed`);
  if (progress.unknown > 0) parts.push(`${progress.unknown} not known yet`);
  if (progress.running > 0) parts.push(`${progress.running} running`);
  if (progress.waiting > 0) parts.push(`${progress.waiting} waiting`);
  if (progress.notStarted > 0) parts.push(`${progress.notStarted} not started`);
  return parts.join(", ");
}

function protectionSection(protection: RunReport["protection"], body: ProtectRunBody): MessageSection[] {
  if (!body.assessWindow || !protection) return [];
  const heading = "The set";
  if ("error" in protection)
    return [{ heading, lines: [`Could not read whether the set is protected: ${protection.error}`] }];
  return [{ heading, lines: protectionLines(protection) }];
}

function protectionLines(protection: SetProtection): string[] {
  const window = describeDuration(protection.windowMs);
  if (protection.protected)
    return [`Protected: every member has a restore point within ${window} of the others.`];
  const lines = [`Not protected: every member needs a restore point within ${window} of the others.`];
  const names = (members: readonly { name: string }[]) => members.map((member) => member.name).join(", ");
  if (protection.missing.length > 0) lines.push(`Missing: ${names(protection.missing)}.`);
  if (protection.outsideWindow.length > 0) lines.push(`Too old: ${names(protection.outsideWindow)}.`);
  return lines;
}

function failedLine(standing: MemberStanding): string {
  if (!("job" in standing)) return "";
  const { job } = standing;
  return `${nameOf(standing)}: ${job.errorMessage ?? job.errorCode ?? "failed"} ${adviceFor(job.errorCode, job.errorMessage)}`;
}

function listed(
  heading: string,
  members: readonly MemberStanding[],
  state: MemberStanding["state"],
  line: (standing: MemberStanding) => string,
): MessageSection[] {
  const lines = members.filter((standing) => standing.state === state).map(line);
  return lines.length > 0 ? [{ heading: `${heading} (${lines.length})`, lines: capped(lines) }] : [];
}

function leftOutSection(progress: ProtectProgress): MessageSection[] {
  const lines = progress.leftOut.map((member) =>
    "leftOut" in member ? `${member.vm.name}: ${member.leftOut.reason}` : member.vm.name,
  );
  return lines.length > 0
    ? [{ heading: `Left out by the plan (${lines.length})`, lines: capped(lines) }]
    : [];
}

function nameOf(standing: MemberStanding): string {
  return standing.member.vm.name;
}
