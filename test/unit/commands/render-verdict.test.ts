/** `rpbot check`'s text: times in UTC to the minute, while --json keeps the verdict's ISO instants. */
import { describe, expect, it } from "vitest";
import { renderVerdictText } from "../../../src/commands/render-verdict.js";
import { evaluate } from "../../../src/core/index.js";
import { buildCollection, buildFacts, buildHistory, buildPoint, NOW } from "../core/build-facts.js";

function tooSoon() {
  const point = buildPoint({
    name: "rp-x",
    consistencyMode: "CrashConsistent",
    timeCreated: "2026-11-25T11:30:25.688Z",
  });
  return evaluate(
    buildFacts(),
    buildHistory({ collections: [buildCollection({ restorePoints: [point] })] }),
    NOW,
  );
}

describe("renderVerdictText", () => {
  it("words a blocker's instants in UTC to the minute, without seconds or milliseconds", () => {
    const verdict = tooSoon();
    const text = renderVerdictText(verdict, NOW);
    expect(text).toContain(
      "  - The newest crash-consistent restore point (rp-x) was created at 2026-11-25 11:30 UTC; at least 1 hour must pass between two, so the next one is possible at 2026-11-25 12:30 UTC. [too-soon]",
    );
    expect(text).toContain("  Next allowed in 31 min (2026-11-25 12:30 UTC).");
    expect(text).not.toMatch(/\d\d:\d\d:\d\d|\.\d{3}Z/);
    // The verdict itself (what --json prints) is untouched.
    expect(verdict.modes.CrashConsistent.blockers[0]?.message).toContain("2026-11-25T11:30:25.688Z");
  });
});
