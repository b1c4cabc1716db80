/**
 * `npm test` on a fresh clone starts an embedded PostgreSQL, whose package answers Node's "beforeExit" with
 * process.exit(0): a failing run then exited 0, and CI without RPBOT_TEST_DATABASE_URL could never go red.
 * This runs one failing test the way that path does and asks for its exit code.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CONFIG = fileURLToPath(new URL("../fixtures/exit-code/vitest.config.ts", import.meta.url));
const VITEST = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));

describe("the test run's exit code", () => {
  it("is non-zero when a test fails, with the embedded PostgreSQL started", () => {
    const { RPBOT_TEST_DATABASE_URL: _configured, ...env } = process.env;
    const run = spawnSync(process.execPath, [VITEST, "run", "--config", CONFIG], {
      env: { ...env, CI: "true" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(`${run.stdout}${run.stderr}`).toMatch(/fails on purpose/);
    expect(run.status).toBe(1);
  }, 150_000);
});
