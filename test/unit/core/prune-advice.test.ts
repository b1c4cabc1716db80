/** suggestedPrune: the prune a check offers from the retention warning on, and the count it keeps. */
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, evaluate, type Limits, type RestorePointRecord } from "../../../src/core/index.js";
import { suggestedKeepCount, suggestedPrune } from "../../../src/core/prune-advice.js";
import { buildCollection, buildFacts, buildHistory, NOW } from "./build-facts.js";
import { MOVED, OLD_VM_ID, point } from "./prune-builders.js";

/** `count` points of the VM, one hour apart, the newest an hour old, in state `state`. */
function points(
  count: number,
  state = "Succeeded",
  prefix = "rp",
  collection?: string,
): RestorePointRecord[] {
  return Array.from({ length: count }, (_, index) =>
    point({ name: `${prefix}-${String(index).padStart(4, "0")}`, hours: index + 1, state, collection }),
  );
}

function historyWith(...restorePoints: RestorePointRecord[][]) {
  return buildHistory({ collections: [buildCollection({ restorePoints: restorePoints.flat() })] });
}

const limits = (overrides: Partial<Limits>): Limits => ({ ...DEFAULT_LIMITS, ...overrides });

describe("suggestedKeepCount", () => {
  it.each([
    ["the defaults: as far under the warning as the warning is under the limit", 450, 500, 400],
    ["a warning close to the limit", 495, 500, 490],
    ["a warning at the limit still keeps fewer than the limit", 500, 500, 499],
    ["a warning past the limit counts from the limit", 600, 500, 499],
    ["a warning far from the limit keeps none but each mode's newest", 100, 500, 0],
    ["the smallest limits", 1, 1, 0],
  ])("%s (%i of %i -> %i)", (_case, retentionWarningAt, maxRestorePointsPerVm, expected) => {
    expect(suggestedKeepCount({ retentionWarningAt, maxRestorePointsPerVm })).toBe(expected);
  });
});

describe("suggestedPrune", () => {
  it.each([
    [449, undefined],
    [450, 50],
    [499, 99],
    [500, 100],
    [520, 120],
  ])("with %i points retained, deletes %o", (count, deletes) => {
    const suggestion = suggestedPrune(buildFacts(), historyWith(points(count)), DEFAULT_LIMITS, NOW);
    expect(suggestion?.plan.delete.length).toBe(deletes);
    if (suggestion) expect(suggestion.request).toEqual({ kind: "keep", newest: 400 });
  });

  it("comes with the check's advisory or blocker, and brings the count back under the warning", () => {
    for (const count of [450, 500]) {
      const history = historyWith(points(count));
      const verdict = evaluate(buildFacts(), history, NOW);
      const rules = [...verdict.advisories, ...verdict.modes.CrashConsistent.blockers].map((f) => f.rule);
      expect(rules.some((rule) => rule === "retention-near-limit" || rule === "restore-point-limit")).toBe(
        true,
      );
      const suggestion = suggestedPrune(buildFacts(), history, DEFAULT_LIMITS, NOW);
      expect(suggestion?.plan.counts).toEqual({ retainedNow: count, retainedAfter: 400 });
    }
  });

  it("counts as the check counts: points left behind by a move, Failed and Deleting ones included", () => {
    const history = buildHistory({
      collections: [
        buildCollection({ restorePoints: [...points(300), ...points(20, "Failed", "failed")] }),
        buildCollection({
          name: MOVED,
          sourceId: OLD_VM_ID,
          restorePoints: [
            ...points(120, "Succeeded", "moved", MOVED),
            ...points(10, "Deleting", "going", MOVED),
          ],
        }),
      ],
    });
    const suggestion = suggestedPrune(buildFacts(), history, DEFAULT_LIMITS, NOW);
    // 450 retained: the 20 failed go, the 10 being deleted go anyway, and 20 of the 420 restorable ones go.
    expect(suggestion?.plan.counts).toEqual({ retainedNow: 450, retainedAfter: 400 });
    expect(suggestion?.plan.delete.filter((entry) => entry.state === "Failed")).toHaveLength(20);
    expect(suggestion?.plan.delete).toHaveLength(40);
  });

  it("offers nothing when the prune would delete nothing: the points above the count are already going", () => {
    const history = historyWith(points(400), points(60, "Deleting", "going"));
    expect(suggestedPrune(buildFacts(), history, DEFAULT_LIMITS, NOW)).toBeUndefined();
  });

  it("follows the configured limits", () => {
    const small = limits({ retentionWarningAt: 4, maxRestorePointsPerVm: 5 });
    expect(suggestedPrune(buildFacts(), historyWith(points(3)), small, NOW)).toBeUndefined();
    expect(suggestedPrune(buildFacts(), historyWith(points(4)), small, NOW)?.request).toEqual({
      kind: "keep",
      newest: 3,
    });
  });

  it("offers a prune at the limit even when the warning is set past it", () => {
    const late = limits({ retentionWarningAt: 600, maxRestorePointsPerVm: 500 });
    expect(suggestedPrune(buildFacts(), historyWith(points(499)), late, NOW)).toBeUndefined();
    expect(suggestedPrune(buildFacts(), historyWith(points(500)), late, NOW)?.plan.delete).toHaveLength(1);
  });
});
