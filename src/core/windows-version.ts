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
  /** A long-term servicing edition of Windows 10: "LTSC 2021", "LTSB 2016"; "LTSC" when the year is not said. */
  longTermServicing?: string;
  /** An IoT edition ("Windows 10 IoT Enterprise LTSC 2021"): some have lifecycles of their own. */
  iot?: boolean;
}

const SERVER_NAME = /\bwindows server (\d{4})(?: (r2))?\b/i;
const CLIENT_NAME = /\bwindows (\d+(?:\.\d)?)\b/i;
const EDITION_WORD = /\b(datacenter|standard|essentials|foundation|web|enterprise|pro|education|home)\b/i;
const CORE_WORD = /\bcore\b/i;
const IOT_WORD = /\biot\b/i;
/** "LTSC 2021", and the LTSB's own order: "Windows 10 Enterprise 2016 LTSB". */
const LONG_TERM_SERVICING = /\b(?:(\d{4}) )?(lts[bc])\b(?: (\d{4}))?/i;
const OS_BUILD = /^\d+\.\d+\.(\d+)/;
const DESKTOP_SKU = /^win(\d+)/;
const DESKTOP_OFFER = /^windows-(\d+)/;
/** "2019-datacenter", "2012-r2-datacenter": a year first, R2 perhaps, then the rest. */
const SERVER_SKU_VERSION = /^(\d{4})(-r2)?-/;
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
    longTermServicing: fromName.longTermServicing ?? fromImage.longTermServicing,
  };
}

function fromProductName(name: string, osVersion: string | undefined): WindowsIdentity | undefined {
  const edition = capitalize(EDITION_WORD.exec(name)?.[1]);
  const core = CORE_WORD.test(name);
  const server = SERVER_NAME.exec(name);
  if (server) {
    const version = server[2] ? `${server[1]} R2` : `${server[1]}`;
    return { product: "server", version, edition, core };
  }
  const client = CLIENT_NAME.exec(name)?.[1];
  if (!client) return undefined;
  const build = Number(osVersion?.match(OS_BUILD)?.[1] ?? 0);
  const version = client === "10" && build >= FIRST_WINDOWS_11_BUILD ? "11" : client;
  return { product: "client", version, edition, core, ...longTermServicingIn(name) };
}

function longTermServicingIn(name: string): Pick<WindowsIdentity, "longTermServicing" | "iot"> {
  const found = LONG_TERM_SERVICING.exec(name);
  const channel = found?.[2]?.toUpperCase();
  const year = found?.[1] ?? found?.[3];
  return { longTermServicing: channel && year ? `${channel} ${year}` : channel, iot: IOT_WORD.test(name) };
}

function fromMarketplaceImage(image: OsFacts["image"]): WindowsIdentity | undefined {
  if (!image) return undefined;
  const publisher = image.publisher?.toLowerCase();
  const sku = image.sku?.toLowerCase() ?? "";
  if (publisher === "microsoftwindowsserver") return fromServerSku(sku);
  if (publisher !== "microsoftwindowsdesktop") return undefined;
  const offer = image.offer?.toLowerCase() ?? "";
  const version = DESKTOP_SKU.exec(sku)?.[1] ?? DESKTOP_OFFER.exec(offer)?.[1];
  return version ? { product: "client", version, core: false, ...fromDesktopSku(sku) } : undefined;
}

/** Azure's desktop skus name the edition: "win10-22h2-ent-g2", "win10-22h2-avd" (multi-session), "win10-21h2-ent-ltsc". */
const DESKTOP_EDITIONS: ReadonlyMap<string, string> = new Map([
  ["enterprise", "Enterprise"],
  ["ent", "Enterprise"],
  ["entn", "Enterprise"],
  ["avd", "Enterprise"],
  ["pro", "Pro"],
  ["pron", "Pro"],
]);
/** The feature release an LTSC image is built on, to its LTSC year (21H2 is LTSC 2021's, RS5 LTSC 2019's). */
const LTSC_YEAR_OF_RELEASE: ReadonlyMap<string, string> = new Map([
  ["21h2", "2021"],
  ["rs5", "2019"],
]);

function fromDesktopSku(sku: string): Pick<WindowsIdentity, "edition" | "longTermServicing"> {
  const tokens = sku.split("-");
  const edition = tokens.map((token) => DESKTOP_EDITIONS.get(token)).find((name) => name !== undefined);
  if (!tokens.includes("ltsc")) return { edition };
  const year = tokens.map((token) => LTSC_YEAR_OF_RELEASE.get(token)).find((found) => found !== undefined);
  return { edition, longTermServicing: year ? `LTSC ${year}` : "LTSC" };
}

/** "2019-datacenter-core-g2", "2012-r2-datacenter", "2022-datacenter-azure-edition", "2016-datacenter-server-core". */
function fromServerSku(sku: string): WindowsIdentity | undefined {
  const found = SERVER_SKU_VERSION.exec(sku);
  if (!found) return undefined;
  const version = found[2] ? `${found[1]} R2` : `${found[1]}`;
  const tokens = sku.split("-");
  const edition = tokens.find((token) => token === "datacenter" || token === "standard");
  return { product: "server", version, edition: capitalize(edition), core: tokens.includes("core") };
}

function capitalize(word: string | undefined): string | undefined {
  if (!word) return undefined;
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** "Windows Server 2012 R2 Datacenter Core", "Windows 10 IoT Enterprise LTSC 2021": how messages name what was found. */
export function describeWindows(identity: WindowsIdentity): string {
  const base =
    identity.product === "server" ? `Windows Server ${identity.version}` : `Windows ${identity.version}`;
  const iot = identity.iot ? " IoT" : "";
  const edition = identity.edition ? ` ${identity.edition}` : "";
  const servicing = identity.longTermServicing ? ` ${identity.longTermServicing}` : "";
  return `${base}${iot}${edition}${servicing}${identity.core ? " Core" : ""}`;
}
