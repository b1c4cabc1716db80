/** `npm run package` runs only where App Service's binaries are built: Linux x64, glibc, Node 20. */
import { describe, expect, it } from "vitest";
import { refuseForeignPlatform } from "../../../scripts/package/platform.mjs";

const APP_SERVICE = { platform: "linux", arch: "x64", nodeVersion: "20.20.2", glibc: true };

describe("refuseForeignPlatform", () => {
  it("accepts Linux x64 with glibc and Node 20", () => {
    expect(() => refuseForeignPlatform(APP_SERVICE)).not.toThrow();
  });

  it.each([
    ["macOS", { platform: "darwin", arch: "arm64", glibc: false }, /darwin\/arm64, Node 20\.20\.2/],
    ["Windows", { platform: "win32", glibc: false }, /win32\/x64, Node/],
    ["Linux on ARM", { arch: "arm64" }, /linux\/arm64 glibc/],
    ["Alpine (musl)", { glibc: false }, /linux\/x64 musl/],
    ["Node 22", { nodeVersion: "22.11.0" }, /Node 22\.11\.0/],
  ])("refuses %s, saying what it runs on", (_name, difference, here) => {
    const attempt = () => refuseForeignPlatform({ ...APP_SERVICE, ...difference });
    expect(attempt).toThrow(/must run on Linux x64 \(glibc\) with Node 20/);
    expect(attempt).toThrow(here);
  });
});
