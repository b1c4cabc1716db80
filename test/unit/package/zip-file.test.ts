/**
 * The zip writer: every file whole (CRC checked on the way out), Unix modes kept, compressed files stored,
 * and no zip left behind when a file cannot be read.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeZip } from "../../../scripts/package/zip-file.mjs";
import { entryData, zipEntries } from "../../support/unzip-folder.js";

describe("writeZip", () => {
  it("writes each file whole, with its Unix mode, deflating all but already compressed files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rpbot-zip-"));
    const script = join(dir, "cli.js");
    writeFileSync(script, "#!/usr/bin/env node\n".repeat(2000));
    chmodSync(script, 0o755);
    const image = join(dir, "icon.png");
    writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    chmodSync(image, 0o640);
    const out = join(dir, "out.zip");

    const written = await writeZip(out, [
      { name: "package.json", data: Buffer.from('{"name":"x"}\n') },
      { name: "dist/cli.js", source: script },
      { name: "node_modules/x/icon.png", source: image },
      { name: "dist/forced.js", source: image, mode: 0o755 },
    ]);

    const zip = readFileSync(out);
    expect(written).toEqual({ files: 4, bytes: zip.length, contentBytes: 13 + 40_000 + 7 + 7 });
    const entries = zipEntries(zip);
    expect(entries.map(({ name, mode, madeBy, method }) => ({ name, mode, madeBy, method }))).toEqual([
      { name: "package.json", mode: 0o644, madeBy: 3, method: 8 },
      { name: "dist/cli.js", mode: 0o755, madeBy: 3, method: 8 },
      { name: "node_modules/x/icon.png", mode: 0o640, madeBy: 3, method: 0 },
      { name: "dist/forced.js", mode: 0o755, madeBy: 3, method: 8 },
    ]);
    const [manifest, cli, icon] = entries.map((entry) => entryData(zip, entry));
    expect(manifest?.toString()).toBe('{"name":"x"}\n');
    expect(cli?.equals(readFileSync(script))).toBe(true);
    expect(icon?.equals(readFileSync(image))).toBe(true);
    expect(entries[1]?.compressedSize).toBeLessThan(1000);
  });

  it("fails, leaving no zip, when a file cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rpbot-zip-"));
    const out = join(dir, "out.zip");
    await expect(writeZip(out, [{ name: "gone.js", source: join(dir, "gone.js") }])).rejects.toThrow(
      /ENOENT/,
    );
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});
