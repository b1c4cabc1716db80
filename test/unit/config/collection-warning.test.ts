/** RPBOT_COLLECTION_WARNING_AT: where collection-limit-near starts, a count like the other limits. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { configProblemsOf } from "../../support/config-problems.js";

describe("RPBOT_COLLECTION_WARNING_AT", () => {
  it("defaults to 9,500 and reads a count", () => {
    expect(loadConfig({}).limits.collectionWarningAt).toBe(9_500);
    expect(loadConfig({ RPBOT_COLLECTION_WARNING_AT: "9000" }).limits.collectionWarningAt).toBe(9_000);
  });

  it.each(["0", "-5", "many", "1.5"])("refuses %s, naming the variable", (value) => {
    const problems = configProblemsOf({ RPBOT_COLLECTION_WARNING_AT: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("RPBOT_COLLECTION_WARNING_AT");
  });
});
