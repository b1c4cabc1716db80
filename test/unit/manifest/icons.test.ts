/**
 * The committed icons: what manifest/generate-icons.mjs draws, decoded with pngjs and held to Teams' rules
 * (colour 192×192 with the symbol in the central 96×96; outline 32×32, white on fully transparent) and Slack's
 * (square, 512 to 2000 px).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";

const MANIFEST = fileURLToPath(new URL("../../../manifest/", import.meta.url));
const ICONS = ["teams/color.png", "teams/outline.png", "slack/icon.png"];

const decode = (path: string) => PNG.sync.read(readFileSync(path));
const icon = (name: string) => decode(join(MANIFEST, name));

/** Pixels of `png` outside the central square of `inner` px that differ from its top-left pixel. */
function inkOutside(png: PNG, inner: number): number {
  const offset = (png.width - inner) / 2;
  const background = png.data.subarray(0, 4);
  let ink = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const inside = x >= offset && x < offset + inner && y >= offset && y < offset + inner;
      const at = (y * png.width + x) * 4;
      if (!inside && !png.data.subarray(at, at + 4).equals(background)) ink++;
    }
  }
  return ink;
}

function alphas(png: PNG): Set<number> {
  const found = new Set<number>();
  for (let at = 3; at < png.data.length; at += 4) found.add(png.data[at] ?? -1);
  return found;
}

/** Whether the centre pixel differs from the top-left one: the symbol is there. */
function hasSymbol(png: PNG): boolean {
  const centre = ((png.height / 2) * png.width + png.width / 2) * 4;
  return !png.data.subarray(centre, centre + 4).equals(png.data.subarray(0, 4));
}

describe("icons", () => {
  it("are what generate-icons.mjs draws", () => {
    const out = mkdtempSync(join(tmpdir(), "rpbot-icons-"));
    const run = spawnSync(process.execPath, [join(MANIFEST, "generate-icons.mjs"), "--out", out], {
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    for (const name of ICONS) {
      const drawn = decode(join(out, name));
      const committed = icon(name);
      expect([drawn.width, drawn.height], name).toEqual([committed.width, committed.height]);
      expect(drawn.data.equals(committed.data), name).toBe(true);
    }
  });

  it("Teams outline: 32x32, white on fully transparent", () => {
    const png = icon("teams/outline.png");
    expect([png.width, png.height]).toEqual([32, 32]);
    let notWhite = 0;
    for (let at = 0; at < png.data.length; at += 4) {
      if (png.data[at] !== 255 || png.data[at + 1] !== 255 || png.data[at + 2] !== 255) notWhite++;
    }
    expect(notWhite).toBe(0);
    expect(alphas(png).has(0)).toBe(true);
    expect(alphas(png).has(255)).toBe(true);
  });

  it("Teams colour: 192x192, opaque, the symbol inside the central 96x96", () => {
    const png = icon("teams/color.png");
    expect([png.width, png.height]).toEqual([192, 192]);
    expect([...alphas(png)]).toEqual([255]);
    expect(inkOutside(png, 96)).toBe(0);
    expect(hasSymbol(png)).toBe(true);
  });

  it("Slack: square, 512 to 2000 px, opaque, the symbol centred with room for Slack's rounded corners", () => {
    const png = icon("slack/icon.png");
    expect(png.width).toBe(png.height);
    expect(png.width).toBeGreaterThanOrEqual(512);
    expect(png.width).toBeLessThanOrEqual(2000);
    expect([...alphas(png)]).toEqual([255]);
    expect(inkOutside(png, Math.round(png.width * 0.625))).toBe(0);
    expect(hasSymbol(png)).toBe(true);
  });
});
