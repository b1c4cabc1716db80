/** The exact words of blockers and advisories: they are part of `rpbot check --json`, byte for byte. */
import { describe, expect, it } from "vitest";
import { evaluate, type OsFacts, type VmFacts, type VmHistory } from "../../../src/core/index.js";
import {
  buildCollection,
  buildDisk,
  buildFacts,
  buildHistory,
  buildOsDisk,
  buildPoint,
  manyPoints,
  NOW,
  VM_ID,
} from "./build-facts.js";

function verdictOf(facts: Partial<VmFacts> = {}, history: Partial<VmHistory> = {}) {
  return evaluate(buildFacts(facts), buildHistory(history), NOW);
}
const appMessages = (facts: Partial<VmFacts>) =>
  verdictOf(facts).modes.ApplicationConsistent.blockers.map((blocker) => blocker.message);
const crashMessages = (facts: Partial<VmFacts>, history: Partial<VmHistory> = {}) =>
  verdictOf(facts, history).modes.CrashConsistent.blockers.map((blocker) => blocker.message);
const advisory = (rule: string, facts: Partial<VmFacts>, history: Partial<VmHistory> = {}) =>
  verdictOf(facts, history).advisories.find((found) => found.rule === rule)?.message;
const USE_CRASH = "Use a crash-consistent restore point instead.";
const SUPPORTED_WINDOWS =
  "Windows 10 client (64-bit), Windows Server 2016, 2019 and 2022 (Datacenter, Datacenter Core, Standard) and Windows Server 2012 and 2012 R2 (Datacenter, Standard)";

describe("what the VM is", () => {
  it("names one unmanaged disk, or up to three and how many more", () => {
    expect(crashMessages({ disks: [buildOsDisk(), buildDisk({ name: "old", managed: false })] })).toEqual([
      "Disk old is unmanaged (VHD blobs); restore points support managed disks only. Convert the VM to managed disks first.",
    ]);
    const four = ["a", "b", "c", "d"].map((name) => buildDisk({ name, managed: false }));
    expect(crashMessages({ disks: four })).toEqual([
      "Disks a, b, c and 1 more are unmanaged (VHD blobs); restore points support managed disks only. Convert the VM to managed disks first.",
    ]);
  });

  it("says why nothing is left to capture", () => {
    expect(crashMessages({ disks: [] })).toEqual([
      "A crash-consistent restore point would capture nothing: the VM has no disks.",
    ]);
    const ultra = ["u1", "u2", "u3", "u4"].map((name) =>
      buildDisk({ name, storageAccountType: "UltraSSD_LRS" }),
    );
    expect(crashMessages({ disks: ultra })).toEqual([
      "A crash-consistent restore point would capture nothing: every disk is excluded: u1 (ultra-disk), u2 (ultra-disk), u3 (ultra-disk) and 1 more.",
    ]);
  });
});

