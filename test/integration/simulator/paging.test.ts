/**
 * List pages that survive change: the skip token names the last item served (lists are in id order), so
 * collections added or deleted between pages neither shift the pages nor make the SDK skip or repeat an item.
 */
import type { ComputeManagementClient, RestorePointCollection } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { COMPUTE_API_VERSION, collect, rawRequest, simClient } from "../../support/sim-client.js";
import { POLL, PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
let prod: ComputeManagementClient;

beforeAll(async () => {
  sim = await startSampleSimulator({ pageSize: 2 });
  prod = simClient(sim, PRODUCTION);
});
afterAll(() => sim.close());

const idOf = (collection: RestorePointCollection) => (collection.id ?? "").toLowerCase();

function groupOf(collection: RestorePointCollection): string {
  return /\/resourceGroups\/([^/]+)\//i.exec(collection.id ?? "")?.[1] ?? "";
}

async function create(group: string, name: string): Promise<string> {
  const created = await prod.restorePointCollections.createOrUpdate(group, name, {
    location: "eastus",
    source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") },
  });
  return idOf(created);
}

async function remove(collection: RestorePointCollection): Promise<void> {
  await prod.restorePointCollections.delete(groupOf(collection), collection.name ?? "", POLL);
}

describe("restore point collection lists, changed between pages", () => {
  it("serves every collection present throughout exactly once, through the SDK's pager", async () => {
    const before = await collect(prod.restorePointCollections.listAll());
    expect(before.length).toBeGreaterThan(6);
    expect(before.map(idOf)).toEqual([...before.map(idOf)].sort());
    const seen: string[] = [];
    const changes = { added: [] as string[], deleted: [] as string[] };
    let pages = 0;
    for await (const page of prod.restorePointCollections.listAll().byPage()) {
      pages += 1;
      seen.push(...page.map(idOf));
      if (pages !== 2) continue;
      // The SDK asks for the next page only when the loop goes on: change the list behind and ahead of it.
      const cursor = seen.at(-1) ?? "";
      // Two deleted behind the cursor and one added there: offset-based pages would skip an item.
      const [first, second] = before as [RestorePointCollection, RestorePointCollection];
      const behind = await create(groupOf(first), "rpc-0-added-behind");
      const ahead = await create("rg-web", "rpc-zz-added-ahead");
      const notYetSeen = before.at(-2) as RestorePointCollection;
      await remove(first);
      await remove(second);
      await remove(notYetSeen);
      expect(behind < cursor && ahead > cursor && idOf(notYetSeen) > cursor).toBe(true);
      changes.added.push(behind, ahead);
      changes.deleted.push(idOf(first), idOf(second), idOf(notYetSeen));
    }
    const throughout = before.map(idOf).filter((id) => !changes.deleted.includes(id));
    for (const id of throughout) expect(seen.filter((candidate) => candidate === id)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(changes.added[1]);
    expect(seen).not.toContain(changes.added[0]);
    expect(seen).not.toContain(changes.deleted[2]);
  });

  it("resumes after the last key even when that item itself is deleted", async () => {
    // The first two ids of the subscription, so the cursor is a collection that may be deleted (one with a point
    // being created, such as rpc-vm-busy-01, is refused).
    await create("rg-app-new", "rpc-0-first");
    await create("rg-app-new", "rpc-0-second");
    const path = `/subscriptions/${PRODUCTION}/providers/Microsoft.Compute/restorePointCollections?api-version=${COMPUTE_API_VERSION}`;
    const first = await rawRequest(sim, "GET", path);
    const body = first.body as { value: RestorePointCollection[]; nextLink: string };
    const last = body.value.at(-1) as RestorePointCollection;
    expect(last.name).toBe("rpc-0-second");
    await remove(last);
    const next = await rawRequest(sim, "GET", body.nextLink.slice(sim.endpoint.length));
    const nextIds = (next.body as { value: RestorePointCollection[] }).value.map(idOf);
    const all = (await collect(prod.restorePointCollections.listAll())).map(idOf);
    const expected = all.filter((id) => id > idOf(last)).slice(0, 2);
    expect(nextIds).toEqual(expected);
  });

  it("refuses a skip token it did not hand out (400, ours)", async () => {
    const path = `/subscriptions/${PRODUCTION}/providers/Microsoft.Compute/restorePointCollections?api-version=${COMPUTE_API_VERSION}&$skiptoken=not-a-token`;
    const response = await rawRequest(sim, "GET", path);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: "InvalidSkipToken" } });
  });
});

describe("lists in id order", () => {
  it("pages VMs of a subscription in id order with nothing repeated", async () => {
    const vms = await collect(prod.virtualMachines.listAll());
    const ids = vms.map((vm) => (vm.id ?? "").toLowerCase());
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });
});
