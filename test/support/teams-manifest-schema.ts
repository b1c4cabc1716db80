/**
 * Validates a Teams app manifest against the JSON schema of its manifestVersion as shipped in
 * @microsoft/app-manifest (Microsoft's own validator, which Teams' tooling uses), read from the package's files
 * so no schema is fetched from the network.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type AppManifest, AppManifestUtils } from "@microsoft/app-manifest";

const PACKAGE_BUILD = dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest"));

/** The bundled schema file for a manifestVersion such as "1.30". */
export function teamsSchemaFile(manifestVersion: string): string {
  return join(PACKAGE_BUILD, "json-schemas", "teams", `v${manifestVersion}`, "MicrosoftTeams.schema.json");
}

/** Schema violations, one line each ("<path> <message>"); empty when the manifest is valid. */
export async function teamsSchemaViolations(manifest: { manifestVersion: string }): Promise<string[]> {
  const file = teamsSchemaFile(manifest.manifestVersion);
  if (!existsSync(file)) throw new Error(`@microsoft/app-manifest ships no schema ${file}`);
  const schema = JSON.parse(readFileSync(file, "utf8")) as Parameters<
    typeof AppManifestUtils.validateAgainstSchema
  >[1];
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
}
