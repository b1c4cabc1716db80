/**
 * The seed's Windows list for application consistency, in the seed's order. Each Windows row owns the
 * os-not-supported blocker of the VMs it is about: the list row for an unidentified or unlisted version, a
 * version row for an edition the list leaves out, the extended-security-updates row for a listed version past
 * its last day of updates (os-lifecycle.ts; in the 180 days before, an advisory), the 32-bit row for a 32-bit guest.
 */
import type { MatrixContext, MatrixEntry, ModeOutcome } from "./matrix-entry.js";
import { perMode } from "./matrix-entry.js";
import { END_OF_SUPPORT_NOTICE_DAYS, type SecurityUpdatesStanding } from "./os-lifecycle.js";
import { SUPPORTED_WINDOWS, thirtyTwoBitName, USE_CRASH } from "./os-support.js";
import type { SupportMatrixRowId } from "./support-matrix-rows.js";
import { describeWindows } from "./windows-version.js";

export const EVERY_OS: ModeOutcome = { support: "supported", text: "Every OS is supported." };
export const NOT_32_BIT = `restore points do not support 32-bit operating systems for application consistency. ${USE_CRASH}`;

const onTheList = (vm: MatrixContext) => `${vm.os.label} is on the list: supported.`;
const SERVER_EDITIONS = "Supported as Datacenter, Datacenter Core or Standard.";
const SERVER_2012_EDITIONS = "Supported as Datacenter or Standard, not as Server Core.";
const isWindows = (vm: MatrixContext) => vm.os.family === "windows";

/** The 32-bit message, for every row that owns a 32-bit guest. */
export function thirtyTwoBitBlocker(vm: MatrixContext): string {
  return `This VM runs a 32-bit OS (${thirtyTwoBitName(vm.facts.os, vm.os.family)}); ${NOT_32_BIT}`;
}

/** A 64-bit (or unknown-bitness) Windows whose version is not identified or not on the list. */
function unlistedWindows(vm: MatrixContext): string | undefined {
  const { os, facts } = vm;
  if (os.thirtyTwoBit || os.windowsEntry) return undefined;
  if (!os.windows) {
    const name = facts.os.name;
    const found = name
      ? `it reports "${name}"`
      : "the VM agent reports no OS name and the image is not a marketplace one";
    return `Could not identify the Windows version of this VM (${found}); application-consistent restore points support ${SUPPORTED_WINDOWS}. ${USE_CRASH}`;
  }
  return `This VM runs ${os.label}, which is not on the list for application-consistent restore points (${SUPPORTED_WINDOWS}). ${USE_CRASH}`;
}

/** A listed version in an edition the list does not name (or an edition that cannot be told). */
function editionNotListed(vm: MatrixContext): string | undefined {
  const { windows, windowsEntry: entry, label } = vm.os;
  if (!windows || !entry || entry.editions === "any") return undefined;
  const base = describeWindows({ ...windows, edition: undefined, core: false });
  if (windows.edition === undefined) {
    return `Could not identify the edition of ${base} on this VM; application-consistent restore points support its ${joinWithOr(entry.editions)} editions. ${USE_CRASH}`;
  }
  const edition = windows.core ? `${windows.edition} Core` : windows.edition;
  if (entry.editions.includes(edition)) return undefined;
  const noCore = windows.core && !entry.editions.some((listed) => listed.endsWith(" Core"));
  const allowed = `${joinWithOr(entry.editions)}${noCore ? ", not as Server Core" : ""}`;
  return `This VM runs ${label}; application-consistent restore points support ${base} only as ${allowed}. ${USE_CRASH}`;
}

