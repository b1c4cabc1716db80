/**
 * `rpbot check` end to end over the whole sample fleet: the bot's gateway and core against the simulator,
 * through the real SDK. Each sample VM shows one row of the support matrix; this pins what it shows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { BLOCKER_CODES, EXCLUSION_CODES } from "../../src/core/rule-codes.js";
import type { ModeVerdict } from "../../src/core/verdict.js";
import { checkVm } from "../../src/operations/check-vm.js";
import { type ArmRuntime, startArmRuntime } from "../../src/runtime/arm-runtime.js";

const config = loadConfig({});
let runtime: ArmRuntime;
beforeAll(async () => {
  runtime = await startArmRuntime(config.arm);
});
afterAll(() => runtime.close());

/** "yes", "yes-excluding:<rules>" or "no:<rules>". */
function summary(mode: ModeVerdict): string {
  if (!mode.allowed) return `no:${mode.blockers.map((blocker) => blocker.rule).join(",")}`;
  if (mode.excludeDisks.length > 0)
    return `yes-excluding:${mode.excludeDisks.map((disk) => disk.rule).join(",")}`;
  return "yes";
}

const EXPECTED: Array<[vm: string, app: string, crash: string, advisories: string[]]> = [
  ["vm-web-01", "yes", "yes", []],
  ["vm-web-02", "yes", "yes", ["temporary-disk-not-captured"]],
  ["vm-sql-01", "yes", "yes-excluding:ultra-disk", []],
  ["vm-analytics-01", "yes", "yes-excluding:premium-v2-disk", []],
  ["vm-ephemeral-01", "yes-excluding:ephemeral-os-disk", "yes-excluding:ephemeral-os-disk", []],
  ["vm-ephemeral-only-01", "no:no-disks-to-protect", "no:no-disks-to-protect", []],
  ["vm-cluster-01", "yes-excluding:shared-disk", "yes-excluding:shared-disk", []],
  // Windows Server 2012 R2: past its extended security updates (2026-10-13) on the clock these tests run by.
  ["vm-legacy-01", "no:unmanaged-disks,os-not-supported", "no:unmanaged-disks", []],
  ["vm-confidential-01", "no:confidential-vm", "no:confidential-vm", []],
  ["vmss-web_0", "no:vmss-uniform", "no:vmss-uniform", []],
  ["vm-avset-01", "yes", "yes", ["availability-set-member"]],
  ["vm-cmk-01", "yes", "yes", ["cross-region-cmk-becomes-pmk"]],
  ["vm-private-01", "yes", "yes", ["cross-region-private-link"]],
  ["vm-writeaccel-01", "yes", "yes", ["write-accelerated-disk"]],
  ["vm-boost-01", "yes", "yes", ["crash-boost-sku"]],
  ["vm-ubuntu-01", "yes", "yes", []],
  ["vm-arch-01", "yes", "yes", ["linux-distro-not-endorsed", "linux-python-required"]],
  ["vm-coreos-01", "no:os-not-supported", "yes", []],
  ["vm-win2008-01", "no:os-not-supported", "yes", []],
  ["vm-win2012-core-01", "no:os-not-supported", "yes", []],
  ["vm-win10-32-01", "no:os-not-supported", "yes", []],
  ["vm-win11-01", "no:os-not-supported", "yes", []],
  ["vm-agent-down-01", "no:vm-agent-not-ready", "yes", []],
  ["vm-noagent-01", "no:vm-agent-not-ready", "yes", []],
  ["vm-stopped-01", "no:vm-agent-not-ready", "yes", []],
  ["vm-recent-app-01", "no:too-soon", "yes", []],
  ["vm-recent-crash-01", "yes", "no:too-soon", []],
  ["vm-busy-01", "no:creation-in-progress", "no:creation-in-progress,too-soon", []],
  ["vm-failed-rp-01", "yes", "yes", []],
  ["vm-full-01", "no:restore-point-limit", "no:restore-point-limit", []],
  ["vm-nearfull-01", "yes", "yes", ["retention-near-limit"]],
  ["vm-moved-01", "yes", "yes", ["vm-moved"]],
  ["vm-moved-02", "yes", "yes", ["vm-moved"]],
  ["vm-crowded-01", "no:collection-limit", "no:collection-limit", []],
];

describe("the sample fleet, checked end to end", () => {
  it.each(EXPECTED)("%s: app %s, crash %s", async (name, app, crash, advisories) => {
    const outcome = await checkVm(
      { arm: runtime.gateway, limits: config.limits, now: () => new Date() },
      name,
    );
    if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
    expect(summary(outcome.verdict.modes.ApplicationConsistent)).toBe(app);
    expect(summary(outcome.verdict.modes.CrashConsistent)).toBe(crash);
    const rules = outcome.verdict.advisories.map((advisory) => advisory.rule);
    expect(rules).toEqual(expect.arrayContaining(advisories));
  });

  it("covers every blocker and exclusion code", () => {
    const seen = new Set(
      EXPECTED.flatMap(([, app, crash]) => [app, crash]).flatMap((s) => s.split(":")[1]?.split(",") ?? []),
    );
    for (const code of [...BLOCKER_CODES, ...EXCLUSION_CODES]) {
      expect(seen, code).toContain(code);
    }
  });

  it("gives the time a too-soon mode is next allowed", async () => {
    const now = new Date();
    const outcome = await checkVm(
      { arm: runtime.gateway, limits: config.limits, now: () => now },
      "vm-recent-app-01",
    );
    if (!outcome.ok) throw new Error(outcome.message);
    const next = outcome.verdict.modes.ApplicationConsistent.nextAllowedAt;
    expect(next).not.toBeNull();
    const wait = Date.parse(next ?? "") - now.getTime();
    expect(wait).toBeGreaterThan(1.9 * 3_600_000);
    expect(wait).toBeLessThanOrEqual(2 * 3_600_000 + 1000);
  });
});
