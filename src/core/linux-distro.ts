/**
 * Which Linux distribution a VM runs, from the agent's report (instanceView.osName: "ubuntu", "rhel",
 * "Oracle Linux", ...) and the marketplace image (Canonical/ubuntu-24_04-lts, RedHat/RHEL, ...).
 */
import type { OsFacts } from "./facts.js";

export type LinuxIdentity =
  | { kind: "endorsed"; name: string }
  | { kind: "core-os"; name: string }
  | { kind: "other"; name: string | undefined };

/** The distributions endorsed by Azure (the seed supports "the list of Linux distributions endorsed by Azure"). */
export const ENDORSED_LINUX_DISTRIBUTIONS: readonly { name: string; pattern: RegExp }[] = [
  { name: "Ubuntu", pattern: /ubuntu|canonical/ },
  { name: "Debian", pattern: /debian/ },
  { name: "Red Hat Enterprise Linux", pattern: /\brhel|red ?hat/ },
  { name: "openSUSE", pattern: /opensuse/ },
  { name: "SUSE Linux Enterprise Server", pattern: /\bsles|suse/ },
  { name: "Oracle Linux", pattern: /oracle/ },
  { name: "AlmaLinux", pattern: /alma ?linux/ },
  { name: "Rocky Linux", pattern: /rocky|\bresf\b/ },
  { name: "CentOS", pattern: /centos|openlogic/ },
  { name: "Azure Linux", pattern: /mariner|azure[ -]?linux/ },
  { name: "Flatcar Container Linux", pattern: /flatcar|kinvolk/ },
];

/** CoreOS Container Linux, Fedora CoreOS, Red Hat CoreOS: the seed's "Core OS Linux". Flatcar is its endorsed successor. */
const CORE_OS = /core ?os\b|\brhcos\b/;

export function identifyLinux(os: OsFacts): LinuxIdentity {
  const described = [os.name, os.image?.publisher, os.image?.offer, os.image?.sku].filter(Boolean).join(" ");
  const text = described.toLowerCase();
  if (CORE_OS.test(text)) return { kind: "core-os", name: os.name || os.image?.offer || "CoreOS" };
  for (const distribution of ENDORSED_LINUX_DISTRIBUTIONS) {
    if (distribution.pattern.test(text)) return { kind: "endorsed", name: distribution.name };
  }
  return { kind: "other", name: os.name || os.image?.offer || undefined };
}
