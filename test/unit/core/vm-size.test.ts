import { describe, expect, it } from "vitest";
import {
  hasLocalTempDisk,
  isBoostSize,
  isStorageOptimizedSize,
  parseVmSize,
} from "../../../src/core/index.js";
import { isConfidentialV6Size, isPremiumStorageCapable } from "../../../src/core/vm-size.js";

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
    ["Standard_E64-16ads_v5", { family: "E", features: "ads", version: 5 }],
    ["Standard_X2s_v10", { family: "X", features: "s", version: 10 }],
  ])("%s", (size, expected) => {
    expect(parseVmSize(size)).toEqual(expected);
  });

  it.each(["", "Standard", "custom-size", "Standard_", "Standard_x-D2s_v3", "Standard_D2s-x_v3"])(
    "returns undefined for %j",
    (size) => {
      expect(parseVmSize(size)).toBeUndefined();
    },
  );
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
    // only DCsv3 is diskless: DCsv2 has one
    ["Standard_DC2s_v2", true],
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
    // every family the Boost list names, at v6
    ["Standard_DC4es_v6", true],
    ["Standard_DN4s_v6", true],
    ["Standard_EB4s_v6", true],
    ["Standard_EC4es_v6", true],
    ["Standard_EN4s_v6", true],
    ["Standard_F4s_v6", true],
    ["Standard_FX4mds_v6", true],
    ["Standard_L8s_v6", true],
    ["Standard_M64s_v6", true],
    ["Standard_MB4s_v6", true],
    ["Standard_NC4s_v6", false],
  ])("isBoostSize(%s) -> %s", (size, expected) => {
    expect(isBoostSize(size)).toBe(expected);
  });

  it("takes a size already parsed", () => {
    expect(hasLocalTempDisk(parseVmSize("Standard_D2ds_v5"))).toBe(true);
    expect(isBoostSize(parseVmSize("Standard_D4s_v6"))).toBe(true);
    expect(hasLocalTempDisk(undefined)).toBe(false);
  });

  it("recognises the storage-optimized L family", () => {
    expect(isStorageOptimizedSize("Standard_L8s_v2")).toBe(true);
    expect(isStorageOptimizedSize("Standard_L8as_v3")).toBe(true);
    expect(isStorageOptimizedSize("Standard_D8s_v5")).toBe(false);
  });
});

describe("isPremiumStorageCapable", () => {
  it.each<[string, boolean | undefined]>([
    // the "s" feature letter
    ["Standard_D2s_v3", true],
    ["Standard_D4ds_v5", true],
    ["Standard_E4-2ads_v5", true],
    ["Standard_B1ls", true],
    ["Standard_B2ms", true],
    ["Standard_B2ts_v2", true],
    ["Standard_F2s", true],
    ["Standard_F2s_v2", true],
    ["Standard_L8s_v2", true],
    ["Standard_M8ms", true],
    ["Standard_M416ms_v2", true],
    ["Standard_DC2s", true],
    ["Standard_DC4as_v5", true],
    ["Standard_NC4as_T4_v3", true],
    ["Standard_NV12s_v3", true],
    ["Standard_HB120rs_v3", true],
    ["standard_d2s_v5", true],
    // the letter in the family name
    ["Standard_DS2_v2", true],
    ["Standard_DS1", true],
    ["Standard_GS1", true],
    // the first M-series, without the letter
    ["Standard_M64", true],
    ["Standard_M128m", true],
    // the Standard-storage twins
    ["Standard_A1", false],
    ["Standard_A2_v2", false],
    ["Standard_A8m_v2", false],
    ["Standard_D1", false],
    ["Standard_D2_v2", false],
    ["Standard_D2_v2_Promo", false],
    ["Standard_D2_v3", false],
    ["Standard_D2a_v4", false],
    ["Standard_D2d_v5", false],
    ["Standard_E8_v5", false],
    ["Standard_E64i_v3", false],
    ["Standard_F4", false],
    ["Standard_G1", false],
    ["Standard_H16r", false],
    ["Standard_NC6", false],
    ["Standard_NV6", false],
    ["Basic_A1", false],
    ["basic_a0", false],
    // not told by the name
    ["Standard_D4_v6", undefined],
    ["Standard_M8_v2", undefined],
    ["Standard_X4", undefined],
    ["custom-size", undefined],
    ["", undefined],
  ])("%s -> %s", (size, expected) => {
    expect(isPremiumStorageCapable(size)).toBe(expected);
  });
});

describe("isConfidentialV6Size", () => {
  it.each([
    ["Standard_DC4as_v6", true],
    ["Standard_DC2ads_v6", true],
    ["Standard_EC16as_v6", true],
    ["Standard_EC8ads_v6", true],
    ["Standard_DC4es_v6", true],
    ["Standard_DC4as_v5", false],
    ["Standard_EC4as_v5", false],
    ["Standard_DC4as_v7", false],
    ["Standard_D4s_v6", false],
    ["Standard_DC2s_v3", false],
    ["custom-size", false],
  ])("%s -> %s", (size, expected) => {
    expect(isConfidentialV6Size(size)).toBe(expected);
  });
});
