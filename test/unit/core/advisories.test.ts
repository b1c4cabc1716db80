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
