/** Writes color.png and outline.png next to this file (`tsx manifest/teams/generate-icons.ts`); both are committed. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { colorIcon, outlineIcon } from "./icons.js";

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
writeFileSync(here("color.png"), colorIcon());
writeFileSync(here("outline.png"), outlineIcon());
process.stdout.write("wrote manifest/teams/color.png (192x192) and manifest/teams/outline.png (32x32)\n");
