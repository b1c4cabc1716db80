/**
 * Whether a set is protected (src/core/set-protection.ts): every member has a Succeeded point of the asked mode
 * or a stronger one, in its own collections, and the members' newest such points lie within the window.
 */
import { describe, expect, it } from "vitest";
import type { CollectionRecord, ConsistencyMode, RestorePointRecord } from "../../../src/core/facts.js";
import {
  assessSetProtection,
  DEFAULT_SET_WINDOW_MS,
  newestCountingPoint,
  type SetMember,
  serves,
} from "../../../src/core/set-protection.js";

const SUB = "11111111-1111-1111-1111-111111111111";
const T0 = Date.parse("2026-11-20T12:00:00.000Z");
const HOUR = 3_600_000;

const vmIdOf = (name: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/${name}`;
const guidOf = (name: string) => `guid-${name}`;
const at = (ms: number) => new Date(ms).toISOString();

interface PointSpec {
  ms: number;
  mode?: string;
  state?: string;
  name?: string;
  /** The vmId the point was taken of; default the member's. */
  sourceVmId?: string | null;
  timeCreated?: string | null;
}

function point(vm: string, spec: PointSpec): RestorePointRecord {
  const name = spec.name ?? `rp-${vm}-${spec.ms}`;
  const record: RestorePointRecord = {
    id: `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-${vm}/restorePoints/${name}`,
    name,
    provisioningState: spec.state ?? "Succeeded",
  };
  if (spec.mode !== "none") record.consistencyMode = spec.mode ?? "ApplicationConsistent";
  if (spec.timeCreated !== null) record.timeCreated = spec.timeCreated ?? at(spec.ms);
  if (spec.sourceVmId !== null) record.sourceVmId = spec.sourceVmId ?? guidOf(vm);
  return record;
}

function collection(vm: string, points: PointSpec[], sourceId = vmIdOf(vm)): CollectionRecord {
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-${vm}`,
    name: `rpc-${vm}`,
    location: "eastus",
    sourceId,
    restorePoints: points.map((spec) => point(vm, spec)),
  };
}

function member(name: string, points: PointSpec[], extra: CollectionRecord[] = []): SetMember {
  return {
    id: vmIdOf(name),
    name,
    vmId: guidOf(name),
    history: { collections: [...(points.length > 0 ? [collection(name, points)] : []), ...extra] },
  };
}

const statesOf = (members: readonly { name: string; state: string }[]) =>
  Object.fromEntries(members.map((standing) => [standing.name, standing.state]));

describe("a set of two: vm-a has an app point at T0; what vm-b has decides", () => {
  const window = HOUR;
  it.each<[string, PointSpec[], ConsistencyMode, boolean, string]>([
    ["a point at the same time", [{ ms: T0 }], "ApplicationConsistent", true, "in-window"],
    ["a point exactly one window earlier", [{ ms: T0 - window }], "ApplicationConsistent", true, "in-window"],
    ["a point exactly one window later", [{ ms: T0 + window }], "ApplicationConsistent", true, "in-window"],
    [
      "a point a millisecond past the window",
      [{ ms: T0 - window - 1 }],
      "ApplicationConsistent",
      false,
      "outside-window",
    ],
    ["no restore point at all", [], "ApplicationConsistent", false, "missing"],
    ["only a Creating point", [{ ms: T0, state: "Creating" }], "ApplicationConsistent", false, "missing"],
    ["only a Failed point", [{ ms: T0, state: "Failed" }], "ApplicationConsistent", false, "missing"],
    ["only a Deleting point", [{ ms: T0, state: "Deleting" }], "ApplicationConsistent", false, "missing"],
    [
      "a Succeeded point spelled in lower case",
      [{ ms: T0, state: "succeeded" }],
      "ApplicationConsistent",
      true,
      "in-window",
    ],
    [
      "only a crash point, for an app request",
      [{ ms: T0, mode: "CrashConsistent" }],
      "ApplicationConsistent",
      false,
      "missing",
    ],
    [
      "a crash point, for a crash request",
      [{ ms: T0, mode: "CrashConsistent" }],
      "CrashConsistent",
      true,
      "in-window",
    ],
    ["an app point, for a crash request (stronger)", [{ ms: T0 }], "CrashConsistent", true, "in-window"],
    [
      "a FileSystemConsistent point, for an app request",
      [{ ms: T0, mode: "FileSystemConsistent" }],
      "ApplicationConsistent",
      true,
      "in-window",
    ],
    [
      "a point without a mode (read as app), for an app request",
      [{ ms: T0, mode: "none" }],
      "ApplicationConsistent",
      true,
      "in-window",
    ],
    [
      "a point of a VM that had this id before (other vmId)",
      [{ ms: T0, sourceVmId: "guid-older-vm" }],
      "ApplicationConsistent",
      false,
      "missing",
    ],
    [
      "a point without sourceMetadata in the own collection",
      [{ ms: T0, sourceVmId: null }],
      "ApplicationConsistent",
      true,
      "in-window",
    ],
    [
      "a point with no timeCreated",
      [{ ms: T0, timeCreated: null }],
      "ApplicationConsistent",
      false,
      "missing",
    ],
    [
      "a point whose timeCreated is no date",
      [{ ms: T0, timeCreated: "yesterday" }],
      "ApplicationConsistent",
      false,
      "missing",
    ],
    [
      "a newer Failed point and an older Succeeded one in the window",
      [{ ms: T0, state: "Failed" }, { ms: T0 - 10 * 60_000 }],
      "ApplicationConsistent",
      true,
      "in-window",
    ],
  ])("%s", (_, bPoints, mode, isProtected, bState) => {
    const members = [member("vm-a", [{ ms: T0 }]), member("vm-b", bPoints)];
    const result = assessSetProtection(members, mode, window);
    expect(result.protected).toBe(isProtected);
    expect(statesOf(result.members)).toEqual({ "vm-a": "in-window", "vm-b": bState });
    expect(result.missing.map((standing) => standing.name)).toEqual(bState === "missing" ? ["vm-b"] : []);
    expect(result.outsideWindow.map((standing) => standing.name)).toEqual(
      bState === "outside-window" ? ["vm-b"] : [],
    );
  });
});

