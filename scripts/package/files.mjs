/**
 * The files that go into the package, as { name (the path in the zip), source (the path on disk) }: the built
 * CLI and its chunks, and every file of each production package folder.
 */
import { existsSync, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PackageRefusal } from "./refusal.mjs";

/** What `npm run build` writes that the bot runs: dist/meta.json and other folders (zips, Teams app) stay out. */
const DIST_RUNTIME = ["dist/cli.js", "dist/cli.js.map", "dist/chunks"];

/**
 * Left out of node_modules because no running process reads them: node-gyp's intermediate objects (the
 * addon itself, build/Release/*.node, stays) and CI configuration.
 */
export function isBuildLeftover(pathInPackage) {
  return (
    /^build\/(Release|Debug)\/(obj|obj\.target|\.deps)\//.test(pathInPackage) ||
    /(^|\/)\.github\//.test(pathInPackage)
  );
}

export function distFiles(root) {
  return DIST_RUNTIME.flatMap((path) => {
    if (!existsSync(join(root, path))) {
      if (path.endsWith(".map")) return [];
      throw new PackageRefusal(`${path} is missing: run \`npm run build\` first`);
    }
    return filesUnder(root, path, () => false);
  });
}

/** A package folder's files; a nested node_modules holds other packages, listed as folders of their own. */
export function packageFiles(root, packagePath) {
  return filesUnder(root, packagePath, (relative) => {
    const inPackage = relative.slice(packagePath.length + 1);
    return inPackage === "node_modules" || isBuildLeftover(`${inPackage}/`);
  });
}

/** Files (sorted, so the zip is the same each time) under root/path, skipping what `skip` says. */
function filesUnder(root, path, skip) {
  const stat = lstatSync(join(root, path));
  if (stat.isSymbolicLink())
    throw new PackageRefusal(`${path} is a symbolic link: the package cannot hold it`);
  if (stat.isFile()) return [{ name: path, source: join(root, path) }];
  if (!stat.isDirectory()) return [];
  return readdirSync(join(root, path))
    .sort()
    .map((name) => `${path}/${name}`)
    .filter((child) => !skip(child))
    .flatMap((child) => filesUnder(root, child, skip));
}
