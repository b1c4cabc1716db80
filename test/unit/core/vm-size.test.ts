import { describe, expect, it } from "vitest";
import {
  hasLocalTempDisk,
  isBoostSize,
  isStorageOptimizedSize,
  parseVmSize,
} from "../../../src/core/index.js";

describe("parseVmSize", () => {
  it.each([
    ["Standard_D2s_v5", { family: "D", features: "s", version: 5 }],
    ["Standard_E4-2ads_v5", { family: "E", features: "ads", version: 5 }],
    ["Standard_DS2_v2", { family: "DS", features: "", version: 2 }],
    ["Standard_A1", { family: "A", features: "", version: 1 }],
    ["Standard_NC24ads_A100_v4", { family: "NC", features: "ads", version: 4 }],
    ["Standard_M48s_1_v3", { family: "M", features: "s", version: 3 }],
    ["Standard_D2_v2_Promo", { family: "D", features: "", version: 2 }],
    ["standard_d2ds_v5", { family: "D", features: "ds", version: 5 }],
  ])("%s", (size, expected) => {
    expect(parseVmSize(size)).toEqual(expected);
  });

  it.each(["", "Standard", "custom-size", "Standard_"])("returns undefined for %j", (size) => {
    expect(parseVmSize(size)).toBeUndefined();
  });
});

describe("hasLocalTempDisk", () => {
  it.each([
    // v4 and later: only with a "d"
    ["Standard_D2ds_v5", true],
    ["Standard_D2s_v5", false],
    ["Standard_D2d_v4", true],
    ["Standard_D2s_v4", false],
    ["Standard_E4-2ds_v5", true],
    ["Standard_E2s_v6", false],
    ["Standard_E2ds_v6", true],
    ["Standard_D2ads_v5", true],
    ["Standard_D2as_v5", false],
    ["Standard_D2pds_v5", true],
    ["Standard_D2ps_v5", false],
    ["Standard_D2als_v6", false],
    ["Standard_D2alds_v6", true],
    ["Standard_NC24ads_A100_v4", true],
    ["Standard_E104id_v5", true],
    ["Standard_E104is_v5", false],
    // AMD v4 kept a temp disk without the "d"
    ["Standard_D2as_v4", true],
    ["Standard_E2a_v4", true],
    // older generations have one
    ["Standard_D2s_v3", true],
    ["Standard_E48_v3", true],
    ["Standard_DS2_v2", true],
    ["Standard_D2_v2", true],
    ["Standard_D1", true],
    ["Standard_A1_v2", true],
    ["Standard_A2m_v2", true],
    ["Basic_A1", true],
    ["Standard_B2s", true],
    ["Standard_B1ms", true],
    ["Standard_F2s_v2", true],
    ["Standard_F2s", true],
    ["Standard_L8s_v2", true],
    ["Standard_NC6s_v3", true],
    // diskless although older than v4
    ["Standard_B2s_v2", false],
    ["Standard_B2ats_v2", false],
    ["Standard_B2pls_v2", false],
    ["Standard_DC2s_v3", false],
    ["Standard_DC2ds_v3", true],
    // unknown
    ["", false],
    ["not-a-size", false],
  ])("%s -> %s", (size, expected) => {
    expect(hasLocalTempDisk(size)).toBe(expected);
  });
});

describe("isBoostSize and isStorageOptimizedSize", () => {
  it.each([
    ["Standard_D4s_v6", true],
    ["Standard_D4ds_v6", true],
    ["Standard_E4s_v6", true],
    ["Standard_E4ds_v6", true],
    ["Standard_D4s_v7", true],
    ["Standard_D4as_v7", true],
    ["Standard_E4as_v7", true],
    ["Standard_D4as_v6", false],
    ["Standard_D4s_v5", false],
    ["Standard_D4ps_v6", false],
    ["Standard_NC24ads_A100_v4", false],
    ["", false],
  ])("isBoostSize(%s) -> %s", (size, expected) => {
    expect(isBoostSize(size)).toBe(expected);
  });

  it("recognises the storage-optimized L family", () => {
    expect(isStorageOptimizedSize("Standard_L8s_v2")).toBe(true);
    expect(isStorageOptimizedSize("Standard_L8as_v3")).toBe(true);
    expect(isStorageOptimizedSize("Standard_D8s_v5")).toBe(false);
  });
});
