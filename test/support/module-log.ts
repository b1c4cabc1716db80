/**
 * Which modules a child process loaded, as recorded by module-log.mjs: give the child moduleLogEnv(file),
 * then read the file once it has exited.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const HOOK = fileURLToPath(new URL("./module-log.mjs", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** esbuild's metafile of the built CLI (scripts/build.mjs): which sources each output file holds. */
const BUNDLE_META = join(ROOT, "dist", "meta.json");

/** A fresh file for one process's record. */
export function moduleLogFile(): string {
  return join(mkdtempSync(join(tmpdir(), "rpbot-modules-")), "modules.log");
}

/** The environment that makes a Node child record what it loads into `file`. */
export function moduleLogEnv(file: string): Record<string, string> {
  return { NODE_OPTIONS: `--import ${HOOK}`, RPBOT_MODULE_LOG: file };
}

export interface LoadedModules {
  /** Specifiers as written in import statements and import() calls. */
  specifiers: string[];
  /**
   * Resolved file paths (ES modules and CommonJS modules alike), without node: builtins. A loaded output of
   * the bundle (dist/cli.js, dist/chunks/...) stands for the sources it holds: the bot's own (src/...) and the
   * bundled packages' (node_modules/...).
   */
  paths: string[];
}

export function readModuleLog(file: string): LoadedModules {
  if (!existsSync(file)) throw new Error(`no module log at ${file}: was the hook preloaded?`);
  const specifiers = new Set<string>();
  const paths = new Set<string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [kind, first, second] = line.split("\t");
    if (kind === "resolve" && first && second) {
      specifiers.add(first);
      if (second.startsWith("file:")) paths.add(fileURLToPath(second));
    } else if (kind === "require" && first) {
      paths.add(first);
    }
  }
  const bundled = sourcesOfBundleOutputs();
  for (const path of [...paths]) for (const source of bundled.get(path) ?? []) paths.add(source);
  return { specifiers: [...specifiers], paths: [...paths] };
}

/** Absolute path of each output of the bundle → absolute paths of the sources it holds. */
function sourcesOfBundleOutputs(): Map<string, string[]> {
  if (!existsSync(BUNDLE_META)) throw new Error("dist/meta.json is missing: run `npm run build`");
  const meta = JSON.parse(readFileSync(BUNDLE_META, "utf8")) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  return new Map(
    Object.entries(meta.outputs).map(([output, { inputs }]) => [
      join(ROOT, output),
      Object.keys(inputs).map((input) => join(ROOT, input)),
    ]),
  );
}

/** The files of a package (`botbuilder`, `@slack/bolt`) among those loaded. */
export function filesOfPackage(loaded: LoadedModules, name: string): string[] {
  const marker = `/node_modules/${name}/`;
  return loaded.paths.filter((path) => path.includes(marker));
}

/** The bot's source files under a folder (`adapters`: src/adapters/...) among those loaded. */
export function filesOfBotFolder(loaded: LoadedModules, folder: string): string[] {
  const prefix = `src/${folder}/`;
  return loaded.paths.filter((path) => relative(ROOT, path).startsWith(prefix));
}
