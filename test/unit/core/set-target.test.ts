/** How a set target reads in messages (src/core/set-target.ts). */
import { describe, expect, it } from "vitest";
import { describeSetTarget } from "../../../src/core/set-target.js";

describe("describeSetTarget", () => {
  it.each([
    [{ kind: "availability-set", name: "avset-web" }, "availability set avset-web"],
    [
      { kind: "availability-set", name: "avset-app", resourceGroup: "rg-scale" },
      "availability set rg-scale/avset-app",
    ],
    [{ kind: "scale-set", name: "vmss-api" }, "scale set vmss-api"],
    [{ kind: "resource-group", name: "rg-prod" }, "resource group rg-prod"],
    [{ kind: "tag", key: "env", value: "prod" }, "tag env=prod"],
    [{ kind: "named", name: "avset-web" }, "avset-web"],
    [{ kind: "named", name: "avset-app", resourceGroup: "rg-scale" }, "rg-scale/avset-app"],
  ] as const)("%j -> %s", (target, text) => {
    expect(describeSetTarget(target)).toBe(text);
  });
});
