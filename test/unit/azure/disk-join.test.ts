import { describe, expect, it } from "vitest";
import { DiskJoin } from "../../../src/azure/disk-join.js";
import type { DiskResource } from "../../../src/azure/vm-facts.mapper.js";
import type { DiskFacts, VmFacts } from "../../../src/core/facts.js";

const GROUP = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute";

function disk(name: string, extra: Partial<DiskFacts> = {}): DiskFacts {
  return {
    id: `${GROUP}/disks/${name}`,
    name,
    role: "data",
    managed: true,
    storageAccountType: "Standard_LRS",
    ephemeral: false,
    writeAcceleratorEnabled: false,
    privateLink: false,
    ...extra,
  };
}

function vm(name: string, disks: DiskFacts[]): VmFacts {
  return { id: `${GROUP}/virtualMachines/${name}`, name, disks } as unknown as VmFacts;
}

const premium: DiskResource = { sku: { name: "Premium_LRS" } };
const shared: DiskResource = { sku: { name: "Premium_LRS" }, maxShares: 2 };
const idOf = (name: string) => `${GROUP}/disks/${name}`.toLowerCase();

function joined(mostWaiting?: number) {
  const completed: VmFacts[] = [];
  const join = new DiskJoin((facts) => completed.push(facts), mostWaiting);
  const skuOf = (vmName: string, diskName: string) =>
    completed.find((facts) => facts.name === vmName)?.disks.find((d) => d.name === diskName)
      ?.storageAccountType;
  return { join, completed, skuOf };
}

describe("DiskJoin", () => {
  it("hands a VM on when its last disk arrives, whichever listing came first", () => {
    const { join, completed, skuOf } = joined();
    join.addDisk(idOf("a-os"), premium); // before its VM
    join.addVm(vm("vm-a", [disk("a-os", { role: "os" }), disk("A-Data")]));
    expect(completed).toEqual([]);
    join.addDisk(idOf("A-Data"), premium); // ids match whatever their case
    expect(completed.map((facts) => facts.name)).toEqual(["vm-a"]);
    expect(skuOf("vm-a", "a-os")).toBe("Premium_LRS");
    expect(skuOf("vm-a", "A-Data")).toBe("Premium_LRS");
  });

  it("needs no disk listing for a VM without managed disks of its own", () => {
    const { join, completed } = joined();
    join.addVm(vm("vm-ephemeral", [disk("eph", { ephemeral: true }), disk("vhd", { managed: false })]));
    expect(completed.map((facts) => facts.name)).toEqual(["vm-ephemeral"]);
  });

  it("gives a shared disk to every VM that names it, before and after either was listed", () => {
    const { join, skuOf } = joined();
    join.addVm(vm("vm-1", [disk("quorum")]));
    join.addDisk(idOf("quorum"), shared);
    join.addVm(vm("vm-2", [disk("quorum")]));
    expect(skuOf("vm-1", "quorum")).toBe("Premium_LRS");
    expect(skuOf("vm-2", "quorum")).toBe("Premium_LRS");
  });

  it("at the end of the disks, hands on the VMs still waiting with the VM model's word, and later VMs at once", () => {
    const { join, completed, skuOf } = joined();
    join.addVm(vm("vm-gone", [disk("deleted")]));
    join.addDisk(idOf("late-os"), premium);
    join.endOfDisks();
    expect(completed.map((facts) => facts.name)).toEqual(["vm-gone"]);
    expect(skuOf("vm-gone", "deleted")).toBe("Standard_LRS");
    // A scale-set instance listed after the disks still gets a disk seen before it.
    join.addVm(vm("vmss_0", [disk("late-os"), disk("never-listed")]));
    expect(skuOf("vmss_0", "late-os")).toBe("Premium_LRS");
    expect(skuOf("vmss_0", "never-listed")).toBe("Standard_LRS");
  });

  it("makes the VM listing wait while too many VMs wait for disks, and lets it go on when one is complete", async () => {
    const { join } = joined(2);
    join.addVm(vm("vm-1", [disk("d1")]));
    expect(join.room()).toBeUndefined();
    join.addVm(vm("vm-2", [disk("d2")]));
    const room = join.room();
    expect(room).toBeInstanceOf(Promise);
    let made = false;
    void room?.then(() => {
      made = true;
    });
    await Promise.resolve();
    expect(made).toBe(false);
    join.addDisk(idOf("d2"), premium);
    await room;
    expect(made).toBe(true);
    expect(join.room()).toBeUndefined();
  });

  it("lets the listing go on when the disks end with VMs still waiting", async () => {
    const { join } = joined(1);
    join.addVm(vm("vm-1", [disk("d1")]));
    const room = join.room();
    join.endOfDisks();
    await expect(room).resolves.toBeUndefined();
  });
});
