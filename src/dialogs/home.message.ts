/**
 * A person's own restore points at a glance (Slack's Home tab): what is being created for them now and what
 * they asked for lately, or, before their first request, what to type. VM names, modes, states and times
 * only: no ids, no one else's requests.
 */
import { describeDuration } from "../core/durations.js";
import type { Job } from "../store/store.port.js";
import type { BotMessage, MessageSection } from "./message.js";
import { formatTime } from "./time-wording.js";
import { MODE_TITLE, plural } from "./wording.js";

export interface HomeJobs {
  /** Their jobs not ended yet (pending, starting, running), newest first. */
  creating: Job[];
  /** Their ended jobs, newest first. */
  recent: Job[];
}

export interface HomeWording {
  /** What a command starts with where the person types it: "/restorepoint " from Slack's Home tab. */
  commandPrefix?: string;
  /** The reader's time zone (ChatContext.timeZone); undefined is UTC. */
  timeZone?: string;
}

/** More than this many restore points being created at once for one person is cut and counted. */
const MAX_CREATING_SHOWN = 10;

export function renderHome(jobs: HomeJobs, now: Date, wording: HomeWording = {}): BotMessage {
  const typed = (words: string) => `"${wording.commandPrefix ?? ""}${words}"`;
  const zone = wording.timeZone;
  const context = [`Updated ${formatTime(now, zone)} · ${typed("help")} lists every command.`];
  if (jobs.creating.length === 0 && jobs.recent.length === 0) {
    return {
      title: "Your restore points",
      tone: "info",
      text: `You have not asked for restore points yet. Type ${typed("check vm-web-01")} to see whether a VM can take one now, or ${typed("create vm-web-01")} to create one.`,
      context,
    };
  }
  const sections: MessageSection[] = [];
  if (jobs.creating.length > 0) sections.push(creatingSection(jobs.creating, now, zone));
  if (jobs.recent.length > 0)
    sections.push({
      heading: "Your recent requests",
      lines: jobs.recent.map((job) => recentLine(job, zone)),
    });
  return { title: "Your restore points", tone: "info", sections, context };
}

function creatingSection(creating: Job[], now: Date, zone: string | undefined): MessageSection {
  const lines = creating.slice(0, MAX_CREATING_SHOWN).map((job) => creatingLine(job, now, zone));
  const more = creating.length - MAX_CREATING_SHOWN;
  if (more > 0) lines.push(`and ${more} more`);
  return { heading: `${plural(creating.length, "restore point")} being created now`, lines };
}

/** "vm-web-02: Crash-consistent, running since 2026-11-25 06:09 UTC (3 min)" */
function creatingLine(job: Job, now: Date, zone: string | undefined): string {
  const age = describeDuration(Math.max(0, now.getTime() - job.createdAt.getTime()));
  return `${job.vmName}: ${MODE_TITLE[job.mode]}, ${job.state} since ${formatTime(job.createdAt, zone)} (${age})`;
}

/** "vm-web-01: Application-consistent, failed (OperationNotAllowed), 2026-11-25 05:00 UTC" */
function recentLine(job: Job, zone: string | undefined): string {
  return `${job.vmName}: ${MODE_TITLE[job.mode]}, ${resultOf(job)}, ${formatTime(job.createdAt, zone)}`;
}

/** The state as "list" shows it (job.message.ts): a failure carries Azure's code, never its full message. */
function resultOf(job: Job): string {
  return job.state === "failed" || job.state === "lost"
    ? `${job.state} (${job.errorCode ?? "error"})`
    : job.state;
}
