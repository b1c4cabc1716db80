import { describe, expect, it } from "vitest";
import { evaluate, findOwnCollectionInRegion } from "../../../src/core/index.js";
import {
  buildCollection,
  buildFacts,
  buildHistory,
  buildPoint,
  collectionId,
  hoursBefore,
  manyPoints,
  NOW,
  VM_GUID,
  VM_ID,
} from "./build-facts.js";

const rulesOf = (findings: { rule: string }[]) => findings.map((finding) => finding.rule);

function withRetained(count: number, extra: Parameters<typeof buildPoint>[0][] = []) {
  const points = [...manyPoints(count), ...extra.map((point) => buildPoint(point))];
  return buildHistory({ collections: [buildCollection({ restorePoints: points })] });
}

describe("restore-point-limit and retention-near-limit", () => {
  it.each([
    [449, [], []],
    [450, [], ["retention-near-limit"]],
    [499, [], ["retention-near-limit"]],
    [500, ["restore-point-limit"], []],
    [520, ["restore-point-limit"], []],
  ])("%i retained points -> blockers %o, advisories %o", (count, blockers, advisories) => {
    const verdict = evaluate(buildFacts(), withRetained(count), NOW);
    expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual(blockers);
    expect(rulesOf(verdict.modes.CrashConsistent.blockers)).toEqual(blockers);
    expect(rulesOf(verdict.advisories).filter((rule) => rule === "retention-near-limit")).toEqual(advisories);
  });

  it("counts across all the VM's collections", () => {
    const history = buildHistory({
      collections: [
        buildCollection({ name: "rpc-a", restorePoints: manyPoints(250) }),
        buildCollection({ name: "rpc-b", location: "northeurope", restorePoints: manyPoints(250) }),
      ],
    });
    expect(rulesOf(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.blockers)).toEqual([
      "restore-point-limit",
    ]);
  });

  it("counts failed points (they stay until deleted) and says so; does not count Deleting ones", () => {
    const failed = evaluate(
      buildFacts(),
      withRetained(498, [{ provisioningState: "Failed" }, { provisioningState: "Failed" }]),
      NOW,
    );
    expect(rulesOf(failed.modes.CrashConsistent.blockers)).toEqual(["restore-point-limit"]);
    expect(failed.modes.CrashConsistent.blockers[0]?.message).toContain("2 of them failed");
    const deleting = evaluate(buildFacts(), withRetained(499, [{ provisioningState: "Deleting" }]), NOW);
    expect(deleting.modes.CrashConsistent.allowed).toBe(true);
  });

  it("does not count points in collections of another source VM", () => {
    const history = buildHistory({
      collections: [
        buildCollection({
          sourceId: `${VM_ID}-other`,
          restorePoints: manyPoints(500, { sourceVmId: "other" }),
        }),
      ],
    });
    expect(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.allowed).toBe(true);
  });

  it("compares the collection's source id with the VM id case-insensitively", () => {
    const history = buildHistory({
      collections: [buildCollection({ sourceId: VM_ID.toUpperCase(), restorePoints: manyPoints(500) })],
    });
    expect(rulesOf(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.blockers)).toEqual([
      "restore-point-limit",
    ]);
  });
});

