/** What a restore point job looks like to people: started, succeeded, failed (with what to do). */
import { describeDuration } from "../core/durations.js";
import type { RestorePointPlan } from "../core/plan.js";
import type { Job } from "../store/store.port.js";
import { adviceFor } from "./failure-advice.js";
import type { BotMessage, MessageFact } from "./message.js";
import { naming, requesterOf } from "./people.js";
import { portalLink } from "./portal-links.js";
import { formatTime } from "./time-wording.js";
import { cutList, exclusionReason, MODE_TITLE, shortenNames, shortName } from "./wording.js";

/** `zone`: the reader's time zone (ChatContext.timeZone); undefined is UTC. */
export function renderJobStarted(job: Job, zone: string | undefined): BotMessage {
  return {
    title: `Creating restore point ${job.restorePointName ?? ""} of ${job.vmName}`,
    tone: "info",
    text: `${MODE_TITLE[job.mode]} restore point requested by ${job.requestedBy}. You will hear back here when Azure finishes.`,
    facts: planFacts(job),
    context: [`Job ${job.id} · started ${formatTime(job.createdAt, zone)}`],
    people: [requesterOf(job)],
  };
}

/**
 * The line told in the conversation when the result is already on the card it links to: the person is
 * mentioned once, and the result is not shown twice.
 */
export function renderResultPointer(job: Job, cardLink: string): BotMessage {
  // Its title and tone carry no time: no zone is needed.
  const { post } = renderJobResult(job, undefined);
  return { title: post.title, tone: post.tone, links: [{ label: "See the result", url: cardLink }] };
}

/**
 * `update` replaces the confirmation message; `post` is the result told in the conversation, later, so
 * `zone` is the requester's as the door remembers it.
 */
export function renderJobResult(
  job: Job,
  zone: string | undefined,
  /** The portal the restore point is linked into (RPBOT_PORTAL_URL); without one its id is shown. */
  portalUrl?: string,
): { update: BotMessage; post: BotMessage } {
  const ended = formatTime(job.finishedAt ?? job.updatedAt, zone);
  const post =
    job.state === "succeeded"
      ? succeeded(job, ended, portalUrl)
      : job.state === "lost"
        ? lost(job, ended)
        : failed(job, ended);
  const named = naming(post, [requesterOf(job)]);
  return { update: { ...named, buttons: undefined }, post: named };
}

function succeeded(job: Job, ended: string, portalUrl: string | undefined): BotMessage {
  const linked = resultLinks(job.restorePointId, portalUrl);
  const { plan } = job.plan;
  const captured = job.capturedDiskNames ?? plan.captureDisks.map((disk) => disk.name);
  const facts: MessageFact[] = [
    { label: "Mode", value: MODE_TITLE[job.mode] },
    { label: "Took", value: duration(job) },
    {
      label: "Captured",
      value: captured.length > 0 ? cutList(captured.map(shortenNames), 8) : "(see the restore point)",
    },
    ...excludedFacts(plan),
  ];
  return {
    title: `Restore point ${job.restorePointName ?? ""} of ${job.vmName} succeeded`,
    tone: "success",
    facts,
    ...linked,
    context: [...(linked.context ?? []), `Requested by ${job.requestedBy} · finished ${ended}`],
  };
}

function failed(job: Job, ended: string): BotMessage {
  return {
    title: `Restore point ${job.restorePointName ?? ""} of ${job.vmName} failed`,
    tone: "danger",
    facts: [
      { label: "Mode", value: MODE_TITLE[job.mode] },
      { label: "Azure said", value: `${job.errorCode ?? "Failed"}: ${job.errorMessage ?? "no details"}` },
    ],
    sections: [{ heading: "What to do", lines: [adviceFor(job.errorCode, job.errorMessage)] }],
    context: [`Requested by ${job.requestedBy} · job ${job.id} · ended ${ended}`],
  };
}

/** Not "failed": the bot does not know, and says what to look at. */
function lost(job: Job, ended: string): BotMessage {
  return {
    title: `Lost track of restore point ${job.restorePointName ?? ""} of ${job.vmName}`,
    tone: "warning",
    text: job.errorMessage ?? "The bot could not learn how the restore point ended.",
    facts: [
      { label: "Mode", value: MODE_TITLE[job.mode] },
      { label: "Collection", value: job.collectionId ?? job.collectionName },
    ],
    sections: [{ heading: "What to do", lines: [adviceFor(job.errorCode, job.errorMessage)] }],
    context: [`Requested by ${job.requestedBy} · job ${job.id} · ended ${ended}`],
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
        plan.captureDisks.map((disk) => shortenNames(disk.name)),
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
      value: excluded.map((disk) => `${shortenNames(disk.name)} (${exclusionReason(disk.rule)})`).join("; "),
    },
  ];
}

function duration(job: Job): string {
  const end = job.finishedAt ?? job.updatedAt;
  return describeDuration(Math.max(0, end.getTime() - job.createdAt.getTime()));
}

/** "rp-crash-20261125-060934 of vm-web-02: Crash-consistent, succeeded, 2026-11-25 06:09 UTC by console:alice" */
export function renderJobLine(job: Job, zone: string | undefined): string {
  const state =
    job.state === "failed" || job.state === "lost" ? `${job.state} (${job.errorCode ?? "error"})` : job.state;
  const name = job.restorePointName ?? shortName(job.restorePointId ?? "");
  return `${name} of ${job.vmName}: ${MODE_TITLE[job.mode]}, ${state}, ${formatTime(job.createdAt, zone)} by ${job.requestedBy}`;
}

/** The restore point in the portal; without a portal (the simulator), its id in the small print. */
function resultLinks(id: string | undefined, portalUrl: string | undefined): Partial<BotMessage> {
  const links = id ? portalLink(portalUrl, id, "Open the restore point in the Azure portal") : [];
  return links.length > 0 ? { links } : { context: id ? [id] : [] };
}
