/**
 * Throughput of the eligibility core: `evaluate` over a mix of ~10,000 prebuilt VMs for about a second.
 * Target: at least 100,000 VMs per second on one core for a typical VM (3 disks, 2 collections of 10 points),
 * so a fleet report over a large estate is bounded by ARM, never by the rules.
 */
import { pathToFileURL } from "node:url";
import type { CollectionRecord, DiskFacts, VmFacts, VmHistory } from "../src/core/index.js";
import { evaluate } from "../src/core/index.js";
import type { BenchRow } from "./bench-row.js";

const TARGET_PER_SECOND = 100_000;
const VM_COUNT = 10_000;
const MEASURE_MS = 1_000;
const NOW = new Date("2026-11-25T12:00:00.000Z");

interface Sample {
  facts: VmFacts;
  history: VmHistory;
}

export function benchEvaluate(): BenchRow[] {
  const samples = Array.from({ length: VM_COUNT }, (_, index) => buildSample(index));
  runFor(samples, 200); // warm up: let the JIT compile the rules before measuring
  const { evaluated, elapsedMs } = runFor(samples, MEASURE_MS);
  const perSecond = Math.round((evaluated / elapsedMs) * 1_000);
  return [
    {
      benchmark: "core: evaluate (3 disks, 2 collections x 10 points)",
      measured: `${perSecond.toLocaleString("en-US")} VMs/s`,
      target: `>= ${TARGET_PER_SECOND.toLocaleString("en-US")}/s`,
      ok: perSecond >= TARGET_PER_SECOND,
    },
  ];
}

function runFor(samples: readonly Sample[], durationMs: number): { evaluated: number; elapsedMs: number } {
  const started = performance.now();
  let evaluated = 0;
  let allowed = 0;
  while (performance.now() - started < durationMs) {
    for (const sample of samples) {
      if (evaluate(sample.facts, sample.history, NOW).modes.CrashConsistent.allowed) allowed++;
    }
    evaluated += samples.length;
  }
  // Use the result so the work cannot be optimised away.
  if (allowed < 0) throw new Error("unreachable");
  return { evaluated, elapsedMs: performance.now() - started };
}

/** A typical VM, varied every few samples so the mix exercises Linux, old Windows, exclusions and history. */
function buildSample(index: number): Sample {
  const name = `vm-${index}`;
  const id = `/subscriptions/sub-${index % 7}/resourceGroups/rg-${index % 31}/providers/Microsoft.Compute/virtualMachines/${name}`;
  const linux = index % 3 === 1;
  const facts: VmFacts = {
    id,
    name,
    resourceGroup: `rg-${index % 31}`,
    subscriptionId: `sub-${index % 7}`,
    location: index % 2 === 0 ? "westeurope" : "eastus",
    vmId: `00000000-0000-0000-0000-${String(index).padStart(12, "0")}`,
    kind: index % 50 === 0 ? "vmss-flex" : "standalone",
    securityType: "TrustedLaunch",
    vmSize: ["Standard_D4s_v5", "Standard_D2ds_v5", "Standard_E8ds_v6", "Standard_DS2_v2"][index % 4] ?? "",
    powerState: index % 11 === 0 ? "deallocated" : "running",
    os: linux
      ? { type: "Linux", name: index % 9 === 1 ? "gentoo" : "ubuntu", version: "22.04" }
      : {
          type: "Windows",
          name: index % 13 === 0 ? "Windows Server 2012 R2 Datacenter" : "Windows Server 2022 Datacenter",
        },
    agent: { provisioned: true, status: "ready" },
    disks: [
      disk(id, "os", "os", "Premium_LRS"),
      disk(id, "data-0", "data", index % 17 === 0 ? "UltraSSD_LRS" : "Premium_LRS"),
      disk(id, "data-1", "data", "StandardSSD_LRS"),
    ],
    extensions: ["AzureMonitorAgent"],
    tags: { owner: "bench" },
  };
  const history: VmHistory = {
    collections: [collection(facts, "a", index, 0), collection(facts, "b", index, 10)],
    collectionsInSubscriptionRegion: 120,
  };
  return { facts, history };
}

function disk(vmId: string, name: string, role: "os" | "data", sku: string): DiskFacts {
  return {
    id: `${vmId.replace("virtualMachines", "disks")}-${name}`,
    name,
    role,
    managed: true,
    storageAccountType: sku,
    maxShares: 1,
    ephemeral: false,
    caching: role === "os" ? "ReadWrite" : "ReadOnly",
    writeAcceleratorEnabled: false,
    privateLink: false,
  };
}

function collection(facts: VmFacts, suffix: string, index: number, offsetHours: number): CollectionRecord {
  const id = `${facts.id.replace("virtualMachines", "restorePointCollections")}-${suffix}`;
  const restorePoints = Array.from({ length: 10 }, (_, point) => {
    const hoursAgo = offsetHours + point * 2 + (index % 5);
    return {
      id: `${id}/restorePoints/rp-${point}`,
      name: `rp-${point}`,
      consistencyMode: point % 2 === 0 ? "ApplicationConsistent" : "CrashConsistent",
      provisioningState: point === 3 ? "Failed" : "Succeeded",
      timeCreated: new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString(),
      sourceVmId: facts.vmId,
    };
  });
  return { id, name: `rpc-${suffix}`, location: facts.location, sourceId: facts.id, restorePoints };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(benchEvaluate());
}
