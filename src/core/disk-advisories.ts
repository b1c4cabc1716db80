/**
 * Advisories about the VM's disks and size: facts from newer Microsoft guidance (write acceleration,
 * ReadWrite caching, Azure Boost) and the preview limits of cross-region restore points. They never block.
 */
import type { DiskFacts, VmFacts } from "./facts.js";
import { diskNoun, listDiskNames } from "./text.js";
import type { Finding } from "./verdict.js";
import { isBoostSize, type VmSizeParts } from "./vm-size.js";

export function diskAdvisories(facts: VmFacts, size: VmSizeParts | undefined): Finding[] {
  const advisories: Finding[] = [];
  const disks = facts.disks;
  const writeAccelerated = disks.filter((disk) => disk.writeAcceleratorEnabled);
  if (writeAccelerated.length > 0) {
    advisories.push({
      rule: "write-accelerated-disk",
      message: `${describe(writeAccelerated, "uses")} Write Accelerator; newer Microsoft guidance says crash-consistent restore points do not support write-accelerated disks.`,
    });
  }
  const readWrite = disks.filter((disk) => disk.caching === "ReadWrite");
  if (readWrite.length > 0) {
    advisories.push({
      rule: "crash-readwrite-caching",
      message: `${describe(readWrite, "uses")} ReadWrite host caching; newer Microsoft guidance says crash consistency is not guaranteed with ReadWrite caching.`,
    });
  }
  const boost = boostAdvisory(facts, size);
  if (boost) advisories.push(boost);
  advisories.push(...crossRegionAdvisories(disks));
  return advisories;
}

function boostAdvisory(facts: VmFacts, size: VmSizeParts | undefined): Finding | undefined {
  const dataDisks = facts.disks.reduce((count, disk) => (disk.role === "data" ? count + 1 : count), 0);
  if (dataDisks < 2 || !isBoostSize(size)) return undefined;
  return {
    rule: "crash-boost-sku",
    message: `${facts.vmSize} is an Azure Boost size and the VM has ${dataDisks} data disks; newer Microsoft guidance says crash consistency is not guaranteed for Boost sizes with more than one data disk.`,
  };
}

function crossRegionAdvisories(disks: readonly DiskFacts[]): Finding[] {
  const advisories: Finding[] = [];
  const privateOnly = disks.filter((disk) => disk.privateLink);
  if (privateOnly.length > 0) {
    advisories.push({
      rule: "cross-region-private-link",
      message: `${describe(privateOnly, "is")} reachable only through a private link; private links are not supported when restore points are copied to or created in another region.`,
    });
  }
  const customerKey = disks.filter((disk) => disk.encryptionType?.toLowerCase().includes("customer"));
  if (customerKey.length > 0) {
    advisories.push({
      rule: "cross-region-cmk-becomes-pmk",
      message: `${describe(customerKey, "is")} encrypted with a customer-managed key; restore points copied to or created in another region are encrypted with a platform-managed key instead.`,
    });
  }
  return advisories;
}

/** "Disk data-1 uses" / "Disks data-1, data-2 use". */
function describe(disks: readonly DiskFacts[], verb: "uses" | "is"): string {
  const words = diskNoun(disks.length);
  return `${words.noun} ${listDiskNames(disks)} ${words[verb]}`;
}
