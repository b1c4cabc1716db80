/** The seed's operating system lists: application consistency per OS, crash consistency for all. */
import {
  bothModes,
  type MatrixContext,
  type MatrixEntry,
  type ModeOutcome,
  perMode,
} from "./matrix-entry.js";

const EVERY_OS: ModeOutcome = { support: "supported", text: "Every OS is supported." };

function windowsRow(
  windowsEntryId: string,
  scenario: string,
  applicationText: string,
  seedRow: string,
): MatrixEntry {
  return {
    rule: "os-not-supported",
    scenario,
    outcome: perMode({ support: "limited", text: applicationText }, EVERY_OS),
    source: "seed",
    seedRow,
    applies: (vm) => vm.os.windowsEntry?.id === windowsEntryId,
    describe: onTheList,
  };
}

const onTheList = (vm: MatrixContext) => `${vm.os.label} is on the list: supported.`;
const SERVER_EDITIONS = "Supported as Datacenter, Datacenter Core or Standard.";
const SERVER_2012_EDITIONS = "Supported as Datacenter or Standard, not as Server Core.";
const isLinux = (vm: MatrixContext) => vm.os.family === "linux";
const isUnendorsedLinux = (vm: MatrixContext) => vm.os.linux?.kind === "other";

export const OS_ROWS: readonly MatrixEntry[] = [
  {
    rule: "os-not-supported",
    scenario: "The VM runs Windows",
    outcome: perMode({ support: "limited", text: "Only the Windows versions on the list." }, EVERY_OS),
    source: "seed",
    seedRow:
      "The following Windows operating systems are supported when creating restore points for Azure VMs running on Windows.",
    applies: (vm) => vm.os.family === "windows",
    describe: onTheList,
  },
  windowsRow(
    "windows-10",
    "Windows 10 client",
    "Supported on 64-bit only.",
    "- Windows 10 Client (64 bit only)",
  ),
  windowsRow(
    "windows-server-2022",
    "Windows Server 2022",
    SERVER_EDITIONS,
    "- Windows Server 2022 (Datacenter/Datacenter Core/Standard)",
  ),
  windowsRow(
    "windows-server-2019",
    "Windows Server 2019",
    SERVER_EDITIONS,
    "- Windows Server 2019 (Datacenter/Datacenter Core/Standard)",
  ),
  windowsRow(
    "windows-server-2016",
    "Windows Server 2016",
    SERVER_EDITIONS,
    "- Windows Server 2016 (Datacenter/Datacenter Core/Standard)",
  ),
  windowsRow(
    "windows-server-2012-r2",
    "Windows Server 2012 R2",
    SERVER_2012_EDITIONS,
    "- Windows Server 2012 R2 (Datacenter/Standard)",
  ),
  windowsRow(
    "windows-server-2012",
    "Windows Server 2012",
    SERVER_2012_EDITIONS,
    "- Windows Server 2012 (Datacenter/Standard)",
  ),
  {
    rule: "os-end-of-support",
    scenario: "The OS is past Microsoft's extended security updates",
    outcome: perMode({ support: "advisory", text: "Listed, but past extended security updates." }, EVERY_OS),
    source: "seed",
    seedRow:
      "- OS that have reached extended security update will not be supported. Check your product's lifecycle here",
    applies: (vm) => vm.os.advisories.some((advisory) => advisory.rule === "os-end-of-support"),
  },
  {
    rule: "os-not-supported",
    scenario: "The VM runs 32-bit Windows",
    outcome: perMode({ support: "not-supported", text: "Not supported." }, EVERY_OS),
    source: "seed",
    seedRow: "Restore points don't support 32-bit operating systems.",
    applies: (vm) => vm.os.family === "windows" && vm.facts.os.bitness === 32,
  },
  {
    rule: "linux-distro-not-endorsed",
    scenario: "The VM runs Linux",
    outcome: perMode(
      { support: "supported", text: "Distributions endorsed by Azure are supported." },
      EVERY_OS,
    ),
    source: "seed",
    seedRow:
      "For Azure VM Linux VMs, restore points support the list of Linux distributions endorsed by Azure. Note the following:",
    applies: isLinux,
    describe: (vm) => `${vm.os.label} is endorsed by Azure: supported.`,
  },
  {
    rule: "os-not-supported",
    scenario: "The VM runs Core OS Linux",
    outcome: perMode({ support: "not-supported", text: "Not supported." }, EVERY_OS),
    source: "seed",
    seedRow: "- Restore points don't support Core OS Linux.",
    applies: (vm) => vm.os.linux?.kind === "core-os",
  },
  {
    rule: "os-not-supported",
    scenario: "The VM runs 32-bit Linux",
    outcome: perMode({ support: "not-supported", text: "Not supported." }, EVERY_OS),
    source: "seed",
    seedRow: "- Restore points don't support 32-bit operating systems.",
    applies: (vm) => isLinux(vm) && vm.facts.os.bitness === 32,
  },
  {
    rule: "linux-distro-not-endorsed",
    scenario: "The VM runs a Linux distribution Azure does not endorse",
    outcome: perMode(
      { support: "advisory", text: "Might work with the Linux VM agent and Python." },
      EVERY_OS,
    ),
    source: "seed",
    seedRow:
      "- Other bring-your-own Linux distributions might work as long as the Azure VM agent for Linux is available on the VM, and as long as Python is supported.",
    applies: isUnendorsedLinux,
  },
  {
    rule: "vm-agent-not-ready",
    scenario: "Application consistency needs a running VM whose VM agent is Ready",
    outcome: perMode(
      { support: "limited", text: "Needs a running VM with a Ready VM agent." },
      {
        support: "supported",
        text: "No agent needed.",
      },
    ),
    source: "seed",
    // The seed names the agent only here; it is what quiesces applications on every OS.
    seedRow:
      "- Other bring-your-own Linux distributions might work as long as the Azure VM agent for Linux is available on the VM, and as long as Python is supported.",
    applies: () => true,
    describe: () => "The VM is running and its VM agent is Ready.",
  },
  {
    rule: "linux-python-required",
    scenario: "A proxy-configured Linux VM needs Python 2.7 or later",
    outcome: perMode({ support: "advisory", text: "Needs Python 2.7 or later behind a proxy." }, EVERY_OS),
    source: "seed",
    seedRow:
      "- Restore points don't support a proxy-configured Linux VM if it doesn't have Python version 2.7 or higher installed.",
    // The proxy setting is inside the guest; the caveat is raised where Python matters most, off the endorsed list.
    applies: isUnendorsedLinux,
  },
  {
    rule: "nfs-not-captured",
    scenario: "NFS shares mounted in the VM",
    outcome: bothModes("advisory", "Not captured: only disks attached to the VM are."),
    source: "seed",
    seedRow:
      "- Restore points don't back up NFS files that are mounted from storage, or from any other NFS server, to Linux or Windows machines. It only backs up disks that are locally attached to the VM.",
    applies: () => true,
  },
  {
    rule: "crash-os-any",
    scenario: "Crash consistency and the operating system",
    outcome: perMode({ support: "limited", text: "See the OS lists above." }, EVERY_OS),
    source: "seed",
    seedRow: "- All Operating systems are supported.",
    applies: () => true,
  },
];
