/**
 * The bare baseline of the CLI CPU benchmark: the ARM reads of `rpbot check <vm>`, made with the Azure SDKs
 * the bot uses (@azure/arm-compute, and @azure/arm-resourcegraph for the graph) and nothing else of the bot.
 * Plain JavaScript, so no TypeScript loader is counted. Usage: node bare-check.child.mjs <endpoint> <vm name>;
 * the simulator's certificate is trusted through NODE_EXTRA_CA_CERTS, as for the CLI.
 *
 * The reads, in the order a check makes them (src/azure/vm-resolver.ts, facts-gatherer.ts): the
 * subscriptions; the VMs and Uniform scale-set instances of that name (two Resource Graph queries); then the
 * VM with its instance view beside the collections sourced from a VM of that name and the collection counts
 * per region (two more queries); then the VM's managed disks beside its collections with their points.
 * The benchmark prints this script's request count beside the check's, so a drift between them shows.
 */
import { ComputeManagementClient } from "@azure/arm-compute";
import { ResourceGraphClient } from "@azure/arm-resourcegraph";
import { createDefaultHttpClient, createPipelineRequest } from "@azure/core-rest-pipeline";

const [endpoint, vmName] = process.argv.slice(2);
if (!endpoint || !vmName) throw new Error("usage: bare-check.child.mjs <endpoint> <vm name>");

const scopes = ["https://management.azure.com/.default"];
const credential = { getToken: async () => ({ token: "bare", expiresOnTimestamp: Date.now() + 3_600_000 }) };
const clients = new Map();
const compute = (subscriptionId) => {
  let client = clients.get(subscriptionId);
  if (!client) {
    client = new ComputeManagementClient(credential, subscriptionId, { endpoint, credentials: { scopes } });
    clients.set(subscriptionId, client);
  }
  return client;
};
const graph = new ResourceGraphClient(credential, {
  endpoint,
  $host: endpoint,
  credentialScopes: scopes,
  apiVersion: "2022-10-01",
});
const groupOf = (id) => /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? "";
const nameOf = (id) => id.split("/").pop() ?? "";
const subscriptionOf = (id) => /\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? "";
const sameId = (a, b) => a?.toLowerCase() === b?.toLowerCase();
const quoted = `'${vmName.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
const COLLECTION = "microsoft.compute/restorepointcollections";

/** The rows of one objectArray page (the SDK hands the array over keyed "0", "1", ...). */
const rows = async (query, subscriptions) => {
  const answer = await graph.resources({
    query,
    subscriptions,
    options: { resultFormat: "objectArray", top: 1000 },
  });
  return Object.values(answer.data ?? {});
};

// The subscription list is not an operation of @azure/arm-compute: its pipeline sends it, as the bot's does.
const listing = await compute("00000000-0000-0000-0000-000000000000").pipeline.sendRequest(
  createDefaultHttpClient(),
  createPipelineRequest({ url: `${endpoint}/subscriptions?api-version=2022-12-01`, method: "GET" }),
);
const subscriptions = JSON.parse(listing.bodyAsText ?? "{}").value.map((sub) => sub.subscriptionId);

const [vms] = await Promise.all([
  rows(
    `Resources | where type =~ 'microsoft.compute/virtualmachines' and name =~ ${quoted} | project id, name, location`,
    subscriptions,
  ),
  rows(
    `ComputeResources | where type =~ 'microsoft.compute/virtualmachinescalesets/virtualmachines' and name =~ ${quoted} | project id, name, location`,
    subscriptions,
  ),
]);
const found = vms[0];
if (!found) throw new Error(`${vmName} is not in the fleet`);

const client = compute(subscriptionOf(found.id));
const [vm, collections] = await Promise.all([
  client.virtualMachines.get(groupOf(found.id), found.name, { expand: "instanceView" }),
  rows(
    `Resources | where type =~ '${COLLECTION}' | extend sourceId = tostring(properties.source.id) | where sourceId contains '/virtualmachines/${vmName}' | project id, name, location, sourceId`,
    subscriptions,
  ),
  rows(
    `Resources | where type =~ '${COLLECTION}' | summarize count() by subscriptionId, location`,
    subscriptions,
  ),
]);
const diskIds = [
  vm.storageProfile?.osDisk?.managedDisk?.id,
  ...(vm.storageProfile?.dataDisks ?? []).map((disk) => disk.managedDisk?.id),
].filter(Boolean);
const own = collections.filter((collection) => sameId(collection.sourceId, vm.id));
await Promise.all([
  ...diskIds.map((id) => compute(subscriptionOf(id)).disks.get(groupOf(id), nameOf(id))),
  ...own.map((collection) =>
    compute(subscriptionOf(collection.id)).restorePointCollections.get(
      groupOf(collection.id),
      collection.name,
      {
        expand: "restorePoints",
      },
    ),
  ),
]);
