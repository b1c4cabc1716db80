/**
 * Each support-matrix row says whether it concerns a VM (`--explain`'s `applies`): true for VMs it is about,
 * false for VMs it is not, checked on the explained verdict, row by row.
 */
import { describe, expect, it } from "vitest";
import { evaluate, SUPPORT_MATRIX, type VmFacts, type VmHistory } from "../../../src/core/index.js";
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

interface Vm {
  facts?: Partial<VmFacts>;
  history?: Partial<VmHistory>;
}

const HEALTHY: Vm = {};
const STOPPED_LINUX: Vm = { facts: { os: { type: "Linux", name: "gentoo" }, powerState: "deallocated" } };
const disks = (...overrides: Parameters<typeof buildDisk>[0][]): Vm => ({
  facts: { disks: overrides.map((override, lun) => buildDisk({ name: `d${lun}`, lun, ...override })) },
});
const os = (value: VmFacts["os"]): Vm => ({ facts: { os: value } });
const windows = (name: string, extra: Partial<VmFacts["os"]> = {}) => os({ type: "Windows", name, ...extra });
const linux = (name: string, extra: Partial<VmFacts["os"]> = {}) => os({ type: "Linux", name, ...extra });
const facts = (value: Partial<VmFacts>): Vm => ({ facts: value });
const always = { concerns: [HEALTHY, STOPPED_LINUX, disks()], not: [] };
const never = { concerns: [], not: [HEALTHY, STOPPED_LINUX] };
const withPoints = (count: number): Vm => ({
  history: { collections: [buildCollection({ restorePoints: manyPoints(count) })] },
});

const inRegion = (collections: number | undefined): Vm => ({
  history: { collectionsInSubscriptionRegion: collections },
});

const UNMANAGED = { concerns: [disks({}, { managed: false })], not: [HEALTHY] };
const EPHEMERAL = { concerns: [disks({ role: "os", ephemeral: true }, {})], not: [HEALTHY] };
const SHARED = {
  concerns: [disks({}, { maxShares: 2 })],
  not: [HEALTHY, disks({ maxShares: 1 }, { maxShares: undefined })],
};
const API_VERSION = always;

