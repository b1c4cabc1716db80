/**
 * The package carries native modules (better-sqlite3) built by `npm ci` on this machine, so it runs only where
 * this machine's binaries run: App Service Linux is x64, glibc (Debian images) and the Node major it is set to.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PackageRefusal } from "./refusal.mjs";

/** The Node major App Service runs the bot on (the site's linuxFxVersion, NODE|20-lts). */
export const APP_SERVICE_NODE_MAJOR = 20;

/** Refuses anything but Linux x64 with glibc and Node 20: native modules built elsewhere would not load there. */
export function refuseForeignPlatform({ platform, arch, nodeVersion, glibc }) {
  const here = `${platform}/${arch}${platform === "linux" ? (glibc ? " glibc" : " musl") : ""}, Node ${nodeVersion}`;
  const major = Number(nodeVersion.split(".")[0]);
  if (platform !== "linux" || arch !== "x64" || !glibc || major !== APP_SERVICE_NODE_MAJOR)
    throw new PackageRefusal(
      `npm run package must run on Linux x64 (glibc) with Node ${APP_SERVICE_NODE_MAJOR}, as App Service does: ` +
        `native modules in node_modules are built for this machine (${here}). ` +
        "Run it in a Linux x64 Node 20 container or CI job after `npm ci`.",
    );
}

/** What this process runs on, for refuseForeignPlatform. */
export function thisPlatform() {
  const header = process.report?.getReport?.().header ?? {};
  return {
    platform: process.platform,
    arch: process.arch,
    nodeVersion: process.versions.node,
    glibc: typeof header.glibcVersionRuntime === "string",
  };
}

const SQLITE_ADDON = "node_modules/better-sqlite3/build/Release/better_sqlite3.node";

/** The SQLite addon exists and loads in this Node: proof it was built for this platform and Node ABI. */
export function verifyNativeModules(root) {
  if (!existsSync(join(root, SQLITE_ADDON)))
    throw new PackageRefusal(`${SQLITE_ADDON} is missing: run \`npm ci\` (it builds better-sqlite3)`);
  try {
    const Database = createRequire(join(root, "package.json"))("better-sqlite3");
    new Database(":memory:").close();
  } catch (error) {
    throw new PackageRefusal(`${SQLITE_ADDON} does not load in this Node: ${error.message}`);
  }
}
