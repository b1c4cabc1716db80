/** The seed table's rows about the VM itself: security, placement, images, licences, in the seed's order. */
import {
  always,
  bothModes,
  type MatrixEntry,
  NOT_VISIBLE_IN_VM_MODEL,
  supportedRow,
} from "./matrix-entry.js";

const securityTypeIs = (value: string) => (securityType: string | undefined) =>
  securityType?.toLowerCase() === value;
const isTrustedLaunch = securityTypeIs("trustedlaunch");
const isConfidential = securityTypeIs("confidentialvm");
const HYBRID_BENEFIT_LICENCES = new Set(["windows_server", "windows_client", "rhel_byos", "sles_byos"]);

export const VM_ROWS: readonly MatrixEntry[] = [
  supportedRow("extensions", "The VM has extensions", "extensions", (vm) => vm.facts.extensions.length > 0),
  supportedRow("trusted-launch", "The VM uses Trusted Launch", "trusted-launch", (vm) =>
    isTrustedLaunch(vm.facts.securityType),
  ),
  {
    rule: "confidential-vm",
    scenario: "The VM is a confidential VM",
    outcome: bothModes("not-supported", "Not supported."),
    source: "seed",
    row: "confidential-vms",
    applies: (vm) => isConfidential(vm.facts.securityType),
    blocker: () => "This is a confidential VM; restore points do not support confidential VMs.",
  },
  supportedRow("generation-2", "The VM is Generation 2 (UEFI boot)", "generation-2", (vm) => {
    // Trusted Launch and confidential VMs exist only as Generation 2.
    const { hyperVGeneration, securityType } = vm.facts;
    return (
      hyperVGeneration?.toUpperCase() === "V2" ||
      isTrustedLaunch(securityType) ||
      isConfidential(securityType)
    );
  }),
  supportedRow(
    "proximity-placement-group",
    "The VM is in a proximity placement group",
    "proximity-placement-groups",
    (vm) => Boolean(vm.facts.proximityPlacementGroupId),
  ),
  {
    rule: "availability-set-member",
    scenario: "The VM is in an availability set",
    outcome: bothModes(
      "advisory",
      "Supported per VM; protecting the whole set needs a restore point of every VM.",
    ),
    source: "seed",
    row: "availability-sets",
    applies: (vm) => Boolean(vm.facts.availabilitySetId),
    advisory: () =>
      "This VM is in an availability set; protecting the whole set needs a restore point of every VM in it.",
  },
  {
    rule: "vmss-uniform",
    scenario: "The VM is an instance of a Uniform scale set",
    outcome: bothModes("not-supported", "Not supported."),
    source: "seed",
    row: "vmss-uniform",
    applies: (vm) => vm.facts.kind === "vmss-uniform",
    blocker: () =>
      "This VM is an instance of a Uniform scale set; restore points do not support Uniform scale-set instances.",
  },
  {
    rule: "vmss-flex-member",
    scenario: "The VM belongs to a Flexible scale set",
    outcome: bothModes(
      "advisory",
      "Supported per VM; protecting the whole scale set needs a restore point of every VM.",
    ),
    source: "seed",
    row: "vmss-flexible",
    applies: (vm) => vm.facts.kind === "vmss-flex",
    advisory: () =>
      "This VM belongs to a Flexible scale set; protecting the whole scale set needs a restore point of every VM in it.",
  },
  supportedRow("spot-vm", "The VM is a Spot (low priority) VM", "spot-vms", (vm) => {
    const priority = vm.facts.priority?.toLowerCase();
    return priority === "spot" || priority === "low";
  }),
  supportedRow("dedicated-host", "The VM runs on a dedicated host", "dedicated-hosts", (vm) =>
    Boolean(vm.facts.dedicatedHostId),
  ),
  supportedRow(
    "marketplace-image",
    "The VM was created from a marketplace image",
    "marketplace-images",
    (vm) => Boolean(vm.facts.os.image?.publisher),
  ),
  supportedRow("custom-image", "The VM was created from a custom or gallery image", "custom-images", (vm) =>
    Boolean(vm.facts.os.image?.id),
  ),
  supportedRow(
    "hybrid-use-benefit",
    "The VM uses Azure Hybrid Benefit licensing",
    "hybrid-use-benefit",
    (vm) => {
      const licence = vm.facts.licenseType;
      return licence !== undefined && HYBRID_BENEFIT_LICENCES.has(licence.toLowerCase());
    },
  ),
  supportedRow(
    "azure-migrate",
    "The VM was migrated from on-premises with Azure Migrate (not visible in ARM)",
    "azure-migrate",
    NOT_VISIBLE_IN_VM_MODEL,
  ),
  // Every ARM resource is governed by Azure RBAC, so this row concerns every VM.
  supportedRow("rbac", "Access to the VM is controlled with Azure RBAC", "rbac", always),
  supportedRow(
    "accelerated-networking",
    "The VM uses accelerated networking (a NIC setting, not read by the bot)",
    "accelerated-networking",
    NOT_VISIBLE_IN_VM_MODEL,
  ),
];
