import { describe, expect, it } from "vitest";
import { TeamsAuthError } from "../../src/adapters/teams/teams-auth.js";
import { ArmError } from "../../src/azure/index.js";
import { CliUsageError } from "../../src/commands/cli-failure.js";
import { ConfigError } from "../../src/config.js";
import { BotError, ERROR_CODES, errorCodeOf, isBotError } from "../../src/errors.js";
import { PolicyFileError } from "../../src/runtime/policy-file.js";
import { StoreError } from "../../src/store/store-error.js";

const cause = new Error("the library's own words");

const ours: Array<[string, BotError, string]> = [
  ["ArmError", new ArmError("Azure refused", "refused", 409, "Conflict", { cause }), "arm-error"],
  ["ConfigError", new ConfigError(["PORT: not a number"], { cause }), "config-error"],
  ["PolicyFileError", new PolicyFileError("policy.yaml: invalid", [], { cause }), "config-error"],
  ["StoreError", new StoreError("Could not open the SQLite database", { cause }), "store-error"],
  ["CliUsageError", new CliUsageError("Give exactly one VM", { cause }), "bad-input"],
  ["TeamsAuthError", new TeamsAuthError("jwt expired", 401, { cause }), "unauthenticated"],
];

describe("BotError, the one base of the bot's own errors", () => {
  it.each(ours)("%s carries its stable code, its name and the cause it wraps", (name, error, code) => {
    expect(error).toBeInstanceOf(BotError);
    expect(error).toBeInstanceOf(Error);
    expect(isBotError(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(ERROR_CODES).toContain(error.code);
    expect(errorCodeOf(error)).toBe(code);
    expect(error.name).toBe(name);
    expect(error.cause).toBe(cause);
  });

  it("leaves an absent cause absent", () => {
    const error = new StoreError("Could not open the SQLite database");
    expect("cause" in error).toBe(false);
    expect(Object.hasOwn(new ConfigError(["PORT: not a number"]), "cause")).toBe(false);
  });

  it("keeps ArmError's fields (what the chat and the job runner read)", () => {
    const error = new ArmError("Azure is throttling", "throttled", 429, "TooManyRequests");
    error.retryAfterSeconds = 30;
    expect(error).toMatchObject({
      kind: "throttled",
      status: 429,
      armCode: "TooManyRequests",
      retryAfterSeconds: 30,
      code: "arm-error",
      message: "Azure is throttling",
    });
  });

  it("keeps ConfigError's message: every problem, or the summary given", () => {
    expect(new ConfigError(["A: bad", "B: worse"]).message).toBe(
      "Configuration is not valid: A: bad; B: worse",
    );
    const summarised = new ConfigError(["x", "y"], { message: "Invalid fleet file: x (and 1 more problem)" });
    expect(summarised.message).toBe("Invalid fleet file: x (and 1 more problem)");
    expect(summarised.problems).toEqual(["x", "y"]);
  });

  it("does not take another library's `code` for one of ours", () => {
    const system = Object.assign(new Error("ENOENT: no such file"), { code: "config-error" });
    expect(isBotError(system)).toBe(false);
    expect(errorCodeOf(system)).toBeUndefined();
    expect(errorCodeOf("config-error")).toBeUndefined();
    expect(errorCodeOf(undefined)).toBeUndefined();
  });
});
