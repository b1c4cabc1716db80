/**
 * Which modules a child process loaded, as recorded by module-log.mjs: give the child moduleLogEnv(file),
 * then read the file once it has exited.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HOOK = fileURLToPath(new URL("./module-log.mjs", import.meta.url));

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
  /** Resolved file paths (ES modules and CommonJS modules alike), without node: builtins. */
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
  return { specifiers: [...specifiers], paths: [...paths] };
}

/** The files of a package (`botbuilder`, `@slack/bolt`) among those loaded. */
export function filesOfPackage(loaded: LoadedModules, name: string): string[] {
  const marker = `/node_modules/${name}/`;
  return loaded.paths.filter((path) => path.includes(marker));
}

/** The files under a folder of the built bot (`adapters`: dist/adapters/...). */
export function filesOfBuiltFolder(loaded: LoadedModules, folder: string): string[] {
  const marker = `/dist/${folder}/`;
  return loaded.paths.filter((path) => path.includes(marker));
}
