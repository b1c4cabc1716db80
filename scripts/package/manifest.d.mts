/** Types of manifest.mjs, for the tests. */
export type Manifest = Record<string, unknown> & { scripts?: Record<string, string> };
export function deployableManifest(manifest: Manifest): Manifest;
export function binFiles(manifest: Manifest): string[];
