/**
 * When Microsoft's security updates end, extended security updates (ESU) included, for the Windows versions on
 * the seed's list, per product and edition. The seed says "OS that have reached extended security update will
 * not be supported": past the date, application consistency is blocked (os-not-supported); in the 180 days
 * before, it is an advisory (os-end-of-support). Dates as data, compared with the `now` the caller passes.
 *
 * A date is Microsoft's last day of updates, read as a whole UTC day (the lifecycle pages end it at 23:59 US
 * Pacific time, so the bot blocks a few hours early rather than late).
 */
import type { WindowsIdentity } from "./windows-version.js";

/** The editions of one list entry that share an end date. */
export type LifecycleTrack =
  | "every-edition"
  | "windows-10-commercial"
  | "windows-10-consumer"
  | "windows-10-ltsb-2015"
  | "windows-10-ltsb-2016"
  | "windows-10-ltsc-2019"
  | "windows-10-ltsc-2021"
  | "windows-10-iot-ltsc-2021";

export interface SecurityUpdatesEnd {
  /** The id of the seed's Windows list entry (see os-support.ts). */
  windowsEntryId: string;
  track: LifecycleTrack;
  /** The last day of security updates, UTC; the whole day is still covered. */
  endsOn: string;
  /** Microsoft's page the date is taken from. */
  source: string;
}

const LIFECYCLE = "https://learn.microsoft.com/lifecycle/products";
const WINDOWS_10 = "windows-10";

export const WINDOWS_SECURITY_UPDATES_END: readonly SecurityUpdatesEnd[] = [
  // Every edition of a Windows Server version shares its dates.
  {
    windowsEntryId: "windows-server-2022",
    track: "every-edition",
    endsOn: "2031-10-14",
    source: `${LIFECYCLE}/windows-server-2022`,
  },
  {
    windowsEntryId: "windows-server-2019",
    track: "every-edition",
    endsOn: "2029-01-09",
    source: `${LIFECYCLE}/windows-server-2019`,
  },
  {
    windowsEntryId: "windows-server-2016",
    track: "every-edition",
    endsOn: "2027-01-12",
    source: `${LIFECYCLE}/windows-server-2016`,
  },
  // ESU Year 3, the last (ESU is free for Azure VMs; no year 4 is announced).
  {
    windowsEntryId: "windows-server-2012-r2",
    track: "every-edition",
    endsOn: "2026-10-13",
    source: `${LIFECYCLE}/windows-server-2012-r2`,
  },
  {
    windowsEntryId: "windows-server-2012",
    track: "every-edition",
    endsOn: "2026-10-13",
    source: `${LIFECYCLE}/windows-server-2012`,
  },
  // Enterprise, Education and Pro, multi-session too: ESU is free, with no key to install, for Windows 10 on
  // Azure VMs and Azure Virtual Desktop (.../enable-extended-security-updates), for at most three years after
  // 2025-10-14. Year 3 ends on the October 2028 Patch Tuesday: the best documented figure, as no Microsoft
  // page within reach states the day itself.
  {
    windowsEntryId: WINDOWS_10,
    track: "windows-10-commercial",
    endsOn: "2028-10-10",
    source: "https://learn.microsoft.com/windows/whats-new/extended-security-updates",
  },
  // Home: the consumer ESU. It first ended 2026-10-13; Microsoft's consumer ESU page says 2027-10-12 since
  // June 2026 (quoted at thurrott.com/windows/windows-10/337939; the page itself was not within reach).
  {
    windowsEntryId: WINDOWS_10,
    track: "windows-10-consumer",
    endsOn: "2027-10-12",
    source: "https://support.microsoft.com/windows/33e17de9-36b3-43bb-874d-6c53d2e4bf42",
  },
  // Long-term servicing editions follow a fixed lifecycle of their own, which Windows 10 ESU does not extend.
  {
    windowsEntryId: WINDOWS_10,
    track: "windows-10-ltsb-2015",
    endsOn: "2025-10-14",
    source: `${LIFECYCLE}/windows-10-2015-ltsb`,
  },
  {
    windowsEntryId: WINDOWS_10,
    track: "windows-10-ltsb-2016",
    endsOn: "2026-10-13",
    source: `${LIFECYCLE}/windows-10-2016-ltsb`,
  },
  {
    windowsEntryId: WINDOWS_10,
    track: "windows-10-ltsc-2019",
    endsOn: "2029-01-09",
    source: `${LIFECYCLE}/windows-10-enterprise-ltsc-2019`,
  },
  // Mainstream support only: no extended support follows.
  {
    windowsEntryId: WINDOWS_10,
    track: "windows-10-ltsc-2021",
    endsOn: "2027-01-12",
    source: `${LIFECYCLE}/windows-10-enterprise-ltsc-2021`,
  },
  {
    windowsEntryId: WINDOWS_10,
    track: "windows-10-iot-ltsc-2021",
    endsOn: "2032-01-13",
    source: `${LIFECYCLE}/windows-10-iot-enterprise-ltsc-2021`,
  },
];