const CASES: Record<string, { concerns: Vm[]; not: Vm[] }> = {
  "The VM uses managed disks": {
    concerns: [HEALTHY],
    not: [disks({ managed: false }), disks({ role: "os", ephemeral: true })],
  },
  "The VM uses unmanaged (VHD blob) disks": UNMANAGED,
  "The VM has Ultra Disks": {
    concerns: [
      disks({}, { storageAccountType: "UltraSSD_LRS" }),
      disks({ storageAccountType: "ultrassd_lrs" }),
    ],
    not: [HEALTHY, disks({ storageAccountType: "PremiumV2_LRS" })],
  },
  "The VM has Premium SSD v2 disks": {
    concerns: [disks({}, { storageAccountType: "PremiumV2_LRS" })],
    not: [HEALTHY, disks({ storageAccountType: "UltraSSD_LRS" })],
  },
  "The VM has an ephemeral OS disk": EPHEMERAL,
  "The VM has shared disks (maxShares > 1)": SHARED,
  "The VM is a storage-optimized size with local NVMe disks": {
    concerns: [facts({ vmSize: "Standard_L8s_v3" })],
    not: [HEALTHY, facts({ vmSize: "Standard_E8s_v5" })],
  },
  "A disk uses host caching": {
    concerns: [HEALTHY, disks({ caching: "None" }, { caching: "ReadWrite" })],
    not: [disks({ caching: "None" }, { caching: undefined })],
  },
  "The VM size has a local temporary disk": {
    concerns: [facts({ vmSize: "Standard_D2ds_v5" })],
    not: [HEALTHY],
  },
  "A disk is Standard HDD": { concerns: [disks({}, { storageAccountType: "Standard_LRS" })], not: [HEALTHY] },
  "A disk is Standard SSD": {
    concerns: [
      disks({ storageAccountType: "StandardSSD_LRS" }),
      disks({ storageAccountType: "StandardSSD_ZRS" }),
    ],
    not: [HEALTHY],
  },
  "A disk is Premium SSD": {
    concerns: [HEALTHY, disks({ storageAccountType: "Premium_ZRS" })],
    not: [disks({ storageAccountType: "Standard_LRS" })],
  },
  "A disk is zone-redundant (ZRS)": {
    concerns: [
      disks({ storageAccountType: "Premium_ZRS" }),
      disks({ storageAccountType: "standardssd_zrs" }),
    ],
    not: [HEALTHY, disks({ storageAccountType: undefined })],
  },
  "A disk is encrypted at rest with a platform-managed key (the default)": {
    concerns: [HEALTHY, disks({ encryptionType: undefined })],
    not: [
      disks({ encryptionType: "EncryptionAtRestWithCustomerKey" }),
      disks({ managed: false }),
      disks({ role: "os", ephemeral: true }),
    ],
  },
  "A disk is encrypted at rest with a customer-managed key": {
    concerns: [disks({}, { encryptionType: "EncryptionAtRestWithCustomerKey" })],
    not: [HEALTHY, disks({ encryptionType: undefined })],
  },
  "A disk uses double encryption at rest": {
    concerns: [disks({}, { encryptionType: "EncryptionAtRestWithPlatformAndCustomerKeys" })],
    not: [HEALTHY, disks({ encryptionType: "EncryptionAtRestWithCustomerKey" })],
  },
  "The VM uses encryption at host": {
    concerns: [facts({ encryptionAtHost: true })],
    not: [HEALTHY, facts({ encryptionAtHost: false })],
  },
  "The VM uses Azure Disk Encryption (ADE)": {
    concerns: [
      facts({ extensions: ["x", "AzureDiskEncryption"] }),
      facts({ extensions: ["azurediskencryptionforlinux"] }),
    ],
    not: [HEALTHY, facts({ extensions: ["AzureMonitorAgent"] })],
  },
  "The VM has extensions": { concerns: [facts({ extensions: ["AzureMonitorAgent"] })], not: [HEALTHY] },
  "The VM uses Trusted Launch": {
    concerns: [HEALTHY, facts({ securityType: "trustedlaunch" })],
    not: [facts({ securityType: "Standard" }), facts({ securityType: undefined })],
  },
  "The VM is a confidential VM": {
    concerns: [facts({ securityType: "ConfidentialVM" })],
    not: [HEALTHY, facts({ securityType: undefined })],
  },
  "The VM is Generation 2 (UEFI boot)": {
    concerns: [
      HEALTHY,
      facts({ securityType: "Standard", hyperVGeneration: "v2" }),
      facts({ securityType: "ConfidentialVM", hyperVGeneration: "V1" }),
    ],
    not: [facts({ securityType: "Standard", hyperVGeneration: "V1" }), facts({ securityType: undefined })],
  },
  "The VM is in a proximity placement group": {
    concerns: [facts({ proximityPlacementGroupId: "/ppg" })],
    not: [HEALTHY, facts({ proximityPlacementGroupId: "" })],
  },
  "The VM is in an availability set": { concerns: [facts({ availabilitySetId: "/as" })], not: [HEALTHY] },
  "The VM is an instance of a Uniform scale set": {
    concerns: [facts({ kind: "vmss-uniform" })],
    not: [HEALTHY, facts({ kind: "vmss-flex" })],
  },
  "The VM belongs to a Flexible scale set": {
    concerns: [facts({ kind: "vmss-flex" })],
    not: [HEALTHY, facts({ kind: "vmss-uniform" })],
  },
  "The VM is a Spot (low priority) VM": {
    concerns: [facts({ priority: "Spot" }), facts({ priority: "Low" })],
    not: [HEALTHY, facts({ priority: undefined })],
  },
  "The VM runs on a dedicated host": { concerns: [facts({ dedicatedHostId: "/host" })], not: [HEALTHY] },
  "The VM was created from a marketplace image": {
    concerns: [HEALTHY],
    not: [windows("Windows Server 2022 Datacenter", { image: { id: "/galleries/g/images/i" } })],
  },
  "The VM was created from a custom or gallery image": {
    concerns: [windows("Windows Server 2022 Datacenter", { image: { id: "/galleries/g/images/i" } })],
    not: [HEALTHY, windows("Windows Server 2022 Datacenter", { image: undefined })],
  },
  "The VM uses Azure Hybrid Benefit licensing": {
    concerns: ["Windows_Server", "Windows_Client", "RHEL_BYOS", "sles_byos"].map((licenseType) =>
      facts({ licenseType }),
    ),
    not: [HEALTHY, facts({ licenseType: "None" })],
  },
  "The VM was migrated from on-premises with Azure Migrate (not visible in ARM)": never,
  "Access to the VM is controlled with Azure RBAC": always,
  "The VM uses accelerated networking (a NIC setting, not read by the bot)": never,
  "Minimum time between application-consistent restore points": always,
  "Minimum time between crash-consistent restore points": always,
  "Application-consistent restore points need api-version 2021-03-01 or later": API_VERSION,
  "Crash-consistent restore points need api-version 2021-07-01 or later": API_VERSION,
  "Restore points support managed disks only": UNMANAGED,
  "Ephemeral OS disks are not supported in either mode": EPHEMERAL,
  "Shared disks are not supported in either mode": SHARED,
  "Nothing is left to capture once the unsupported disks are excluded": {
    concerns: [
      disks({ role: "os", ephemeral: true }),
      disks({ storageAccountType: "UltraSSD_LRS" }),
      disks(),
    ],
    not: [HEALTHY, disks({ role: "os", ephemeral: true }, {})],
  },
  "Application-consistent restore points need api-version 2021-03-01 or later (the seed's other limitations)":
    API_VERSION,
  "Crash-consistent restore points need api-version 2021-03-01 or later (the seed's other limitations)":
    API_VERSION,
  "At most 10,000 restore point collections per subscription and region": always,
  "At most 500 restore points retained per VM, across all its collections": always,
  "The VM's subscription and region are close to the 10,000 collection limit": {
    concerns: [inRegion(9_500), inRegion(10_000)],
    not: [
      HEALTHY,
      inRegion(9_499),
      inRegion(undefined),
      // A VM with a collection of its own there needs no new one.
      { history: { collectionsInSubscriptionRegion: 9_800, collections: [buildCollection()] } },
    ],
  },
  "The VM is close to the 500 restore point limit": {
    concerns: [withPoints(450), withPoints(500)],
    not: [withPoints(449)],
  },
  "A restore point of the VM is being created": {
    concerns: [
      {
        history: {
          collections: [buildCollection({ restorePoints: [buildPoint({ provisioningState: "Creating" })] })],
        },
      },
      { history: { jobInProgress: { mode: "CrashConsistent", startedAt: "2026-11-25T11:59:00.000Z" } } },
    ],
    not: [HEALTHY, withPoints(3)],
  },
  "The VM was moved to another resource group or subscription after restore points were taken": {
    concerns: [
      {
        history: {
          collections: [
            buildCollection({ sourceId: VM_ID.replace("rg-web", "rg-old"), restorePoints: [buildPoint()] }),
          ],
        },
      },
    ],
    not: [HEALTHY, withPoints(2)],
  },
  "The VM's operating system could not be identified": {
    concerns: [os({}), os({ bitness: 32 })],
    not: [HEALTHY, linux("ubuntu"), windows("Windows Server 2008 R2 Datacenter")],
  },
  "The VM runs Windows": {
    concerns: [HEALTHY, windows("Windows 10 Pro", { bitness: 32 }), os({ type: "Windows" })],
    not: [linux("ubuntu"), os({})],
  },
  "Windows 10 client": {
    concerns: [windows("Windows 10 Enterprise", { version: "10.0.19045" })],
    not: [HEALTHY, windows("Windows 10 Enterprise", { version: "10.0.22631" })],
  },
  "Windows Server 2022": { concerns: [HEALTHY], not: [windows("Windows Server 2019 Datacenter")] },
  "Windows Server 2019": { concerns: [windows("Windows Server 2019 Datacenter")], not: [HEALTHY] },
  "Windows Server 2016": { concerns: [windows("Windows Server 2016 Standard")], not: [HEALTHY] },
  "Windows Server 2012 R2": {
    concerns: [windows("Windows Server 2012 R2 Datacenter")],
    not: [HEALTHY, windows("Windows Server 2012 Datacenter")],
  },
  "Windows Server 2012": {
    concerns: [windows("Windows Server 2012 Standard")],
    not: [HEALTHY, windows("Windows Server 2012 R2 Standard")],
  },
  "The OS is past Microsoft's extended security updates": {
    concerns: [windows("Windows Server 2012 R2 Datacenter"), windows("Windows 10 Enterprise 2016 LTSB")],
    not: [
      HEALTHY,
      windows("Windows 10 Pro"),
      windows("Windows Server 2016 Datacenter"),
      windows("Windows Server 2008 R2 Datacenter"),
      linux("ubuntu"),
    ],
  },
  "Microsoft's extended security updates for the OS end within 180 days": {
    concerns: [windows("Windows Server 2016 Standard"), windows("Windows 10 Enterprise LTSC 2021")],
    not: [HEALTHY, windows("Windows Server 2012 R2 Datacenter"), windows("Windows 10 Pro"), linux("ubuntu")],
  },
  "The VM runs 32-bit Windows": {
    concerns: [windows("Windows 10 Pro", { bitness: 32 })],
    not: [HEALTHY, linux("ubuntu", { bitness: 32 })],
  },
  "The VM runs Linux": { concerns: [linux("ubuntu"), linux("coreos")], not: [HEALTHY, os({})] },
  "The VM runs Core OS Linux": { concerns: [linux("coreos")], not: [HEALTHY, linux("ubuntu")] },
  "The VM runs 32-bit Linux": {
    concerns: [linux("ubuntu", { bitness: 32 })],
    not: [linux("ubuntu"), windows("Windows 10 Pro", { bitness: 32 })],
  },
  "The VM runs a Linux distribution Azure does not endorse": {
    concerns: [linux("gentoo")],
    not: [HEALTHY, linux("ubuntu"), linux("coreos")],
  },
  "Application consistency needs a running VM whose VM agent is Ready": always,
  "A proxy-configured Linux VM needs Python 2.7 or later": {
    concerns: [linux("gentoo")],
    not: [HEALTHY, linux("ubuntu")],
  },
  "NFS shares mounted in the VM": always,
  "Crash consistency and the operating system": always,
  "A disk is reachable only through a private link": {
    concerns: [disks({}, { privateLink: true })],
    not: [HEALTHY],
  },
  "A disk is encrypted with a customer-managed key": {
    concerns: [disks({}, { encryptionType: "EncryptionAtRestWithCustomerKey" })],
    not: [HEALTHY],
  },
  "Cross-region copy and creation in the Azure portal": never,
  "A disk has Write Accelerator enabled": {
    concerns: [disks({}, { writeAcceleratorEnabled: true })],
    not: [HEALTHY],
  },
  "A disk uses ReadWrite host caching": {
    concerns: [disks({ caching: "ReadWrite" })],
    not: [HEALTHY, disks({ caching: "None" })],
  },
  "A VM size that does not support Premium storage": {
    concerns: [facts({ vmSize: "Standard_D2_v3" }), facts({ vmSize: "Basic_A1" })],
    not: [HEALTHY, facts({ vmSize: "Standard_DS2_v2" }), facts({ vmSize: "custom" })],
  },
  "A confidential VM of a size and region Microsoft documents a preview for": {
    concerns: [
      facts({ securityType: "ConfidentialVM", vmSize: "Standard_DC4as_v6", location: "koreacentral" }),
      facts({ securityType: "confidentialvm", vmSize: "Standard_EC8ads_v6", location: "UAE North" }),
    ],
    not: [
      HEALTHY,
      facts({ securityType: "ConfidentialVM", vmSize: "Standard_DC4as_v5", location: "koreacentral" }),
      facts({ securityType: "ConfidentialVM", vmSize: "Standard_DC4as_v6", location: "eastus" }),
      facts({ securityType: "TrustedLaunch", vmSize: "Standard_DC4as_v6", location: "koreacentral" }),
    ],
  },
  "An Azure Boost size (Intel v6+, AMD v7+) with more than one data disk": {
    concerns: [{ facts: { vmSize: "Standard_D4s_v6" } }],
    not: [
      HEALTHY,
      { facts: { vmSize: "Standard_D4s_v6", disks: [buildOsDisk(), buildDisk()] } },
      { facts: { vmSize: "Standard_D4s_v6", disks: [buildOsDisk(), buildOsDisk({ name: "second-os" })] } },
    ],
  },
};

function appliesTo(scenario: string, vm: Vm): boolean | undefined {
  const verdict = evaluate(buildFacts(vm.facts), buildHistory(vm.history), NOW, undefined, { explain: true });
  return verdict.matrix?.find((row) => row.scenario === scenario)?.applies;
}

describe("which VMs each matrix row concerns", () => {
  it("has a case for every row of the matrix", () => {
    expect(Object.keys(CASES).sort()).toEqual(SUPPORT_MATRIX.map((entry) => entry.scenario).sort());
  });

  it.each(Object.entries(CASES))("%s", (scenario, { concerns, not }) => {
    concerns.forEach((vm, index) => {
      expect(appliesTo(scenario, vm), `concerns #${index}`).toBe(true);
    });
    not.forEach((vm, index) => {
      expect(appliesTo(scenario, vm), `does not concern #${index}`).toBe(false);
    });
  });
});
