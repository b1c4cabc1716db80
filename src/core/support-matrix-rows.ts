/**
 * The rows of Microsoft's support matrix for VM restore points (the product specification), as facts: for
 * the table, each scenario as the table names it and its answer; for the operating system lists, "Other
 * limitations" and the cross-region preview notes, a short name in our own words. Matrix entries refer to a
 * row by its id; the coverage test checks every row has an entry.
 */
import type { ConsistencyMode } from "./facts.js";

export type SeedSection =
  | "table"
  | "os-application-consistency"
  | "windows"
  | "linux"
  | "os-crash-consistency"
  | "other-limitations"
  | "cross-region-preview";

/** A limit a row sets, as a value the code can compare with DEFAULT_LIMITS and the api-version it calls. */
export type RowLimit =
  | { kind: "minimum-interval"; mode: ConsistencyMode; hours: number }
  | { kind: "api-version"; mode: ConsistencyMode; minimum: string }
  | { kind: "restore-points-per-vm"; maximum: number }
  | { kind: "collections-per-subscription-region"; maximum: number };

export interface SupportMatrixRow {
  id: string;
  section: SeedSection;
  /** The table's scenario as the table names it; elsewhere a short name in our words. */
  name: string;
  /** Table rows: the answer as a fact ("yes", "no", "yes for application only", "3 hours", ...). */
  verdict?: string;
  limit?: RowLimit;
}

const YES = "yes";
const NO = "no";
const APPLICATION_ONLY = "yes for application only";
const NO_LEAVE_OUT = "no, leave the disk out";
const PER_VM = "yes, per VM";

type Row<Id extends string> = SupportMatrixRow & { id: Id };

function table<Id extends string>(id: Id, name: string, verdict: string, limit?: RowLimit): Row<Id> {
  return { id, section: "table", name, verdict, limit };
}

function listed<Id extends string>(section: SeedSection, id: Id, name: string, limit?: RowLimit): Row<Id> {
  return { id, section, name, limit };
}

