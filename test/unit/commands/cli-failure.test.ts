import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TeamsAuthError } from "../../../src/adapters/teams/teams-auth.js";
import { ArmError } from "../../../src/azure/index.js";
import { CLI_CONTRACT, CliUsageError, describeFailure } from "../../../src/commands/cli-failure.js";
import { ConfigError } from "../../../src/config.js";
import { BotError, ERROR_CODES, type ErrorCode } from "../../../src/errors.js";
import { fleetFileAsConfigError, loadFleet } from "../../../src/runtime/arm-runtime.js";
import { PolicyFileError } from "../../../src/runtime/policy-file.js";
import { FleetFileError } from "../../../src/simulator/index.js";
import { StoreError } from "../../../src/store/store-error.js";

/** Any code, for codes no class throws yet (vm-not-found, vm-ambiguous are results today). */
class Coded extends BotError {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const HINT = " (rerun with RPBOT_LOG_LEVEL=debug for the stack trace)";

describe("the CLI contract table", () => {
  it("maps every error code to the JSON code and exit code of the CLI contract (docs/cli.md)", () => {
    expect(Object.keys(CLI_CONTRACT).sort()).toEqual([...ERROR_CODES].sort());
    expect(CLI_CONTRACT).toEqual({
      "bad-input": { code: "bad-input", exitCode: 1 },
      "config-error": { code: "config-error", exitCode: 1 },
      "store-error": { code: "config-error", exitCode: 1 },
      "arm-error": { code: "arm-error", exitCode: 1 },
      "vm-not-found": { code: "vm-not-found", exitCode: 1 },
      "vm-ambiguous": { code: "vm-ambiguous", exitCode: 1 },
      unauthenticated: { code: "internal-error", exitCode: 2 },
    });
  });

  it.each(ERROR_CODES)("describes a %s error by the table, with its message as it is", (code) => {
    const { failure, exitCode } = describeFailure(new Coded(code, `one line about ${code}`));
    expect(failure.code).toBe(CLI_CONTRACT[code].code);
    expect(exitCode).toBe(CLI_CONTRACT[code].exitCode);
    const expected =
      exitCode === 2 ? `Unexpected failure: one line about ${code}${HINT}` : `one line about ${code}`;
    expect(failure.message).toBe(expected);
  });

  it.each([
    [new CliUsageError("Give exactly one VM: rpbot check <vm>"), "bad-input"],
    [new ConfigError(["RPBOT_ARM: must be azure or simulator"]), "config-error"],
    [new PolicyFileError("policy.yaml: invalid policy: rules: is required"), "config-error"],
    [new StoreError("Could not open the SQLite database at /nope/rpbot.db: EACCES"), "config-error"],
    [new ArmError("Could not reach Azure Resource Manager (ECONNREFUSED).", "unreachable"), "arm-error"],
  ] as const)("keeps the message of %s and exits 1", (error, code) => {
    expect(describeFailure(error)).toEqual({ failure: { code, message: error.message }, exitCode: 1 });
  });

  it("keeps every problem of a long ConfigError (no cut at some length)", () => {
    const problems = Array.from({ length: 30 }, (_, i) => `VARIABLE_${i}: is not valid`);
    expect(describeFailure(new ConfigError(problems)).failure.message).toContain("VARIABLE_29");
  });
});

describe("a surprise", () => {
  it("is an internal error, exit 2, in one line with a hint to get the stack", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')\n    at somewhere.js:1:1");
    expect(describeFailure(bug)).toEqual({
      failure: {
        code: "internal-error",
        message: `Unexpected failure: Cannot read properties of undefined (reading 'id')${HINT}`,
      },
      exitCode: 2,
    });
  });

  it("drops the hint when the stack is printed anyway", () => {
    expect(describeFailure(new Error("boom"), { debug: true }).failure.message).toBe(
      "Unexpected failure: boom",
    );
  });

  it("is never labelled arm-error, whatever it is", () => {
    for (const thrown of [
      "a string",
      undefined,
      new Error(""),
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      new TeamsAuthError("jwt expired", 401),
      new FleetFileError("fleet.json: cannot read the fleet file", []),
    ]) {
      const { failure, exitCode } = describeFailure(thrown);
      expect(failure.code).toBe("internal-error");
      expect(failure.message).toMatch(/^Unexpected failure: \S/);
      expect(exitCode).toBe(2);
    }
  });
});

describe("the fleet file, at the edge where the bot loads it", () => {
  it("becomes a ConfigError naming the first problem and counting the rest", () => {
    const three = new FleetFileError("invalid fleet file:\na\nb\nc", ["f.json: a", "f.json: b", "f.json: c"]);
    const wrapped = fleetFileAsConfigError(three);
    expect(wrapped).toBeInstanceOf(ConfigError);
    expect(wrapped).toMatchObject({
      message: "Invalid fleet file: f.json: a (and 2 more problems)",
      problems: ["f.json: a", "f.json: b", "f.json: c"],
      cause: three,
    });
    const two = fleetFileAsConfigError(new FleetFileError("invalid", ["f.json: a", "f.json: b"]));
    expect((two as Error).message).toBe("Invalid fleet file: f.json: a (and 1 more problem)");
    const one = fleetFileAsConfigError(new FleetFileError("invalid", ["f.json: a"]));
    expect((one as Error).message).toBe("Invalid fleet file: f.json: a");
  });

  it("says a file that cannot be read in one line, and leaves other errors alone", () => {
    const unreadable = new FleetFileError("f.json: the fleet must be an object\n  { resources: [...] }");
    expect((fleetFileAsConfigError(unreadable) as Error).message).toBe(
      "f.json: the fleet must be an object { resources: [...] }",
    );
    const other = new Error("not a fleet problem");
    expect(fleetFileAsConfigError(other)).toBe(other);
  });

  it("is what loadFleet throws, so the CLI prints config-error", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rpbot-fleet-")), "fleet.json");
    writeFileSync(file, JSON.stringify({ resources: [{ id: "/subscriptions/x", type: 42 }] }));
    const thrown = (() => {
      try {
        loadFleet(file);
      } catch (error) {
        return error;
      }
      throw new Error("expected the fleet to be refused");
    })();
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).cause).toBeInstanceOf(FleetFileError);
    const { failure, exitCode } = describeFailure(thrown);
    expect(failure.code).toBe("config-error");
    expect(failure.message).toMatch(new RegExp(`^Invalid fleet file: ${file}: resources\\[0\\]`));
    expect(exitCode).toBe(1);
  });
});
