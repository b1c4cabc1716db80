/** What a restore point job looks like to people: started, succeeded, failed (with what to do). */
import { describeDuration, formatUtc } from "../core/durations.js";
import type { RestorePointPlan } from "../core/plan.js";
import type { Job } from "../store/store.port.js";
import { adviceFor } from "./failure-advice.js";
import type { BotMessage, MessageFact } from "./message.js";
import { cutList, exclusionReason, MODE_TITLE, shortName } from "./wording.js";

export function renderJobStarted(job: Job): BotMessage {
  return {
    title: `Creating restore point ${job.restorePointName ?? ""} of ${job.vmName}`,
    tone: "info",
    text: `${MODE_TITLE[job.mode]} restore point requested by ${job.requestedBy}. You will hear back here when Azure finishes.`,
    facts: planFacts(job),
    context: [`Job ${job.id} · started ${formatUtc(job.createdAt)}`],
  };
}

/** `update` replaces the confirmation message; `post` is the result told in the conversation. */
export function renderJobResult(job: Job): { update: BotMessage; post: BotMessage } {
  const post = job.state === "succeeded" ? succeeded(job) : job.state === "lost" ? lost(job) : failed(job);
  return { update: { ...post, buttons: undefined }, post };
}

function succeeded(job: Job): BotMessage {
  const { plan } = job.plan;
  const captured = job.capturedDiskNames ?? plan.captureDisks.map((disk) => disk.name);
  const facts: MessageFact[] = [
    { label: "Mode", value: MODE_TITLE[job.mode] },
    { label: "Took", value: duration(job) },
    { label: "Captured", value: captured.length > 0 ? cutList(captured, 8) : "(see the restore point)" },
    ...excludedFacts(plan),
  ];
  return {
    title: `Restore point ${job.restorePointName ?? ""} of ${job.vmName} succeeded`,
    tone: "success",
    facts,
    context: [job.restorePointId ?? "", `Requested by ${job.requestedBy}`].filter(Boolean),
  };
}

function failed(job: Job): BotMessage {
  return {
    title: `Restore point ${job.restorePointName ?? ""} of ${job.vmName} failed`,
    tone: "danger",
    facts: [
      { label: "Mode", value: MODE_TITLE[job.mode] },
      { label: "Azure said", value: `${job.errorCode ?? "Failed"}: ${job.errorMessage ?? "no details"}` },
    ],
    sections: [{ heading: "What to do", lines: [adviceFor(job.errorCode, job.errorMessage)] }],
    context: [`Requested by ${job.requestedBy} · job ${job.id}`],
  };
}

/** Not "failed": the bot does not know, and says what to look at. */
function lost(job: Job): BotMessage {
  return {
    title: `Lost track of restore point ${job.restorePointName ?? ""} of ${job.vmName}`,
    tone: "warning",
    text: job.errorMessage ?? "The bot could not learn how the restore point ended.",
    facts: [
      { label: "Mode", value: MODE_TITLE[job.mode] },
      { label: "Collection", value: job.collectionId ?? job.collectionName },
    ],
    sections: [{ heading: "What to do", lines: [adviceFor(job.errorCode, job.errorMessage)] }],
    context: [`Requested by ${job.requestedBy} · job ${job.id}`],
  };
}

function planFacts(job: Job): MessageFact[] {
  const { plan } = job.plan;
  return [
    { label: "Mode", value: MODE_TITLE[job.mode] },
    { label: "Collection", value: job.collectionName },
    {
      label: "Captures",
      value: cutList(
        plan.captureDisks.map((disk) => disk.name),
        8,
      ),
    },
    ...excludedFacts(plan),
  ];
}

function excludedFacts(plan: RestorePointPlan): MessageFact[] {
  const excluded = plan.excludeDisks;
  if (excluded.length === 0) return [];
  return [
    {
      label: "Left out",
      value: excluded.map((disk) => `${disk.name} (${exclusionReason(disk.rule)})`).join("; "),
    },
  ];
}

function duration(job: Job): string {
  const end = job.finishedAt ?? job.updatedAt;
  return describeDuration(Math.max(0, end.getTime() - job.createdAt.getTime()));
}

export function renderJobLine(job: Job): string {
  const state =
    job.state === "failed" || job.state === "lost" ? `${job.state} (${job.errorCode ?? "error"})` : job.state;
  return `${job.vmName}: ${MODE_TITLE[job.mode].toLowerCase()} ${job.restorePointName ?? shortName(job.restorePointId ?? "")} ${state}, ${formatUtc(job.createdAt)} by ${job.requestedBy}`;
}
