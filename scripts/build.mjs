/**
 * `npm run build`: bundles the `rpbot` CLI (src/cli.ts) into dist/cli.js and chunks beside it.
 *
 * Why a bundle: a check is a short-lived process, and Node spends most of its CPU finding, reading and
 * compiling modules. The Azure SDKs alone are ~280 small files; as one bundle they cost half as much. The
 * dynamic import()s of the CLI (each command loads only what it needs, docs/cli.md) become chunks of their own,
 * so a command still loads only its chunks.
 *
 * What is bundled: the bot's own code and the Azure SDK packages it calls on every command, with whatever they
 * import. Everything else stays in node_modules and is imported as installed: native modules (better-sqlite3),
 * the doors' SDKs (botbuilder, Bolt, restify), pino (its transports run in worker threads of their own), and
 * @azure/identity (used only against real Azure, and loaded lazily).
 *
 * dist/meta.json is esbuild's metafile: which sources each output holds (test/support/module-log.ts reads it to
 * tell which of the bot's folders a process loaded).
 */
import { rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const BUNDLED_SCOPES = ["@azure/", "@azure-rest/", "@typespec/"];
const KEPT_AS_INSTALLED = ["@azure/identity"];

/** Bundles the chosen packages (and all they import), leaves every other package to node_modules. */
const choosePackages = {
  name: "choose-bundled-packages",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
      // A bundled package's own imports come along: only the bot's imports choose.
      if (args.importer.includes("/node_modules/")) return undefined;
      const bundled =
        BUNDLED_SCOPES.some((scope) => args.path.startsWith(scope)) &&
        !KEPT_AS_INSTALLED.some((name) => args.path === name || args.path.startsWith(`${name}/`));
      return bundled ? undefined : { path: args.path, external: true };
    });
  },
};

rmSync("dist", { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: "src/cli.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
  plugins: [choosePackages],
  // CommonJS packages in the bundle (debug, agent-base) call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __rpbotCreateRequire } from "node:module"; const require = __rpbotCreateRequire(import.meta.url);',
  },
});
writeFileSync("dist/meta.json", JSON.stringify(result.metafile));
