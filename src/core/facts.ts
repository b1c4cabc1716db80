/**
 * VmFacts: the SDK-independent description of a VM that the eligibility rules read.
 * src/azure builds it from ARM responses; tests build it by hand.
 */

export type ConsistencyMode = "ApplicationConsistent" | "CrashConsistent";
export const CONSISTENCY_MODES: readonly ConsistencyMode[] = ["ApplicationConsistent", "CrashConsistent"];

/** How the VM is deployed: a standalone VM, a Flexible scale-set member, or a Uniform instance. */
export type VmKind = "standalone" | "vmss-flex" | "vmss-uniform";

export type DiskRole = "os" | "data";

export interface DiskFacts {
  /** ARM resource id of the managed disk; for an unmanaged disk the VHD URI; otherwise the disk name. */
  id: string;
  name: string;
  role: DiskRole;
  lun?: number;
  /** false when the disk is a VHD blob (`vhd.uri`) rather than a managed disk. */
  managed: boolean;
  /** `UltraSSD_LRS`, `PremiumV2_LRS`, `Premium_LRS`, ... (disk `sku.name`, else the VM's `storageAccountType`). */
  storageAccountType?: string;
  /** From the disk resource; a value > 1 means a shared disk. */
  maxShares?: number;
  /** OS disk with `diffDiskSettings.option = Local`. */
  ephemeral: boolean;
  caching?: "None" | "ReadOnly" | "ReadWrite";
  writeAcceleratorEnabled: boolean;
  /** Disk `encryption.type`, or a VM-side disk encryption set (customer-managed key). */
  encryptionType?: string;
  /** True when the disk is reachable only through a private endpoint (`AllowPrivate` / `diskAccessId`). */
  privateLink: boolean;
}

export type OsType = "Windows" | "Linux";

export interface OsFacts {
  type?: OsType;
  /** instanceView.osName, e.g. "Windows Server 2019 Datacenter", "ubuntu". */
  name?: string;
  /** instanceView.osVersion, e.g. "10.0.17763", "22.04". */
  version?: string;
  /** storageProfile.imageReference: publisher/offer/sku for marketplace images, id for custom or gallery images. */
  image?: { publisher?: string; offer?: string; sku?: string; id?: string };
  /** 32 when the guest is known to be 32-bit; 64 when known 64-bit; undefined when unknown. */
  bitness?: 32 | 64;
}

export interface AgentFacts {
  /** osProfile.*Configuration.provisionVMAgent; undefined when ARM does not say. */
  provisioned?: boolean;
  /** The agent's reported status: "Ready" when its status says so. */
  status: "ready" | "not-ready" | "unknown";
  version?: string;
  message?: string;
}

export interface VmFacts {
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  location: string;
  /** ARM's `properties.vmId` (a GUID): survives a move, unlike the resource id. */
  vmId?: string;
  kind: VmKind;
  scaleSetId?: string;
  availabilitySetId?: string;
  proximityPlacementGroupId?: string;
  dedicatedHostId?: string;
  /** instanceView.hyperVGeneration ("V1" | "V2"); only explains the Generation 2 row of the matrix. */
  hyperVGeneration?: string;
  /** `securityProfile.securityType`: TrustedLaunch, ConfidentialVM, Standard. */
  securityType?: string;
  encryptionAtHost?: boolean;
  vmSize: string;
  /** `Regular`, `Spot`, `Low`. */
  priority?: string;
  licenseType?: string;
  /** The `PowerState/<state>` suffix, e.g. "running", "deallocated". */
  powerState?: string;
  os: OsFacts;
  agent: AgentFacts;
  /** OS disk first, then data disks in LUN order. */
  disks: DiskFacts[];
  extensions: string[];
  tags: Record<string, string>;
}

export type RestorePointState = "Creating" | "Succeeded" | "Failed" | "Deleting" | (string & {});

export interface RestorePointRecord {
  id: string;
  name: string;
  /** ARM's value; FileSystemConsistent counts as application-consistent (it is the Linux app path). */
  consistencyMode?: string;
  provisioningState: RestorePointState;
  /** ISO-8601 timestamp (`properties.timeCreated`). */
  timeCreated?: string;
  /** `sourceMetadata.vmId`: the VM the point was taken of. */
  sourceVmId?: string;
}

export interface CollectionRecord {
  id: string;
  name: string;
  location: string;
  /** `properties.source.id`: the VM this collection belongs to. */
  sourceId: string;
  restorePoints: RestorePointRecord[];
}

/** What ARM (and our own jobs) say about the VM's restore points. */
export interface VmHistory {
  /**
   * Collections related to the VM: those whose `source.id` is the VM, and those that hold restore points
   * whose `sourceMetadata.vmId` is the VM's vmId (a VM that was moved).
   */
  collections: CollectionRecord[];
  /**
   * Number of restore point collections in the VM's subscription and region. Absent when not counted: the
   * VM has its own collection there, so no new one would be made and the limit does not apply.
   */
  collectionsInSubscriptionRegion?: number;
  /**
   * A creation started by the bot for this VM that has not finished yet. Reasons name its requester by id;
   * the name is for the chat, which shows people by name.
   */
  jobInProgress?: {
    mode: ConsistencyMode;
    startedAt: string;
    requestedBy?: string;
    requestedByName?: string;
  };
}
