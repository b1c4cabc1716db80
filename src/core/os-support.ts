/**
 * Operating system support for application-consistent restore points, exactly as the seed lists it.
 * Crash consistency supports every operating system, so nothing here concerns it.
 */
import type { OsFacts } from "./facts.js";
import { identifyLinux, type LinuxIdentity } from "./linux-distro.js";
import { securityUpdatesEndedOn } from "./os-lifecycle.js";
import type { Finding } from "./verdict.js";
import { describeWindows, identifyWindows, type WindowsIdentity } from "./windows-version.js";

export interface WindowsSupportEntry {
  id: string;
  product: "server" | "client";
  version: string;
  /** Editions on the seed's list ("Datacenter Core" = a Server Core install); "any" for Windows 10 client. */
  editions: readonly string[] | "any";
}

const SERVER_EDITIONS = ["Datacenter", "Datacenter Core", "Standard"] as const;
const SERVER_2012_EDITIONS = ["Datacenter", "Standard"] as const;

export const WINDOWS_APP_CONSISTENT_SUPPORT: readonly WindowsSupportEntry[] = [
  { id: "windows-10", product: "client", version: "10", editions: "any" },
  { id: "windows-server-2022", product: "server", version: "2022", editions: SERVER_EDITIONS },
  { id: "windows-server-2019", product: "server", version: "2019", editions: SERVER_EDITIONS },
  { id: "windows-server-2016", product: "server", version: "2016", editions: SERVER_EDITIONS },
  { id: "windows-server-2012-r2", product: "server", version: "2012 R2", editions: SERVER_2012_EDITIONS },
  { id: "windows-server-2012", product: "server", version: "2012", editions: SERVER_2012_EDITIONS },
];

const SUPPORTED_WINDOWS =
  "Windows 10 client (64-bit), Windows Server 2016, 2019 and 2022 (Datacenter, Datacenter Core, Standard) " +
  "and Windows Server 2012 and 2012 R2 (Datacenter, Standard)";
const USE_CRASH = "Use a crash-consistent restore point instead.";
const NO_32 = `restore points do not support 32-bit operating systems for application consistency. ${USE_CRASH}`;

export interface OsAssessment {
  family: "windows" | "linux" | "unknown";
  /** What was found, for messages: "Windows Server 2019 Datacenter", "Ubuntu", "CoreOS". */
  label: string;
  windows?: WindowsIdentity;
  /** The seed's list entry for this Windows version, even when the edition is not on the list. */
  windowsEntry?: WindowsSupportEntry;
  linux?: LinuxIdentity;
  /** Set when application consistency is not supported: the os-not-supported blocker. */
  blocker?: Finding;
  /** linux-distro-not-endorsed, linux-python-required, os-end-of-support. */
  advisories: Finding[];
}

const WINDOWS_IMAGE_PUBLISHER = /^microsoftwindows/i;

export function assessOs(os: OsFacts, now: Date): OsAssessment {
  const family = osFamily(os);
  if (os.bitness === 32) {
    const name = os.name ?? `${family} OS`;
    return {
      family,
      label: `${name} (32-bit)`,
      advisories: [],
      blocker: notSupported(`This VM runs a 32-bit OS (${name}); ${NO_32}`),
    };
  }
  if (family === "windows") return assessWindows(os, now);
  if (family === "linux") return assessLinux(os);
  const blocker = notSupported(
    `Could not identify the operating system of this VM; application-consistent restore points need a ` +
      `supported OS (${SUPPORTED_WINDOWS}, or a Linux distribution). ${USE_CRASH}`,
  );
  return { family, label: "unknown OS", advisories: [], blocker };
}

function osFamily(os: OsFacts): OsAssessment["family"] {
  if (os.type === "Windows") return "windows";
  if (os.type === "Linux") return "linux";
  if (os.name?.toLowerCase().includes("windows")) return "windows";
  if (WINDOWS_IMAGE_PUBLISHER.test(os.image?.publisher ?? "")) return "windows";
  return os.name || os.image?.publisher ? "linux" : "unknown";
}

function assessWindows(os: OsFacts, now: Date): OsAssessment {
  const windows = identifyWindows(os);
  if (!windows) {
    const found = os.name
      ? `it reports "${os.name}"`
      : "the VM agent reports no OS name and the image is not a marketplace one";
    const message = `Could not identify the Windows version of this VM (${found}); application-consistent restore points support ${SUPPORTED_WINDOWS}. ${USE_CRASH}`;
    return { family: "windows", label: os.name ?? "Windows", advisories: [], blocker: notSupported(message) };
  }
  const label = describeWindows(windows);
  const windowsEntry = WINDOWS_APP_CONSISTENT_SUPPORT.find(
    (entry) => entry.product === windows.product && entry.version === windows.version,
  );
  const assessment: OsAssessment = { family: "windows", label, windows, windowsEntry, advisories: [] };
  const problem = windowsProblem(windows, windowsEntry, label);
  if (problem) assessment.blocker = notSupported(problem);
  const endedOn = windowsEntry ? securityUpdatesEndedOn(windowsEntry.id, now) : undefined;
  if (endedOn) assessment.advisories.push(endOfSupport(label, endedOn));
  return assessment;
}

function windowsProblem(
  windows: WindowsIdentity,
  entry: WindowsSupportEntry | undefined,
  label: string,
): string | undefined {
  if (!entry) {
    return `This VM runs ${label}, which is not on the list for application-consistent restore points (${SUPPORTED_WINDOWS}). ${USE_CRASH}`;
  }
  if (entry.editions === "any") return undefined;
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

/** ["Datacenter", "Datacenter Core", "Standard"] -> "Datacenter, Datacenter Core or Standard". */
function joinWithOr(words: readonly string[]): string {
  if (words.length < 2) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function assessLinux(os: OsFacts): OsAssessment {
  const linux = identifyLinux(os);
  const label = linux.name ?? "an unidentified Linux distribution";
  const assessment: OsAssessment = { family: "linux", label, linux, advisories: [] };
  if (linux.kind === "core-os") {
    assessment.blocker = notSupported(
      `This VM runs ${label}; restore points do not support Core OS Linux for application consistency. ${USE_CRASH}`,
    );
  } else if (linux.kind === "other") {
    assessment.advisories.push(
      {
        rule: "linux-distro-not-endorsed",
        message: `This VM runs ${label}, which is not a Linux distribution endorsed by Azure; application-consistent restore points might still work.`,
      },
      {
        rule: "linux-python-required",
        message:
          "Application consistency on this distribution needs the Azure Linux VM agent and a supported Python (2.7 or later if the VM uses a proxy).",
      },
    );
  }
  return assessment;
}

function notSupported(message: string): Finding {
  return { rule: "os-not-supported", message };
}

function endOfSupport(label: string, endedOn: string): Finding {
  return {
    rule: "os-end-of-support",
    message:
      `${label} is past the end of Microsoft's extended security updates (${endedOn}); the support matrix ` +
      "excludes such OSes, so check the product lifecycle before relying on application-consistent restore points.",
  };
}
