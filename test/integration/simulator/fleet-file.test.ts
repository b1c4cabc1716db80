/** Fleet files: loading, and validation errors that name the file, the resource and the field. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSampleFleet, FleetFileError, loadFleetFile } from "../../../src/simulator/index.js";
import { PRODUCTION } from "../../support/sim-fixture.js";

type Resource = Record<string, unknown> & { id: string; name: string; type: string };

const directory = mkdtempSync(join(tmpdir(), "rpbot-fleet-test-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function writeFleet(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

function problemsOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(FleetFileError);
    expect((error as FleetFileError).code).toBe("bad-fleet-file");
    return (error as Error).message;
  }
  throw new Error("expected a FleetFileError");
}

const goodVm = buildSampleFleet(new Date()).resources.find(
  (resource) => (resource as Resource).name === "vm-web-02",
) as Resource;

describe("fleet file validation", () => {
  it("names the file when it is missing or not JSON", () => {
    expect(problemsOf(() => loadFleetFile(join(directory, "missing.json")))).toMatch(
      /missing\.json: cannot read the fleet file/,
    );
    expect(problemsOf(() => loadFleetFile(writeFleet("broken.json", "{ nope")))).toMatch(
      /broken\.json: not valid JSON/,
    );
    expect(problemsOf(() => loadFleetFile(writeFleet("array.json", [])))).toMatch(
      /array\.json: the fleet must be an object/,
    );
  });

  it("names the resource index, its name and the field", () => {
    const noOsDisk = structuredClone(goodVm);
    const properties = noOsDisk.properties as { storageProfile: Record<string, unknown> };
    delete properties.storageProfile.osDisk;
    const fleet = {
      resources: [
        goodVm,
        noOsDisk,
        {
          id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/disks/d1",
          type: "Microsoft.Compute/disks",
        },
        { ...goodVm, id: "not-an-id" },
        { ...goodVm, type: "Microsoft.Compute/disks" },
        {
          id: `/subscriptions/${PRODUCTION}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/rpc`,
          name: "rpc",
          type: "Microsoft.Compute/restorePointCollections",
          location: "eastus",
          properties: {
            source: { id: "x" },
            restorePoints: [{ name: "rp", id: "elsewhere", properties: { timeCreated: "yesterday" } }],
          },
        },
      ],
    };
    const message = problemsOf(() => loadFleetFile(writeFleet("bad.json", fleet)));
    expect(message).toContain(
      `bad.json: resources[1] (vm-web-02): field "id" duplicates the id of resources[0]`,
    );
    expect(message).toContain(
      `bad.json: resources[1] (vm-web-02): field "properties.storageProfile.osDisk" must be an object`,
    );
    expect(message).toContain(`bad.json: resources[2]: field "name" must be a string`);
    expect(message).toContain(`resources[2]: field "location" must be a string`);
    expect(message).toContain(`resources[3] (vm-web-02): field "id" "not-an-id" is not an ARM resource id`);
    expect(message).toContain(
      `resources[4] (vm-web-02): field "type" "Microsoft.Compute/disks" does not match the id's type`,
    );
    expect(message).toContain(
      `resources[5] (rpc): field "properties.restorePoints[0].id" must be the collection's id`,
    );
    expect(message).toContain(
      `resources[5] (rpc): field "properties.restorePoints[0].properties.timeCreated" must be an ISO-8601 date`,
    );
  });

  it("loads a valid file and keeps unknown fields", () => {
    const vm = { ...structuredClone(goodVm), somethingNew: { kept: true } };
    const fleet = loadFleetFile(writeFleet("good.json", { resources: [vm] }));
    expect((fleet.resources[0] as Resource).somethingNew).toEqual({ kept: true });
  });
});
