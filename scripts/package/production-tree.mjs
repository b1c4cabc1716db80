/**
 * The production dependency tree, as package-lock.json records it: every installed folder npm would keep with
 * `npm ci --omit=dev`. Read offline from the lock, then checked against what node_modules really holds, so a
 * stale or hand-edited node_modules is refused rather than shipped.
 */
import { PackageRefusal } from "./refusal.mjs";

/**
 * The lock's folders (e.g. "node_modules/pino", "node_modules/a/node_modules/b") that production needs.
 * npm marks a folder `dev` when only devDependencies lead to it; `devOptional` (an optional dependency of a
 * production package that is also a dev dependency) and `peer` folders are kept, as `--omit=dev` keeps them.
 */
export function productionPackagePaths(lock) {
  if (!lock || typeof lock.packages !== "object" || lock.packages === null)
    throw new PackageRefusal('package-lock.json has no "packages" (lockfileVersion 2 or 3 is needed)');
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith("node_modules/") && !entry.dev && !entry.extraneous)
    .map(([path, entry]) => {
      if (entry.link) throw new PackageRefusal(`${path} is a link (workspace): the package cannot hold it`);
      return path;
    })
    .sort();
}

/**
 * The folders to ship, each checked against node_modules: present, and the version the lock names.
 * An optional folder that is absent (a package for another platform) is left out, as npm leaves it out.
 * `installedVersion(path)` gives the version in that folder's package.json, or undefined when there is none.
 */
export function installedProductionPackages(lock, installedVersion) {
  const shipped = [];
  const problems = [];
  for (const path of productionPackagePaths(lock)) {
    const entry = lock.packages[path];
    const version = installedVersion(path);
    if (version === undefined) {
      if (!entry.optional && !entry.devOptional) problems.push(`${path} is not installed`);
    } else if (entry.version !== undefined && version !== entry.version) {
      problems.push(`${path} is ${version}, package-lock.json says ${entry.version}`);
    } else {
      shipped.push(path);
    }
  }
  if (problems.length > 0)
    throw new PackageRefusal(
      `node_modules does not match package-lock.json (run \`npm ci\`):\n  ${problems.slice(0, 10).join("\n  ")}`,
    );
  return shipped;
}