describe("which point of a member counts", () => {
  it("takes the newest counting point, whatever the order of collections and points", () => {
    const second = collection("vm-a", [{ ms: T0 - 2 * HOUR, name: "second-collection" }]);
    const points = [
      { ms: T0 - 5 * HOUR, name: "old" },
      { ms: T0, name: "new" },
      { ms: T0 - HOUR, name: "mid" },
    ];
    expect(newestCountingPoint(member("vm-a", points, [second]), "ApplicationConsistent")).toEqual({
      id: expect.stringMatching(/\/restorePoints\/new$/),
      name: "new",
      mode: "ApplicationConsistent",
      timeCreated: at(T0),
      createdAtMs: T0,
    });
  });

  it("of two points at the same instant, keeps the first one listed", () => {
    const points = [
      { ms: T0, name: "first" },
      { ms: T0, name: "second", mode: "CrashConsistent" },
    ];
    expect(newestCountingPoint(member("vm-a", points), "CrashConsistent")?.name).toBe("first");
  });

  it("reads a FileSystemConsistent point as application-consistent", () => {
    const chosen = newestCountingPoint(
      member("vm-a", [{ ms: T0, mode: "FileSystemConsistent" }]),
      "CrashConsistent",
    );
    expect(chosen?.mode).toBe("ApplicationConsistent");
  });

  it("does not count a collection left behind by a move, though its points are of this VM (history.ts counts them only toward the 500)", () => {
    const moved = collection("vm-b", [{ ms: T0 }], vmIdOf("vm-b-before-the-move"));
    const members = [member("vm-a", [{ ms: T0 }]), member("vm-b", [], [moved])];
    const result = assessSetProtection(members, "ApplicationConsistent");
    expect(result.protected).toBe(false);
    expect(result.missing.map((standing) => standing.name)).toEqual(["vm-b"]);
  });

  it("counts an own collection whose source id differs only in case (ids compare case-insensitively)", () => {
    const own = collection("vm-b", [{ ms: T0 }], vmIdOf("vm-b").toUpperCase());
    const result = assessSetProtection(
      [member("vm-a", [{ ms: T0 }]), member("vm-b", [], [own])],
      "CrashConsistent",
    );
    expect(result.protected).toBe(true);
  });

  it("without the member's vmId, a point of its own collection is its (as history.ts reads it)", () => {
    const withoutVmId = { ...member("vm-b", [{ ms: T0, sourceVmId: "guid-someone-else" }]), vmId: undefined };
    expect(newestCountingPoint(withoutVmId, "ApplicationConsistent")?.createdAtMs).toBe(T0);
  });

  it("compares vmIds case-insensitively", () => {
    const upper = member("vm-b", [{ ms: T0, sourceVmId: guidOf("vm-b").toUpperCase() }]);
    expect(newestCountingPoint(upper, "ApplicationConsistent")?.createdAtMs).toBe(T0);
  });
});

