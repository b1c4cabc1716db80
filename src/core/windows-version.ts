/**
 * Which Windows a VM runs, read from the guest's own report (instanceView.osName, e.g.
 * "Windows Server 2019 Datacenter", "Windows 10 Enterprise") and, where that is missing or says less,
 * from the marketplace image (MicrosoftWindowsServer/WindowsServer/2019-datacenter-core-g2,
 * MicrosoftWindowsDesktop/Windows-10/win10-22h2-pro).
 */
import type { OsFacts } from "./facts.js";

export interface WindowsIdentity {
  product: "server" | "client";
  /** "2019", "2012 R2", "10", "11", ... */
  version: string;
  /** "Datacenter", "Standard", "Essentials", ...; undefined when neither source says. */
  edition?: string;
  /** A Server Core installation. */
  core: boolean;
}

const SERVER_NAME = /\bwindows server (\d{4})(?: (r2))?\b/i;
const CLIENT_NAME = /\bwindows (\d+(?:\.\d)?)\b/i;
const EDITION_WORD = /\b(datacenter|standard|essentials|foundation|web|enterprise|pro|education)\b/i;
const CORE_WORD = /\bcore\b/i;
const OS_BUILD = /^\d+\.\d+\.(\d+)/;
const DESKTOP_SKU = /^win(\d+)/;
const DESKTOP_OFFER = /^windows-(\d+)/;
const YEAR = /^\d{4}$/;
/** Windows 11 still calls itself "Windows 10" in its product name; its builds start at 22000. */
const FIRST_WINDOWS_11_BUILD = 22_000;

export function identifyWindows(os: OsFacts): WindowsIdentity | undefined {
  const fromName = os.name === undefined ? undefined : fromProductName(os.name, os.version);
  const fromImage = fromMarketplaceImage(os.image);
  if (!fromName) return fromImage;
  if (!fromImage || fromImage.version !== fromName.version) return fromName;
  // The guest's product name never says "Core"; the image sku does.
  return {
    ...fromName,
    edition: fromName.edition ?? fromImage.edition,
    core: fromName.core || fromImage.core,
  };
}

function fromProductName(name: string, osVersion: string | undefined): WindowsIdentity | undefined {
  const edition = capitalize(EDITION_WORD.exec(name)?.[1]);
  const core = CORE_WORD.test(name);
  const server = SERVER_NAME.exec(name);
  if (server) {
    const version = server[2] ? `${server[1]} R2` : (server[1] ?? "");
    return { product: "server", version, edition, core };
  }
  const client = CLIENT_NAME.exec(name)?.[1];
  if (!client) return undefined;
  const build = Number(OS_BUILD.exec(osVersion ?? "")?.[1] ?? 0);
  const version = client === "10" && build >= FIRST_WINDOWS_11_BUILD ? "11" : client;
  return { product: "client", version, edition, core };
}

function fromMarketplaceImage(image: OsFacts["image"]): WindowsIdentity | undefined {
  const publisher = image?.publisher?.toLowerCase();
  const sku = image?.sku?.toLowerCase() ?? "";
  if (publisher === "microsoftwindowsserver") return fromServerSku(sku);
  if (publisher !== "microsoftwindowsdesktop") return undefined;
  const offer = image?.offer?.toLowerCase() ?? "";
  const version = DESKTOP_SKU.exec(sku)?.[1] ?? DESKTOP_OFFER.exec(offer)?.[1];
  return version ? { product: "client", version, edition: undefined, core: false } : undefined;
}

/** "2019-datacenter-core-g2", "2012-r2-datacenter", "2022-datacenter-azure-edition", "2016-datacenter-server-core". */
function fromServerSku(sku: string): WindowsIdentity | undefined {
  const tokens = sku.split("-");
  const year = tokens[0];
  if (year === undefined || !YEAR.test(year)) return undefined;
  const version = tokens[1] === "r2" ? `${year} R2` : year;
  const edition = tokens.find((token) => token === "datacenter" || token === "standard");
  return { product: "server", version, edition: capitalize(edition), core: tokens.includes("core") };
}

function capitalize(word: string | undefined): string | undefined {
  if (!word) return undefined;
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** "Windows Server 2012 R2 Datacenter Core", "Windows 10": how messages name what was found. */
export function describeWindows(identity: WindowsIdentity): string {
  const base =
    identity.product === "server" ? `Windows Server ${identity.version}` : `Windows ${identity.version}`;
  const edition = identity.edition ? ` ${identity.edition}` : "";
  return `${base}${edition}${identity.core ? " Core" : ""}`;
}
