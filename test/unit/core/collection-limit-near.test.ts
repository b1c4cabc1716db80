/** collection-limit-near: the advisory before collection-limit blocks, for a VM that needs a new collection. */
import { describe, expect, it } from "vitest";
import { decisiveAdvisories } from "../../../src/core/advisory-relevance.js";
import { DEFAULT_LIMITS, evaluate, type VmHistory } from "../../../src/core/index.js";
import { buildCollection, buildFacts, buildHistory, NOW } from "./build-facts.js";

const rulesOf = (findings: { rule: string }[]) => findings.map((finding) => finding.rule);
const verdictFor = (history: Partial<VmHistory>, limits = DEFAULT_LIMITS) =>
  evaluate(buildFacts(), buildHistory(history), NOW, limits);

describe("collection-limit-near", () => {
  it.each<[string, Partial<VmHistory>, string[], string[]]>([
    ["under the warning", { collectionsInSubscriptionRegion: 9_499 }, [], []],
    ["at the warning", { collectionsInSubscriptionRegion: 9_500 }, ["collection-limit-near"], []],
    ["just under the limit", { collectionsInSubscriptionRegion: 9_999 }, ["collection-limit-near"], []],
    [
      "at the limit: the blocker says it",
      { collectionsInSubscriptionRegion: 10_000 },
      [],
      ["collection-limit"],
    ],
    [
      "with a collection of its own there, the VM adds none",
      { collectionsInSubscriptionRegion: 9_900, collections: [buildCollection()] },
      [],
      [],
    ],
    [
      "with its only collection in another region, it needs a new one",
      { collectionsInSubscriptionRegion: 9_900, collections: [buildCollection({ location: "northeurope" })] },
      ["collection-limit-near"],
      [],
    ],
    ["not counted", { collectionsInSubscriptionRegion: undefined }, [], []],
  ])("%s", (_case, history, advisories, blockers) => {
    const verdict = verdictFor(history);
    expect(rulesOf(verdict.advisories).filter((rule) => rule.startsWith("collection-"))).toEqual(advisories);
    expect(rulesOf(verdict.modes.CrashConsistent.blockers)).toEqual(blockers);
    expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual(blockers);
  });

  it("says how many collections there are of how many, and what to do", () => {
    const advisory = verdictFor({ collectionsInSubscriptionRegion: 9_612 }).advisories.find(
      (finding) => finding.rule === "collection-limit-near",
    );
    expect(advisory?.message).toBe(
      "This VM has no restore point collection in westeurope yet, and its subscription already holds 9,612 of at most 10,000 collections there; delete unused ones (empty collections count too) before the limit blocks new ones.",
    );
  });

  it("follows the configured warning and limit", () => {
    const limits = { ...DEFAULT_LIMITS, collectionWarningAt: 40, maxCollectionsPerSubscriptionRegion: 50 };
    expect(rulesOf(verdictFor({ collectionsInSubscriptionRegion: 39 }, limits).advisories)).not.toContain(
      "collection-limit-near",
    );
    const near = verdictFor({ collectionsInSubscriptionRegion: 40 }, limits);
    expect(near.advisories.find((finding) => finding.rule === "collection-limit-near")?.message).toContain(
      "holds 40 of at most 50 collections",
    );
    expect(rulesOf(verdictFor({ collectionsInSubscriptionRegion: 50 }, limits).advisories)).not.toContain(
      "collection-limit-near",
    );
  });

  it("comes right after retention-near-limit, and bears on either mode", () => {
    const points = Array.from({ length: 460 }, (_, index) => ({
      id: `rp-${index}`,
      name: `rp-${index}`,
      consistencyMode: "CrashConsistent",
      provisioningState: "Succeeded",
      timeCreated: "2026-01-01T00:00:00.000Z",
    }));
    const verdict = verdictFor({
      collectionsInSubscriptionRegion: 9_700,
      collections: [buildCollection({ location: "northeurope", restorePoints: points })],
    });
    const rules = rulesOf(verdict.advisories);
    expect(rules.indexOf("collection-limit-near")).toBe(rules.indexOf("retention-near-limit") + 1);
    expect(rulesOf(decisiveAdvisories(verdict))).toContain("collection-limit-near");
  });

  it("explains itself in --explain's matrix", () => {
    const verdict = evaluate(
      buildFacts(),
      buildHistory({ collectionsInSubscriptionRegion: 9_800 }),
      NOW,
      undefined,
      {
        explain: true,
      },
    );
    const row = verdict.matrix?.find((entry) => entry.rule === "collection-limit-near");
    expect(row).toMatchObject({ applies: true });
    expect(row?.outcome).toContain("9,800 of at most 10,000");
  });
});
