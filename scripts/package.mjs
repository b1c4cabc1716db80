/**
 * `npm run package` (after `npm run build`): writes dist/package/restore-point-bot.zip, the bot as Azure App
 * Service (Linux, Node 20) runs it: dist/cli.js with its chunks, a package.json whose only script is `start`,
 * and node_modules holding exactly the production dependency tree of package-lock.json, copied from the
 * installed node_modules (native modules included, hence Linux x64 only). No tests, sources, dev dependencies
 * or .env. App Service unzips it into /home/site/wwwroot and runs `npm start`; nothing is built there.
 *
 *   node scripts/package.mjs [--out <file.zip>]
 *
 * docs/package.md says more.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { distFiles, packageFiles } from "./package/files.mjs";
import { binFiles, deployableManifest } from "./package/manifest.mjs";
import { refuseForeignPlatform, thisPlatform, verifyNativeModules } from "./package/platform.mjs";
import { installedProductionPackages } from "./package/production-tree.mjs";
import { PackageRefusal } from "./package/refusal.mjs";
import { writeZip } from "./package/zip-file.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_OUT = join(ROOT, "dist/package/restore-point-bot.zip");

async function main(root, out) {
  refuseForeignPlatform(thisPlatform());
  verifyNativeModules(root);
  const manifest = readJson(join(root, "package.json"));
  const packages = installedProductionPackages(readJson(join(root, "package-lock.json")), (path) =>
    installedVersion(root, path),
  );
  const executable = new Set(binFiles(manifest));
  const files = [
    { name: "package.json", data: Buffer.from(`${JSON.stringify(deployableManifest(manifest), null, 2)}\n`) },
    ...distFiles(root).map((file) => (executable.has(file.name) ? { ...file, mode: 0o755 } : file)),
    ...packages.flatMap((path) => packageFiles(root, path)),
  ];
  const started = performance.now();
  mkdirSync(dirname(out), { recursive: true });
  const written = await writeZip(out, files).catch((error) => {
    if (error.code !== "ENOENT") throw error;
    throw new PackageRefusal(`${error.path} vanished while the zip was written: did a build run meanwhile?`);
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${shown(out)}: ${written.files} files (${packages.length} packages), ` +
      `${megabytes(written.bytes)} (${megabytes(written.contentBytes)} unzipped) in ${seconds} s`,
  );
}

function installedVersion(root, path) {
  try {
    return readJson(join(root, path, "package.json")).version ?? "";
  } catch (error) {
    if (error.code === "ENOENT") return undefined;
    throw error;
  }
}

/** The zip's path, relative when it is inside the working folder. */
function shown(path) {
  const inside = relative(process.cwd(), path);
  return inside.startsWith("..") ? path : inside;
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function outPath() {
  try {
    const { values } = parseArgs({ options: { out: { type: "string" } } });
    return values.out ? resolve(values.out) : DEFAULT_OUT;
  } catch (error) {
    throw new PackageRefusal(`${error.message}\nusage: node scripts/package.mjs [--out <file.zip>]`);
  }
}

try {
  await main(ROOT, outPath());
} catch (error) {
  if (!(error instanceof PackageRefusal)) throw error;
  console.error(`npm run package: ${error.message}`);
  process.exitCode = 1;
}
