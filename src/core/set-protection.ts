/**
 * Whether a set of VMs (an availability set, a Flexible scale set, ...) is protected: the support matrix says
 * "you need to create restore points for all the VMs" of such a set, so the set counts as protected only when
 * every member has a restore point of the asked mode, all taken within a window of each other.
 *
 * The rules, chosen to be safe (a doubtful point does not count, so the answer errs towards "take new ones"):
 * - a point counts only when it Succeeded: Creating, Failed and Deleting ones do not;
 * - a point of the asked mode or a stronger one counts: an application-consistent point (FileSystemConsistent
 *   included, as history.ts reads modes) also serves a crash-consistent request, not the other way round;
 * - only the member's own collections count (source id = the VM), as history.ts counts points for frequency: a
 *   collection left behind by a move names another VM, and the matrix does not support moved VMs' points;
 * - in an own collection, a point whose `sourceMetadata.vmId` names another VM (one that had this id before)
 *   does not count, when both ids are known;
 * - each member's newest counting point is chosen; the set is protected when every member has one and the
 *   newest minus the oldest of them is at most the window (exactly the window counts). The window is measured
 *   back from the set's newest point: older members are outside it. An empty set is not protected.
 */
import type { ConsistencyMode, RestorePointRecord, VmHistory } from "./facts.js";
import { modeOfPoint } from "./history.js";
import { sameId } from "./ids.js";
import { timestampMs } from "./timestamps.js";

/** RPBOT_SET_WINDOW's default. */
export const DEFAULT_SET_WINDOW_MS = 60 * 60_000;

export interface SetMember {
  /** The VM's resource id: its own collections are those whose source id is this. */
  id: string;
  name: string;
  /** ARM's `properties.vmId`, when known. */
  vmId?: string;
  /** The same history a check reads. */
  history: VmHistory;
}

export interface ChosenPoint {
  id: string;
  name: string;
  /** The point's mode as history.ts reads it (FileSystemConsistent is application-consistent). */
  mode: ConsistencyMode;
  /** ARM's `timeCreated`, as ARM wrote it. */
  timeCreated: string;
  createdAtMs: number;
}

interface MemberRef {
  id: string;
  name: string;
}

export type MemberStanding =
  | (MemberRef & { state: "in-window"; point: ChosenPoint })
  /** `behindMs`: how long before the set's newest point this member's newest was taken (more than the window). */
  | (MemberRef & { state: "outside-window"; point: ChosenPoint; behindMs: number })
  | (MemberRef & { state: "missing" });

export interface SetProtection {
  protected: boolean;
  mode: ConsistencyMode;
  windowMs: number;
  /** Every member, in the order given. */
  members: MemberStanding[];
  /** Members with no counting point. */
  missing: MemberStanding[];
  /** Members whose newest counting point is older than the window allows. */
  outsideWindow: MemberStanding[];
  /** The newest minus the oldest chosen point; absent when no member has one. */
  spreadMs?: number;
  /** The set's newest chosen point (ISO-8601); the window is measured back from it. */
  newestAt?: string;
}

export function assessSetProtection(
  members: readonly SetMember[],
  mode: ConsistencyMode,
  windowMs: number = DEFAULT_SET_WINDOW_MS,
): SetProtection {
  const chosen = members.map((member) => ({ member, point: newestCountingPoint(member, mode) }));
  const times = chosen.flatMap(({ point }) => (point ? [point.createdAtMs] : []));
  // -Infinity when no member has a point: then every member is missing and newestMs is never read.
  const newestMs = times.reduce((newest, time) => Math.max(newest, time), Number.NEGATIVE_INFINITY);
  const standings = chosen.map(({ member, point }) => standingOf(member, point, newestMs, windowMs));
  const missing = standings.filter((standing) => standing.state === "missing");
  const outsideWindow = standings.filter((standing) => standing.state === "outside-window");
  return {
    protected: members.length > 0 && missing.length === 0 && outsideWindow.length === 0,
    mode,
    windowMs,
    members: standings,
    missing,
    outsideWindow,
    ...(times.length > 0
      ? {
          spreadMs: newestMs - times.reduce((oldest, time) => Math.min(oldest, time)),
          newestAt: new Date(newestMs).toISOString(),
        }
      : {}),
  };
}

function standingOf(
  member: SetMember,
  point: ChosenPoint | undefined,
  newestMs: number,
  windowMs: number,
): MemberStanding {
  const ref = { id: member.id, name: member.name };
  if (!point) return { ...ref, state: "missing" };
  const behindMs = newestMs - point.createdAtMs;
  if (behindMs > windowMs) return { ...ref, state: "outside-window", point, behindMs };
  return { ...ref, state: "in-window", point };
}

/** The member's newest point that counts for the mode (see the rules above), if any; of two at one instant, the first. */
export function newestCountingPoint(member: SetMember, mode: ConsistencyMode): ChosenPoint | undefined {
  let newest: ChosenPoint | undefined;
  for (const collection of member.history.collections) {
    if (!sameId(collection.sourceId, member.id)) continue;
    for (const point of collection.restorePoints) {
      const candidate = countingPoint(point, member, mode);
      if (candidate && (!newest || candidate.createdAtMs > newest.createdAtMs)) newest = candidate;
    }
  }
  return newest;
}

function countingPoint(
  point: RestorePointRecord,
  member: SetMember,
  mode: ConsistencyMode,
): ChosenPoint | undefined {
  if (point.provisioningState.toLowerCase() !== "succeeded") return undefined;
  if (member.vmId !== undefined && point.sourceVmId !== undefined && !sameId(point.sourceVmId, member.vmId)) {
    return undefined;
  }
  const pointMode = modeOfPoint(point);
  if (!serves(pointMode, mode)) return undefined;
  if (point.timeCreated === undefined) return undefined;
  const createdAtMs = timestampMs(point.timeCreated);
  if (Number.isNaN(createdAtMs)) return undefined;
  return { id: point.id, name: point.name, mode: pointMode, timeCreated: point.timeCreated, createdAtMs };
}

/** An application-consistent point is crash-consistent too; a crash-consistent one is not application-consistent. */
export function serves(pointMode: ConsistencyMode, asked: ConsistencyMode): boolean {
  return pointMode === asked || pointMode === "ApplicationConsistent";
}
