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

  it("counts failed points (they stay until deleted) and says deleting them makes room", () => {
    const failed = evaluate(
      buildFacts(),
      withRetained(498, [{ provisioningState: "Failed" }, { provisioningState: "Failed" }]),
      NOW,
    );
    expect(rulesOf(failed.modes.CrashConsistent.blockers)).toEqual(["restore-point-limit"]);
    const message = failed.modes.CrashConsistent.blockers[0]?.message;
    expect(message).toContain("500 restore points (2 of them failed)");
    expect(message).toContain("Deleting the 2 failed restore points would make room for 2.");
  });

  it.each([
    [499, [{ provisioningState: "Failed" }], "Deleting the failed restore point would make room for 1."],
    [
      498,
      [{ provisioningState: "Deleting" }, { provisioningState: "Deleting" }],
      "The 2 being deleted stop counting once they are gone",
    ],
    [
      502,
      [{ provisioningState: "Failed" }],
      "Delete at least 4 old restore points (the failed one first) first.",
    ],
    [503, [], "Delete at least 4 old restore points first."],
    [501, [{ provisioningState: "Failed" }, { provisioningState: "Failed" }], "(the 2 failed ones first)"],
  ])("%i points and %o: the answer says how to make room", (count, extra, expected) => {
    const verdict = evaluate(buildFacts(), withRetained(count, extra), NOW);
    expect(verdict.modes.CrashConsistent.blockers[0]?.message).toContain(expected);
  });

  it("counts Deleting and Creating points until they are gone", () => {
    const deleting = evaluate(buildFacts(), withRetained(499, [{ provisioningState: "Deleting" }]), NOW);
    expect(rulesOf(deleting.modes.CrashConsistent.blockers)).toEqual(["restore-point-limit"]);
    expect(deleting.modes.CrashConsistent.blockers[0]?.message).toContain("1 being deleted");
    const under = evaluate(buildFacts(), withRetained(498, [{ provisioningState: "Deleting" }]), NOW);
    expect(under.modes.CrashConsistent.allowed).toBe(true);
  });

  it("the near-limit advisory names the failed points that could go", () => {
    const verdict = evaluate(buildFacts(), withRetained(460, [{ provisioningState: "Failed" }]), NOW);
    const advisory = verdict.advisories.find((entry) => entry.rule === "retention-near-limit");
    expect(advisory?.message).toContain("461 restore points");
    expect(advisory?.message).toContain("1 of them failed and can be deleted");
    const clean = evaluate(buildFacts(), withRetained(460), NOW);
    expect(clean.advisories.find((entry) => entry.rule === "retention-near-limit")?.message).not.toContain(
      "failed",
    );
  });

  describe("across collections, by the points' sourceMetadata.vmId", () => {
    const OLD_ID = VM_ID.replace("rg-web", "rg-old");
    const twoCollections = (own: number, moved: number) =>
      buildHistory({
        collections: [
          buildCollection({ name: "rpc-home", restorePoints: manyPoints(own) }),
          buildCollection({ name: "rpc-old", sourceId: OLD_ID, restorePoints: manyPoints(moved) }),
        ],
      });

    it.each([
      [300, 199, true],
      [300, 200, false],
      [300, 201, false],
    ])("%i in its own collection and %i left behind by a move: allowed %s", (own, moved, allowed) => {
      const verdict = evaluate(buildFacts(), twoCollections(own, moved), NOW);
      expect(verdict.modes.CrashConsistent.allowed).toBe(allowed);
      if (!allowed) {
        const message = verdict.modes.CrashConsistent.blockers[0]?.message;
        expect(message).toContain(
          `${own + moved} restore points (${moved} in collections left behind by a move)`,
        );
      }
    });

    it("does not count a point of the VM's own collection taken of another vmId (a VM recreated with the name)", () => {
      const history = buildHistory({
        collections: [
          buildCollection({
            restorePoints: [...manyPoints(499), ...manyPoints(5, { sourceVmId: "old-incarnation" })],
          }),
        ],
      });
      expect(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.allowed).toBe(true);
    });

    it("counts the own collection's points when the VM or a point has no vmId", () => {
      const noVmId = evaluate(buildFacts({ vmId: undefined }), withRetained(500), NOW);
      expect(noVmId.modes.CrashConsistent.allowed).toBe(false);
      const history = buildHistory({
        collections: [buildCollection({ restorePoints: manyPoints(500, { sourceVmId: undefined }) })],
      });
      expect(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.allowed).toBe(false);
    });
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

  it("does not block a VM with its own collection in its region whose subscription was not counted", () => {
    const history = buildHistory({ collections: [buildCollection()] });
    delete history.collectionsInSubscriptionRegion;
    expect(evaluate(buildFacts(), history, NOW).modes.CrashConsistent.allowed).toBe(true);
  });

  it("leaves an uncounted region to ARM rather than blocking on a number it does not have", () => {
    const history = buildHistory();
    delete history.collectionsInSubscriptionRegion;
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
    expect(moved[0]?.message).toContain("moved from another resource group");
    expect(moved[0]?.message).toContain("still count toward the 500 per VM");
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

  it("says when the VM came from another subscription", () => {
    const fromElsewhere = VM_ID.replace(
      /subscriptions\/[^/]+/,
      "subscriptions/99999999-0000-0000-0000-000000000009",
    );
    const old = buildCollection({ name: "rpc-far", sourceId: fromElsewhere, restorePoints: [buildPoint()] });
    const verdict = evaluate(buildFacts(), buildHistory({ collections: [old] }), NOW);
    const moved = verdict.advisories.find((advisory) => advisory.rule === "vm-moved");
    expect(moved?.message).toContain("moved from subscription 99999999-0000-0000-0000-000000000009");
  });

  it("advises once even with several moved collections", () => {
    const old = (name: string) => buildCollection({ name, sourceId: OLD_ID, restorePoints: [buildPoint()] });
    const verdict = evaluate(buildFacts(), buildHistory({ collections: [old("a"), old("b")] }), NOW);
    const moved = verdict.advisories.filter((advisory) => advisory.rule === "vm-moved");
    expect(moved).toHaveLength(1);
    expect(moved[0]?.message).toContain("(and 1 more)");
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
