/** A large synthetic fleet for load tests and benchmarks: deterministic for a given seed. */
import type { Fleet } from "./fleet-file.js";
import { stableGuid } from "./ids.js";
import type { JsonObject } from "./json.js";
import { pick, type Random, seededRandom } from "./prng.js";
import { buildCollection, type PointSpec } from "./sample-fleet/history.js";
import { OS, type OsImage } from "./sample-fleet/os-images.js";
import type { DataDiskSpec } from "./sample-fleet/vm-builder.js";
import { buildVm } from "./sample-fleet/vm-builder.js";

export interface GenerateFleetOptions {
  /** Number of VMs. */
  count: number;
  now: Date;
  /** How many of the VMs get a collection with a few restore points (default 0). */
  withRestorePoints?: number;
  /** Number of subscriptions the VMs are spread over (default 1). */
  subscriptions?: number;
  seed?: number;
}

const REGIONS = ["eastus", "westeurope", "westus2", "northeurope", "southeastasia"];
const SIZES = ["Standard_D2s_v5", "Standard_D4s_v5", "Standard_E4s_v5", "Standard_B2ms", "Standard_D4ds_v5"];
const IMAGES: OsImage[] = [
  OS.windows2022,
  OS.windows2019,
  OS.ubuntu2204,
  OS.ubuntu2404,
  OS.rhel9,
  OS.debian12,
  OS.sles15,
];
const DISK_SKUS = ["Premium_LRS", "Premium_LRS", "StandardSSD_LRS", "Standard_LRS"];
const VMS_PER_GROUP = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export function generateFleet(options: GenerateFleetOptions): Fleet {
  const random = seededRandom(options.seed ?? 1);
  const subscriptionIds = Array.from({ length: Math.max(1, options.subscriptions ?? 1) }, (_, index) =>
    stableGuid(`generated subscription ${options.seed ?? 1} ${index}`),
  );
  const resources: JsonObject[] = subscriptionIds.map((subscriptionId, index) => ({
    id: `/subscriptions/${subscriptionId}`,
    type: "Microsoft.Resources/subscriptions",
    name: subscriptionId,
    displayName: `Generated subscription ${index + 1}`,
    state: "Enabled",
  }));
  const withPoints = Math.min(options.count, Math.max(0, options.withRestorePoints ?? 0));
  for (let index = 0; index < options.count; index += 1) {
    const group = Math.floor(index / VMS_PER_GROUP);
    const subscriptionId = subscriptionIds[group % subscriptionIds.length] ?? "";
    const built = buildVm({
      subscriptionId,
      resourceGroup: `rg-gen-${String(group).padStart(4, "0")}`,
      location: REGIONS[group % REGIONS.length] ?? "eastus",
      name: `vm-gen-${String(index).padStart(5, "0")}`,
      size: pick(random, SIZES),
      os: pick(random, IMAGES),
      dataDisks: dataDisks(random),
      now: options.now,
    });
    resources.push(built.vm, ...built.disks);
    if (index < withPoints) {
      resources.push(
        buildCollection(built.vm, {
          name: `rpc-${String(built.vm.name)}`,
          points: history(random, options.now),
        }),
      );
    }
  }
  return { resources };
}

function dataDisks(random: Random): DataDiskSpec[] {
  const count = Math.floor(random() * 4);
  return Array.from({ length: count }, () => ({
    sizeGB: pick(random, [64, 128, 256, 512, 1024]),
    sku: pick(random, DISK_SKUS),
  }));
}

/** One to four finished points, the newest at least a day old, so nothing is "too soon". */
function history(random: Random, now: Date): PointSpec[] {
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, (_, index) => ({
    mode: random() < 0.5 ? "ApplicationConsistent" : "CrashConsistent",
    createdAt: new Date(now.getTime() - (index + 1) * DAY_MS - Math.floor(random() * 12) * 60 * 60 * 1000),
  }));
}
