import { describe, expect, it } from "vitest";
import { decisiveAdvisories } from "../../../src/core/advisory-relevance.js";
import type { RuleCode } from "../../../src/core/rule-codes.js";
import type { ModeVerdict, Verdict } from "../../../src/core/verdict.js";

const yes: ModeVerdict = { allowed: true, excludeDisks: [], blockers: [], nextAllowedAt: null };
const no: ModeVerdict = {
  allowed: false,
  excludeDisks: [],
  blockers: [{ rule: "too-soon", message: "" }],
  nextAllowedAt: null,
};

function shown(app: ModeVerdict, crash: ModeVerdict, rules: RuleCode[]): RuleCode[] {
  const verdict: Verdict = {
    vm: { id: "/subscriptions/s/x", name: "x", resourceGroup: "g", subscriptionId: "s", location: "l" },
    checkedAt: "",
    modes: { ApplicationConsistent: app, CrashConsistent: crash },
    advisories: rules.map((rule) => ({ rule, message: rule })),
  };
  return decisiveAdvisories(verdict).map((advisory) => advisory.rule);
}

const CRASH_CAVEATS: RuleCode[] = [
  "write-accelerated-disk",
  "crash-readwrite-caching",
  "crash-boost-sku",
  "crash-premium-storage-size",
];
const APP_NOTES: RuleCode[] = ["linux-distro-not-endorsed", "linux-python-required"];
const EITHER: RuleCode[] = [
  "vm-moved",
  "retention-near-limit",
  "os-end-of-support",
  "confidential-vm-preview",
  "availability-set-member",
  "vmss-flex-member",
];
const NEVER: RuleCode[] = [
  "cross-region-private-link",
  "cross-region-cmk-becomes-pmk",
  "temporary-disk-not-captured",
  "nfs-not-captured",
];
const ALL = [...CRASH_CAVEATS, ...APP_NOTES, ...EITHER, ...NEVER];

describe("decisiveAdvisories", () => {
  it("keeps crash caveats only where crash-consistent is possible", () => {
    expect(shown(no, yes, ALL)).toEqual([...CRASH_CAVEATS, ...EITHER]);
  });

  it("keeps application-consistency notes only where application-consistent is possible", () => {
    expect(shown(yes, no, ALL)).toEqual([...APP_NOTES, ...EITHER]);
  });

  it("keeps the notes of either mode when both are possible, in the verdict's order", () => {
    expect(shown(yes, yes, ALL)).toEqual([...CRASH_CAVEATS, ...APP_NOTES, ...EITHER]);
  });

  it("keeps a note of a rule it has no concern for when any mode is possible, rather than hide it", () => {
    expect(shown(no, yes, ["too-soon"])).toEqual(["too-soon"]);
    expect(shown(no, no, ["too-soon"])).toEqual([]);
  });

  it("keeps nothing when nothing is possible: no note changes a decision then", () => {
    expect(shown(no, no, ALL)).toEqual([]);
  });
});
