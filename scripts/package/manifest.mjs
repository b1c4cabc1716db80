/**
 * The package.json that ships: what npm and App Service read to start the bot, nothing to build or install.
 * No devDependencies and no lifecycle scripts (the repository's `prepare` builds, and App Service must not).
 */
import { PackageRefusal } from "./refusal.mjs";

const KEPT_FIELDS = [
  "name",
  "version",
  "description",
  "license",
  "private",
  "type",
  "engines",
  "bin",
  "dependencies",
];

export function deployableManifest(manifest) {
  const start = manifest.scripts?.start;
  if (typeof start !== "string" || start === "")
    throw new PackageRefusal(
      'package.json has no "start" script: App Service starts the bot with `npm start`',
    );
  const kept = Object.fromEntries(
    KEPT_FIELDS.filter((field) => manifest[field] !== undefined).map((field) => [field, manifest[field]]),
  );
  return { ...kept, scripts: { start } };
}

/** The files package.json names as commands (bin), which keep their executable bit. */
export function binFiles(manifest) {
  const files = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  return files.map((file) => file.replace(/^\.\//, ""));
}