/** ["Datacenter", "Datacenter Core", "Standard"] -> "Datacenter, Datacenter Core or Standard" (lists of two or more). */
function joinWithOr(words: readonly string[]): string {
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function windowsRow(row: SupportMatrixRowId, scenario: string, applicationText: string): MatrixEntry {
  return {
    rule: "os-not-supported",
    scenario,
    outcome: perMode({ support: "limited", text: applicationText }, EVERY_OS),
    source: "seed",
    row,
    applies: (vm) => vm.os.windowsEntry?.id === row,
    describe: onTheList,
    blocker: editionNotListed,
  };
}

/** The date that applies, with why it is that one when the edition had to be assumed. */
function endDateOf(vm: MatrixContext, standing: SecurityUpdatesStanding): string {
  if (!standing.assumed || !vm.os.windows) return standing.end.endsOn;
  const version = describeWindows({ ...vm.os.windows, edition: undefined, longTermServicing: undefined });
  return `${standing.end.endsOn} (the edition could not be identified, so the earliest date among the editions of ${version} is assumed)`;
}

/** Past the last day: the seed's "reached extended security update will not be supported". */
function pastSecurityUpdates(vm: MatrixContext): string | undefined {
  const standing = vm.os.securityUpdates;
  // One os-not-supported blocker per mode: an edition off the list is the first thing to say.
  if (!standing || editionNotListed(vm) !== undefined) return undefined;
  return (
    `This VM runs ${vm.os.label}, whose security updates, extended security updates included, ended on ${endDateOf(vm, standing)}; ` +
    "restore points do not support an OS past its extended security updates for application consistency. " +
    "Crash-consistent restore points still work: use one instead."
  );
}

/** Asked only when the row applies: within the notice period, the last day included. */
function endingSoonAdvisory(vm: MatrixContext): string | undefined {
  const standing = vm.os.securityUpdates;
  if (!standing) return undefined;
  const date = endDateOf(vm, standing);
  const { daysLeft } = standing;
  const when =
    daysLeft === 0 ? `today, on ${date}` : `on ${date}, in ${daysLeft} ${daysLeft === 1 ? "day" : "days"}`;
  return (
    `Microsoft's security updates for ${vm.os.label}, extended security updates included, end ${when}; ` +
    "after that day, restore points no longer support it for application consistency. Crash-consistent restore points still will."
  );
}

const pastTheEnd = (vm: MatrixContext) => (vm.os.securityUpdates?.daysLeft ?? 0) < 0;
const endingSoon = (vm: MatrixContext) => {
  const daysLeft = vm.os.securityUpdates?.daysLeft ?? -1;
  return daysLeft >= 0 && daysLeft <= END_OF_SUPPORT_NOTICE_DAYS;
};

export const WINDOWS_ROWS: readonly MatrixEntry[] = [
  {
    rule: "os-not-supported",
    scenario: "The VM runs Windows",
    outcome: perMode({ support: "limited", text: "Only the Windows versions on the list." }, EVERY_OS),
    source: "seed",
    row: "windows-list",
    applies: isWindows,
    describe: onTheList,
    blocker: unlistedWindows,
  },
  windowsRow("windows-10", "Windows 10 client", "Supported on 64-bit only."),
  windowsRow("windows-server-2022", "Windows Server 2022", SERVER_EDITIONS),
  windowsRow("windows-server-2019", "Windows Server 2019", SERVER_EDITIONS),
  windowsRow("windows-server-2016", "Windows Server 2016", SERVER_EDITIONS),
  windowsRow("windows-server-2012-r2", "Windows Server 2012 R2", SERVER_2012_EDITIONS),
  windowsRow("windows-server-2012", "Windows Server 2012", SERVER_2012_EDITIONS),
  {
    rule: "os-not-supported",
    scenario: "The OS is past Microsoft's extended security updates",
    outcome: perMode({ support: "not-supported", text: "Not supported once they have ended." }, EVERY_OS),
    source: "seed",
    row: "windows-extended-security-updates",
    applies: pastTheEnd,
    blocker: pastSecurityUpdates,
  },
  {
    rule: "os-end-of-support",
    scenario: `Microsoft's extended security updates for the OS end within ${END_OF_SUPPORT_NOTICE_DAYS} days`,
    outcome: perMode({ support: "advisory", text: "Supported until they end." }, EVERY_OS),
    source: "seed",
    row: "windows-extended-security-updates",
    applies: endingSoon,
    advisory: endingSoonAdvisory,
  },
  {
    rule: "os-not-supported",
    scenario: "The VM runs 32-bit Windows",
    outcome: perMode({ support: "not-supported", text: "Not supported." }, EVERY_OS),
    source: "seed",
    row: "windows-32-bit",
    applies: (vm) => isWindows(vm) && vm.os.thirtyTwoBit,
    blocker: thirtyTwoBitBlocker,
  },
];
