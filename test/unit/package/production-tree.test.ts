/**
 * The package's node_modules is package-lock.json's production tree: what `--omit=dev` keeps, checked against
 * what is installed. Against a small lock with each kind of entry, and against the repository's own lock,
 * where the selection must be exactly what the production dependencies reach.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  installedProductionPackages,
  type LockEntry,
  type PackageLock,
  productionPackagePaths,
} from "../../../scripts/package/production-tree.mjs";

const LOCK: PackageLock = {
  lockfileVersion: 3,
  packages: {
    "": { version: "0.1.0" },
    "node_modules/pino": { version: "10.4.0" },
    "node_modules/pino/node_modules/sonic-boom": { version: "4.0.0" },
    "node_modules/vitest": { version: "4.1.12", dev: true },
    "node_modules/fsevents": { version: "2.3.3", dev: true, optional: true },
    "node_modules/@types/node": { version: "20.19.43", peer: true },
    "node_modules/dtrace-provider": { version: "0.8.8", optional: true },
    "node_modules/esbuild-wasm": { version: "0.1.0", devOptional: true },
    "node_modules/left-behind": { version: "1.0.0", extraneous: true },
  },
};

describe("productionPackagePaths", () => {
  it("keeps production, nested, peer, optional and devOptional folders; leaves dev and extraneous ones", () => {
    expect(productionPackagePaths(LOCK)).toEqual([
      "node_modules/@types/node",
      "node_modules/dtrace-provider",
      "node_modules/esbuild-wasm",
      "node_modules/pino",
      "node_modules/pino/node_modules/sonic-boom",
    ]);
  });

  it("refuses a lock without packages (lockfileVersion 1) and a workspace link", () => {
    expect(() => productionPackagePaths({ lockfileVersion: 1 })).toThrow(/lockfileVersion 2 or 3/);
    expect(() => productionPackagePaths({ packages: { "node_modules/mine": { link: true } } })).toThrow(
      /node_modules\/mine is a link/,
    );
  });
});

describe("installedProductionPackages", () => {
  const installed: Record<string, string> = {
    "node_modules/pino": "10.4.0",
    "node_modules/pino/node_modules/sonic-boom": "4.0.0",
    "node_modules/@types/node": "20.19.43",
    "node_modules/esbuild-wasm": "0.1.0",
  };

  it("leaves out an optional package that is not installed (another platform's), keeps the rest", () => {
    expect(installedProductionPackages(LOCK, (path) => installed[path])).toEqual([
      "node_modules/@types/node",
      "node_modules/esbuild-wasm",
      "node_modules/pino",
      "node_modules/pino/node_modules/sonic-boom",
    ]);
  });

  it("refuses when a production package is missing or is another version than the lock's", () => {
    const stale: Record<string, string> = { ...installed, "node_modules/pino": "9.0.0" };
    delete stale["node_modules/@types/node"];
    expect(() => installedProductionPackages(LOCK, (path) => stale[path])).toThrow(
      /run `npm ci`[\s\S]*node_modules\/@types\/node is not installed[\s\S]*node_modules\/pino is 9\.0\.0, package-lock\.json says 10\.4\.0/,
    );
  });
});

interface RealLockEntry extends LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Where Node finds `name` from the folder `from`: its own node_modules, then each parent's, then the top. */
function resolveIn(packages: Record<string, RealLockEntry>, from: string, name: string): string | undefined {
  let folder = from;
  for (;;) {
    const candidate = folder === "" ? `node_modules/${name}` : `${folder}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (folder === "") return undefined;
    const at = folder.lastIndexOf("/node_modules/");
    folder = at < 0 ? "" : folder.slice(0, at);
  }
}

/** Every folder the root's dependencies reach, through dependencies, optional and peer dependencies. */
function reachedFromProduction(lock: { packages: Record<string, RealLockEntry> }): string[] {
  const reached = new Set<string>();
  const visit = (from: string, names: string[]) => {
    for (const name of names) {
      const path = resolveIn(lock.packages, from, name);
      if (path === undefined || reached.has(path)) continue;
      reached.add(path);
      visit(path, dependencyNames(lock.packages[path] as RealLockEntry));
    }
  };
  const root = lock.packages[""] as RealLockEntry;
  // The root's own devDependencies are the ones left out; its peers are none.
  visit("", [...Object.keys(root.dependencies ?? {}), ...Object.keys(root.optionalDependencies ?? {})]);
  return [...reached].sort();
}

const dependencyNames = (entry: RealLockEntry) => [
  ...Object.keys(entry.dependencies ?? {}),
  ...Object.keys(entry.optionalDependencies ?? {}),
  ...Object.keys(entry.peerDependencies ?? {}),
];

describe("the repository's package-lock.json", () => {
  const lock = JSON.parse(readFileSync(new URL("../../../package-lock.json", import.meta.url), "utf8")) as {
    packages: Record<string, RealLockEntry>;
  };
  const selected = productionPackagePaths(lock);

  it("selects exactly what the production dependencies reach", () => {
    expect(selected.length).toBeGreaterThan(100);
    expect(selected).toEqual(reachedFromProduction(lock));
  });

  it("has the native SQLite module and the doors' SDKs, and none of the build and test tools", () => {
    expect(selected).toEqual(
      expect.arrayContaining([
        "node_modules/better-sqlite3",
        "node_modules/botbuilder",
        "node_modules/@slack/bolt",
      ]),
    );
    for (const tool of ["vitest", "typescript", "esbuild", "tsx", "@biomejs/biome", "@stryker-mutator/core"])
      expect(selected).not.toContain(`node_modules/${tool}`);
  });
});
