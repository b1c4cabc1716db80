/**
 * What a VM size name says about the hardware, from Azure's naming convention
 * `<tier>_<family><vCPUs>[-<constrained vCPUs>]<additive features>[_<accelerator>]_v<version>`,
 * e.g. Standard_E4-2ads_v5: family E, 4 vCPUs, features "ads" (AMD, local disk, premium storage), version 5.
 */

export interface VmSizeParts {
  family: string;
  /** Lower-case additive-feature letters: a = AMD, d = local temp disk, p = Arm, s = premium storage, ... */
  features: string;
  /** 1 when the name has no `_vN` suffix (the first generation of a series). */
  version: number;
}

const BASE_PART = /^([a-z]+)(\d+)(?:-\d+)?([a-z]*)$/i;
const VERSION_PART = /^v(\d+)$/i;

export function parseVmSize(vmSize: string): VmSizeParts | undefined {
  const parts = vmSize.split("_");
  const base = parts[1] === undefined ? undefined : BASE_PART.exec(parts[1]);
  if (!base) return undefined;
  let version = 1;
  for (let index = parts.length - 1; index > 1; index--) {
    const match = VERSION_PART.exec(parts[index] ?? "");
    if (match) {
      version = Number(match[1]);
      break;
    }
  }
  return { family: (base[1] ?? "").toUpperCase(), features: (base[3] ?? "").toLowerCase(), version };
}

/**
 * Does this size (a name, or a name already parsed) come with a local temporary disk? From v4 on, Azure sells a "d" variant with one and a
 * diskless variant without (Dsv5 vs Ddsv5). Exceptions, from the size specifications: the AMD v4 sizes
 * (Dav4, Dasv4, Eav4, Easv4) still have one without a "d"; Bsv2/Basv2/Bpsv2 and DCsv3 are diskless
 * although older than v4 (DCdsv3 has one). An unknown size name is reported as having none.
 */
export function hasLocalTempDisk(vmSize: string | VmSizeParts | undefined): boolean {
  const size = typeof vmSize === "string" ? parseVmSize(vmSize) : vmSize;
  if (!size) return false;
  const withD = size.features.includes("d");
  if (size.version >= 4) return withD || (size.version === 4 && size.features.includes("a"));
  if (size.family === "B" && size.version === 2) return false;
  if (size.family === "DC" && size.version === 3) return withD;
  return true;
}

const BOOST_FAMILIES = new Set(["D", "DC", "DN", "E", "EB", "EC", "EN", "F", "FX", "L", "M", "MB"]);

/**
 * Azure Boost sizes as newer Microsoft guidance lists them for restore points: Intel v6 and later
 * (Dsv6, Edsv6, Esv6, ...) and AMD v7 and later (Dasv7, Easv7, ...). Arm sizes ("p") are not named there.
 */
export function isBoostSize(vmSize: string | VmSizeParts | undefined): boolean {
  const size = typeof vmSize === "string" ? parseVmSize(vmSize) : vmSize;
  if (!size || !BOOST_FAMILIES.has(size.family) || size.features.includes("p")) return false;
  return size.features.includes("a") ? size.version >= 7 : size.version >= 6;
}

/** The storage-optimized L family (Lsv2 and later carry local NVMe disks). */
export function isStorageOptimizedSize(vmSize: string): boolean {
  return parseVmSize(vmSize)?.family === "L";
}

/** Families whose sizes without an "s" are documented as Standard-storage only (through v5, where they end). */
const STANDARD_STORAGE_FAMILIES = new Set(["A", "D", "E", "F", "G", "H", "NC", "NV"]);
/** "DS" and "GS" carry the premium-storage letter in the family name (Standard_DS2_v2, Standard_GS1). */
const PREMIUM_FAMILIES = new Set(["DS", "GS"]);

/**
 * Can this size use Premium storage? From the naming convention
 * (https://learn.microsoft.com/azure/virtual-machines/vm-naming-conventions): the "s" feature letter means
 * premium-storage capable, and some sizes without it are too: the first M-series (Standard_M64, M128m). Sizes
 * without the letter in the families that sell an "s" twin (Standard_A2_v2, D2_v3, D2a_v4, E8_v5, F4, G1, H16r,
 * NC6, NV6; the Basic tier is A-series) are not, as their size pages say. Any other name: undefined, unknown.
 */
export function isPremiumStorageCapable(vmSize: string): boolean | undefined {
  const size = parseVmSize(vmSize);
  if (!size) return undefined;
  if (size.features.includes("s") || PREMIUM_FAMILIES.has(size.family)) return true;
  if (size.family === "M" && size.version === 1) return true;
  if (STANDARD_STORAGE_FAMILIES.has(size.family) && size.version <= 5) return false;
  return undefined;
}

/**
 * The confidential sizes of the v6 series (DCasv6, DCadsv6, ECasv6, ECadsv6, DCesv6, ECesv6), the only ones
 * Microsoft's confidential VM backup preview supports; v5 is not (see matrix-extra-rows.ts).
 */
export function isConfidentialV6Size(vmSize: string): boolean {
  const size = parseVmSize(vmSize);
  return size !== undefined && (size.family === "DC" || size.family === "EC") && size.version === 6;
}
