import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/core/index.js";
import { buildCollection, buildFacts, buildHistory, buildPoint, hoursBefore, NOW } from "./build-facts.js";

function verdictWith(points: ReturnType<typeof buildPoint>[], now = NOW) {
  return evaluate(
    buildFacts(),
    buildHistory({ collections: [buildCollection({ restorePoints: points })] }),
    now,
  );
}

describe("too-soon", () => {
  it("blocks application consistency within 3 hours of the newest application-consistent point", () => {
    const verdict = verdictWith([buildPoint({ name: "rp-a", timeCreated: hoursBefore(NOW, 1) })]);
    const app = verdict.modes.ApplicationConsistent;
    expect(app.allowed).toBe(false);
    expect(app.blockers.map((blocker) => blocker.rule)).toEqual(["too-soon"]);
    expect(app.nextAllowedAt).toBe("2026-11-25T14:00:00.000Z");
    expect(app.blockers[0]?.message).toContain("rp-a");
    expect(app.blockers[0]?.message).toContain("3 hours");
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
    expect(verdict.modes.CrashConsistent.nextAllowedAt).toBeNull();
  });

  it("blocks crash consistency within 1 hour of the newest crash-consistent point", () => {
    const verdict = verdictWith([
      buildPoint({ consistencyMode: "CrashConsistent", timeCreated: hoursBefore(NOW, 0.5) }),
    ]);
    expect(verdict.modes.CrashConsistent.nextAllowedAt).toBe("2026-11-25T12:30:00.000Z");
    expect(verdict.modes.CrashConsistent.blockers[0]?.message).toContain("1 hour");
    expect(verdict.modes.ApplicationConsistent.allowed).toBe(true);
  });

  it("is allowed exactly at the interval, and blocked one millisecond before", () => {
    const point = buildPoint({ timeCreated: "2026-11-25T09:00:00.000Z" });
    expect(
      verdictWith([point], new Date("2026-11-25T12:00:00.000Z")).modes.ApplicationConsistent.allowed,
    ).toBe(true);
    const before = verdictWith([point], new Date("2026-11-25T11:59:59.999Z")).modes.ApplicationConsistent;
    expect(before.allowed).toBe(false);
    expect(before.nextAllowedAt).toBe("2026-11-25T12:00:00.000Z");
  });

  it.each([
    ["10 minutes old", 10 / 60, false],
    ["a second short of an hour", 1 - 1 / 3600, false],
    ["exactly an hour old", 1, true],
  ])("a Deleting crash-consistent point %s still counts until it is gone", (_label, hours, allowed) => {
    const deleting = buildPoint({
      name: "rp-going",
      consistencyMode: "CrashConsistent",
      provisioningState: "Deleting",
      timeCreated: hoursBefore(NOW, hours),
    });
    const crash = verdictWith([deleting]).modes.CrashConsistent;
    expect(crash.allowed).toBe(allowed);
    if (!allowed) {
      expect(crash.blockers.map((blocker) => blocker.rule)).toEqual(["too-soon"]);
      expect(crash.blockers[0]?.message).toContain("rp-going, being deleted: it counts until it is gone");
    }
  });

  it("says nothing about deletion for a point that is not being deleted", () => {
    const crash = verdictWith([
      buildPoint({ name: "rp-here", consistencyMode: "CrashConsistent", timeCreated: hoursBefore(NOW, 0.2) }),
    ]).modes.CrashConsistent;
    expect(crash.blockers[0]?.message).toContain("(rp-here)");
  });

  it("a Deleting application-consistent point holds the 3-hour interval (any casing of the state)", () => {
    const app = verdictWith([
      buildPoint({ provisioningState: "deleting", timeCreated: hoursBefore(NOW, 3 - 1 / 3600) }),
    ]).modes.ApplicationConsistent;
    expect(app.allowed).toBe(false);
    expect(app.blockers[0]?.message).toContain("being deleted");
  });

  it("uses the newest point of the mode, whatever the order of the list", () => {
    const verdict = verdictWith([
      buildPoint({ timeCreated: hoursBefore(NOW, 10) }),
      buildPoint({ timeCreated: hoursBefore(NOW, 2) }),
      buildPoint({ timeCreated: hoursBefore(NOW, 5) }),
    ]);
    expect(verdict.modes.ApplicationConsistent.nextAllowedAt).toBe("2026-11-25T13:00:00.000Z");
  });

  it("looks across all the VM's own collections", () => {
    const history = buildHistory({
      collections: [
        buildCollection({ name: "rpc-a", restorePoints: [buildPoint({ timeCreated: hoursBefore(NOW, 8) })] }),
        buildCollection({
          name: "rpc-b",
          location: "northeurope",
          restorePoints: [buildPoint({ timeCreated: hoursBefore(NOW, 1) })],
        }),
      ],
    });
    expect(evaluate(buildFacts(), history, NOW).modes.ApplicationConsistent.nextAllowedAt).toBe(
      "2026-11-25T14:00:00.000Z",
    );
  });

  it("does not count failed restore points", () => {
    const verdict = verdictWith([
      buildPoint({ provisioningState: "Failed", timeCreated: hoursBefore(NOW, 0.1) }),
      buildPoint({
        provisioningState: "Failed",
        consistencyMode: "CrashConsistent",
        timeCreated: hoursBefore(NOW, 0.1),
      }),
    ]);
    expect(verdict.modes.ApplicationConsistent.allowed).toBe(true);
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  it("counts FileSystemConsistent and a missing mode as application-consistent", () => {
    for (const consistencyMode of ["FileSystemConsistent", undefined]) {
      const verdict = verdictWith([buildPoint({ consistencyMode, timeCreated: hoursBefore(NOW, 1) })]);
      expect(verdict.modes.ApplicationConsistent.blockers.map((blocker) => blocker.rule)).toEqual([
        "too-soon",
      ]);
      expect(verdict.modes.CrashConsistent.allowed).toBe(true);
    }
  });

  it("reads the mode case-insensitively", () => {
    const verdict = verdictWith([
      buildPoint({ consistencyMode: "crashconsistent", timeCreated: hoursBefore(NOW, 0.5) }),
    ]);
    expect(verdict.modes.CrashConsistent.allowed).toBe(false);
    expect(verdict.modes.ApplicationConsistent.allowed).toBe(true);
  });

  it("ignores points without a creation time", () => {
    expect(verdictWith([buildPoint({ timeCreated: undefined })]).modes.ApplicationConsistent.allowed).toBe(
      true,
    );
  });

  it("gives no nextAllowedAt when something besides time blocks: creation in progress and too soon", () => {
    const verdict = verdictWith([
      buildPoint({ provisioningState: "Creating", timeCreated: hoursBefore(NOW, 0.2) }),
    ]);
    const app = verdict.modes.ApplicationConsistent;
    expect(app.blockers.map((blocker) => blocker.rule)).toEqual(["creation-in-progress", "too-soon"]);
    expect(app.nextAllowedAt).toBeNull();
  });

  it("gives no nextAllowedAt when the OS blocks as well", () => {
    const facts = buildFacts({ os: { type: "Windows", name: "Windows Server 2008 R2 Datacenter" } });
    const history = buildHistory({
      collections: [buildCollection({ restorePoints: [buildPoint({ timeCreated: hoursBefore(NOW, 1) })] })],
    });
    expect(evaluate(facts, history, NOW).modes.ApplicationConsistent.nextAllowedAt).toBeNull();
  });
});

describe("too-soon: which points count, and as which mode", () => {
  const thirtyMinutesAgo = hoursBefore(NOW, 0.5);
  const blockedModes = (points: ReturnType<typeof buildPoint>[]) => {
    const verdict = verdictWith(points);
    return {
      application: verdict.modes.ApplicationConsistent.allowed === false,
      crash: verdict.modes.CrashConsistent.allowed === false,
    };
  };

  it.each([
    ["CrashConsistent", { application: false, crash: true }],
    ["CRASHCONSISTENT", { application: false, crash: true }],
    ["ApplicationConsistent", { application: true, crash: false }],
    ["FileSystemConsistent", { application: true, crash: false }],
    ["filesystemconsistent", { application: true, crash: false }],
    ["SomethingNew", { application: true, crash: false }],
  ])("a point of mode %s holds back %o", (consistencyMode, expected) => {
    expect(blockedModes([buildPoint({ consistencyMode, timeCreated: thirtyMinutesAgo })])).toEqual(expected);
  });

  it("ignores a point whose creation time is not a date, and uses the valid ones", () => {
    expect(blockedModes([buildPoint({ timeCreated: "yesterday-ish" })])).toEqual({
      application: false,
      crash: false,
    });
    const verdict = verdictWith([
      buildPoint({ timeCreated: hoursBefore(NOW, 2) }),
      buildPoint({ timeCreated: "not a date" }),
    ]);
    expect(verdict.modes.ApplicationConsistent.nextAllowedAt).toBe("2026-11-25T13:00:00.000Z");
  });

  it("finds the newest point whatever the timestamp's spelling", () => {
    const verdict = verdictWith([
      buildPoint({ timeCreated: "2026-11-25T09:30:00.000Z" }),
      buildPoint({ name: "rp-short", timeCreated: "2026-11-25T10:00:00Z" }),
      buildPoint({ timeCreated: "2026-11-25T08:00:00.000Z" }),
    ]);
    expect(verdict.modes.ApplicationConsistent.nextAllowedAt).toBe("2026-11-25T13:00:00.000Z");
    expect(verdict.modes.ApplicationConsistent.blockers[0]?.message).toContain("(rp-short)");
  });

  it("finds the newest point when a later one in the list is newer", () => {
    const verdict = verdictWith([
      buildPoint({ name: "rp-old", timeCreated: "2026-11-25T09:30:00.000Z" }),
      buildPoint({ name: "rp-new", timeCreated: "2026-11-25T10:30:00.000Z" }),
      buildPoint({ name: "rp-same", timeCreated: "2026-11-25T10:30:00Z" }),
    ]);
    expect(verdict.modes.ApplicationConsistent.blockers[0]?.message).toContain("(rp-new)");
    expect(verdict.modes.ApplicationConsistent.nextAllowedAt).toBe("2026-11-25T13:30:00.000Z");
  });

  it("names the newest point and both times in the message", () => {
    const verdict = verdictWith([
      buildPoint({
        name: "rp-x",
        consistencyMode: "CrashConsistent",
        timeCreated: "2026-11-25T11:30:00.000Z",
      }),
    ]);
    expect(verdict.modes.CrashConsistent.blockers).toEqual([
      {
        rule: "too-soon",
        message:
          "The newest crash-consistent restore point (rp-x) was created at 2026-11-25T11:30:00.000Z; at least 1 hour must pass between two, so the next one is possible at 2026-11-25T12:30:00.000Z.",
      },
    ]);
  });
});
