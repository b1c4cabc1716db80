// @ts-check
/**
 * `npm run mutate`: mutation testing of the eligibility core (not part of `npm test`; it takes a while).
 * Report: reports/mutation/mutation.html.
 *
 * This file is also the Vitest config of the mutation runs (`vitest.configFile` below, the `test` key): it
 * picks the tests there rather than with Stryker's `testFiles`, because Stryker 9.6.1 activates mutants of
 * module-level code too late when `testFiles` is set and reports them as survivors
 * (stryker-mutator/stryker-js#6144). It also leaves out the project config's database global setup.
 */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  vitest: { configFile: "stryker.config.mjs", related: false },
  // policy*.ts (authorization) is another module of src/core with tests of its own; index.ts only re-exports.
  mutate: ["src/core/**/*.ts", "!src/core/policy*.ts", "!src/core/index.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  // `test` is Vitest's, not Stryker's.
  warnings: { unknownOptions: false },
  test: {
    include: ["test/unit/core/**/*.test.ts", "test/integration/matrix-agreement.test.ts"],
    // It reads the source text, which Stryker instruments.
    exclude: ["test/unit/core/core-purity.test.ts"],
    testTimeout: 30_000,
  },
};