describe("the window across the whole set", () => {
  it("measures back from the set's newest point and says how far behind each stale member is", () => {
    const members = [
      member("vm-a", [{ ms: T0 - 3 * HOUR }]),
      member("vm-b", [{ ms: T0 }]),
      member("vm-c", [{ ms: T0 - 30 * 60_000 }]),
      member("vm-d", []),
    ];
    const result = assessSetProtection(members, "ApplicationConsistent", HOUR);
    expect(result.protected).toBe(false);
    expect(result.members.map((standing) => standing.name)).toEqual(["vm-a", "vm-b", "vm-c", "vm-d"]);
    expect(statesOf(result.members)).toEqual({
      "vm-a": "outside-window",
      "vm-b": "in-window",
      "vm-c": "in-window",
      "vm-d": "missing",
    });
    expect(result.outsideWindow).toEqual([
      expect.objectContaining({ id: vmIdOf("vm-a"), name: "vm-a", behindMs: 3 * HOUR }),
    ]);
    expect(result.missing).toEqual([{ id: vmIdOf("vm-d"), name: "vm-d", state: "missing" }]);
    expect(result.spreadMs).toBe(3 * HOUR);
    expect(result.newestAt).toBe(at(T0));
  });

  it("chooses each member's newest point, even when older ones would line up", () => {
    const members = [
      member("vm-a", [{ ms: T0 }, { ms: T0 - 5 * HOUR }]),
      member("vm-b", [{ ms: T0 - 5 * HOUR }]),
    ];
    const result = assessSetProtection(members, "ApplicationConsistent", HOUR);
    expect(result.protected).toBe(false);
    expect(statesOf(result.outsideWindow)).toEqual({ "vm-b": "outside-window" });
  });

  it("is protected with every member in the window, and says the spread and the newest point", () => {
    const members = [
      member("vm-a", [{ ms: T0 - 20 * 60_000 }]),
      member("vm-b", [{ ms: T0 }]),
      member("vm-c", [{ ms: T0 - 59 * 60_000 }]),
    ];
    const result = assessSetProtection(members, "ApplicationConsistent");
    expect(result).toMatchObject({
      protected: true,
      mode: "ApplicationConsistent",
      windowMs: DEFAULT_SET_WINDOW_MS,
      missing: [],
      outsideWindow: [],
      spreadMs: 59 * 60_000,
      newestAt: at(T0),
    });
    expect(result.members.every((standing) => standing.state === "in-window")).toBe(true);
  });

  it("uses one hour when no window is given", () => {
    expect(DEFAULT_SET_WINDOW_MS).toBe(HOUR);
    const members = [member("vm-a", [{ ms: T0 }]), member("vm-b", [{ ms: T0 - HOUR - 1 }])];
    expect(assessSetProtection(members, "CrashConsistent").protected).toBe(false);
    expect(assessSetProtection(members, "CrashConsistent", HOUR + 1).protected).toBe(true);
  });

  it("a set of one is protected by any counting point", () => {
    const result = assessSetProtection([member("vm-a", [{ ms: T0 }])], "CrashConsistent", 0);
    expect(result).toMatchObject({ protected: true, spreadMs: 0, newestAt: at(T0) });
  });

  it("with a zero window, only points at the same millisecond are together", () => {
    const members = [member("vm-a", [{ ms: T0 }]), member("vm-b", [{ ms: T0 - 1 }])];
    expect(assessSetProtection(members, "ApplicationConsistent", 0).protected).toBe(false);
  });

  it("when no member has a point: all missing, no spread, no newest", () => {
    const result = assessSetProtection([member("vm-a", []), member("vm-b", [])], "ApplicationConsistent");
    expect(result.protected).toBe(false);
    expect(result.missing.map((standing) => standing.name)).toEqual(["vm-a", "vm-b"]);
    expect(result).not.toHaveProperty("spreadMs");
    expect(result).not.toHaveProperty("newestAt");
  });

  it("an empty set is not protected (there is nothing to restore together)", () => {
    expect(assessSetProtection([], "ApplicationConsistent")).toEqual({
      protected: false,
      mode: "ApplicationConsistent",
      windowMs: DEFAULT_SET_WINDOW_MS,
      members: [],
      missing: [],
      outsideWindow: [],
    });
  });
});

describe("which mode serves which request", () => {
  it.each<[ConsistencyMode, ConsistencyMode, boolean]>([
    ["ApplicationConsistent", "ApplicationConsistent", true],
    ["ApplicationConsistent", "CrashConsistent", true],
    ["CrashConsistent", "CrashConsistent", true],
    ["CrashConsistent", "ApplicationConsistent", false],
  ])("a %s point for a %s request: %s", (pointMode, asked, expected) => {
    expect(serves(pointMode, asked)).toBe(expected);
  });
});
