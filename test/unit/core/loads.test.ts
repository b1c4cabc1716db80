/**
 * The core loads and builds its matrix. Imported inside the test rather than at the top of the file, so a
 * module that throws while loading fails this test; mutation testing counts a failed test, not a test file
 * that could not load.
 */
import { expect, it } from "vitest";

it("loads the core: a matrix of entries, each on a row of the seed or newer guidance, and a verdict", async () => {
  const core = await import("../../../src/core/index.js");
  expect(core.SUPPORT_MATRIX.length).toBeGreaterThan(60);
  expect(core.SUPPORT_MATRIX_ROWS.length).toBeGreaterThan(60);
  for (const entry of core.SUPPORT_MATRIX) expect(typeof entry.applies).toBe("function");
  const { buildFacts, buildHistory, NOW } = await import("./build-facts.js");
  const verdict = core.evaluate(buildFacts(), buildHistory(), NOW, undefined, { explain: true });
  expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  expect(verdict.matrix).toHaveLength(core.SUPPORT_MATRIX.length);
});
