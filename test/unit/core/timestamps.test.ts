import { describe, expect, it } from "vitest";
import { hasCanonicalShape, isoString, timestampMs } from "../../../src/core/timestamps.js";

describe("timestampMs", () => {
  it.each([
    "2026-11-25T12:00:00.000Z",
    "1970-01-01T00:00:00.000Z",
    "2024-02-29T23:59:59.999Z",
    "2000-03-01T00:00:00.001Z",
    "9999-12-31T23:59:59.999Z",
    "2026-11-25T12:00:00Z",
    "2026-11-25T13:00:00+01:00",
    "2026-11-25T12:00:00.1234567Z",
    "2026-13-01T00:00:00.000Z",
    "2026-11-31T00:00:00.000Z",
    "2023-02-29T00:00:00.000Z",
    "2026-11-25T24:00:00.000Z",
    "2026-1x-25T12:00:00.000Z",
    "not a date",
    "",
  ])("reads %j exactly as Date.parse does", (text) => {
    expect(timestampMs(text)).toEqual(Date.parse(text));
  });

  it("agrees with Date.parse over many canonical timestamps", () => {
    for (let ms = Date.UTC(1999, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 86_400_000 * 3 + 3_723_457) {
      const text = new Date(ms).toISOString();
      expect(timestampMs(text)).toBe(ms);
    }
  });
});

describe("isoString", () => {
  it("writes what Date#toISOString writes", () => {
    for (let ms = Date.UTC(1970, 0, 1); ms < Date.UTC(2101, 0, 1); ms += 86_400_000 * 7 + 3_723_457) {
      expect(isoString(ms)).toBe(new Date(ms).toISOString());
    }
    for (const ms of [
      0,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2000, 2, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ]) {
      expect(isoString(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("falls back to Date#toISOString outside 1970-9999", () => {
    expect(isoString(-1)).toBe("1969-12-31T23:59:59.999Z");
    expect(isoString(Date.UTC(10_000, 0, 1))).toBe("+010000-01-01T00:00:00.000Z");
  });

  it("knows the canonical shape", () => {
    expect(hasCanonicalShape("2026-11-25T12:00:00.000Z")).toBe(true);
    expect(hasCanonicalShape("2026-11-25T12:00:00Z")).toBe(false);
  });
});
