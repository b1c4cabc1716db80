import { describe, expect, it } from "vitest";
import { evaluate, type VmFacts } from "../../../src/core/index.js";
import { buildDisk, buildFacts, buildHistory, buildOsDisk, NOW } from "./build-facts.js";

function advisoriesOf(overrides: Partial<VmFacts>) {
  return evaluate(buildFacts(overrides), buildHistory(), NOW).advisories;
}
const rules = (overrides: Partial<VmFacts>) => advisoriesOf(overrides).map((advisory) => advisory.rule);

describe("advisories", () => {
  it("nfs-not-captured: always, exactly once", () => {
    expect(rules({}).filter((rule) => rule === "nfs-not-captured")).toHaveLength(1);
  });

  it("temporary-disk-not-captured: when the size has a local temp disk", () => {
    expect(rules({ vmSize: "Standard_D2ds_v5" })).toContain("temporary-disk-not-captured");
    expect(rules({ vmSize: "Standard_D2s_v5" })).not.toContain("temporary-disk-not-captured");
    const [message] = advisoriesOf({ vmSize: "Standard_DS2_v2" }).filter(
      (a) => a.rule === "temporary-disk-not-captured",
    );
    expect(message?.message).toContain("Standard_DS2_v2");
  });

  it("availability-set-member and vmss-flex-member", () => {
    expect(rules({ availabilitySetId: "/subscriptions/x/availabilitySets/as1" })).toContain(
      "availability-set-member",
    );
    expect(rules({ kind: "vmss-flex", scaleSetId: "/vmss" })).toContain("vmss-flex-member");
    expect(rules({})).not.toContain("availability-set-member");
    expect(rules({})).not.toContain("vmss-flex-member");
    expect(rules({ kind: "vmss-uniform" })).not.toContain("vmss-flex-member");
  });

  it("write-accelerated-disk: names the disks", () => {
    const advisories = advisoriesOf({
      disks: [buildOsDisk(), buildDisk({ name: "log", writeAcceleratorEnabled: true })],
    });
    const found = advisories.find((advisory) => advisory.rule === "write-accelerated-disk");
    expect(found?.message).toContain("Disk log uses Write Accelerator");
    expect(rules({})).not.toContain("write-accelerated-disk");
  });

  it("crash-readwrite-caching: any disk with ReadWrite caching, listed once", () => {
    const disks = [buildOsDisk({ caching: "ReadWrite" }), buildDisk({ name: "d1", caching: "ReadWrite" })];
    const found = advisoriesOf({ disks }).filter((advisory) => advisory.rule === "crash-readwrite-caching");
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain("Disks vm-web-01-os, d1 use ReadWrite");
    expect(
      rules({ disks: [buildOsDisk({ caching: "ReadOnly" }), buildDisk({ caching: "None" })] }),
    ).not.toContain("crash-readwrite-caching");
  });

  it.each([
    ["Standard_D4s_v6", 2, true],
    ["Standard_E8ds_v6", 3, true],
    ["Standard_E4s_v6", 2, true],
    ["Standard_D4as_v7", 2, true],
    ["Standard_E4as_v7", 2, true],
    ["Standard_D4s_v6", 1, false],
    ["Standard_D4as_v6", 2, false],
    ["Standard_D4s_v5", 4, false],
    ["Standard_D4ps_v6", 2, false],
  ])("crash-boost-sku: %s with %i data disks -> %s", (vmSize, dataDisks, expected) => {
    const disks = [
      buildOsDisk(),
      ...Array.from({ length: dataDisks }, (_, lun) => buildDisk({ name: `d${lun}`, lun })),
    ];
    expect(rules({ vmSize, disks }).includes("crash-boost-sku")).toBe(expected);
  });

  it.each([
    ["Standard_D2_v3", true],
    ["Standard_A2_v2", true],
    ["Basic_A1", true],
    ["Standard_F4", true],
    ["Standard_D2s_v3", false],
    ["Standard_DS2_v2", false],
    ["Standard_M64", false],
    ["custom-size", false],
    ["Standard_X4_v9", false],
  ])("crash-premium-storage-size: %s -> %s", (vmSize, expected) => {
    expect(rules({ vmSize }).includes("crash-premium-storage-size")).toBe(expected);
  });

  it("crash-premium-storage-size: names the size and the mode it concerns", () => {
    const found = advisoriesOf({ vmSize: "Standard_D2_v3" }).find(
      (advisory) => advisory.rule === "crash-premium-storage-size",
    );
    expect(found?.message).toBe(
      "Standard_D2_v3 does not support Premium storage; newer Microsoft guidance says crash-consistent restore points are supported only on VM sizes that do. Application-consistent restore points support every size.",
    );
    const verdict = evaluate(buildFacts({ vmSize: "Standard_D2_v3" }), buildHistory(), NOW);
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  const confidential = (vmSize: string, location: string, securityType = "ConfidentialVM") => ({
    securityType,
    vmSize,
    location,
  });

  it.each([
    [confidential("Standard_DC4as_v6", "koreacentral"), true],
    [confidential("Standard_DC2ads_v6", "uaenorth"), true],
    [confidential("Standard_EC16as_v6", "Korea Central"), true],
    [confidential("Standard_DC4es_v6", "UAENorth"), true],
    [confidential("Standard_DC4as_v6", "KoreaCentral", "confidentialvm"), true],
    [confidential("Standard_DC4as_v5", "koreacentral"), false],
    [confidential("Standard_DC4as_v6", "eastus"), false],
    [confidential("Standard_DC4as_v6", "koreasouth"), false],
    [confidential("Standard_D4s_v6", "koreacentral"), false],
    [confidential("Standard_DC4as_v6", "koreacentral", "TrustedLaunch"), false],
  ])("confidential-vm-preview: %o -> %s", (facts, expected) => {
    expect(rules(facts).includes("confidential-vm-preview")).toBe(expected);
  });

  it("confidential-vm-preview: tells of the preview, cites it, and the seed still blocks both modes", () => {
    const verdict = evaluate(
      buildFacts(confidential("Standard_DC4as_v6", "koreacentral")),
      buildHistory(),
      NOW,
    );
    expect(verdict.advisories.find((advisory) => advisory.rule === "confidential-vm-preview")?.message).toBe(
      "Microsoft documents a preview of restore points for confidential VMs of the v6 series in koreacentral, used by Azure Backup (without multi-disk crash consistency) once the subscription registers the Microsoft.Compute feature RestorePointSupportForConfidentialVMV2: https://learn.microsoft.com/azure/backup/confidential-vm-backup. The support matrix still lists confidential VMs as not supported, so the bot does not create restore points for this VM.",
    );
    for (const mode of ["ApplicationConsistent", "CrashConsistent"] as const)
      expect(verdict.modes[mode].blockers.map((blocker) => blocker.rule)).toEqual(["confidential-vm"]);
  });

  it("cross-region-private-link and cross-region-cmk-becomes-pmk", () => {
    const disks = [
      buildOsDisk({ privateLink: true }),
      buildDisk({ name: "cmk", encryptionType: "EncryptionAtRestWithCustomerKey" }),
      buildDisk({ name: "double", encryptionType: "EncryptionAtRestWithPlatformAndCustomerKeys" }),
    ];
    const advisories = advisoriesOf({ disks });
    expect(advisories.find((advisory) => advisory.rule === "cross-region-private-link")?.message).toContain(
      "vm-web-01-os",
    );
    expect(
      advisories.find((advisory) => advisory.rule === "cross-region-cmk-becomes-pmk")?.message,
    ).toContain("cmk, double");
    expect(rules({})).not.toContain("cross-region-private-link");
    expect(rules({})).not.toContain("cross-region-cmk-becomes-pmk");
  });

  it("lists each code at most once, in a fixed order, whatever the VM", () => {
    const everything: Partial<VmFacts> = {
      vmSize: "Standard_E8ds_v6",
      availabilitySetId: "/as",
      kind: "vmss-flex",
      os: { type: "Linux", name: "Gentoo" },
      disks: [
        buildOsDisk({ caching: "ReadWrite", privateLink: true }),
        buildDisk({
          name: "a",
          writeAcceleratorEnabled: true,
          encryptionType: "EncryptionAtRestWithCustomerKey",
        }),
        buildDisk({ name: "b", lun: 1 }),
      ],
    };
    const found = rules(everything);
    expect(found).toEqual([
      "linux-distro-not-endorsed",
      "linux-python-required",
      "write-accelerated-disk",
      "crash-readwrite-caching",
      "crash-boost-sku",
      "cross-region-private-link",
      "cross-region-cmk-becomes-pmk",
      "availability-set-member",
      "vmss-flex-member",
      "temporary-disk-not-captured",
      "nfs-not-captured",
    ]);
    expect(new Set(found).size).toBe(found.length);
    const newer = rules({
      vmSize: "Standard_D2_v3",
      os: { type: "Windows", name: "Windows Server 2016 Datacenter" },
      disks: [buildOsDisk({ caching: "ReadWrite" })],
    });
    expect(newer).toEqual([
      "os-end-of-support",
      "crash-readwrite-caching",
      "crash-premium-storage-size",
      "temporary-disk-not-captured",
      "nfs-not-captured",
    ]);
    const confidentialNotes = rules({
      ...confidential("Standard_DC4as_v6", "koreacentral"),
      kind: "vmss-flex",
    });
    expect(confidentialNotes.slice(-3)).toEqual([
      "confidential-vm-preview",
      "vmss-flex-member",
      "nfs-not-captured",
    ]);
  });

  it("does not echo tags in any message", () => {
    const verdict = evaluate(
      buildFacts({ tags: { secretish: "do-not-print-me" } }),
      buildHistory(),
      NOW,
      undefined,
      {
        explain: true,
      },
    );
    expect(JSON.stringify(verdict)).not.toContain("do-not-print-me");
  });
});
