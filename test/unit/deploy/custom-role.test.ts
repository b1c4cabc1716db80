/**
 * The custom role allows exactly what the bot's code calls: the Azure calls are found in src/ (sdk-calls.ts),
 * each is mapped to its RBAC action, and the set must equal the role's actions in deploy/azuredeploy.json
 * and the list in docs/permissions.md. The mapping itself is checked against the HTTP request each SDK
 * method sends, read from @azure/arm-compute's code.
 */
import { describe, expect, it } from "vitest";
import { customRole, readText } from "./arm-template.js";
import { actionOfRequest } from "./rbac.js";
import {
  ACTIONS_OF_CALL,
  actionsOf,
  allCalls,
  botSources,
  computeOperations,
  findComputeCalls,
  findRawRequests,
  POLL_OPERATION,
  sdkRequestOf,
} from "./sdk-calls.js";

/** The custom role's `actions`, after checking that it has nothing besides them. */
function customRoleActions(): string[] {
  const { permissions } = customRole();
  expect(permissions).toHaveLength(1);
  expect(permissions[0]?.notActions).toEqual([]);
  expect(permissions[0]?.dataActions).toBeUndefined();
  return permissions[0]?.actions ?? [];
}

const calls = allCalls(botSources());

describe("the Azure calls in src/", () => {
  it("are found: SDK operations, Resource Graph, poller resumption and the subscription reads", () => {
    const found = new Set(calls.map(({ call }) => call));
    for (const call of [
      "restorePoints.create",
      "restorePointCollections.createOrUpdate",
      "virtualMachines.get",
    ]) {
      expect(found).toContain(call);
    }
    for (const call of [
      "resourceGraph.resources",
      "restorePoller",
      "GET /subscriptions",
      "GET /subscriptions/{}",
    ]) {
      expect(found).toContain(call);
    }
  });

  it("are all known to the table of RBAC actions", () => {
    expect(actionsOf(calls).unknown).toEqual([]);
  });

  it("need exactly the custom role's actions", () => {
    const role = customRoleActions();
    expect([...role].sort()).toEqual(role);
    expect(role).toEqual(actionsOf(calls).actions);
  });
});

describe("the table of RBAC actions", () => {
  const operations = computeOperations();
  const sdkEntries = Object.entries(ACTIONS_OF_CALL).filter(([call]) =>
    operations.has(call.split(".")[0] ?? ""),
  );

  it("names only methods @azure/arm-compute has", () => {
    expect(sdkEntries.length).toBeGreaterThan(10);
    for (const [call] of sdkEntries) {
      const [group = "", method = ""] = call.split(".");
      expect(operations.get(group), call).toContain(method);
    }
  });

  it.each(sdkEntries)(
    "maps %s to the action of the request the SDK sends, plus polling when it is long-running",
    (call, actions) => {
      const [group = "", method = ""] = call.split(".");
      const request = sdkRequestOf(group, method);
      expect(actions[0]).toBe(actionOfRequest(request.method, request.path));
      expect(actions.includes(POLL_OPERATION)).toBe(request.longRunning);
      expect(actions).toHaveLength(request.longRunning ? 2 : 1);
    },
  );

  it("maps the raw subscription reads as the request they send", () => {
    expect(ACTIONS_OF_CALL["GET /subscriptions"]).toEqual([actionOfRequest("GET", "/subscriptions")]);
    expect(ACTIONS_OF_CALL["GET /subscriptions/{}"]).toEqual([
      actionOfRequest("GET", "/subscriptions/{subscriptionId}"),
    ]);
  });
});

describe("the scan", () => {
  const source = (text: string) => [{ file: "src/azure/example.ts", text }];

  it("reports a call the table does not know, so a new SDK call fails the tests above", () => {
    const found = findComputeCalls(
      source("await compute.virtualMachines.beginDeallocateAndWait(group, name);"),
    );
    expect(found).toEqual([
      { file: "src/azure/example.ts", line: 1, call: "virtualMachines.beginDeallocateAndWait" },
    ]);
    expect(actionsOf(found).unknown).toHaveLength(1);
  });

  it("follows a call split over lines and skips comments and look-alikes that are not SDK methods", () => {
    const text = [
      "// compute.disks.delete(group, name) would need more",
      "const disk = await clients",
      "  .compute(subscriptionId)",
      "  .disks.get(group, name);",
      "const shared = facts.disks.filter((each) => each.shared);",
    ].join("\n");
    expect(findComputeCalls(source(text)).map(({ call, line }) => [call, line])).toEqual([["disks.get", 4]]);
  });

  it("reports a raw request it cannot name", () => {
    const text = 'const request = createPipelineRequest({ url, method: "POST" });';
    expect(findRawRequests(source(text))).toEqual([
      { file: "src/azure/example.ts", line: 1, call: "raw request" },
    ]);
  });
});

describe("docs/permissions.md", () => {
  it("lists exactly the custom role's actions", () => {
    const section = readText("docs/permissions.md")
      .split(/^## /m)
      .find((part) => part.startsWith("The custom role's actions"));
    expect(section).toBeDefined();
    const listed = [...(section ?? "").matchAll(/^- `(Microsoft\.[A-Za-z]+\/[\w/]+)`/gm)].map(
      (match) => match[1],
    );
    expect([...listed].sort()).toEqual(customRoleActions());
  });

  it("names the built-in roles by their ids", () => {
    const text = readText("docs/permissions.md");
    expect(text).toContain("acdd72a7-3385-48ef-bd42-f606fba81ae7");
    expect(text).toContain("4633458b-17de-408a-b874-0445c86b69e6");
  });
});
