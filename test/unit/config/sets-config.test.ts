/** RPBOT_MAX_SET_SIZE, RPBOT_SET_WINDOW and RPBOT_SET_CONCURRENCY (docs/configuration.md, Sets). */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { configProblemsOf } from "../../support/config-problems.js";

describe("the sets configuration", () => {
  it("defaults to 200 VMs, a window of one hour and 10 members started at once", () => {
    expect(loadConfig({}).sets).toEqual({ maxSize: 200, windowMs: 3_600_000, concurrency: 10 });
  });

  it("reads how many members start at once, at least 1", () => {
    expect(loadConfig({ RPBOT_SET_CONCURRENCY: "3" }).sets.concurrency).toBe(3);
    expect(configProblemsOf({ RPBOT_SET_CONCURRENCY: "0" })).toEqual([
      'RPBOT_SET_CONCURRENCY must be a whole number of at least 1 (got "0")',
    ]);
  });

  it("reads the cap and the window", () => {
    expect(loadConfig({ RPBOT_MAX_SET_SIZE: "1", RPBOT_SET_WINDOW: "90m" }).sets).toMatchObject({
      maxSize: 1,
      windowMs: 5_400_000,
    });
    expect(loadConfig({ RPBOT_MAX_SET_SIZE: " 5000 ", RPBOT_SET_WINDOW: "1s" }).sets).toMatchObject({
      maxSize: 5000,
      windowMs: 1000,
    });
  });

  it("refuses a cap below 1 or not whole, and a window shorter than a second or not a duration", () => {
    expect(configProblemsOf({ RPBOT_MAX_SET_SIZE: "0", RPBOT_SET_WINDOW: "999ms" })).toEqual([
      'RPBOT_MAX_SET_SIZE must be a whole number of at least 1 (got "0")',
      'RPBOT_SET_WINDOW must be at least 1 s (got "999ms")',
    ]);
    expect(configProblemsOf({ RPBOT_MAX_SET_SIZE: "2.5", RPBOT_SET_WINDOW: "an hour" })).toEqual([
      'RPBOT_MAX_SET_SIZE must be a whole number of at least 1 (got "2.5")',
      'RPBOT_SET_WINDOW must be a duration like 90s, 15m or 3h (got "an hour")',
    ]);
  });
});
