import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

function chatEnv(): Record<string, string> {
  return {
    RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-chat-")), "rpbot.db"),
    RPBOT_POLL_INTERVAL: "50ms",
    RPBOT_SIM_RESTORE_POINT_DURATION: "300ms",
    RPBOT_LOG_LEVEL: "warn",
  };
}

describe("rpbot chat with piped input", () => {
  it("checks, plans, confirms by number and prints the notification before exiting", async () => {
    const input = ["can I snapshot vm-web-02?", "create vm-web-02 crash", "1"].join("\n");
    const env = chatEnv();
    const result = await runCli(["chat"], env, input);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/vm-web-02: restore points possible/);
    expect(out).toMatch(
      /\[1\] Create application-consistent restore point {2}\[2\] Create crash-consistent restore point/,
    );
    expect(out).toMatch(
      /Create a restore point of vm-web-02\?[\s\S]*\[1\] Create crash-consistent {2}\[2\] Cancel/,
    );
    expect(out).toMatch(/Creating restore point rp-crash-\d{8}-\d{6} of vm-web-02/);
    expect(out).toMatch(/✓ Restore point rp-crash-\d{8}-\d{6} of vm-web-02 succeeded/);
    expect(out.indexOf("succeeded")).toBeGreaterThan(out.indexOf("Creating restore point"));

    const audit = await runCli(["audit", "--json"], env);
    expect(audit.code).toBe(0);
    const entries = audit.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    // Each request is audited as the gate decided it, then what it changed.
    expect(entries.map((entry) => `${entry.action}:${entry.outcome}`)).toEqual([
      "check:allowed",
      "create:allowed",
      "create:awaiting confirmation",
      "confirm:allowed",
      "confirm:CrashConsistent",
      "create:started",
      "result:succeeded",
      "result:told",
    ]);
    expect(entries.slice(0, 2).map((entry) => entry.details.command)).toEqual(["check", "plan"]);
    expect(entries.every((entry) => entry.actor.startsWith("console:"))).toBe(true);
  });

  it("answers a button by its label, and refuses a second creation while the first runs", async () => {
    const input = ["create vm-web-02 crash", "Create crash-consistent", "create vm-web-02 crash"].join("\n");
    const result = await runCli(["chat"], chatEnv(), input);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Creating restore point/);
    expect(result.stdout).toMatch(
      /No restore point of vm-web-02 can be created now\n.*already creating a crash-consistent restore point.*next one is possible at/,
    );
  });

  it("stays up and explains when Azure cannot be reached", async () => {
    const env = { ...chatEnv(), RPBOT_ARM: "simulator", RPBOT_ARM_ENDPOINT: "https://127.0.0.1:9" };
    const result = await runCli(["chat"], env, "check vm-web-01\nhelp\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Azure did not answer as expected\n {2}Could not reach Azure Resource Manager/,
    );
    expect(result.stdout).toMatch(/Azure VM restore points/);
  });

  it("serve without a chat platform says so and runs the terminal chat", async () => {
    const result = await runCli(["serve"], chatEnv(), "help\n");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/No chat platform is configured/);
    expect(result.stdout).toMatch(/check <vm>: can it take a restore point now/);
  });
});
