/**
 * docs/configuration.md describes every environment variable the bot reads (src/config.ts is the only reader),
 * every one `npm run teams:package` reads, and every one .env.example offers; and it documents none that nothing reads.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
const NAME = "[A-Za-z_][A-Za-z0-9_]*";

/** Variables src/config.ts reads: through its EnvReader (`read.text("X")`, ...) or the env object itself. */
function readByConfig(): string[] {
  const source = read("src/config.ts");
  const patterns = [
    new RegExp(`\\bread\\.\\w+\\(\\s*"(${NAME})"`, "g"),
    new RegExp(`\\benv\\.(${NAME})\\b`, "g"),
    new RegExp(`\\benv\\[\\s*"(${NAME})"\\s*\\]`, "g"),
  ];
  return [...new Set(patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1] ?? "")))];
}

/** Variables `npm run teams:package` reads (a user command outside src/, reading `env.X`). */
const readByTeamsPackage = () =>
  [...read("manifest/teams/package-config.mjs").matchAll(new RegExp(`\\benv\\.(${NAME})\\b`, "g"))].map(
    (m) => m[1] ?? "",
  );

const offeredByEnvExample = () =>
  [...read(".env.example").matchAll(new RegExp(`^(${NAME})=`, "gm"))].map((m) => m[1] ?? "");

/** The variables in the first column of docs/configuration.md's tables. */
const documented = () =>
  new Set(
    [...read("docs/configuration.md").matchAll(new RegExp(`^\\| \`(${NAME})\``, "gm"))].map((m) => m[1]),
  );

/** Documented because operators meet them, though Node (not the bot) reads them. */
const READ_BY_NODE = ["NODE_EXTRA_CA_CERTS"];

describe("docs/configuration.md", () => {
  it("finds the variables src/config.ts reads", () => {
    expect(readByConfig().length).toBeGreaterThanOrEqual(25);
    expect(readByConfig()).toEqual(expect.arrayContaining(["AZURE_SUBSCRIPTION_IDS", "RPBOT_ARM", "PORT"]));
  });

  it.each(readByConfig())("describes %s, which src/config.ts reads", (name) => {
    expect(documented()).toContain(name);
  });

  it.each(offeredByEnvExample())("describes %s, which .env.example offers", (name) => {
    expect(documented()).toContain(name);
  });

  it.each(readByTeamsPackage())("describes %s, which npm run teams:package reads", (name) => {
    expect(documented()).toContain(name);
  });

  it("describes only variables that something reads", () => {
    const known = new Set([...readByConfig(), ...readByTeamsPackage(), ...READ_BY_NODE]);
    expect([...documented()].filter((name) => !known.has(name ?? ""))).toEqual([]);
  });
});
