/**
 * The loader hooks of module-log.mjs, run on Node's loader thread: each resolution is appended as it happens,
 * so the record is complete even if the process is killed.
 */
import { appendFileSync } from "node:fs";

let file = "";

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(file, `resolve\t${specifier}\t${resolved.url}\n`);
  return resolved;
}
