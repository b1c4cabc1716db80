import { describe, expect, it } from "vitest";
import { evaluate, type OsFacts, WINDOWS_APP_CONSISTENT_SUPPORT } from "../../../src/core/index.js";
import { buildFacts, buildHistory, NOW } from "./build-facts.js";

const server = (sku: string) => ({ publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku });
const desktop = (offer: string, sku: string) => ({ publisher: "MicrosoftWindowsDesktop", offer, sku });
const rulesOf = (findings: { rule: string }[]) => findings.map((finding) => finding.rule);

/** The last day Windows Server 2012 and 2012 R2 are covered: every listed version is supported then. */
const LAST_DAY_OF_2012 = new Date("2026-10-13T12:00:00.000Z");

function appBlockers(os: OsFacts, now = NOW) {
  return rulesOf(evaluate(buildFacts({ os }), buildHistory(), now).modes.ApplicationConsistent.blockers);
}

describe("Windows: supported for application consistency", () => {
  it.each<[string, OsFacts]>([
    ["Windows 10 Enterprise", { type: "Windows", name: "Windows 10 Enterprise", version: "10.0.19045" }],
    ["Windows 10 Pro (64-bit)", { type: "Windows", name: "Windows 10 Pro", bitness: 64 }],
    ["Windows 10 Enterprise multi-session", { type: "Windows", name: "Windows 10 Enterprise multi-session" }],
    ["Windows Server 2022 Datacenter", { type: "Windows", name: "Windows Server 2022 Datacenter" }],
    [
      "2022 Datacenter: Azure Edition",
      { type: "Windows", name: "Windows Server 2022 Datacenter: Azure Edition" },
    ],
    [
      "2022 Datacenter Core",
      { type: "Windows", name: "Windows Server 2022 Datacenter", image: server("2022-datacenter-core-g2") },
    ],
    ["Windows Server 2022 Standard", { type: "Windows", name: "Windows Server 2022 Standard" }],
    ["Windows Server 2019 Datacenter", { type: "Windows", name: "Windows Server 2019 Datacenter" }],
    [
      "2019 Datacenter Core (name says Core)",
      { type: "Windows", name: "Windows Server 2019 Datacenter Core" },
    ],
    ["Windows Server 2019 Standard", { type: "Windows", name: "Windows Server 2019 Standard" }],
    ["Windows Server 2016 Datacenter", { type: "Windows", name: "Windows Server 2016 Datacenter" }],
    [
      "2016 Datacenter Core",
      {
        type: "Windows",
        name: "Windows Server 2016 Datacenter",
        image: server("2016-Datacenter-Server-Core"),
      },
    ],
    ["Windows Server 2016 Standard", { type: "Windows", name: "Windows Server 2016 Standard" }],
    ["Windows Server 2012 R2 Datacenter", { type: "Windows", name: "Windows Server 2012 R2 Datacenter" }],
    ["Windows Server 2012 R2 Standard", { type: "Windows", name: "Windows Server 2012 R2 Standard" }],
    ["Windows Server 2012 Datacenter", { type: "Windows", name: "Windows Server 2012 Datacenter" }],
    ["Windows Server 2012 Standard", { type: "Windows", name: "Windows Server 2012 Standard" }],
    ["Microsoft-prefixed name", { type: "Windows", name: "Microsoft Windows Server 2019 Datacenter" }],
    ["image only: 2019-datacenter-core-g2", { type: "Windows", image: server("2019-datacenter-core-g2") }],
    ["image only: 2012-r2-datacenter", { type: "Windows", image: server("2012-r2-datacenter") }],
    [
      "image only: 2022-datacenter-azure-edition",
      { type: "Windows", image: server("2022-datacenter-azure-edition") },
    ],
    [
      "image only: 2016-datacenter-gensecond",
      { type: "Windows", image: server("2016-datacenter-gensecond") },
    ],
    [
      "image only: Windows-10 win10-22h2-pro",
      { type: "Windows", image: desktop("Windows-10", "win10-22h2-pro") },
    ],
    ["image only: windows-10 rs5-pro", { type: "Windows", image: desktop("windows-10", "rs5-pro") }],
    ["type unknown, name says Windows", { name: "Windows Server 2019 Datacenter" }],
    ["image only: 2016-standard", { type: "Windows", image: server("2016-standard") }],
    [
      "image only: Windows 10 multi-session with Microsoft 365",
      { type: "Windows", image: desktop("office-365", "win10-22h2-avd-m365") },
    ],
    [
      "image only: a desktop sku without an offer",
      { type: "Windows", image: { publisher: "MicrosoftWindowsDesktop", sku: "win10-22h2-pro" } },
    ],
    [
      "the image of another version says nothing of the name's (no Core from a 2016 image)",
      { type: "Windows", name: "Windows Server 2012 R2 Datacenter", image: server("2016-datacenter-core") },
    ],
  ])("%s", (_label, os) => {
    expect(appBlockers(os, LAST_DAY_OF_2012)).toEqual([]);
  });

  it("covers every entry of the seed's Windows list", () => {
    expect(WINDOWS_APP_CONSISTENT_SUPPORT.map((entry) => entry.id)).toEqual([
      "windows-10",
      "windows-server-2022",
      "windows-server-2019",
      "windows-server-2016",
      "windows-server-2012-r2",
      "windows-server-2012",
    ]);
  });
});

