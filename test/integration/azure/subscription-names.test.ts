/**
 * Subscriptions by the names people know them by, read from ARM through the real SDK pipeline against the
 * simulator: the listing's display names when the bot reads every subscription, one GET per subscription when
 * they are configured (AZURE_SUBSCRIPTION_IDS), and the id where no name can be had.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeScope } from "../../../src/azure/fleet-scope.js";
import type { ArmGateway } from "../../../src/azure/index.js";
import { DEFAULT_LIMITS } from "../../../src/core/limits.js";
import { buildFleetReport } from "../../../src/operations/fleet-report.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { gatewayFor } from "../../support/gateway.js";
import { PRODUCTION, STAGING, startSampleSimulator } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSampleSimulator();
});
afterAll(() => sim.close());

async function reportScope(arm: ArmGateway, scope: string): Promise<string> {
  const outcome = await buildFleetReport({ arm, limits: DEFAULT_LIMITS, now: () => new Date() }, scope);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report.scope;
}

describe("the fleet report's scope", () => {
  it("names a subscription by its display name and id, from the same listing as the ids", async () => {
    const gateway = gatewayFor(sim, { resourceGraph: false });
    sim.resetStats();
    expect(await reportScope(gateway, PRODUCTION)).toBe(`subscription Contoso Production (${PRODUCTION})`);
    expect(sim.stats().byRoute["subscriptions.list"]).toBe(1);
    expect(sim.stats().byRoute["subscriptions.get"]).toBeUndefined();
  });

  it("reads the name of each configured subscription, and reads no other subscription", async () => {
    const configured = gatewayFor(sim, { subscriptionIds: [PRODUCTION], resourceGraph: false });
    sim.resetStats();
    expect(await reportScope(configured, `/subscriptions/${PRODUCTION}/resourceGroups/rg-web`)).toBe(
      "resource group rg-web in Contoso Production",
    );
    expect(await reportScope(configured, "all")).toBe("all 1 subscription");
    const { byRoute } = sim.stats();
    // Once for both reports: the names are trusted as long as the subscription list.
    expect(byRoute["subscriptions.get"]).toBe(1);
    expect(byRoute["subscriptions.list"]).toBeUndefined();
  });

  it("shows the id of a subscription ARM gives no name for", async () => {
    const unknown = "99999999-9999-9999-9999-999999999999";
    const configured = gatewayFor(sim, { subscriptionIds: [PRODUCTION, unknown], resourceGraph: false });
    const names = await configured.subscriptions.displayNames();
    expect(names).toEqual(new Map([[PRODUCTION, "Contoso Production"]]));
    const group = { kind: "resource-group", resourceGroup: "rg-web" } as const;
    expect(describeScope({ ...group, subscriptionId: unknown }, 1, names)).toBe(
      `resource group rg-web in ${unknown}`,
    );
    expect(describeScope({ kind: "subscription", subscriptionId: unknown }, 1, names)).toBe(
      `subscription ${unknown}`,
    );
  });
});

describe("an ambiguous VM name", () => {
  it("comes with the display names of its candidates' subscriptions", async () => {
    const result = await gatewayFor(sim).resolve("vm-app-01");
    if (result.ok || result.code !== "vm-ambiguous") throw new Error(`expected ambiguity: ${result.ok}`);
    expect(result.subscriptionNames).toEqual({
      [PRODUCTION]: "Contoso Production",
      [STAGING]: "Contoso Staging",
    });
  });
});
