/**
 * The node flags `npm start` runs `rpbot serve` with (package.json's "start": `node <flags> dist/cli.js serve`),
 * so that tests and benches start the bot as production does, heap limit included.
 */
import { readFileSync } from "node:fs";

const PACKAGE = new URL("../../package.json", import.meta.url);

export function startScriptNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(PACKAGE, "utf8")) as { scripts?: Record<string, string> };
  const start = scripts?.start ?? "";
  const flags = /^node((?: --[\w-]+(?:=\S+)?)*) dist\/cli\.js serve$/.exec(start)?.[1];
  if (flags === undefined)
    throw new Error(`package.json "start" is not "node [flags] dist/cli.js serve": ${start}`);
  return flags.split(" ").filter(Boolean);
}
