/** The package.json that ships: enough for npm and App Service to start the bot, nothing to build or install. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { binFiles, deployableManifest, type Manifest } from "../../../scripts/package/manifest.mjs";

const repository = JSON.parse(
  readFileSync(new URL("../../../package.json", import.meta.url), "utf8"),
) as Manifest;

describe("deployableManifest", () => {
  const shipped = deployableManifest(repository);

  it("keeps the identity, module type, engines, bin and dependencies of the repository's package.json", () => {
    for (const field of [
      "name",
      "version",
      "description",
      "license",
      "type",
      "engines",
      "bin",
      "dependencies",
    ])
      expect(shipped[field], field).toEqual(repository[field]);
  });

  it("has `start` as its only script, and no devDependencies, overrides or install settings", () => {
    expect(shipped.scripts).toEqual({ start: repository.scripts?.start });
    expect(Object.keys(shipped).sort()).toEqual(
      [
        "bin",
        "dependencies",
        "description",
        "engines",
        "license",
        "name",
        "private",
        "scripts",
        "type",
        "version",
      ].sort(),
    );
  });

  it("refuses a package.json without a start script", () => {
    expect(() => deployableManifest({ name: "x", scripts: { build: "tsc" } })).toThrow(/no "start" script/);
  });
});

describe("binFiles", () => {
  it("names the commands' files, as an object or a single path", () => {
    expect(binFiles(repository)).toEqual(["dist/cli.js"]);
    expect(binFiles({ name: "x", bin: "./bin/x.js" })).toEqual(["bin/x.js"]);
    expect(binFiles({ name: "x" })).toEqual([]);
  });
});