/** How long before the end the os-end-of-support advisory starts. */
export const END_OF_SUPPORT_NOTICE_DAYS = 180;

/** Where a Windows VM stands: the end date that applies to it and the whole days left until it. */
export interface SecurityUpdatesStanding {
  end: SecurityUpdatesEnd;
  /** Whole UTC days from today to the last covered day: 0 on that day, negative once it has passed. */
  daysLeft: number;
  /** The edition could not be told, so the earliest date among the version's editions is assumed. */
  assumed: boolean;
}

const DAY_MS = 86_400_000;
const COMMERCIAL_EDITIONS = new Set<string | undefined>(["Enterprise", "Education", "Pro"]);
/** The IoT editions share their Enterprise twin's dates, except IoT LTSC 2021. */
const LONG_TERM_TRACKS: Readonly<Record<string, LifecycleTrack>> = {
  "LTSB 2015": "windows-10-ltsb-2015",
  "LTSB 2016": "windows-10-ltsb-2016",
  "LTSC 2019": "windows-10-ltsc-2019",
  "LTSC 2021": "windows-10-ltsc-2021",
  "IoT LTSC 2021": "windows-10-iot-ltsc-2021",
};

export function securityUpdatesStanding(
  windowsEntryId: string,
  windows: WindowsIdentity,
  now: Date,
): SecurityUpdatesStanding | undefined {
  const { tracks, assumed } = tracksOf(windowsEntryId, windows);
  const earliest = WINDOWS_SECURITY_UPDATES_END.filter(
    (entry) => entry.windowsEntryId === windowsEntryId && tracks.includes(entry.track),
  ).sort((a, b) => a.endsOn.localeCompare(b.endsOn))[0];
  if (!earliest) return undefined;
  const today = Math.floor(now.getTime() / DAY_MS);
  return { end: earliest, daysLeft: Date.parse(earliest.endsOn) / DAY_MS - today, assumed };
}

interface Tracks {
  tracks: readonly LifecycleTrack[];
  assumed: boolean;
}

/** The tracks the VM may be on: one when the edition is known, else every candidate (the earliest counts). */
function tracksOf(windowsEntryId: string, windows: WindowsIdentity): Tracks {
  if (windowsEntryId !== WINDOWS_10) return { tracks: ["every-edition"], assumed: false };
  const servicing = windows.longTermServicing;
  if (servicing !== undefined) {
    const track = (windows.iot && LONG_TERM_TRACKS[`IoT ${servicing}`]) || LONG_TERM_TRACKS[servicing];
    return track
      ? { tracks: [track], assumed: false }
      : { tracks: Object.values(LONG_TERM_TRACKS), assumed: true };
  }
  if (windows.edition === "Home") return { tracks: ["windows-10-consumer"], assumed: false };
  if (COMMERCIAL_EDITIONS.has(windows.edition)) return { tracks: ["windows-10-commercial"], assumed: false };
  return { tracks: ["windows-10-commercial", "windows-10-consumer"], assumed: true };
}
