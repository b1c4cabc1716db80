/**
 * restify 11 (the last major that runs on Node 20) reads process.binding('http_parser') and Node warns about
 * it (DEP0111) on every start. That warning is restify's, not the operator's to act on, so the entry point
 * drops it and prints every other warning as Node would.
 */
const SILENCED = new Set(["DEP0111"]);

process.removeAllListeners("warning");
process.on("warning", (warning: Error & { code?: string }) => {
  if (warning.code && SILENCED.has(warning.code)) return;
  process.stderr.write(
    `(node:${process.pid}) ${warning.code ? `[${warning.code}] ` : ""}${warning.name}: ${warning.message}\n`,
  );
});
