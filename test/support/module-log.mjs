/**
 * Preloaded into a process under test (`node --import <this file>`, or through NODE_OPTIONS) to record which
 * modules it loads: every specifier the ES module loader resolves, with the URL it resolved to, and, at exit,
 * every CommonJS module in require's cache (Node 20's loader hooks do not see require() inside CommonJS
 * packages). One line each, appended to the file named by RPBOT_MODULE_LOG:
 *   resolve <TAB> specifier <TAB> url
 *   require <TAB> path
 * Plain JavaScript on purpose: a TypeScript loader in the child would add its own modules to the record.
 */
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const file = process.env.RPBOT_MODULE_LOG;
if (file) {
  register(new URL("./module-log.hooks.mjs", import.meta.url), { data: { file } });
  const require = createRequire(import.meta.url);
  process.once("exit", () => {
    const lines = Object.keys(require.cache).map((path) => `require\t${path}\n`);
    appendFileSync(file, lines.join(""));
  });
}
