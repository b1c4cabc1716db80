/**
 * The links between the docs work: every relative link in docs/*.md and README.md names a file that exists,
 * and every #anchor names a heading of its target (as GitHub derives anchors from headings).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const PAGES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/^```[\s\S]*?^```$/gm, "");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] ?? "")));
}

/** [link text target] pairs outside code blocks and inline code. */
function linksOf(page: string): string[] {
  const text = readFileSync(join(ROOT, page), "utf8")
    .replace(/^```[\s\S]*?^```$/gm, "")
    .replace(/`[^`\n]*`/g, "code");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "");
}

const LINKS = PAGES.flatMap((page) =>
  linksOf(page)
    .filter((target) => !/^[a-z]+:/i.test(target))
    .map((target) => [page, target] as const),
);

describe("links between the docs", () => {
  it("finds the links", () => {
    expect(LINKS.length).toBeGreaterThan(40);
  });

  it.each(LINKS)("%s links to %s, which exists", (page, target) => {
    const [path = "", anchor] = target.split("#");
    const file = path === "" ? join(ROOT, page) : join(dirname(join(ROOT, page)), path);
    expect(existsSync(file), relative(ROOT, file)).toBe(true);
    if (anchor !== undefined && file.endsWith(".md")) expect([...anchorsOf(file)]).toContain(anchor);
  });

  it("derives anchors as GitHub does", () => {
    expect(slug("`--explain`: the matrix")).toBe("--explain-the-matrix");
    expect(slug("Supported scenarios (explain only)")).toBe("supported-scenarios-explain-only");
    expect(slug("`rpbot check`")).toBe("rpbot-check");
  });
});
