// @ts-check
/**
 * `npm run mutate`: mutation testing of the eligibility core (not part of `npm test`; it takes a while).
 * Report: reports/mutation/mutation.html.
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts", related: false },
  testFiles: [
    // core-purity.test.ts reads the source text, which Stryker instruments: it would fail on every run.
    "test/unit/core/!(core-purity).test.ts",
    "test/integration/matrix-agreement.test.ts",
  ],
  // policy*.ts (authorization) is another module of src/core with tests of its own; index.ts only re-exports.
  mutate: ["src/core/**/*.ts", "!src/core/policy*.ts", "!src/core/index.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
};
