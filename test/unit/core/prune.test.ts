/** planPrune at the boundaries: `keep N`, `older-than D` and `one`, with every state a point can be in. */
import { describe, expect, it } from "vitest";
import { summarizeHistory } from "../../../src/core/history.js";
import { planPrune } from "../../../src/core/prune.js";
import type { PruneOptions, PrunePlan, PruneRequest } from "../../../src/core/prune-types.js";
import { buildCollection, buildFacts, buildHistory, collectionId, NOW, VM_ID } from "./build-facts.js";
import { at, historyOf, MOVED, OLD_VM_ID, OWN, outline, type PointSpec, point } from "./prune-builders.js";

const HOUR_MS = 3_600_000;
const CRASH = "CrashConsistent";

function plan(specs: PointSpec[], request: PruneRequest, options: Partial<PruneOptions> = {}) {
  return planPrune(buildFacts(), historyOf(specs), request, { now: NOW, ...options });
}

function okPlan(specs: PointSpec[], request: PruneRequest, options: Partial<PruneOptions> = {}): PrunePlan {
  const result = plan(specs, request, options);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

const THREE_APP: PointSpec[] = [
  { name: "a1", hours: 1 },
  { name: "a2", hours: 2 },
  { name: "a3", hours: 3 },
];
const TWO_MODES: PointSpec[] = [
  { name: "a1", hours: 1 },
  { name: "c1", hours: 2, mode: CRASH },
  { name: "a2", hours: 5 },
  { name: "c2", hours: 6, mode: CRASH },
];

describe("keep N", () => {
  it.each<[string, PointSpec[], number, Partial<PruneOptions>, ReturnType<typeof outline>]>([
    [
      "fewer points than N: nothing to delete",
      THREE_APP,
      5,
      {},
      { delete: [], keep: ["a1:within-keep", "a2:within-keep", "a3:within-keep"], deleting: [], after: 3 },
    ],
    [
      "exactly N: nothing to delete",
      THREE_APP,
      3,
      {},
      { delete: [], keep: ["a1:within-keep", "a2:within-keep", "a3:within-keep"], deleting: [], after: 3 },
    ],
    [
      "one more than N: the oldest goes",
      THREE_APP,
      2,
      {},
      { delete: ["a3"], keep: ["a1:within-keep", "a2:within-keep"], deleting: [], after: 2 },
    ],
    [
      "N = 0: everything but the newest of each mode",
      TWO_MODES,
      0,
      {},
      { delete: ["a2", "c2"], keep: ["a1:newest-of-mode", "c1:newest-of-mode"], deleting: [], after: 2 },
    ],
    [
      "N = 0 with includeNewestOfEachMode: everything",
      TWO_MODES,
      0,
      { includeNewestOfEachMode: true },
      { delete: ["a1", "c1", "a2", "c2"], keep: [], deleting: [], after: 0 },
    ],
    [
      "N = 0 with one mode only: its newest stays",
      THREE_APP,
      0,
      {},
      { delete: ["a2", "a3"], keep: ["a1:newest-of-mode"], deleting: [], after: 1 },
    ],
    [
      "the newest of a mode older than the N newest stays too, beyond N",
      [...THREE_APP, { name: "c1", hours: 10, mode: CRASH }, { name: "c2", hours: 11, mode: CRASH }],
      2,
      {},
      {
        delete: ["a3", "c2"],
        keep: ["a1:within-keep", "a2:within-keep", "c1:newest-of-mode"],
        deleting: [],
        after: 3,
      },
    ],
    [
      "a point being created is never deleted and is not one of the N",
      [{ name: "new", hours: 0, state: "Creating" }, ...THREE_APP],
      1,
      {},
      { delete: ["a2", "a3"], keep: ["new:creating", "a1:within-keep"], deleting: [], after: 2 },
    ],
    [
      "a point being created is not the newest of its mode (it may still fail)",
      [{ name: "new", hours: 0, state: "Creating" }, ...THREE_APP],
      0,
      { includeNewestOfEachMode: false },
      { delete: ["a2", "a3"], keep: ["new:creating", "a1:newest-of-mode"], deleting: [], after: 2 },
    ],
    [
      "a point being deleted is neither deleted again nor kept, and stops counting",
      [{ name: "going", hours: 0.5, state: "Deleting" }, ...THREE_APP],
      1,
      {},
      { delete: ["a2", "a3"], keep: ["a1:within-keep"], deleting: ["going"], after: 1 },
    ],
    [
      "a point being deleted is not the newest of its mode",
      [
        { name: "going", hours: 0.5, state: "deleting" },
        { name: "a1", hours: 1 },
      ],
      0,
      {},
      { delete: [], keep: ["a1:newest-of-mode"], deleting: ["going"], after: 1 },
    ],
    [
      "a Failed point is deleted, even the newest, and is not one of the N",
      [{ name: "broken", hours: 0.5, state: "Failed" }, ...THREE_APP],
      2,
      {},
      { delete: ["broken", "a3"], keep: ["a1:within-keep", "a2:within-keep"], deleting: [], after: 2 },
    ],
    [
      "a Failed point is not the newest of its mode",
      [{ name: "broken", hours: 0.5, state: "Failed" }, ...THREE_APP],
      0,
      {},
      { delete: ["broken", "a2", "a3"], keep: ["a1:newest-of-mode"], deleting: [], after: 1 },
    ],
    [
      "keepFailed keeps Failed points, outside the N",
      [{ name: "broken", hours: 0.5, state: "FAILED" }, ...THREE_APP],
      2,
      { keepFailed: true },
      {
        delete: ["a3"],
        keep: ["broken:not-asked", "a1:within-keep", "a2:within-keep"],
        deleting: [],
        after: 3,
      },
    ],
    [
      "a point without a time is never deleted and is not one of the N",
      [{ name: "undated", hours: null }, { name: "garbled", hours: null, time: "yesterday" }, ...THREE_APP],
      1,
      {},
      {
        delete: ["a2", "a3"],
        keep: ["a1:within-keep", "garbled:unknown-age", "undated:unknown-age"],
        deleting: [],
        after: 3,
      },
    ],
    [
      "a point without a time is not the newest of its mode",
      [
        { name: "undated", hours: null },
        { name: "a1", hours: 1 },
        { name: "a2", hours: 2 },
      ],
      0,
      {},
      { delete: ["a2"], keep: ["a1:newest-of-mode", "undated:unknown-age"], deleting: [], after: 2 },
    ],
    [
      "FileSystemConsistent and a missing mode count as application-consistent",
      [
        { name: "fs", hours: 1, mode: "FileSystemConsistent" },
        { name: "c1", hours: 2, mode: "crashconsistent" },
        { name: "a1", hours: 3 },
        { name: "nomode", hours: 4, mode: undefined },
      ],
      0,
      {},
      { delete: ["a1", "nomode"], keep: ["fs:newest-of-mode", "c1:newest-of-mode"], deleting: [], after: 2 },
    ],
    [
      "points of a collection left behind by a move are the VM's and are pruned with the others",
      [
        { name: "a1", hours: 1 },
        { name: "old1", hours: 100, collection: MOVED },
        { name: "old2", hours: 200, collection: MOVED },
      ],
      1,
      {},
      { delete: ["old1", "old2"], keep: ["a1:within-keep"], deleting: [], after: 1 },
    ],
    [
      "a point of another VM in the VM's own collection is not the VM's: not listed, not counted",
      [
        { name: "a1", hours: 1 },
        { name: "stranger", hours: 50, sourceVmId: "99999999-0000-0000-0000-000000000000" },
      ],
      0,
      {},
      { delete: [], keep: ["a1:newest-of-mode"], deleting: [], after: 1 },
    ],
    [
      "points created at the same time: by name, so the same plan every time",
      [
        { name: "rp-b", hours: 1 },
        { name: "rp-a", hours: 1 },
        { name: "rp-c", hours: 1 },
      ],
      2,
      {},
      { delete: ["rp-c"], keep: ["rp-a:within-keep", "rp-b:within-keep"], deleting: [], after: 2 },
    ],
  ])("%s", (_case, specs, newest, options, expected) => {
    expect(outline(plan(specs, { kind: "keep", newest }, options))).toEqual(expected);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses to keep %d, as a value", (newest) => {
    expect(plan(THREE_APP, { kind: "keep", newest })).toEqual({
      ok: false,
      code: "invalid-keep",
      reason: `How many restore points to keep must be a whole number, 0 or more (not ${newest}).`,
      matches: [],
    });
  });

  it("gives the whole plan as a plain value, each point with its collection, mode, time and state", () => {
    const result = plan(
      [
        { name: "c1", hours: 1, mode: CRASH },
        { name: "old", hours: 30, collection: MOVED, mode: "FileSystemConsistent" },
        { name: "going", hours: 40, state: "Deleting" },
        { name: "undated", hours: null, state: "Succeeded" },
      ],
      { kind: "keep", newest: 0 },
    );
    const ownPoint = (name: string) => `${collectionId(OWN)}/restorePoints/${name}`;
    expect(result).toStrictEqual({
      ok: true,
      vm: { id: VM_ID, name: "vm-web-01" },
      request: { kind: "keep", newest: 0 },
      delete: [],
      keep: [
        {
          id: ownPoint("c1"),
          name: "c1",
          collection: { id: collectionId(OWN), name: OWN },
          mode: CRASH,
          timeCreated: at(1),
          state: "Succeeded",
          newestOfMode: true,
          reason: "newest-of-mode",
        },
        {
          id: `${collectionId(MOVED)}/restorePoints/old`,
          name: "old",
          collection: { id: collectionId(MOVED), name: MOVED },
          mode: "ApplicationConsistent",
          timeCreated: at(30),
          state: "Succeeded",
          newestOfMode: true,
          reason: "newest-of-mode",
        },
        {
          id: ownPoint("undated"),
          name: "undated",
          collection: { id: collectionId(OWN), name: OWN },
          mode: "ApplicationConsistent",
          state: "Succeeded",
          newestOfMode: false,
          reason: "unknown-age",
        },
      ],
      deleting: [
        {
          id: ownPoint("going"),
          name: "going",
          collection: { id: collectionId(OWN), name: OWN },
          mode: "ApplicationConsistent",
          timeCreated: at(40),
          state: "Deleting",
          newestOfMode: false,
        },
      ],
      counts: { retainedNow: 4, retainedAfter: 3 },
    });
  });

  it("marks the newest of each mode on deleted points too, so a confirmation can warn", () => {
    const result = okPlan(TWO_MODES, { kind: "keep", newest: 0 }, { includeNewestOfEachMode: true });
    expect(result.delete.map((entry) => [entry.name, entry.newestOfMode])).toEqual([
      ["a1", true],
      ["c1", true],
      ["a2", false],
      ["c2", false],
    ]);
  });

  it("copies the request, so changing it later changes no plan", () => {
    const request = { kind: "keep" as const, newest: 1 };
    const result = okPlan(THREE_APP, request);
    request.newest = 0;
    expect(result.request).toEqual({ kind: "keep", newest: 1 });
  });
});

describe("older than D", () => {
  const DAY = 24 * HOUR_MS;
  const olderThanADay = { kind: "older-than", ms: DAY } as const;

  it.each<[string, PointSpec[], Partial<PruneOptions>, ReturnType<typeof outline>]>([
    [
      "a point exactly D old stays; one a millisecond older goes",
      [
        { name: "a0", hours: 1 },
        { name: "at-cut", hours: null, time: new Date(NOW.getTime() - DAY).toISOString() },
        { name: "past-cut", hours: null, time: new Date(NOW.getTime() - DAY - 1).toISOString() },
      ],
      {},
      { delete: ["past-cut"], keep: ["a0:younger", "at-cut:younger"], deleting: [], after: 2 },
    ],
    [
      "the newest of each mode stays even when older than D",
      [
        { name: "a1", hours: 30 },
        { name: "a2", hours: 40 },
        { name: "c1", hours: 50, mode: CRASH },
      ],
      {},
      { delete: ["a2"], keep: ["a1:newest-of-mode", "c1:newest-of-mode"], deleting: [], after: 2 },
    ],
    [
      "includeNewestOfEachMode: every point older than D goes",
      [
        { name: "a0", hours: 1 },
        { name: "a1", hours: 30 },
        { name: "c1", hours: 50, mode: CRASH },
      ],
      { includeNewestOfEachMode: true },
      { delete: ["a1", "c1"], keep: ["a0:younger"], deleting: [], after: 1 },
    ],
    [
      "a point without a time is never deleted by age",
      [
        { name: "undated", hours: null },
        { name: "a0", hours: 1 },
      ],
      { includeNewestOfEachMode: true },
      { delete: [], keep: ["a0:younger", "undated:unknown-age"], deleting: [], after: 2 },
    ],
    [
      "a Failed point goes whatever its age; keepFailed keeps it",
      [
        { name: "broken", hours: 1, state: "Failed" },
        { name: "a0", hours: 2 },
      ],
      {},
      { delete: ["broken"], keep: ["a0:younger"], deleting: [], after: 1 },
    ],
    [
      "keepFailed keeps a Failed point older than D",
      [
        { name: "broken", hours: 100, state: "Failed" },
        { name: "a0", hours: 2 },
      ],
      { keepFailed: true },
      { delete: [], keep: ["a0:younger", "broken:not-asked"], deleting: [], after: 2 },
    ],
    [
      "an old point being created stays; an old one being deleted is listed apart",
      [
        { name: "stuck", hours: 100, state: "Creating" },
        { name: "going", hours: 100, state: "Deleting" },
        { name: "a0", hours: 2 },
      ],
      {},
      { delete: [], keep: ["a0:younger", "stuck:creating"], deleting: ["going"], after: 2 },
    ],
    [
      "an unreadable clock deletes nothing by age",
      [
        { name: "a1", hours: 30 },
        { name: "a2", hours: 40 },
      ],
      { now: new Date(Number.NaN) },
      { delete: [], keep: ["a1:younger", "a2:younger"], deleting: [], after: 2 },
    ],
  ])("%s", (_case, specs, options, expected) => {
    expect(outline(plan(specs, olderThanADay, options))).toEqual(expected);
  });

  it("says where it cut", () => {
    expect(okPlan(THREE_APP, olderThanADay).cutoff).toBe("2026-11-24T12:00:00.000Z");
    expect(okPlan(THREE_APP, { kind: "older-than", ms: 0 }).cutoff).toBe(NOW.toISOString());
    expect(okPlan(THREE_APP, { kind: "keep", newest: 1 })).not.toHaveProperty("cutoff");
  });

  it("older than 0 deletes every point but the newest of each mode", () => {
    expect(outline(plan(THREE_APP, { kind: "older-than", ms: 0 }))).toEqual({
      delete: ["a2", "a3"],
      keep: ["a1:newest-of-mode"],
      deleting: [],
      after: 1,
    });
  });

  it("an age past any date keeps everything, with no cut to show", () => {
    const result = okPlan(THREE_APP, { kind: "older-than", ms: Number.MAX_SAFE_INTEGER });
    expect(result.delete).toEqual([]);
    expect(result).not.toHaveProperty("cutoff");
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("refuses an age of %d ms, as a value", (ms) => {
    expect(plan(THREE_APP, { kind: "older-than", ms })).toEqual({
      ok: false,
      code: "invalid-age",
      reason: `The age to prune from must be a duration of 0 or more (not ${ms} ms).`,
      matches: [],
    });
  });
});

describe("one restore point", () => {
  const MIXED: PointSpec[] = [
    { name: "new", hours: 0, state: "Creating" },
    { name: "going", hours: 0.5, state: "Deleting" },
    { name: "broken", hours: 0.7, state: "Failed" },
    ...THREE_APP,
    { name: "old1", hours: 100, collection: MOVED },
  ];

  it.each<[string, PruneRequest, ReturnType<typeof outline>]>([
    [
      "deletes the named point and keeps every other, saying so",
      { kind: "one", name: "a2" },
      {
        delete: ["a2"],
        keep: ["new:creating", "broken:not-asked", "a1:not-asked", "a3:not-asked", "old1:not-asked"],
        deleting: ["going"],
        after: 5,
      },
    ],
    [
      "names compare ignoring case and surrounding spaces",
      { kind: "one", name: "  A3 " },
      {
        delete: ["a3"],
        keep: ["new:creating", "broken:not-asked", "a1:not-asked", "a2:not-asked", "old1:not-asked"],
        deleting: ["going"],
        after: 5,
      },
    ],
    [
      "deletes a Failed point",
      { kind: "one", name: "broken" },
      {
        delete: ["broken"],
        keep: ["new:creating", "a1:not-asked", "a2:not-asked", "a3:not-asked", "old1:not-asked"],
        deleting: ["going"],
        after: 5,
      },
    ],
    [
      "deletes a point of a collection left behind by a move",
      { kind: "one", name: "old1", collection: MOVED.toUpperCase() },
      {
        delete: ["old1"],
        keep: ["new:creating", "broken:not-asked", "a1:not-asked", "a2:not-asked", "a3:not-asked"],
        deleting: ["going"],
        after: 5,
      },
    ],
    ["refuses a name it does not know", { kind: "one", name: "a9" }, { failure: "not-found", matches: [] }],
    [
      "refuses a known name in another collection",
      { kind: "one", name: "a1", collection: MOVED },
      { failure: "not-found", matches: [] },
    ],
    [
      "refuses a point being created",
      { kind: "one", name: "new" },
      { failure: "creating", matches: ["new"] },
    ],
    [
      "refuses a point already being deleted",
      { kind: "one", name: "going" },
      { failure: "already-deleting", matches: ["going"] },
    ],
  ])("%s", (_case, request, expected) => {
    expect(outline(plan(MIXED, request))).toEqual(expected);
  });

  it("deletes the newest point of a mode when asked by name, marked so a confirmation can warn", () => {
    const result = okPlan(THREE_APP, { kind: "one", name: "a1" });
    expect(result.delete).toMatchObject([{ name: "a1", newestOfMode: true }]);
  });

  it("says why it refuses, naming the VM and the point", () => {
    const reasons = [
      plan(MIXED, { kind: "one", name: "a9" }),
      plan(MIXED, { kind: "one", name: "a1", collection: MOVED }),
      plan(MIXED, { kind: "one", name: "new" }),
      plan(MIXED, { kind: "one", name: "going" }),
    ].map((result) => (result.ok ? "" : result.reason));
    expect(reasons).toEqual([
      "vm-web-01 has no restore point named a9.",
      `vm-web-01 has no restore point named a1 in collection ${MOVED}.`,
      "Restore point new of vm-web-01 is still being created: it can be deleted once that has finished.",
      "Restore point going of vm-web-01 is already being deleted.",
    ]);
  });

  it("refuses a name held by two collections of the VM, listing both; naming the collection picks one", () => {
    const specs: PointSpec[] = [
      { name: "rp-1", hours: 1 },
      { name: "rp-1", hours: 90, collection: MOVED },
    ];
    const ambiguous = plan(specs, { kind: "one", name: "rp-1" });
    expect(ambiguous).toMatchObject({
      ok: false,
      code: "ambiguous",
      reason: `vm-web-01 has a restore point named rp-1 in 2 collections (${OWN} and ${MOVED}): say which collection.`,
    });
    expect(ambiguous.ok ? [] : ambiguous.matches.map((entry) => entry.id)).toEqual([
      `${collectionId(OWN)}/restorePoints/rp-1`,
      `${collectionId(MOVED)}/restorePoints/rp-1`,
    ]);
    const picked = okPlan(specs, { kind: "one", name: "rp-1", collection: MOVED });
    expect(picked.delete.map((entry) => entry.id)).toEqual([`${collectionId(MOVED)}/restorePoints/rp-1`]);
  });

  it("does not know a point of another VM", () => {
    const specs: PointSpec[] = [
      { name: "theirs", hours: 5, sourceVmId: "99999999-0000-0000-0000-000000000000" },
    ];
    expect(outline(plan(specs, { kind: "one", name: "theirs" }))).toEqual({
      failure: "not-found",
      matches: [],
    });
  });
});

describe("which points are the VM's", () => {
  it("counts retained points exactly as the check does, in every case above and with ids missing", () => {
    const specs: PointSpec[] = [
      { name: "new", hours: 0, state: "Creating" },
      { name: "going", hours: 0.5, state: "Deleting" },
      { name: "broken", hours: 0.7, state: "Failed" },
      ...THREE_APP,
      { name: "old1", hours: 100, collection: MOVED },
      { name: "stranger", hours: 5, sourceVmId: "99999999-0000-0000-0000-000000000000" },
    ];
    const history = historyOf(specs);
    for (const facts of [buildFacts(), buildFacts({ vmId: undefined })]) {
      const result = planPrune(facts, history, { kind: "keep", newest: 0 }, { now: NOW });
      if (!result.ok) throw new Error(result.reason);
      expect(result.counts.retainedNow).toBe(summarizeHistory(facts, history).retained);
    }
  });

  it("without the VM's vmId, takes the points of its own collections only", () => {
    const history = historyOf([
      { name: "a1", hours: 1 },
      { name: "old1", hours: 100, collection: MOVED },
    ]);
    const result = planPrune(
      buildFacts({ vmId: undefined }),
      history,
      { kind: "keep", newest: 5 },
      { now: NOW },
    );
    expect(outline(result)).toEqual({ delete: [], keep: ["a1:within-keep"], deleting: [], after: 1 });
  });

  it("plans nothing for a VM without restore points", () => {
    const result = planPrune(buildFacts(), buildHistory(), { kind: "keep", newest: 0 }, { now: NOW });
    expect(outline(result)).toEqual({ delete: [], keep: [], deleting: [], after: 0 });
  });

  it("changes nothing it is given", () => {
    const history = historyOf(TWO_MODES);
    const before = structuredClone(history);
    deepFreeze(history);
    planPrune(buildFacts(), history, { kind: "keep", newest: 0 }, { now: NOW });
    expect(history).toEqual(before);
  });

  it("orders points by time whatever the order ARM listed them in, in any collection", () => {
    const ownPoints = [point({ name: "a3", hours: 3 }), point({ name: "a1", hours: 1 })];
    const movedPoints = [point({ name: "m2", hours: 2, collection: MOVED })];
    const history = buildHistory({
      collections: [
        buildCollection({ name: OWN, restorePoints: ownPoints }),
        buildCollection({ name: MOVED, sourceId: OLD_VM_ID, restorePoints: movedPoints }),
      ],
    });
    const result = planPrune(buildFacts(), history, { kind: "keep", newest: 3 }, { now: NOW });
    expect(outline(result)).toMatchObject({ keep: ["a1:within-keep", "m2:within-keep", "a3:within-keep"] });
  });

  it.each([
    ["own collection listed first", false],
    ["moved collection listed first", true],
  ])("breaks a tie of time and name by id, whatever the order given (%s)", (_case, movedFirst) => {
    const specs: PointSpec[] = [
      { name: "rp-1", hours: 1 },
      { name: "rp-1", hours: 1, collection: MOVED },
    ];
    const result = okPlan(movedFirst ? specs.reverse() : specs, { kind: "keep", newest: 1 });
    // By code unit, ".../rpc-vm-web-01-old/..." sorts before ".../rpc-vm-web-01/..." ("-" < "/").
    expect(result.keep.map((entry) => entry.id)).toEqual([`${collectionId(MOVED)}/restorePoints/rp-1`]);
    expect(result.delete.map((entry) => entry.id)).toEqual([`${collectionId(OWN)}/restorePoints/rp-1`]);
  });

  it.each([
    ["own collection listed first", false],
    ["moved collection listed first", true],
  ])("breaks a tie of time by name before the collection (%s)", (_case, movedFirst) => {
    // By id the moved collection's rp-b would come first; by name rp-a does.
    const specs: PointSpec[] = [
      { name: "rp-a", hours: 1 },
      { name: "rp-b", hours: 1, collection: MOVED },
    ];
    const result = okPlan(movedFirst ? specs.reverse() : specs, { kind: "keep", newest: 1 });
    expect(outline(result)).toMatchObject({ delete: ["rp-b"], keep: ["rp-a:within-keep"] });
  });
});

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
