// @ts-check
/**
 * `node manifest/generate-icons.mjs [--out DIR]`: draws the icons in the app's colour (the Teams manifest's
 * accentColor, which the Slack manifests repeat) and writes teams/color.png, teams/outline.png and
 * slack/icon.png under DIR (default: this folder, where they are committed).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parseHexColor, slackIcon, teamsColorIcon, teamsOutlineIcon } from "./icons.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const { values } = parseArgs({ options: { out: { type: "string", default: here } } });
const out = values.out ?? here;

const teamsManifest = JSON.parse(readFileSync(join(here, "teams", "manifest.json"), "utf8"));
const colour = parseHexColor(teamsManifest.accentColor);

/** @type {Array<[string, Buffer]>} */
const icons = [
  ["teams/color.png", teamsColorIcon(colour)],
  ["teams/outline.png", teamsOutlineIcon()],
  ["slack/icon.png", slackIcon(colour)],
];
for (const [name, png] of icons) {
  const file = join(out, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, png);
  process.stdout.write(`wrote ${file}\n`);
}
