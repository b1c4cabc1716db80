/** `rpbot audit` end to end against a real SQLite store, with an injected clock and a capturing CommandIo. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AuditArgs, runAuditCommand } from "../../src/commands/audit.command.js";
import { CliUsageError } from "../../src/commands/cli-failure.js";
import type { CommandIo } from "../../src/commands/io.js";
import { type AuditEntry, openStore, type Store } from "../../src/store/index.js";

const directory = mkdtempSync(join(tmpdir(), "rpbot-audit-"));
const NOW = new Date("2026-11-25T12:00:00Z");
const now = () => NOW;
const VM =
  "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01";

let store: Store;
let fileNumber = 0;

beforeEach(async () => {
  fileNumber += 1;
  store = await openStore({ sqlitePath: join(directory, `audit-${fileNumber}.db`) });
});

afterEach(async () => {
  await store.close();
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function capture(): CommandIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text) };
}

async function run(args: Partial<AuditArgs> = {}) {
  const io = capture();
  const code = await runAuditCommand({ json: false, ...args }, store, io, now);
  return { code, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n") };
}

function hoursAgo(hours: number): Date {
  return new Date(NOW.getTime() - hours * 3_600_000);
}

const ENTRIES: AuditEntry[] = [
  { at: hoursAgo(5), actor: "slack:T1:UALICE", action: "check", target: VM, outcome: "answered" },
  {
    at: hoursAgo(2),
    actor: "slack:T1:UBOB",
    action: "deny",
    target: VM,
    outcome: "refused",
    details: { requested: "create", rule: "no rule for the user" },
  },
  {
    at: hoursAgo(1),
    actor: "console:carol",
    action: "create",
    target: VM,
    outcome: "started",
    details: { mode: "CrashConsistent", jobId: "job-1", excluded: ["ultra-disk"] },
  },
  { at: hoursAgo(0.5), actor: "system", action: "result", target: VM, outcome: "succeeded" },
];

async function appendAll(entries: readonly AuditEntry[] = ENTRIES): Promise<void> {
  // Appended newest first, to show that the listing orders by time, not by insertion.
  for (const entry of [...entries].reverse()) await store.audit.append(entry);
}

describe("rpbot audit", () => {
  it("prints every entry oldest first, one aligned line each, targets shortened to rg/name", async () => {
    await appendAll();
    const { code, stdout, stderr } = await run();
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout.split("\n")).toStrictEqual([
      "2026-11-25T07:00:00Z  slack:T1:UALICE  check   rg-prod/vm-web-01  answered",
      '2026-11-25T10:00:00Z  slack:T1:UBOB    deny    rg-prod/vm-web-01  refused    requested=create rule="no rule for the user"',
      '2026-11-25T11:00:00Z  console:carol    create  rg-prod/vm-web-01  started    mode=CrashConsistent jobId=job-1 excluded=["ultra-disk"]',
      "2026-11-25T11:30:00Z  system           result  rg-prod/vm-web-01  succeeded",
    ]);
  });

  it.each([
    { since: "90m", first: "2026-11-25T11:00:00Z" },
    { since: "3h", first: "2026-11-25T10:00:00Z" },
    { since: "1d", first: "2026-11-25T07:00:00Z" },
    { since: "2026-11-25T10:30:00Z", first: "2026-11-25T11:00:00Z" },
    { since: "2026-11-25 10:00", first: "2026-11-25T10:00:00Z" },
    { since: "2026-11-25T12:15:00+01:00", first: "2026-11-25T11:30:00Z" },
  ])("--since $since starts at $first (inclusive)", async ({ since, first }) => {
    await appendAll();
    const { code, stdout } = await run({ since });
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]?.startsWith(first)).toBe(true);
  });

  it("--limit keeps the newest entries, still printed oldest first, and says so on stderr", async () => {
    await appendAll();
    const { stdout, stderr } = await run({ limit: 2 });
    expect(stdout.split("\n").map((line) => line.slice(0, 20))).toStrictEqual([
      "2026-11-25T11:00:00Z",
      "2026-11-25T11:30:00Z",
    ]);
    expect(stderr).toBe("Showing the newest 2 of 4 entries; raise --limit to see more.");
  });

  it("--json prints one parseable object per line, with full ids and details", async () => {
    await appendAll();
    const { code, stdout } = await run({ json: true, since: "2h" });
    expect(code).toBe(0);
    const parsed = stdout.split("\n").map((line) => JSON.parse(line));
    expect(parsed).toStrictEqual(ENTRIES.slice(1).map((entry) => ({ ...entry, at: entry.at.toISOString() })));
  });

  it("says so when nothing is in the window, and exits 0", async () => {
    await appendAll();
    expect(await run({ since: "10m" })).toStrictEqual({
      code: 0,
      stdout: "No audit entries since 2026-11-25T11:50:00Z.",
      stderr: "",
    });
    expect(await run({ since: "10m", json: true })).toStrictEqual({
      code: 0,
      stdout: "",
      stderr: "No audit entries since 2026-11-25T11:50:00Z.",
    });
  });

  it("says so when the log is empty", async () => {
    expect(await run()).toMatchObject({ code: 0, stdout: "No audit entries since the log began." });
  });

  it("keeps chat-typed text from steering the terminal", async () => {
    await store.audit.append({
      at: hoursAgo(1),
      actor: "slack:T1:U\u001b[2J",
      action: "deny",
      target: "vm\u202eexe.",
      outcome: "refused",
      details: { text: "line one\nline two" },
    });
    const { stdout } = await run();
    expect(stdout).toBe(
      '2026-11-25T11:00:00Z  slack:T1:U?[2J  deny  vm?exe.  refused  text="line one\\nline two"',
    );
  });

  it.each(["yesterday", "2026", "-3h", "2026-02-30", "2026-11-25T25:00Z", "3 hours"])(
    "refuses --since %s with a usage error",
    async (since) => {
      await expect(run({ since })).rejects.toThrow(CliUsageError);
      await expect(run({ since })).rejects.toThrow(
        /--since takes a duration like 90s, 15m, 3h or 2d, or an ISO-8601 time/,
      );
    },
  );

  it.each([0, -1, 1.5])("refuses --limit %s", async (limit) => {
    await expect(run({ limit })).rejects.toThrow("--limit takes a whole number from 1");
  });
});
