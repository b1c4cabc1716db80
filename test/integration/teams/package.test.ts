/**
 * `npm run teams:package`: the sideloadable zip, built into a temp dir and read back with an independent
 * reader (Python's zipfile, which also checks every CRC), and the committed manifest's shape.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const APP_ID = "3f1a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";

function runPackage(env: Record<string, string>, out: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "manifest/teams/package.ts", "--out", out], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
  });
}

const READ_ZIP = `
import json, struct, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
print(json.dumps({
  "bad": bad,
  "names": z.namelist(),
  "manifest": json.loads(z.read("manifest.json")),
  "sizes": {n: list(struct.unpack(">II", z.read(n)[16:24])) for n in ["color.png", "outline.png"]},
}))
`;

describe("teams:package", () => {
  it("writes manifest.json and both icons at the zip root, with the bot id from MicrosoftAppId", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rpbot-teams-zip-")), "app.zip");
    const run = runPackage({ MicrosoftAppId: APP_ID }, out);
    expect(run.status, run.stderr).toBe(0);
    const read = spawnSync("python3", ["-c", READ_ZIP, out], { encoding: "utf8" });
    expect(read.status, read.stderr).toBe(0);
    const zip = JSON.parse(read.stdout) as {
      bad: string | null;
      names: string[];
      manifest: { id: string; bots: Array<{ botId: string }> };
      sizes: Record<string, number[]>;
    };
    expect(zip.bad).toBeNull();
    expect(zip.names.sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(zip.manifest.id).toBe(APP_ID);
    expect(zip.manifest.bots.map((bot) => bot.botId)).toEqual([APP_ID]);
    expect(zip.sizes).toEqual({ "color.png": [192, 192], "outline.png": [32, 32] });
  });

  it.each([
    [{}, /MicrosoftAppId is not set/],
    [{ MicrosoftAppId: "my-bot" }, /MicrosoftAppId must be a GUID/],
  ])("refuses %j with a clear error and writes nothing", (env, error) => {
    const out = join(mkdtempSync(join(tmpdir(), "rpbot-teams-zip-")), "app.zip");
    const run = runPackage(env, out);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(error);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe("manifest/teams/manifest.json", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "manifest/teams/manifest.json"), "utf8")) as {
    $schema: string;
    manifestVersion: string;
    icons: Record<string, string>;
    bots: Array<{
      scopes: string[];
      commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
    }>;
  };

  it("is schema v1.30 with the bot in personal chats, teams and group chats", () => {
    expect(manifest.$schema).toBe(
      "https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json",
    );
    expect(manifest.manifestVersion).toBe("1.30");
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
    expect(manifest.bots[0]?.scopes).toEqual(["personal", "team", "groupChat"]);
  });

  it("lists the grammar's commands within Teams' limits", () => {
    const commands = manifest.bots[0]?.commandLists[0]?.commands ?? [];
    expect(commands.map((command) => command.title)).toEqual([
      "check",
      "create",
      "status",
      "list",
      "report",
      "help",
    ]);
    for (const command of commands) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });
});

describe("icons", () => {
  /** RGBA pixels of a committed icon, read with zlib directly (not with our writer). */
  function pixels(name: string): { size: number; rgba: Buffer } {
    const png = readFileSync(join(ROOT, "manifest/teams", name));
    const idat: Buffer[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      if (png.toString("ascii", at + 4, at + 8) === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const size = png.readUInt32BE(16);
    expect(png[25]).toBe(6); // colour type RGBA
    const raw = inflateSync(Buffer.concat(idat));
    const rows = Array.from({ length: size }, (_, y) => {
      expect(raw[y * (size * 4 + 1)]).toBe(0); // filter: none
      return raw.subarray(y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
    });
    return { size, rgba: Buffer.concat(rows) };
  }

  it("outline: 32x32, white on fully transparent", () => {
    const { size, rgba } = pixels("outline.png");
    expect(size).toBe(32);
    const alphas = new Set<number>();
    let notWhite = 0;
    for (let at = 0; at < rgba.length; at += 4) {
      if (rgba[at] !== 255 || rgba[at + 1] !== 255 || rgba[at + 2] !== 255) notWhite++;
      alphas.add(rgba[at + 3] ?? -1);
    }
    expect(notWhite).toBe(0);
    expect(alphas.has(0)).toBe(true);
    expect(alphas.has(255)).toBe(true);
  });

  it("colour: 192x192, opaque, the symbol inside the central 96x96", () => {
    const { size, rgba } = pixels("color.png");
    expect(size).toBe(192);
    const background = rgba.subarray(0, 3);
    let translucent = 0;
    let inkInPadding = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const at = (y * size + x) * 4;
        if (rgba[at + 3] !== 255) translucent++;
        const inPadding = x < 48 || x >= 144 || y < 48 || y >= 144;
        if (inPadding && !rgba.subarray(at, at + 3).equals(background)) inkInPadding++;
      }
    }
    expect(translucent).toBe(0);
    expect(inkInPadding).toBe(0);
    expect(rgba.subarray((96 * size + 96) * 4, (96 * size + 96) * 4 + 3).equals(background)).toBe(false); // the symbol is there
  });
});