export const SUPPORT_MATRIX_ROWS = Object.freeze([
  table("managed-disks", "VMs using Managed disks", YES),
  table("unmanaged-disks", "VMs using unmanaged disks", NO),
  table("ultra-disks", "VMs using Ultra Disks", APPLICATION_ONLY),
  table("premium-ssd-v2-disks", "VMs using Premium SSD v2 Disks", APPLICATION_ONLY),
  table("ephemeral-os-disks", "VMs using Ephemeral OS Disks", NO_LEAVE_OUT),
  table("shared-disks", "VMs using shared disks", NO_LEAVE_OUT),
  table("extensions", "VMs with extensions", YES),
  table("trusted-launch", "VMs with trusted launch", YES),
  table("confidential-vms", "Confidential VMs", NO),
  table("generation-2", "Generation 2 VMs (UEFI boot)", YES),
  table("nvme-disks", "VMs with NVMe disks (Storage optimized - Lsv2-series)", YES),
  table("proximity-placement-groups", "VMs in Proximity placement groups", YES),
  table("availability-sets", "VMs in an availability set", PER_VM),
  table("vmss-uniform", "VMs inside VMSS with uniform orchestration", NO),
  table("vmss-flexible", "VMs inside VMSS with flexible orchestration", PER_VM),
  table("spot-vms", "Spot VMs (Low priority VMs)", YES),
  table("dedicated-hosts", "VMs with dedicated hosts", YES),
  table("host-caching", "VMs with Host caching enabled", YES),
  table("marketplace-images", "VMs created from marketplace images", YES),
  table("custom-images", "VMs created from custom images", YES),
  table("hybrid-use-benefit", "VM with HUB (Hybrid Use Benefit) license", YES),
  table("azure-migrate", "VMs migrated from on-prem using Azure Migrate", YES),
  table("rbac", "VMs with RBAC policies", YES),
  table("temporary-disks", "Temporary disk in VMs", "yes, without the temporary disk's data"),
  table("standard-hdd", "VMs with standard HDDs", YES),
  table("standard-ssd", "VMs with standard SSDs", YES),
  table("premium-ssd", "VMs with premium SSDs", YES),
  table("zrs-disks", "VMs with ZRS disks", YES),
  table("sse-service-managed-keys", "VMs with server-side encryption using service-managed keys", YES),
  table("sse-customer-managed-keys", "VMs with server-side encryption using customer-managed keys", YES),
  table("double-encryption", "VMs with double encryption at rest", YES),
  table("host-encryption", "VMs with Host based encryption enabled with PMK/CMK/Double encryption", YES),
  table("azure-disk-encryption", "VMs with ADE (Azure Disk Encryption)", YES),
  table("accelerated-networking", "VMs using Accelerated Networking", YES),
  table(
    "minimum-interval-application",
    "Minimum Frequency at which App consistent restore point can be taken",
    "3 hours",
    { kind: "minimum-interval", mode: "ApplicationConsistent", hours: 3 },
  ),
  table(
    "minimum-interval-crash",
    "Minimum Frequency at which crash consistent restore points can be taken",
    "1 hour",
    { kind: "minimum-interval", mode: "CrashConsistent", hours: 1 },
  ),
  table(
    "api-version-application",
    "API version for Application consistent restore point",
    "2021-03-01 or later",
    { kind: "api-version", mode: "ApplicationConsistent", minimum: "2021-03-01" },
  ),
  table("api-version-crash", "API version for Crash consistent restore point", "2021-07-01 or later", {
    kind: "api-version",
    mode: "CrashConsistent",
    minimum: "2021-07-01",
  }),

  listed("os-application-consistency", "os-lists", "Application consistency: only the listed OSes"),
  listed("windows", "windows-list", "Windows: the versions listed"),
  listed("windows", "windows-10", "Windows 10 client, 64-bit only"),
  listed("windows", "windows-server-2022", "Windows Server 2022: Datacenter, Datacenter Core, Standard"),
  listed("windows", "windows-server-2019", "Windows Server 2019: Datacenter, Datacenter Core, Standard"),
  listed("windows", "windows-server-2016", "Windows Server 2016: Datacenter, Datacenter Core, Standard"),
  listed("windows", "windows-server-2012-r2", "Windows Server 2012 R2: Datacenter, Standard"),
  listed("windows", "windows-server-2012", "Windows Server 2012: Datacenter, Standard"),
  listed("windows", "windows-extended-security-updates", "Not past the end of extended security updates"),
  listed("windows", "windows-32-bit", "No 32-bit Windows"),
  listed("linux", "linux-endorsed", "Linux: the distributions Azure endorses"),
  listed("linux", "linux-core-os", "No Core OS Linux"),
  listed("linux", "linux-32-bit", "No 32-bit Linux"),
  listed(
    "linux",
    "linux-other-distributions",
    "Other distributions: may work with the Linux agent and Python",
  ),
  listed("linux", "linux-proxy-python", "Behind a proxy: Python 2.7 or later"),
  listed("linux", "nfs-shares", "NFS shares are not captured, attached disks are"),
  listed("os-crash-consistency", "crash-every-os", "Crash consistency: every OS"),

  listed("other-limitations", "managed-disks-only", "Managed disks only"),
  listed(
    "other-limitations",
    "no-ephemeral-or-shared-disks",
    "No ephemeral OS or shared disks, in either mode",
  ),
  listed(
    "other-limitations",
    "api-version-application-limitation",
    "Application consistency: api-version 2021-03-01 or later",
    { kind: "api-version", mode: "ApplicationConsistent", minimum: "2021-03-01" },
  ),
  listed(
    "other-limitations",
    "api-version-crash-limitation",
    "Crash consistency: api-version 2021-03-01 or later",
    { kind: "api-version", mode: "CrashConsistent", minimum: "2021-03-01" },
  ),
  listed(
    "other-limitations",
    "collections-per-subscription-region",
    "At most 10,000 collections per subscription and region",
    { kind: "collections-per-subscription-region", maximum: 10_000 },
  ),
  listed(
    "other-limitations",
    "restore-points-per-vm",
    "At most 500 restore points per VM, across its collections",
    { kind: "restore-points-per-vm", maximum: 500 },
  ),
  listed("other-limitations", "one-creation-at-a-time", "One creation at a time per VM"),
  listed(
    "other-limitations",
    "no-move-with-restore-points",
    "No move to another resource group or subscription with restore points",
  ),

  listed("cross-region-preview", "cross-region-private-links", "Cross-region: no private links"),
  listed(
    "cross-region-preview",
    "cross-region-customer-keys",
    "Cross-region: customer-managed keys become platform-managed",
  ),
  listed("cross-region-preview", "cross-region-portal", "Cross-region: not in the portal"),
]);

export type SupportMatrixRowId = (typeof SUPPORT_MATRIX_ROWS)[number]["id"];

const SECTIONS: ReadonlyMap<string, SeedSection> = new Map(
  SUPPORT_MATRIX_ROWS.map((row) => [row.id, row.section]),
);

export function sectionOf(id: SupportMatrixRowId): SeedSection | undefined {
  return SECTIONS.get(id);
}
