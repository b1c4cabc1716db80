/**
 * Which advisories bear on what a person can do now. A check answers "can I create one, and of which mode";
 * a caveat about crash consistency matters where a crash-consistent restore point is possible, and notes that
 * hold for nearly every VM (NFS shares, the temporary disk) or concern what the bot never does (copies to
 * another region) change no decision: chat keeps them for the details and `--explain`.
 */
import type { ConsistencyMode } from "./facts.js";
import type { AdvisoryCode } from "./rule-codes.js";
import type { Finding, Verdict } from "./verdict.js";

/** The mode whose decision an advisory bears on; "either": any possible mode; "none": details only. */
type Concern = ConsistencyMode | "either" | "none";

const CONCERN: Record<AdvisoryCode, Concern> = {
  "vm-moved": "either",
  "retention-near-limit": "either",
  "collection-limit-near": "either",
  "os-end-of-support": "either",
  "linux-distro-not-endorsed": "ApplicationConsistent",
  "linux-python-required": "ApplicationConsistent",
  "write-accelerated-disk": "CrashConsistent",
  "crash-readwrite-caching": "CrashConsistent",
  "crash-boost-sku": "CrashConsistent",
  "crash-premium-storage-size": "CrashConsistent",
  "cross-region-private-link": "none",
  "cross-region-cmk-becomes-pmk": "none",
  "confidential-vm-preview": "either",
  "availability-set-member": "either",
  "vmss-flex-member": "either",
  "temporary-disk-not-captured": "none",
  "nfs-not-captured": "none",
};

/** The verdict's advisories that bear on a mode it allows, in the verdict's order. */
export function decisiveAdvisories(verdict: Verdict): Finding[] {
  return verdict.advisories.filter((advisory) => {
    const concern = CONCERN[advisory.rule as AdvisoryCode] ?? "either";
    if (concern === "none") return false;
    if (concern === "either")
      return verdict.modes.ApplicationConsistent.allowed || verdict.modes.CrashConsistent.allowed;
    return verdict.modes[concern].allowed;
  });
}