describe("the operating system", () => {
  it.each<[string, OsFacts, string]>([
    [
      "a 32-bit guest",
      { type: "Windows", name: "Windows 10 Pro", bitness: 32 },
      `This VM runs a 32-bit OS (Windows 10 Pro); restore points do not support 32-bit operating systems for application consistency. ${USE_CRASH}`,
    ],
    [
      "a 32-bit guest without a name",
      { type: "Linux", bitness: 32 },
      `This VM runs a 32-bit OS (linux OS); restore points do not support 32-bit operating systems for application consistency. ${USE_CRASH}`,
    ],
    [
      "a 32-bit guest of no known family",
      { bitness: 32 },
      `This VM runs a 32-bit OS (unknown OS); restore points do not support 32-bit operating systems for application consistency. ${USE_CRASH}`,
    ],
    [
      "no OS information",
      {},
      `Could not identify the operating system of this VM; application-consistent restore points need a supported OS (${SUPPORTED_WINDOWS}, or a Linux distribution). ${USE_CRASH}`,
    ],
    [
      "an unidentified Windows name",
      { type: "Windows", name: "Windows Server Datacenter" },
      `Could not identify the Windows version of this VM (it reports "Windows Server Datacenter"); application-consistent restore points support ${SUPPORTED_WINDOWS}. ${USE_CRASH}`,
    ],
    [
      "Windows without a name or image",
      { type: "Windows" },
      `Could not identify the Windows version of this VM (the VM agent reports no OS name and the image is not a marketplace one); application-consistent restore points support ${SUPPORTED_WINDOWS}. ${USE_CRASH}`,
    ],
    [
      "a Windows version not on the list",
      { type: "Windows", name: "Windows Server 2008 R2 Datacenter" },
      `This VM runs Windows Server 2008 R2 Datacenter, which is not on the list for application-consistent restore points (${SUPPORTED_WINDOWS}). ${USE_CRASH}`,
    ],
    [
      "an edition that cannot be told",
      { type: "Windows", name: "Windows Server 2019" },
      `Could not identify the edition of Windows Server 2019 on this VM; application-consistent restore points support its Datacenter, Datacenter Core or Standard editions. ${USE_CRASH}`,
    ],
    [
      "Server Core where the list has none",
      { type: "Windows", name: "Windows Server 2012 R2 Datacenter Core" },
      `This VM runs Windows Server 2012 R2 Datacenter Core; application-consistent restore points support Windows Server 2012 R2 only as Datacenter or Standard, not as Server Core. ${USE_CRASH}`,
    ],
    [
      "an edition not on the list",
      { type: "Windows", name: "Windows Server 2016 Standard Core" },
      `This VM runs Windows Server 2016 Standard Core; application-consistent restore points support Windows Server 2016 only as Datacenter, Datacenter Core or Standard. ${USE_CRASH}`,
    ],
    [
      "Core OS Linux",
      { type: "Linux", name: "Fedora CoreOS" },
      `This VM runs Fedora CoreOS; restore points do not support Core OS Linux for application consistency. ${USE_CRASH}`,
    ],
  ])("%s", (_label, os, message) => {
    expect(appMessages({ os })).toEqual([message]);
    expect(crashMessages({ os })).toEqual([]);
  });

  it("blocks an OS past extended security updates, advises before, and on distributions Azure does not endorse", () => {
    expect(appMessages({ os: { type: "Windows", name: "Windows Server 2012 Standard" } })).toEqual([
      "This VM runs Windows Server 2012 Standard, whose security updates, extended security updates included, ended on 2026-10-13; restore points do not support an OS past its extended security updates for application consistency. Crash-consistent restore points still work: use one instead.",
    ]);
    expect(
      advisory("os-end-of-support", { os: { type: "Windows", name: "Windows Server 2016 Standard" } }),
    ).toBe(
      "Microsoft's security updates for Windows Server 2016 Standard, extended security updates included, end on 2027-01-12, in 48 days; after that day, restore points no longer support it for application consistency. Crash-consistent restore points still will.",
    );
    const gentoo = { os: { type: "Linux" as const, name: "gentoo" } };
    expect(advisory("linux-distro-not-endorsed", gentoo)).toBe(
      "This VM runs gentoo, which is not a Linux distribution endorsed by Azure; application-consistent restore points might still work.",
    );
    expect(advisory("linux-python-required", gentoo)).toBe(
      "Application consistency on this distribution needs the Azure Linux VM agent and a supported Python (2.7 or later if the VM uses a proxy).",
    );
  });

  it("names every problem of the agent in one blocker", () => {
    expect(appMessages({ powerState: "stopped", agent: { status: "ready", provisioned: false } })).toEqual([
      "Application-consistent restore points need a running VM with a Ready VM agent, but the VM is stopped and the VM was created without the VM agent. Start the VM and check its agent, or use a crash-consistent restore point.",
    ]);
  });
});

