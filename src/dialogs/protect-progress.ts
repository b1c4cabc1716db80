/**
 * Where each member of a protect run stands, from its job (a member's job id is `${run id}-${index}`): the
 * counts a card shows and the lists a summary gives. Lost jobs are "unknown", never "failed": the restore point
 * may exist.
 */
import { memberJobId } from "../operations/protect-executor.js";
import type { ProtectMember, ProtectRunBody, Run } from "../store/run-store.port.js";
import type { Job } from "../store/store.port.js";

export type MemberStanding =
  | { state: "waiting" | "not-started"; member: ProtectMember }
  | { state: "running" | "succeeded" | "failed" | "unknown"; member: ProtectMember; job: Job };

export interface ProtectProgress {
  planned: number;
  succeeded: number;
  failed: number;
  unknown: number;
  running: number;
  waiting: number;
  notStarted: number;
  members: MemberStanding[];
  /** Left out when the plan was made (not allowed, blocked, unreadable). */
  leftOut: ProtectMember[];
}

export function protectProgress(run: Run, body: ProtectRunBody, jobs: readonly Job[]): ProtectProgress {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const stopped = run.state === "cancelled" || run.cancelledAt !== undefined;
  const progress: ProtectProgress = {
    planned: 0,
    succeeded: 0,
    failed: 0,
    unknown: 0,
    running: 0,
    waiting: 0,
    notStarted: 0,
    members: [],
    leftOut: [],
  };
  body.members.forEach((member, index) => {
    if (!("plan" in member)) {
      progress.leftOut.push(member);
      return;
    }
    progress.planned++;
    const job = byId.get(memberJobId(run.id, index));
    const standing = standingOf(member, job, stopped);
    progress.members.push(standing);
    count(progress, standing.state);
  });
  return progress;
}

function standingOf(member: ProtectMember, job: Job | undefined, stopped: boolean): MemberStanding {
  if (!job) return { state: stopped ? "not-started" : "waiting", member };
  switch (job.state) {
    case "succeeded":
      return { state: "succeeded", member, job };
    case "failed":
      return { state: "failed", member, job };
    case "lost":
      return { state: "unknown", member, job };
    default:
      return { state: "running", member, job };
  }
}

function count(progress: ProtectProgress, state: MemberStanding["state"]): void {
  if (state === "not-started") progress.notStarted++;
  else progress[state]++;
}
