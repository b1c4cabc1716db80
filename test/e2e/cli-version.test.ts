import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI, runCli } from "../support/run-cli.js";

const REPOSITORY = fileURLToPath(new URL("../..", import.meta.url));

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("rpbot --version", () => {
  it.each([["--version"], ["-v"], ["version"]])(
    "%s prints the version of package.json and exits 0",
    async (arg) => {
      const result = await runCli([arg]);
      expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    },
  );

  it("is carried by the bundle itself: a copy of dist/ run elsewhere says the same", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "rpbot-version-"));
    cpSync(dirname(CLI), join(elsewhere, "dist"), { recursive: true });
    const result = spawnSync(process.execPath, [join(elsewhere, "dist", "cli.js"), "--version"], {
      cwd: elsewhere,
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  // The README's `npx rpbot …`: npm runs the "bin" of the package in the working directory, with no link made.
  // Offline and --no: a broken bin fails here instead of fetching some other "rpbot" from the registry.
  it("runs as `npx rpbot` in the repository", () => {
    const result = spawnSync("npm", ["exec", "--offline", "--no", "--", "rpbot", "version"], {
      cwd: REPOSITORY,
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });
});
