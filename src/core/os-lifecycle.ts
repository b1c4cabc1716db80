/**
 * When Microsoft's extended security updates (ESU) end for the Windows versions on the seed's list.
 * The seed says "OS that have reached extended security update will not be supported"; the list itself
 * still names these versions, so passing the date is an advisory, not a blocker. Dates as data, so a
 * lifecycle change is a one-line edit.
 */

export interface SecurityUpdatesEnd {
  /** The id of the seed's Windows list entry (see os-support.ts). */
  windowsEntryId: string;
  /** The last day of extended security updates, UTC. */
  endsOn: string;
}

export const WINDOWS_SECURITY_UPDATES_END: readonly SecurityUpdatesEnd[] = [
  { windowsEntryId: "windows-server-2012-r2", endsOn: "2026-10-13" },
  { windowsEntryId: "windows-server-2012", endsOn: "2026-10-13" },
  // Consumer ESU; paid commercial ESU runs longer, so this is the earliest date a VM can lose updates.
  { windowsEntryId: "windows-10", endsOn: "2026-10-13" },
];

const DAY_MS = 86_400_000;
const END_BY_ENTRY = new Map(
  WINDOWS_SECURITY_UPDATES_END.map((end) => [
    end.windowsEntryId,
    { ...end, after: Date.parse(end.endsOn) + DAY_MS },
  ]),
);

/** The ESU end date when `now` is past it (the whole last day still counts as covered). */
export function securityUpdatesEndedOn(windowsEntryId: string, now: Date): string | undefined {
  const end = END_BY_ENTRY.get(windowsEntryId);
  return end && now.getTime() >= end.after ? end.endsOn : undefined;
}
