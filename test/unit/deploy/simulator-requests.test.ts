/**
 * The dynamic side of the custom role: the whole bot (the real SDK against the built-in simulator) checks VMs,
 * creates a restore point, follows it to the end and reports on the fleet, with Resource Graph and without.
 * Every request the simulator served is named by its route's method and path, turned into the RBAC action
 * Azure would check, and must be one the custom role allows. No chat command deletes yet, so the bot's own
 * deleter, on the bot's own ARM clients, deletes what the bot created, and the delete actions are checked too;
 * likewise its set finder lists an availability set's members.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { RestorePointDeleter } from "../../../src/azure/index.js";
import { KnownSubscriptions } from "../../../src/azure/known-subscriptions.js";
import { SetMembers } from "../../../src/azure/set-members.js";
import { ALL_ROUTES } from "../../../src/simulator/routes/index.js";
import { alice, button, type Harness, startHarness } from "../../support/bot-harness.js";
import { customRole } from "./arm-template.js";
import { actionOfRequest } from "./rbac.js";

const ROUTES = new Map(ALL_ROUTES.map((route) => [route.name, route]));

/** The routes the simulator served while `drive` ran, and the RBAC action of each. */
async function actionsWhile(env: Record<string, string>, drive: (h: Harness) => Promise<void>) {
  const h = await startHarness({ env });
  try {
    const simulator = h.runtime.arm.simulator;
    if (!simulator) throw new Error("the harness runs no built-in simulator");
    await drive(h);
    await h.runtime.jobs.idle();
    const served = Object.keys(simulator.stats().byRoute);
    return served.map((name) => {
      const route = ROUTES.get(name);
      if (!route) throw new Error(`the simulator served a request no route knows: ${name}`);
      return { route: name, action: actionOfRequest(route.method, route.template) };
    });
  } finally {
    await h.close();
  }
}

async function checkAndCreate(h: Harness): Promise<void> {
  await h.say(alice, "check vm-sql-01");
  await h.say(alice, "check vmss-web_0");
  const plan = await h.say(alice, "create vm-web-02 crash");
  await h.press(alice, button(plan, /^Create crash/));
  await h.runtime.jobs.idle();
  expect(h.told.map((job) => job.state)).toEqual(["succeeded"]);
}

/** Deletes the restore point the job created, then its collection, and follows both to the end. */
async function checkCreateAndDelete(h: Harness): Promise<void> {
  await checkAndCreate(h);
  const [job] = h.told;
  if (!job?.restorePointName) throw new Error("the job named no restore point");
  const deleter = new RestorePointDeleter(h.runtime.arm.gateway.clients, 20);
  const collection = {
    subscriptionId: job.subscriptionId,
    resourceGroup: job.resourceGroup,
    collectionName: job.collectionName,
  };
  const point = await deleter.start({ ...collection, restorePointName: job.restorePointName });
  if (point.state !== "started") throw new Error(`the delete did not start: ${JSON.stringify(point)}`);
  expect((await deleter.follow(point.operation)).state).toBe("deleted");
  expect((await deleter.deleteCollection(collection)).state).toBe("deleted");
}

/** Reports run without Resource Graph: with it, the simulator's graph quota (15 queries in 5 s) paces them. */
async function checkCreateAndReport(h: Harness): Promise<void> {
  await checkAndCreate(h);
  await h.say(alice, "report rg-web");
  await h.say(alice, "report all");
  await findSetMembers(h);
}

/**
 * No chat command protects a set yet: the bot's own set finder, on the bot's ARM clients and without Resource
 * Graph, lists the members of the sample fleet's availability set.
 */
async function findSetMembers(h: Harness): Promise<void> {
  const { clients } = h.runtime.arm.gateway;
  const finder = new SetMembers({ clients, subscriptions: new KnownSubscriptions(clients, [], 60_000) });
  const found = await finder.find({ kind: "availability-set", name: "avset-app" }, 200);
  expect(found.ok && found.members.length).toBeGreaterThan(1);
}

describe("the requests the bot sends", () => {
  const role = customRole().permissions.flatMap((permission) => permission.actions);
  let withGraph: Array<{ route: string; action: string }>;
  let withoutGraph: Array<{ route: string; action: string }>;
  beforeAll(async () => {
    withGraph = await actionsWhile({}, checkCreateAndDelete);
    withoutGraph = await actionsWhile({ RPBOT_RESOURCE_GRAPH: "off" }, checkCreateAndReport);
  }, 60_000);

  it("are all allowed by the custom role, with Resource Graph", () => {
    expect(withGraph.filter(({ action }) => !role.includes(action))).toEqual([]);
    expect(withGraph.map(({ route }) => route)).toEqual(
      expect.arrayContaining([
        "resourceGraph.resources",
        "restorePoints.delete",
        "restorePointCollections.delete",
      ]),
    );
  });

  it("are all allowed by the custom role, with ARM listings instead of Resource Graph", () => {
    expect(withoutGraph.filter(({ action }) => !role.includes(action))).toEqual([]);
    const routes = withoutGraph.map(({ route }) => route);
    expect(routes).not.toContain("resourceGraph.resources");
    expect(routes).toEqual(
      expect.arrayContaining([
        "virtualMachines.listAll",
        "virtualMachineScaleSets.listAll",
        "availabilitySets.listBySubscription",
      ]),
    );
  });

  it("need, together, every action of the custom role: the role holds nothing the bot does not use", () => {
    const used = new Set([...withGraph, ...withoutGraph].map(({ action }) => action));
    expect([...used].sort()).toEqual([...role].sort());
  });
});
