/**
 * The seed's operating system rows: application consistency per OS (an OS that cannot be identified, the
 * Windows list, the Linux list and its notes) and crash consistency for every OS.
 */
import type { VmFacts } from "./facts.js";
import { always, bothModes, type MatrixContext, type MatrixEntry, perMode } from "./matrix-entry.js";
import { EVERY_OS, thirtyTwoBitBlocker, WINDOWS_ROWS } from "./matrix-windows-rows.js";
import { SUPPORTED_WINDOWS, USE_CRASH } from "./os-support.js";

const isLinux = (vm: MatrixContext) => vm.os.family === "linux";
const isUnendorsedLinux = (vm: MatrixContext) => vm.os.linux?.kind === "other";

function unidentifiedOs(vm: MatrixContext): string {
  if (vm.os.thirtyTwoBit) return thirtyTwoBitBlocker(vm);
  return `Could not identify the operating system of this VM; application-consistent restore points need a supported OS (${SUPPORTED_WINDOWS}, or a Linux distribution). ${USE_CRASH}`;
}

function describeLinux(vm: MatrixContext): string {
  // Core OS and 32-bit guests are Linux too, but not supported: their own rows say why.
  if (vm.os.linux?.kind === "endorsed") return `${vm.os.label} is endorsed by Azure: supported.`;
  return `${vm.os.label} is not supported for application consistency.`;
}

/** Application consistency needs the agent to quiesce the applications, on every OS. */
function agentProblemsOf(facts: VmFacts): string[] {
  const problems: string[] = [];
  const power = facts.powerState?.toLowerCase();
  if (power !== "running") problems.push(power ? `the VM is ${power}` : "the VM's power state is unknown");
  if (facts.agent.provisioned === false) problems.push("the VM was created without the VM agent");
  else if (facts.agent.status === "not-ready") problems.push("the VM agent is not Ready");
  else if (facts.agent.status === "unknown") problems.push("the VM agent reports no status");
  return problems;
}

function agentBlocker(vm: MatrixContext): string | undefined {
  const problems = agentProblemsOf(vm.facts);
  if (problems.length === 0) return undefined;
  return `Application-consistent restore points need a running VM with a Ready VM agent, but ${problems.join(" and ")}. Start the VM and check its agent, or use a crash-consistent restore point.`;
}

const UNIDENTIFIED_OS_ROW: MatrixEntry = {
  rule: "os-not-supported",
  scenario: "The VM's operating system could not be identified",
  outcome: perMode({ support: "limited", text: "Only an OS on the Windows or Linux list." }, EVERY_OS),
  source: "seed",
  row: "os-lists",
  applies: (vm) => vm.os.family === "unknown",
  blocker: unidentifiedOs,
};

const LINUX_ROWS: readonly MatrixEntry[] = [
  {
    rule: "linux-distro-not-endorsed",
    scenario: "The VM runs Linux",
    outcome: perMode(
      { support: "supported", text: "Distributions endorsed by Azure are supported." },
      EVERY_OS,
    ),
    source: "seed",
    row: "linux-endorsed",
    applies: isLinux,
    describe: describeLinux,
  },
  {
    rule: "os-not-supported",
    scenario: "The VM runs Core OS Linux",
    outcome: perMode({ support: "not-supported", text: "Not supported." }, EVERY_OS),
    source: "seed",
    row: "linux-core-os",
    applies: (vm) => vm.os.linux?.kind === "core-os",
    blocker: (vm) =>
      `This VM runs ${vm.os.label}; restore points do not support Core OS Linux for application consistency. ${USE_CRASH}`,
  },
  {
    rule: "os-not-supported",
    scenario: "The VM runs 32-bit Linux",
    outcome: perMode({ support: "not-supported", text: "Not supported." }, EVERY_OS),
    source: "seed",
    row: "linux-32-bit",
    applies: (vm) => isLinux(vm) && vm.os.thirtyTwoBit,
    blocker: thirtyTwoBitBlocker,
  },
  {
    rule: "linux-distro-not-endorsed",
    scenario: "The VM runs a Linux distribution Azure does not endorse",
    outcome: perMode(
      { support: "advisory", text: "Might work with the Linux VM agent and Python." },
      EVERY_OS,
    ),
    source: "seed",
    row: "linux-other-distributions",
    applies: isUnendorsedLinux,
    advisory: (vm) =>
      `This VM runs ${vm.os.label}, which is not a Linux distribution endorsed by Azure; application-consistent restore points might still work.`,
  },
  {
    rule: "vm-agent-not-ready",
    scenario: "Application consistency needs a running VM whose VM agent is Ready",
    outcome: perMode(
      { support: "limited", text: "Needs a running VM with a Ready VM agent." },
      { support: "supported", text: "No agent needed." },
    ),
    source: "seed",
    // The seed names the agent only here; it is what quiesces applications on every OS.
    row: "linux-other-distributions",
    applies: always,
    describe: () => "The VM is running and its VM agent is Ready.",
    blocker: agentBlocker,
  },
  {
    rule: "linux-python-required",
    scenario: "A proxy-configured Linux VM needs Python 2.7 or later",
    outcome: perMode({ support: "advisory", text: "Needs Python 2.7 or later behind a proxy." }, EVERY_OS),
    source: "seed",
    row: "linux-proxy-python",
    // The proxy setting is inside the guest; the caveat is raised where Python matters most, off the endorsed list.
    applies: isUnendorsedLinux,
    advisory: () =>
      "Application consistency on this distribution needs the Azure Linux VM agent and a supported Python (2.7 or later if the VM uses a proxy).",
  },
  {
    rule: "nfs-not-captured",
    scenario: "NFS shares mounted in the VM",
    outcome: bothModes("advisory", "Not captured: only disks attached to the VM are."),
    source: "seed",
    row: "nfs-shares",
    applies: always,
    advisory: () => "Restore points capture only disks attached to the VM, not NFS shares mounted inside it.",
  },
  {
    rule: "crash-os-any",
    scenario: "Crash consistency and the operating system",
    outcome: perMode({ support: "limited", text: "See the OS lists above." }, EVERY_OS),
    source: "seed",
    row: "crash-every-os",
    applies: always,
  },
];

export const OS_ROWS: readonly MatrixEntry[] = [UNIDENTIFIED_OS_ROW, ...WINDOWS_ROWS, ...LINUX_ROWS];