describe("Windows: not supported for application consistency", () => {
  it.each<[string, OsFacts, string]>([
    [
      "Windows Server 2008 R2",
      { type: "Windows", name: "Windows Server 2008 R2 Datacenter" },
      "Windows Server 2008 R2 Datacenter",
    ],
    [
      "Windows Server 2008",
      { type: "Windows", name: "Windows Server 2008 Datacenter" },
      "Windows Server 2008 Datacenter",
    ],
    [
      "Windows Server 2025",
      { type: "Windows", name: "Windows Server 2025 Datacenter" },
      "Windows Server 2025",
    ],
    ["Windows 11 by name", { type: "Windows", name: "Windows 11 Enterprise" }, "Windows 11"],
    [
      "Windows 11 reporting itself as 10",
      { type: "Windows", name: "Windows 10 Enterprise", version: "10.0.22631" },
      "Windows 11",
    ],
    ["Windows 7", { type: "Windows", name: "Windows 7 Enterprise" }, "Windows 7"],
    ["Windows 8.1", { type: "Windows", name: "Windows 8.1 Pro" }, "This VM runs Windows 8.1 Pro,"],
    [
      "a later Windows with a late build is taken at its word",
      { type: "Windows", name: "Windows 12 Pro", version: "10.0.30000" },
      "This VM runs Windows 12 Pro,",
    ],
    [
      "image only: a semi-annual channel server sku",
      { type: "Windows", image: server("datacenter-core-2004-with-containers-smalldisk") },
      "Could not identify the Windows version",
    ],
    [
      "image only: another publisher's offer named like Windows",
      {
        type: "Windows",
        image: { publisher: "Contoso", offer: "windows-10-hardened", sku: "win10-22h2-ent" },
      },
      "Could not identify the Windows version",
    ],
    [
      "image only: a desktop image whose sku and offer name no version",
      { type: "Windows", image: desktop("office-365", "20h2-evd-o365pp") },
      "Could not identify the Windows version",
    ],
    ["Windows 10 32-bit", { type: "Windows", name: "Windows 10 Pro", bitness: 32 }, "32-bit"],
    [
      "Windows Server 2012 R2 Core",
      { type: "Windows", name: "Windows Server 2012 R2 Datacenter Core" },
      "not as Server Core",
    ],
    [
      "Windows Server 2012 Core (image)",
      { type: "Windows", name: "Windows Server 2012 Datacenter", image: server("2012-datacenter-core") },
      "Core",
    ],
    [
      "Standard Core is not listed",
      { type: "Windows", name: "Windows Server 2016 Standard Core" },
      "Standard Core",
    ],
    ["Essentials edition", { type: "Windows", name: "Windows Server 2019 Essentials" }, "Essentials"],
    ["unknown edition", { type: "Windows", name: "Windows Server 2019" }, "Could not identify the edition"],
    [
      "unidentified name",
      { type: "Windows", name: "Windows Server Datacenter" },
      "Could not identify the Windows version",
    ],
    ["nothing known", { type: "Windows" }, "Could not identify the Windows version"],
    [
      "image only: 2025",
      { type: "Windows", image: server("2025-datacenter-azure-edition") },
      "Windows Server 2025",
    ],
    ["image only: 2008-r2-sp1", { type: "Windows", image: server("2008-R2-SP1") }, "Windows Server 2008 R2"],
    [
      "image only: Windows 11",
      { type: "Windows", image: desktop("windows-11", "win11-23h2-pro") },
      "Windows 11",
    ],
    [
      "image only: SQL Server image",
      {
        type: "Windows",
        image: { publisher: "MicrosoftSQLServer", offer: "sql2019-ws2019", sku: "enterprise" },
      },
      "Could not identify",
    ],
    ["no OS information at all", {}, "Could not identify the operating system"],
  ])("%s", (_label, os, says) => {
    const verdict = evaluate(buildFacts({ os }), buildHistory(), NOW);
    const blockers = verdict.modes.ApplicationConsistent.blockers;
    expect(rulesOf(blockers)).toEqual(["os-not-supported"]);
    expect(blockers[0]?.message).toContain(says);
    // Crash consistency: every OS.
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  it("names what is supported when the version is not on the list", () => {
    const [blocker] = evaluate(
      buildFacts({ os: { type: "Windows", name: "Windows Server 2008 R2 Datacenter" } }),
      buildHistory(),
      NOW,
    ).modes.ApplicationConsistent.blockers;
    expect(blocker?.message).toContain("Windows Server 2016, 2019 and 2022");
    expect(blocker?.message).toContain("crash-consistent");
  });
});

describe("the OS family, when ARM does not give the OS type", () => {
  const rowsApplying = (os: OsFacts) =>
    (evaluate(buildFacts({ os }), buildHistory(), NOW, undefined, { explain: true }).matrix ?? [])
      .filter((row) => row.applies)
      .map((row) => row.scenario);
  const WINDOWS = "The VM runs Windows";
  const LINUX = "The VM runs Linux";
  const UNKNOWN = "The VM's operating system could not be identified";

  it.each<[string, OsFacts, string]>([
    ["a name that says Windows", { name: "Microsoft Windows Server 2019 Datacenter" }, WINDOWS],
    ["a Windows Server image", { image: server("2019-datacenter") }, WINDOWS],
    ["a Windows desktop image", { image: desktop("windows-10", "win10-22h2-pro") }, WINDOWS],
    ["another name", { name: "ubuntu" }, LINUX],
    [
      "another image publisher",
      { image: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server" } },
      LINUX,
    ],
    [
      "a publisher that only mentions Windows later",
      { image: { publisher: "contoso-microsoftwindows" } },
      LINUX,
    ],
    ["nothing at all", {}, UNKNOWN],
    ["an image without a publisher", { image: { id: "/galleries/g/images/i" } }, UNKNOWN],
  ])("%s -> %s", (_label, os, family) => {
    const applying = rowsApplying(os);
    expect(applying).toContain(family);
    for (const other of [WINDOWS, LINUX, UNKNOWN].filter((scenario) => scenario !== family))
      expect(applying).not.toContain(other);
  });

  it("gives an OS that cannot be identified no Linux advisories", () => {
    const verdict = evaluate(buildFacts({ os: {} }), buildHistory(), NOW);
    expect(rulesOf(verdict.advisories)).toEqual(["nfs-not-captured"]);
  });

  it("names an unidentified Linux distribution as such", () => {
    const verdict = evaluate(buildFacts({ os: { type: "Linux" } }), buildHistory(), NOW);
    expect(verdict.advisories[0]?.message).toBe(
      "This VM runs an unidentified Linux distribution, which is not a Linux distribution endorsed by Azure; application-consistent restore points might still work.",
    );
  });
});

describe("Windows 10 or Windows 11: the build decides", () => {
  it.each([
    ["a version that is not a build", []],
    ["10.0.21999", []],
    ["10.0.22000", ["os-not-supported"]],
    ["10.0.22631", ["os-not-supported"]],
  ])("Windows 10 Enterprise, build %s -> %o", (version, blockers) => {
    expect(appBlockers({ type: "Windows", name: "Windows 10 Enterprise", version })).toEqual(blockers);
  });

  it("names Windows 11 in the message", () => {
    const verdict = evaluate(
      buildFacts({ os: { type: "Windows", name: "Windows 10 Pro", version: "10.0.22000.194" } }),
      buildHistory(),
      NOW,
    );
    expect(verdict.modes.ApplicationConsistent.blockers[0]?.message).toContain(
      "This VM runs Windows 11 Pro,",
    );
  });
});

describe("Linux", () => {
  it.each<[string, OsFacts]>([
    ["ubuntu", { type: "Linux", name: "ubuntu", version: "22.04" }],
    [
      "Ubuntu image",
      {
        type: "Linux",
        image: { publisher: "Canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts-gen2" },
      },
    ],
    ["debian", { type: "Linux", name: "debian" }],
    ["Debian image", { type: "Linux", image: { publisher: "Debian", offer: "debian-12", sku: "12-gen2" } }],
    ["rhel", { type: "Linux", name: "rhel" }],
    ["Red Hat by name", { type: "Linux", name: "Red Hat Enterprise Linux" }],
    ["RedHat image", { type: "Linux", image: { publisher: "RedHat", offer: "RHEL", sku: "9-lvm-gen2" } }],
    ["sles", { type: "Linux", name: "sles" }],
    ["SUSE image", { type: "Linux", image: { publisher: "SUSE", offer: "sles-15-sp5", sku: "gen2" } }],
    ["openSUSE", { type: "Linux", name: "openSUSE Leap" }],
    ["Oracle Linux", { type: "Linux", name: "Oracle Linux Server" }],
    [
      "Oracle image",
      { type: "Linux", image: { publisher: "Oracle", offer: "Oracle-Linux", sku: "ol94-lvm-gen2" } },
    ],
    ["AlmaLinux", { type: "Linux", name: "AlmaLinux" }],
    ["Rocky Linux", { type: "Linux", name: "rocky" }],
    [
      "Rocky image",
      { type: "Linux", image: { publisher: "resf", offer: "rockylinux-x86_64", sku: "9-base" } },
    ],
    ["CentOS", { type: "Linux", name: "centos" }],
    ["CentOS image", { type: "Linux", image: { publisher: "OpenLogic", offer: "CentOS", sku: "7_9-gen2" } }],
    ["Azure Linux", { type: "Linux", name: "azurelinux" }],
    ["CBL-Mariner", { type: "Linux", name: "mariner" }],
    ["Flatcar", { type: "Linux", name: "flatcar" }],
    [
      "Flatcar image",
      {
        type: "Linux",
        image: { publisher: "kinvolk", offer: "flatcar-container-linux-free", sku: "stable-gen2" },
      },
    ],
  ])("endorsed: %s is supported without advisories", (_label, os) => {
    const verdict = evaluate(buildFacts({ os }), buildHistory(), NOW);
    expect(verdict.modes.ApplicationConsistent.allowed).toBe(true);
    expect(rulesOf(verdict.advisories)).toEqual(["nfs-not-captured"]);
  });

  it.each<[string, OsFacts]>([
    ["coreos", { type: "Linux", name: "coreos" }],
    ["Container Linux by CoreOS", { type: "Linux", name: "Container Linux by CoreOS" }],
    ["Fedora CoreOS", { type: "Linux", name: "Fedora CoreOS" }],
    ["CoreOS image", { type: "Linux", image: { publisher: "CoreOS", offer: "CoreOS", sku: "Stable" } }],
  ])("Core OS: %s is not supported for application consistency", (_label, os) => {
    const verdict = evaluate(buildFacts({ os }), buildHistory(), NOW);
    expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual(["os-not-supported"]);
    expect(verdict.modes.ApplicationConsistent.blockers[0]?.message).toContain("Core OS");
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  it("32-bit Linux is not supported for application consistency", () => {
    const verdict = evaluate(
      buildFacts({ os: { type: "Linux", name: "ubuntu", bitness: 32 } }),
      buildHistory(),
      NOW,
    );
    expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual(["os-not-supported"]);
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  it.each<[string, OsFacts]>([
    ["Gentoo", { type: "Linux", name: "gentoo" }],
    ["Arch Linux", { type: "Linux", name: "arch" }],
    ["Fedora (not CoreOS)", { type: "Linux", name: "fedora" }],
    ["Alpine", { type: "Linux", name: "alpine" }],
    ["unidentified Linux", { type: "Linux" }],
  ])("other distribution: %s is allowed with advisories", (_label, os) => {
    const verdict = evaluate(buildFacts({ os }), buildHistory(), NOW);
    expect(verdict.modes.ApplicationConsistent.allowed).toBe(true);
    expect(rulesOf(verdict.advisories)).toEqual([
      "linux-distro-not-endorsed",
      "linux-python-required",
      "nfs-not-captured",
    ]);
    expect(verdict.advisories[1]?.message).toContain("2.7");
  });
});
