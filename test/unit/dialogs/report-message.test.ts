import { describe, expect, it } from "vitest";
import { MAX_NAMES, renderFleetReport } from "../../../src/dialogs/report.message.js";
import type { FleetReport, ModeTally } from "../../../src/operations/fleet-report.js";

function tally(overrides: Partial<ModeTally> = {}): ModeTally {
  return { allowed: 0, allowedWithExclusions: 0, blocked: 0, blockedByRule: {}, ...overrides };
}

function buildReport(overrides: Partial<FleetReport> = {}): FleetReport {
  return {
    scope: "resource group rg-prod",
    totalVms: 20,
    modes: {
      ApplicationConsistent: tally({ allowed: 12, allowedWithExclusions: 3, blocked: 5 }),
      CrashConsistent: tally({ allowed: 18, blocked: 2 }),
    },
    evaluatedAt: "2026-05-01T12:00:00.000Z",
    durationMs: 900,
    requests: 42,
    throttled: 0,
    ...overrides,
  };
}

const names = (count: number) => Array.from({ length: count }, (_, i) => `vm-${String(i).padStart(2, "0")}`);

describe("renderFleetReport", () => {
  it("gives the scope, the total and per mode how many can, can only by leaving disks out, and cannot", () => {
    const message = renderFleetReport(buildReport());
    expect(message.title).toBe("Fleet report: resource group rg-prod");
    expect(message.text).toBe("20 VMs checked.");
    expect(message.facts).toEqual([
      { label: "Application-consistent", value: "12 can; 3 can, leaving out disks; 5 cannot" },
      { label: "Crash-consistent", value: "18 can; 2 cannot" },
    ]);
    expect(message.context?.[0]).toContain("42 ARM requests");
  });

  it("says when it was checked in the reader's zone, to the minute", () => {
    expect(renderFleetReport(buildReport(), "Europe/Paris").context?.[0]).toBe(
      "Checked at 2026-05-01 14:00 CEST with 42 ARM requests.",
    );
    expect(renderFleetReport(buildReport()).context?.[0]).toMatch(/^Checked at 2026-05-01 12:00 UTC /);
  });

  it("leaves out the counts of none", () => {
    const report = buildReport({
      totalVms: 1_200,
      modes: {
        ApplicationConsistent: tally({ allowedWithExclusions: 2 }),
        CrashConsistent: tally({ blocked: 1_200 }),
      },
    });
    expect(renderFleetReport(report).facts).toEqual([
      { label: "Application-consistent", value: "2 can, leaving out disks" },
      { label: "Crash-consistent", value: "1,200 cannot" },
    ]);
  });

  it("gives one section per blocking rule, in the order of the rule table, with both modes on one line", () => {
    const report = buildReport({
      modes: {
        ApplicationConsistent: tally({
          blocked: 3,
          blockedByRule: { "vm-agent-not-ready": ["vm-b"], "unmanaged-disks": ["vm-a", "vm-c"] },
        }),
        CrashConsistent: tally({ blocked: 2, blockedByRule: { "unmanaged-disks": ["vm-a", "vm-c"] } }),
      },
    });
    const sections = renderFleetReport(report).sections ?? [];
    expect(sections.map((section) => section.heading)).toEqual([
      "Unmanaged (VHD) disks: 2 VMs",
      "VM not running or VM agent not ready: 1 VM",
    ]);
    expect(sections[0]?.lines).toEqual(["Both modes: vm-a, vm-c"]);
    expect(sections[1]?.lines).toEqual(["Application-consistent: vm-b"]);
  });

  it("lists a rule per mode when it blocks different VMs in each", () => {
    const report = buildReport({
      modes: {
        ApplicationConsistent: tally({ blocked: 1, blockedByRule: { "too-soon": ["vm-a"] } }),
        CrashConsistent: tally({ blocked: 2, blockedByRule: { "too-soon": ["vm-a", "vm-b"] } }),
      },
    });
    const [section] = renderFleetReport(report).sections ?? [];
    expect(section).toEqual({
      heading: "Too soon after the last restore point: 2 VMs",
      lines: ["Application-consistent: vm-a", "Crash-consistent: vm-a, vm-b"],
    });
  });

  it(`names the first ${MAX_NAMES} VMs of a long list and says how many more`, () => {
    const blocked = names(MAX_NAMES + 7);
    const report = buildReport({
      modes: {
        ApplicationConsistent: tally({ blocked: blocked.length, blockedByRule: { "vmss-uniform": blocked } }),
        CrashConsistent: tally({ blocked: blocked.length, blockedByRule: { "vmss-uniform": blocked } }),
      },
    });
    const line = renderFleetReport(report).sections?.[0]?.lines[0] ?? "";
    expect(line).toBe(`Both modes: ${blocked.slice(0, MAX_NAMES).join(", ")} and 7 more`);
    expect(line).not.toContain(blocked[MAX_NAMES]);
  });

  it("does not cut a list of exactly the limit", () => {
    const blocked = names(MAX_NAMES);
    const report = buildReport({
      modes: {
        ApplicationConsistent: tally({ blocked: MAX_NAMES, blockedByRule: { "os-not-supported": blocked } }),
        CrashConsistent: tally(),
      },
    });
    const line = renderFleetReport(report).sections?.[0]?.lines[0] ?? "";
    expect(line).toBe(`Application-consistent: ${blocked.join(", ")}`);
  });

  it("keeps the tone honest: success with nothing blocked, info for an empty scope", () => {
    const clear = buildReport({
      modes: { ApplicationConsistent: tally({ allowed: 20 }), CrashConsistent: tally({ allowed: 20 }) },
    });
    expect(renderFleetReport(clear)).toMatchObject({ tone: "success", sections: [] });
    expect(renderFleetReport(buildReport()).tone).toBe("warning");
    const empty = renderFleetReport(buildReport({ totalVms: 0, modes: clear.modes }));
    expect(empty).toMatchObject({ tone: "info", text: "No VMs in this scope.", facts: [] });
  });
});
