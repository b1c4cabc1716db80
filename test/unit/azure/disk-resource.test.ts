/** What a fleet read keeps of each disk: every field the facts read, and nothing the facts do not. */
import type { Disk } from "@azure/arm-compute";
import { describe, expect, it } from "vitest";
import { toDiskResource } from "../../../src/azure/vm-facts.mapper.js";

describe("the fields a fleet read keeps of a disk", () => {
  it("keeps sku, maxShares, encryption type, network policy and disk access, and drops the rest", () => {
    const disk: Disk = {
      location: "westeurope",
      id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/data-1",
      sku: { name: "Premium_LRS", tier: "Premium" },
      maxShares: 2,
      encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: "/des/1" },
      networkAccessPolicy: "AllowPrivate",
      diskAccessId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskAccesses/da",
      diskSizeGB: 512,
      tags: { owner: "ops" },
    };
    expect(toDiskResource(disk)).toEqual({
      sku: { name: "Premium_LRS" },
      maxShares: 2,
      encryption: { type: "EncryptionAtRestWithCustomerKey" },
      networkAccessPolicy: "AllowPrivate",
      diskAccessId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskAccesses/da",
    });
  });

  it("leaves out what the disk does not say", () => {
    expect(toDiskResource({ location: "eastus" })).toEqual({
      sku: undefined,
      maxShares: undefined,
      encryption: undefined,
      networkAccessPolicy: undefined,
      diskAccessId: undefined,
    });
  });
});
