/**
 * Builds the sideloadable Teams app package: manifest.json with the bot's app id, and the two icons, at the
 * zip root. Expected failures (no app id, not a GUID) come back as values with the fix to make.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pngSize } from "./png.js";
import { type ZipEntry, zipFiles } from "./zip.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ICONS = { "color.png": 192, "outline.png": 32 } as const;

export type PackageResult = { ok: true; zip: Buffer; entries: string[] } | { ok: false; error: string };

interface Manifest {
  id: string;
  bots: Array<{ botId: string }>;
  [key: string]: unknown;
}

export function buildTeamsPackage(appId: string | undefined, sourceDir = here()): PackageResult {
  const id = appId?.trim();
  if (!id) {
    return {
      ok: false,
      error:
        "MicrosoftAppId is not set: set it to the Microsoft App ID of your Azure Bot (Configuration page), e.g. MicrosoftAppId=<guid> npm run teams:package",
    };
  }
  if (!GUID.test(id)) {
    return { ok: false, error: "MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000" };
  }
  const manifest = JSON.parse(readFileSync(`${sourceDir}/manifest.json`, "utf8")) as Manifest;
  // A bot-only app commonly uses the bot's id as the app's id too: one id to look for in the Teams admin center.
  manifest.id = id;
  for (const bot of manifest.bots) bot.botId = id;
  const entries: ZipEntry[] = [
    { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  ];
  for (const [name, size] of Object.entries(ICONS)) {
    const data = readFileSync(`${sourceDir}/${name}`);
    const actual = pngSize(data);
    if (actual.width !== size || actual.height !== size) {
      return {
        ok: false,
        error: `${name} must be ${size}x${size} (run tsx manifest/teams/generate-icons.ts)`,
      };
    }
    entries.push({ name, data });
  }
  return { ok: true, zip: zipFiles(entries), entries: entries.map((entry) => entry.name) };
}

function here(): string {
  return fileURLToPath(new URL(".", import.meta.url));
}
