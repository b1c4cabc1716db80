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
  it("answers a check briefly and gives what it left out when Details is chosen", async () => {
    const result = await runCli(["chat"], chatEnv(), ["check vm-sql-01", "details"].join("\n"));
    expect(result.code).toBe(0);
    const [answer = "", details = ""] = result.stdout.split(/vm-sql-01: details/);
    expect(answer).toMatch(/\[3\] Details/);
    expect(answer).not.toMatch(/NFS/);
    expect(details).toMatch(/All notes:[\s\S]*NFS shares/);
    expect(details).toMatch(/vm-sql-01-log-ultra: \/subscriptions\/.*\/disks\/vm-sql-01-log-ultra/);
  });

  it("checks, plans, confirms by number and prints the notification before exiting", async () => {
    const input = ["can I snapshot vm-web-02?", "create vm-web-02 crash", "1"].join("\n");
    const env = chatEnv();
    const result = await runCli(["chat"], env, input);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/vm-web-02: restore points possible/);
    expect(out).toMatch(/\[1\] Create application-consistent {2}\[2\] Create crash-consistent/);
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
      /No restore point of vm-web-02 can be created now\n.*already creating a crash-consistent restore point.*next one is possible in [^(]+\(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\./,
    );
  });

  it("words times in the terminal's own zone (TZ), to the minute", async () => {
    const input = ["create vm-web-02 crash", "1", "create vm-web-02 crash"].join("\n");
    const result = await runCli(["chat"], { ...chatEnv(), TZ: "Asia/Kolkata" }, input);
    expect(result.code).toBe(0);
    const ist = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d IST";
    expect(result.stdout).toMatch(new RegExp(`started ${ist}`));
    expect(result.stdout).toMatch(new RegExp(`finished ${ist}`));
    // Asked again while the first runs: when the next one is possible, said once, in the same zone.
    expect(result.stdout).toMatch(new RegExp(`next one is possible in [^(]+\\(${ist}\\)\\.`));
    expect(result.stdout).not.toMatch(/UTC|\d\d:\d\d:\d\d|\.\d{3}Z|\d{4}-\d\d-\d\dT\d\d/);
  });

  it("lists restore points, requests and what is being created in the words of every other answer", async () => {
    const input = ["list vm-web-01", "create vm-web-02 crash", "1", "status", "list"].join("\n");
    // Long enough for "status" to find the restore point still being created.
    const env = { ...chatEnv(), RPBOT_SIM_RESTORE_POINT_DURATION: "3s" };
    const { code, stdout } = await runCli(["chat"], env, input);
    expect(code).toBe(0);
    const when = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d \S+`;
    expect(stdout).toMatch(
      new RegExp(
        String.raw`Restore points of vm-web-01 \(2\)\n` +
          String.raw` {4}- \S+ \(rpc-vm-web-01\): Crash-consistent, succeeded, ${when} \(\d+ (?:min|h|days?)[^)]* ago\)\n` +
          String.raw` {4}- \S+ \(rpc-vm-web-01\): Application-consistent, succeeded, ${when} \(\d+ (?:min|h|days?)[^)]* ago\)\n`,
      ),
    );
    const job = String.raw`rp-crash-\d{8}-\d{6} of vm-web-02: Crash-consistent`;
    expect(stdout).toMatch(
      new RegExp(
        String.raw`\n1 restore point being created\n {4}- ${job}, (?:starting|running), ${when} by \S+`,
      ),
    );
    expect(stdout).toMatch(
      new RegExp(String.raw`Your recent restore point requests\n {4}- ${job}, \w+, ${when}`),
    );
    expect(stdout).not.toMatch(/ApplicationConsistent|CrashConsistent|Succeeded|\(s\)/);
  });

  it("numbers the suggestions of a name not found, and runs the check of the number chosen", async () => {
    const result = await runCli(["chat"], chatEnv(), "can I snapshot the sql box\n1\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /! VM not found\n {2}No VM named "sql" in .*\. Did you mean rg-data\/vm-sql-01\?\n {2}\[1\] vm-sql-01\n/,
    );
    expect(result.stdout).toMatch(/✓ vm-sql-01: restore points possible/);
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
