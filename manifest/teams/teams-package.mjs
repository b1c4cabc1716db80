// @ts-check
/**
 * Builds the sideloadable Teams app package: manifest.json with its `${{NAME}}` placeholders filled in, and the
 * two icons, at the zip root. Expected failures (a placeholder nothing fills, an icon of the wrong size) come
 * back as values. A fixed timestamp keeps the zip byte-for-byte reproducible.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import { PNG } from "pngjs";

/** @typedef {{ ok: true, zip: Uint8Array, entries: string[] } | { ok: false, error: string }} PackageResult */

const ICONS = { "color.png": 192, "outline.png": 32 };
const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;
/** Local midnight, because zip stores local time: the same bytes in every time zone. */
const ZIP_TIME = new Date(2026, 0, 1);

/**
 * @param {Record<string, string>} values what each placeholder of manifest.json becomes
 * @param {string} [sourceDir] where manifest.json and the icons are
 * @returns {PackageResult}
 */
export function buildTeamsPackage(values, sourceDir = fileURLToPath(new URL(".", import.meta.url))) {
  const template = JSON.parse(readFileSync(join(sourceDir, "manifest.json"), "utf8"));
  /** @type {Set<string>} */
  const unfilled = new Set();
  const manifest = fill(template, values, unfilled);
  if (unfilled.size > 0) {
    return { ok: false, error: `manifest.json has placeholders nothing fills: ${[...unfilled].join(", ")}` };
  }
  /** @type {Record<string, Uint8Array>} */
  const files = { "manifest.json": new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) };
  for (const [name, size] of Object.entries(ICONS)) {
    const png = readFileSync(join(sourceDir, name));
    const { width, height } = PNG.sync.read(png);
    if (width !== size || height !== size) {
      return {
        ok: false,
        error: `${name} is ${width}x${height}, Teams wants ${size}x${size} (run node manifest/generate-icons.mjs)`,
      };
    }
    files[name] = png;
  }
  const zip = zipSync(files, { level: 9, mtime: ZIP_TIME });
  return { ok: true, zip, entries: Object.keys(files) };
}

/**
 * A copy of a parsed JSON value with every `${{NAME}}` in its strings replaced; names without a value are
 * added to `unfilled` and left as they are.
 * @param {unknown} value
 * @param {Record<string, string>} values
 * @param {Set<string>} unfilled
 * @returns {unknown}
 */
function fill(value, values, unfilled) {
  if (typeof value === "string") {
    return value.replace(PLACEHOLDER, (placeholder, name) => {
      if (Object.hasOwn(values, name)) return String(values[name]);
      unfilled.add(placeholder);
      return placeholder;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values, unfilled));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fill(item, values, unfilled)]),
    );
  }
  return value;
}
