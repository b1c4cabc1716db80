/**
 * The rule codes are documented where users look for them: docs/rule-codes.md (one table per kind) and the
 * enums of docs/verdict.schema.json name exactly the codes of src/core/rule-codes.ts, kind by kind. A code
 * added to the source without its documentation, or documented under the wrong kind, fails here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ADVISORY_CODES,
  BLOCKER_CODES,
  EXCLUSION_CODES,
  SUPPORTED_SCENARIO_CODES,
} from "../../../src/core/rule-codes.js";

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
const markdown = read("docs/rule-codes.md");
const schema = JSON.parse(read("docs/verdict.schema.json")) as {
  $defs: Record<string, { enum?: string[]; properties?: Record<string, unknown> }>;
};

/** The codes in the first column of the tables under one `## heading` of docs/rule-codes.md. */
function documentedCodes(heading: string): string[] {
  const sections = markdown.split(/^## /m);
  const section = sections.find((text) => text.startsWith(`${heading}\n`));
  if (!section) throw new Error(`docs/rule-codes.md has no "## ${heading}" section`);
  return [...section.matchAll(/^\| `([a-z0-9-]+)`/gm)].map((match) => match[1] ?? "");
}

const sorted = (codes: readonly string[]) => [...codes].sort();

const KINDS = [
  ["Blockers", "blockerCode", BLOCKER_CODES],
  ["Exclusions", "exclusionCode", EXCLUSION_CODES],
  ["Advisories", "advisoryCode", ADVISORY_CODES],
  ["Supported scenarios (explain only)", "supportedScenarioCode", SUPPORTED_SCENARIO_CODES],
] as const;

describe("docs/rule-codes.md", () => {
  it.each(KINDS)("documents exactly the %s of src/core/rule-codes.ts", (heading, _def, codes) => {
    expect(sorted(documentedCodes(heading))).toEqual(sorted(codes));
  });

  it("documents every code once", () => {
    const all = KINDS.flatMap(([heading]) => documentedCodes(heading));
    expect(all.length).toBe(new Set(all).size);
    expect(all.length).toBeGreaterThanOrEqual(50);
  });

  it("states the stability promise", () => {
    expect(markdown).toMatch(/## Stability\n/);
    expect(markdown).toMatch(/never renamed/);
    expect(markdown).toMatch(/New codes may be added/);
  });
});

describe("docs/verdict.schema.json", () => {
  it.each(KINDS)("its enum for the %s is exactly the source's", (_heading, def, codes) => {
    expect(sorted(schema.$defs[def]?.enum ?? [])).toEqual(sorted(codes));
  });

  it("takes each kind's enum where that kind appears, and every code in matrix rows", () => {
    const ruleOf = (def: string) => (schema.$defs[def]?.properties as { rule?: unknown } | undefined)?.rule;
    expect(ruleOf("blocker")).toEqual({ $ref: "#/$defs/blockerCode" });
    expect(ruleOf("excludedDisk")).toEqual({ $ref: "#/$defs/exclusionCode" });
    expect(ruleOf("advisory")).toEqual({ $ref: "#/$defs/advisoryCode" });
    expect(ruleOf("matrixRow")).toEqual({
      anyOf: KINDS.map(([, def]) => ({ $ref: `#/$defs/${def}` })),
    });
  });
});