describe("the history", () => {
  it("says who the bot is creating a restore point for, when it knows", () => {
    const startedAt = "2026-11-25T11:58:00.000Z";
    expect(
      crashMessages({}, { jobInProgress: { mode: "CrashConsistent", startedAt, requestedBy: "slack:U1" } }),
    ).toEqual([
      "The bot is already creating a crash-consistent restore point of this VM for slack:U1 (started 2026-11-25T11:58:00.000Z); wait until it finishes.",
    ]);
    expect(crashMessages({}, { jobInProgress: { mode: "ApplicationConsistent", startedAt } })).toEqual([
      "The bot is already creating a application-consistent restore point of this VM (started 2026-11-25T11:58:00.000Z); wait until it finishes.",
    ]);
    const creating = buildPoint({ name: "rp-busy", provisioningState: "Creating", timeCreated: undefined });
    expect(crashMessages({}, { collections: [buildCollection({ restorePoints: [creating] })] })).toEqual([
      "Restore point rp-busy of this VM is still being created; wait until it finishes.",
    ]);
  });

  it("counts retained and failed restore points", () => {
    const full = { collections: [buildCollection({ restorePoints: manyPoints(500) })] };
    expect(crashMessages({}, full)).toEqual([
      "This VM already has 500 restore points; at most 500 can be retained per VM across all its collections, and failed ones count until deleted. Delete at least 1 old restore point first.",
    ]);
    const failed = manyPoints(3, { provisioningState: "Failed" });
    const withFailed = {
      collections: [buildCollection({ restorePoints: [...manyPoints(1000), ...failed] })],
    };
    expect(crashMessages({}, withFailed)).toEqual([
      "This VM already has 1,003 restore points (3 of them failed); at most 500 can be retained per VM across all its collections, and failed ones count until deleted. Delete at least 504 old restore points (the 3 failed ones first) first.",
    ]);
    const near = { collections: [buildCollection({ restorePoints: manyPoints(460) })] };
    expect(advisory("retention-near-limit", {}, near)).toBe(
      "This VM retains 460 restore points of at most 500; delete old ones before the limit blocks new restore points.",
    );
  });

  it("says where the collections are full", () => {
    expect(crashMessages({}, { collectionsInSubscriptionRegion: 10_001 })).toEqual([
      "This VM has no restore point collection in westeurope yet, and its subscription already holds 10,001 collections there (the limit is 10,000). Delete unused collections first.",
    ]);
  });

  it("names the collection a moved VM left behind", () => {
    const moved = buildCollection({
      name: "rpc-old",
      sourceId: VM_ID.replace("rg-web", "rg-old"),
      restorePoints: [buildPoint()],
    });
    expect(advisory("vm-moved", {}, { collections: [moved] })).toBe(
      `Collection rpc-old holds restore points of this VM under its old id ${VM_ID.replace("rg-web", "rg-old")}: the VM was moved from another resource group, which restore points do not support. Those points still count toward the 500 per VM, not toward the minimum interval.`,
    );
  });
});

describe("disks and placement", () => {
  it("words each disk advisory", () => {
    const disks = [
      buildOsDisk({ caching: "ReadWrite", privateLink: true }),
      buildDisk({
        name: "log",
        writeAcceleratorEnabled: true,
        encryptionType: "EncryptionAtRestWithCustomerKey",
      }),
      buildDisk({ name: "data", lun: 1 }),
    ];
    const facts = { vmSize: "Standard_E8ds_v6", disks, availabilitySetId: "/as", kind: "vmss-flex" as const };
    expect(verdictOf(facts).advisories.map((found) => found.message)).toEqual([
      "Disk log uses Write Accelerator; newer Microsoft guidance says crash-consistent restore points do not support write-accelerated disks.",
      "Disk vm-web-01-os uses ReadWrite host caching; newer Microsoft guidance says crash consistency is not guaranteed with ReadWrite caching.",
      "Standard_E8ds_v6 is an Azure Boost size and the VM has 2 data disks; newer Microsoft guidance says crash consistency is not guaranteed for Boost sizes with more than one data disk.",
      "Disk vm-web-01-os is reachable only through a private link; private links are not supported when restore points are copied to or created in another region.",
      "Disk log is encrypted with a customer-managed key; restore points copied to or created in another region are encrypted with a platform-managed key instead.",
      "This VM is in an availability set; protecting the whole set needs a restore point of every VM in it.",
      "This VM belongs to a Flexible scale set; protecting the whole scale set needs a restore point of every VM in it.",
      "Size Standard_E8ds_v6 has a local temporary disk; restore points do not capture its data.",
      "Restore points capture only disks attached to the VM, not NFS shares mounted inside it.",
    ]);
  });

  it("uses the plural for several disks", () => {
    const disks = [
      buildOsDisk({ privateLink: true, writeAcceleratorEnabled: true }),
      buildDisk({ name: "b", privateLink: true, writeAcceleratorEnabled: true }),
    ];
    expect(advisory("cross-region-private-link", { disks })).toMatch(
      /^Disks vm-web-01-os, b are reachable only/,
    );
    expect(advisory("write-accelerated-disk", { disks })).toMatch(
      /^Disks vm-web-01-os, b use Write Accelerator;/,
    );
  });
});
