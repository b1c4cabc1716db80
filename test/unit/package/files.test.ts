/**
 * What goes into the package from dist/ and from each package folder: the running code, not build leftovers,
 * and a nested node_modules left to the folders of its own.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { distFiles, isBuildLeftover, packageFiles } from "../../../scripts/package/files.mjs";

function folderWith(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "rpbot-package-files-"));
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), file);
  }
  return root;
}

const names = (files: Array<{ name: string }>) => files.map((file) => file.name);

describe("isBuildLeftover", () => {
  it.each([
    ["build/Release/obj.target/better_sqlite3/src/addon.o", true],
    ["build/Release/obj/gen/sqlite3/sqlite3.c", true],
    ["build/Release/.deps/Release/addon.node.d", true],
    [".github/workflows/ci.yml", true],
    ["docs/.github/FUNDING.yml", true],
    ["build/Release/better_sqlite3.node", false],
    ["build/Release/objects.js", false],
    ["lib/build/Release/obj.js", false],
    ["lib/index.js", false],
  ])("%s: %s", (path, leftover) => {
    expect(isBuildLeftover(path)).toBe(leftover);
  });
});

describe("packageFiles", () => {
  it("lists a package's files, without its nested node_modules and node-gyp's intermediates", () => {
    const root = folderWith([
      "node_modules/addon/package.json",
      "node_modules/addon/lib/index.js",
      "node_modules/addon/build/Release/addon.node",
      "node_modules/addon/build/Release/obj.target/addon/src/addon.o",
      "node_modules/addon/.github/workflows/ci.yml",
      "node_modules/addon/node_modules/nested/index.js",
      "node_modules/addon/lib/node_modules/fixture.js",
    ]);
    expect(names(packageFiles(root, "node_modules/addon"))).toEqual([
      "node_modules/addon/build/Release/addon.node",
      "node_modules/addon/lib/index.js",
      "node_modules/addon/lib/node_modules/fixture.js",
      "node_modules/addon/package.json",
    ]);
    expect(names(packageFiles(root, "node_modules/addon/node_modules/nested"))).toEqual([
      "node_modules/addon/node_modules/nested/index.js",
    ]);
  });

  it("refuses a symbolic link, which a zip for App Service cannot carry", () => {
    const root = folderWith(["node_modules/linked/index.js"]);
    symlinkSync("index.js", join(root, "node_modules/linked/main.js"));
    expect(() => packageFiles(root, "node_modules/linked")).toThrow(/main\.js is a symbolic link/);
  });
});

describe("distFiles", () => {
  it("takes the CLI, its source map and its chunks; not the metafile, packages or other outputs", () => {
    const root = folderWith([
      "dist/cli.js",
      "dist/cli.js.map",
      "dist/chunks/serve-ABC.js",
      "dist/chunks/serve-ABC.js.map",
      "dist/meta.json",
      "dist/package/restore-point-bot.zip",
      "dist/teams/app.zip",
    ]);
    expect(names(distFiles(root))).toEqual([
      "dist/cli.js",
      "dist/cli.js.map",
      "dist/chunks/serve-ABC.js",
      "dist/chunks/serve-ABC.js.map",
    ]);
  });

  it("refuses when the build is missing", () => {
    expect(() => distFiles(folderWith(["dist/meta.json"]))).toThrow(
      /dist\/cli\.js is missing: run `npm run build`/,
    );
  });
});
