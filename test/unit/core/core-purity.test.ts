/** src/core is pure (README, Architecture): checked on the source text, since the rules are about what it imports and calls. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const coreDir = fileURLToPath(new URL("../../../src/core", import.meta.url));
const sources = readdirSync(coreDir)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => ({ file, text: readFileSync(path.join(coreDir, file), "utf8") }));
const IMPORT_FROM = /\bfrom\s+"([^"]+)"/g;

describe("src/core stays pure", () => {
  it.each(sources)("$file imports only other src/core files, with .js extensions", ({ text }) => {
    for (const match of text.matchAll(IMPORT_FROM)) expect(match[1]).toMatch(/^\.\/[a-z0-9-]+\.js$/);
  });

  it.each(sources)("$file reads no clock, environment or process", ({ text }) => {
    expect(text).not.toMatch(/Date\.now\(|new Date\(\)|process\.|performance\.|Math\.random\(/);
  });
});
