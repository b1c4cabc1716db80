/**
 * The built-in sample fleet (documented in ../SAMPLE-FLEET.md): two subscriptions, every row of the support
 * matrix and every rule code of docs/rule-codes.md. Built in code so restore point times are relative to `now`.
 */
import type { Fleet } from "../fleet-file.js";
import { subscriptionResources } from "./common.js";
import { diskScenarios } from "./disk-scenarios.js";
import { guestScenarios } from "./guest-scenarios.js";
import { historyScenarios } from "./history-scenarios.js";
import { placementScenarios } from "./placement.js";
import { stagingScenarios } from "./staging.js";
import { workloads } from "./workloads.js";

export { SAMPLE_SUBSCRIPTIONS } from "./common.js";

export function buildSampleFleet(now: Date): Fleet {
  return {
    resources: [
      ...subscriptionResources(),
      ...workloads(now),
      ...diskScenarios(now),
      ...placementScenarios(now),
      ...guestScenarios(now),
      ...historyScenarios(now),
      ...stagingScenarios(now),
    ],
  };
}
