/** The seed table's rows about the VM itself: security, placement, images, licences, in the seed's order. */
import { bothModes, type MatrixEntry, NOT_VISIBLE_IN_VM_MODEL, supportedRow } from "./matrix-entry.js";

const securityTypeIs = (value: string) => (securityType: string | undefined) =>
  securityType?.toLowerCase() === value;
const isTrustedLaunch = securityTypeIs("trustedlaunch");
const isConfidential = securityTypeIs("confidentialvm");
const HYBRID_BENEFIT_LICENCES = new Set(["windows_server", "windows_client", "rhel_byos", "sles_byos"]);

export const VM_ROWS: readonly MatrixEntry[] = [
  supportedRow(
    "extensions",
    "The VM has extensions",
    "VMs with extensions | Yes |",
    (vm) => vm.facts.extensions.length > 0,
  ),
  supportedRow("trusted-launch", "The VM uses Trusted Launch", "VMs with trusted launch | Yes |", (vm) =>
    isTrustedLaunch(vm.facts.securityType),
  ),
  {
    rule: "confidential-vm",
    scenario: "The VM is a confidential VM",
    outcome: bothModes("not-supported", "Not supported."),
    source: "seed",
    seedRow: "Confidential VMs | No |",
    applies: (vm) => isConfidential(vm.facts.securityType),
  },
  supportedRow(
    "generation-2",
    "The VM is Generation 2 (UEFI boot)",
    "Generation 2 VMs (UEFI boot) | Yes |",
    (vm) => {
      // Trusted Launch and confidential VMs exist only as Generation 2.
      const { hyperVGeneration, securityType } = vm.facts;
      return (
        hyperVGeneration?.toUpperCase() === "V2" ||
        isTrustedLaunch(securityType) ||
        isConfidential(securityType)
      );
    },
  ),
  supportedRow(
    "proximity-placement-group",
    "The VM is in a proximity placement group",
    "VMs in Proximity placement groups | Yes |",
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
    seedRow:
      "VMs in an availability set | Yes. You can create VM restore points for individual VMs within an availability set. You need to create restore points for all the VMs within an availability set to protect an entire availability set instance. |",
    applies: (vm) => Boolean(vm.facts.availabilitySetId),
  },
  {
    rule: "vmss-uniform",
    scenario: "The VM is an instance of a Uniform scale set",
    outcome: bothModes("not-supported", "Not supported."),
    source: "seed",
    seedRow: "VMs inside VMSS with uniform orchestration | No |",
    applies: (vm) => vm.facts.kind === "vmss-uniform",
  },
  {
    rule: "vmss-flex-member",
    scenario: "The VM belongs to a Flexible scale set",
    outcome: bothModes(
      "advisory",
      "Supported per VM; protecting the whole scale set needs a restore point of every VM.",
    ),
    source: "seed",
    seedRow:
      "VMs inside VMSS with flexible orchestration | Yes. You can create VM restore points for individual VMs within the virtual machine scale set flex. However, you need to create restore points for all the VMs within the virtual machine scale set flex to protect an entire virtual machine scale set flex instance. |",
    applies: (vm) => vm.facts.kind === "vmss-flex",
  },
  supportedRow(
    "spot-vm",
    "The VM is a Spot (low priority) VM",
    "Spot VMs (Low priority VMs) | Yes |",
    (vm) => {
      const priority = vm.facts.priority?.toLowerCase();
      return priority === "spot" || priority === "low";
    },
  ),
  supportedRow(
    "dedicated-host",
    "The VM runs on a dedicated host",
    "VMs with dedicated hosts | Yes |",
    (vm) => Boolean(vm.facts.dedicatedHostId),
  ),
  supportedRow(
    "marketplace-image",
    "The VM was created from a marketplace image",
    "VMs created from marketplace images | Yes |",
    (vm) => Boolean(vm.facts.os.image?.publisher),
  ),
  supportedRow(
    "custom-image",
    "The VM was created from a custom or gallery image",
    "VMs created from custom images | Yes |",
    (vm) => Boolean(vm.facts.os.image?.id),
  ),
  supportedRow(
    "hybrid-use-benefit",
    "The VM uses Azure Hybrid Benefit licensing",
    "VM with HUB (Hybrid Use Benefit) license | Yes |",
    (vm) => HYBRID_BENEFIT_LICENCES.has(vm.facts.licenseType?.toLowerCase() ?? ""),
  ),
  supportedRow(
    "azure-migrate",
    "The VM was migrated from on-premises with Azure Migrate (not visible in ARM)",
    "VMs migrated from on-prem using Azure Migrate | Yes |",
    NOT_VISIBLE_IN_VM_MODEL,
  ),
  // Every ARM resource is governed by Azure RBAC, so this row concerns every VM.
  supportedRow(
    "rbac",
    "Access to the VM is controlled with Azure RBAC",
    "VMs with RBAC policies | Yes |",
    () => true,
  ),
  supportedRow(
    "accelerated-networking",
    "The VM uses accelerated networking (a NIC setting, not read by the bot)",
    "VMs using Accelerated Networking | Yes |",
    NOT_VISIBLE_IN_VM_MODEL,
  ),
];
