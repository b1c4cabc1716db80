import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // restify 11 warns DEP0111 on Node 20 in every worker; the CLI drops it the same way.
    setupFiles: ["./src/quiet-warnings.ts"],
    // One PostgreSQL server for the whole run: RPBOT_TEST_DATABASE_URL, else a throwaway embedded one.
    globalSetup: ["./test/support/test-database.ts"],
  },
});