describe("collection-limit", () => {
  it("blocks when the VM has no collection and the subscription+region is full", () => {
    const verdict = evaluate(buildFacts(), buildHistory({ collectionsInSubscriptionRegion: 10_000 }), NOW);
    expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual(["collection-limit"]);
    expect(rulesOf(verdict.modes.CrashConsistent.blockers)).toEqual(["collection-limit"]);
    expect(verdict.modes.CrashConsistent.blockers[0]?.message).toContain("10,000");
  });

  it("does not block below the limit", () => {
    const verdict = evaluate(buildFacts(), buildHistory({ collectionsInSubscriptionRegion: 9_999 }), NOW);
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  it("does not block when the VM already has a collection in its region (id and location compared case-insensitively)", () => {
    const history = buildHistory({
      collectionsInSubscriptionRegion: 10_000,
      collections: [buildCollection({ sourceId: VM_ID.toLowerCase(), location: "WestEurope" })],
    });
    expect(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.allowed).toBe(true);
  });

  it("still blocks when the VM's only collection is in another region (a new one is needed)", () => {
    const history = buildHistory({
      collectionsInSubscriptionRegion: 10_000,
      collections: [buildCollection({ location: "northeurope" })],
    });
    expect(rulesOf(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.blockers)).toEqual([
      "collection-limit",
    ]);
  });

  it("findOwnCollectionInRegion picks the VM's collection in its region", () => {
    const history = buildHistory({
      collections: [
        buildCollection({ name: "elsewhere", location: "northeurope" }),
        buildCollection({ name: "moved", sourceId: "/subscriptions/x/old" }),
        buildCollection({ name: "home" }),
      ],
    });
    expect(findOwnCollectionInRegion(buildFacts(), history)?.id).toBe(collectionId("home"));
    expect(findOwnCollectionInRegion(buildFacts(), buildHistory())).toBeUndefined();
  });
});

describe("creation-in-progress", () => {
  it("blocks both modes while a point of the VM is Creating", () => {
    const history = withRetained(0, [
      {
        name: "rp-busy",
        provisioningState: "Creating",
        consistencyMode: "CrashConsistent",
        timeCreated: hoursBefore(NOW, 5),
      },
    ]);
    const verdict = evaluate(buildFacts(), history, NOW);
    expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual(["creation-in-progress"]);
    expect(rulesOf(verdict.modes.CrashConsistent.blockers)).toEqual(["creation-in-progress"]);
    expect(verdict.modes.CrashConsistent.blockers[0]?.message).toContain("rp-busy");
    expect(verdict.modes.CrashConsistent.nextAllowedAt).toBeNull();
  });

  it("blocks both modes while a job of the bot runs, even before ARM shows the point", () => {
    const history = buildHistory({
      jobInProgress: {
        mode: "ApplicationConsistent",
        startedAt: "2026-11-25T11:58:00.000Z",
        requestedBy: "slack:U123",
      },
    });
    const verdict = evaluate(buildFacts(), history, NOW);
    expect(rulesOf(verdict.modes.CrashConsistent.blockers)).toEqual(["creation-in-progress"]);
    expect(verdict.modes.CrashConsistent.blockers[0]?.message).toContain("application-consistent");
  });

  it("does not block for Succeeded, Failed or Deleting points", () => {
    const history = withRetained(0, [
      { provisioningState: "Succeeded" },
      { provisioningState: "Failed" },
      { provisioningState: "Deleting" },
    ]);
    expect(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.allowed).toBe(true);
  });

  it("ignores a Creating point in a collection of another VM", () => {
    const history = buildHistory({
      collections: [
        buildCollection({
          sourceId: "/subscriptions/x/other",
          restorePoints: [buildPoint({ provisioningState: "Creating", sourceVmId: "x" })],
        }),
      ],
    });
    expect(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.allowed).toBe(true);
  });
});

describe("vm-moved", () => {
  const OLD_ID = VM_ID.replace("rg-web", "rg-old");

  it("advises when a related collection's source is not the VM id but its points are of this VM", () => {
    const history = buildHistory({
      collections: [
        buildCollection({
          name: "rpc-before-move",
          sourceId: OLD_ID,
          restorePoints: [
            buildPoint({ timeCreated: hoursBefore(NOW, 0.5), sourceVmId: VM_GUID.toUpperCase() }),
          ],
        }),
      ],
    });
    const verdict = evaluate(buildFacts(), history, NOW);
    const moved = verdict.advisories.filter((advisory) => advisory.rule === "vm-moved");
    expect(moved).toHaveLength(1);
    expect(moved[0]?.message).toContain("rpc-before-move");
    // The moved VM's old points do not count for frequency.
    expect(verdict.modes.ApplicationConsistent.allowed).toBe(true);
  });

  it("advises when only one of a collection's points is of this VM", () => {
    const mixed = buildCollection({
      name: "rpc-shared-name",
      sourceId: OLD_ID,
      restorePoints: [buildPoint({ sourceVmId: "someone-else" }), buildPoint({ sourceVmId: VM_GUID })],
    });
    const verdict = evaluate(buildFacts(), buildHistory({ collections: [mixed] }), NOW);
    expect(rulesOf(verdict.advisories)).toContain("vm-moved");
  });

  it("advises once even with several moved collections", () => {
    const old = (name: string) => buildCollection({ name, sourceId: OLD_ID, restorePoints: [buildPoint()] });
    const verdict = evaluate(buildFacts(), buildHistory({ collections: [old("a"), old("b")] }), NOW);
    expect(rulesOf(verdict.advisories).filter((rule) => rule === "vm-moved")).toHaveLength(1);
  });

  it("does not advise for collections of this VM, for other VMs' collections, or without a vmId", () => {
    const own = buildCollection({ restorePoints: [buildPoint()] });
    const other = buildCollection({
      name: "x",
      sourceId: OLD_ID,
      restorePoints: [buildPoint({ sourceVmId: "someone-else" })],
    });
    const history = buildHistory({ collections: [own, other] });
    expect(rulesOf(evaluate(buildFacts(), history, NOW).advisories)).not.toContain("vm-moved");
    const moved = buildCollection({ name: "m", sourceId: OLD_ID, restorePoints: [buildPoint()] });
    const noVmId = evaluate(buildFacts({ vmId: undefined }), buildHistory({ collections: [moved] }), NOW);
    expect(rulesOf(noVmId.advisories)).not.toContain("vm-moved");
  });
});
