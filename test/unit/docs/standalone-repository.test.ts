/**
 * The repository stands alone: nothing users or tools read points outside it, to a sibling checkout of the
 * design documents. (The needle is assembled so that this file does not contain it.)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const NEEDLE = [".."].concat("shared").join("/");
const SKIPPED = new Set(["node_modules", "dist", ".git"]);

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !SKIPPED.has(name))
    .flatMap((name) => filesUnder(join(path, name)));
}

const FILES = ["docs", "README.md", "src", "test", "bench"].flatMap((entry) => filesUnder(join(ROOT, entry)));

describe("the repository stands alone", () => {
  it("looks at the docs, the README, the sources, the tests and the benchmarks", () => {
    const names = FILES.map((file) => relative(ROOT, file));
    expect(names).toEqual(expect.arrayContaining(["README.md", "docs/cli.md", "src/cli.ts"]));
    expect(names).toContain("test/unit/docs/standalone-repository.test.ts");
  });

  it(`has no file that mentions ${NEEDLE}`, () => {
    const offenders = FILES.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) => (line.includes(NEEDLE) ? [`${relative(ROOT, file)}:${index + 1}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
