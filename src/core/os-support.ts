/**
 * Which operating system a VM runs, read against the seed's lists for application consistency: the family,
 * the Windows version and its list entry, the Linux distribution, 32-bit, and how far the Windows is from the
 * end of its extended security updates. The OS rows of the matrix (matrix-os-rows.ts, matrix-windows-rows.ts)
 * decide what that means.
 */
import type { OsFacts } from "./facts.js";
import { identifyLinux, type LinuxIdentity } from "./linux-distro.js";
import { type SecurityUpdatesStanding, securityUpdatesStanding } from "./os-lifecycle.js";
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

/** Wording the OS rows share. */
export const SUPPORTED_WINDOWS =
  "Windows 10 client (64-bit), Windows Server 2016, 2019 and 2022 (Datacenter, Datacenter Core, Standard) " +
  "and Windows Server 2012 and 2012 R2 (Datacenter, Standard)";
export const USE_CRASH = "Use a crash-consistent restore point instead.";

export interface OsAssessment {
  family: "windows" | "linux" | "unknown";
  /** What was found, for messages: "Windows Server 2019 Datacenter", "Ubuntu", "CoreOS", "ubuntu (32-bit)". */
  label: string;
  /** The guest is known to be 32-bit: nothing else is read, no OS list supports it. */
  thirtyTwoBit: boolean;
  windows?: WindowsIdentity;
  /** The seed's list entry for this Windows version, even when the edition is not on the list. */
  windowsEntry?: WindowsSupportEntry;
  linux?: LinuxIdentity;
  /** Where this listed Windows stands in Microsoft's lifecycle on the day `now` falls on. */
  securityUpdates?: SecurityUpdatesStanding;
}

const WINDOWS_IMAGE_PUBLISHER = /^microsoftwindows/i;

export function assessOs(os: OsFacts, now: Date): OsAssessment {
  const family = osFamily(os);
  if (os.bitness === 32) {
    return { family, label: `${thirtyTwoBitName(os, family)} (32-bit)`, thirtyTwoBit: true };
  }
  if (family === "windows") return assessWindows(os, now);
  if (family === "linux") {
    const linux = identifyLinux(os);
    return { family, label: linux.name ?? "an unidentified Linux distribution", thirtyTwoBit: false, linux };
  }
  return { family, label: "unknown OS", thirtyTwoBit: false };
}

/** How a 32-bit guest is named in messages: the agent's OS name, else its family. */
export function thirtyTwoBitName(os: OsFacts, family: OsAssessment["family"]): string {
  return os.name ?? `${family} OS`;
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
  if (!windows) return { family: "windows", label: os.name ?? "Windows", thirtyTwoBit: false };
  const windowsEntry = WINDOWS_APP_CONSISTENT_SUPPORT.find(
    (entry) => entry.product === windows.product && entry.version === windows.version,
  );
  return {
    family: "windows",
    label: describeWindows(windows),
    thirtyTwoBit: false,
    windows,
    windowsEntry,
    securityUpdates: windowsEntry ? securityUpdatesStanding(windowsEntry.id, windows, now) : undefined,
  };
}
