/** `rpbot sim --delete-duration MS`: how long the simulator's deletes run, set from the command line. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { COMPUTE_API_VERSION, rawRequest } from "../support/sim-client.js";
import { PRODUCTION } from "../support/sim-fixture.js";
import { type SimProcess, startSimProcess } from "../support/sim-process.js";

const COLLECTION = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-vm-web-01`;

describe("rpbot sim --delete-duration 0 --restore-point-duration 600000", () => {
  let sim: SimProcess;
  let address: { endpoint: string; caPem: string };
  beforeAll(async () => {
    // Without the flag a delete would take 1 s here (the default, shorter than the 10-minute creations).
    sim = await startSimProcess(["--delete-duration", "0", "--restore-point-duration", "600000"]);
    address = { endpoint: sim.info.endpoint, caPem: readFileSync(sim.info.caFile, "utf8") };
  });
  afterAll(() => sim.stop());

  it("deletes at once: the point is gone at the next request and its operation has Succeeded", async () => {
    const expanded = await rawRequest(
      address,
      "GET",
      `${COLLECTION}?api-version=${COMPUTE_API_VERSION}&$expand=restorePoints`,
    );
    const points = (expanded.body as { properties: { restorePoints: Array<{ name: string }> } }).properties
      .restorePoints;
    const path = `${COLLECTION}/restorePoints/${points[0]?.name}?api-version=${COMPUTE_API_VERSION}`;
    const deletion = await rawRequest(address, "DELETE", path);
    expect(deletion.status).toBe(202);
    expect((await rawRequest(address, "GET", path)).status).toBe(404);
    const operation = await rawRequest(address, "GET", String(deletion.headers["azure-asyncoperation"]));
    expect(operation.body).toMatchObject({ status: "Succeeded" });
  });

  it("refuses a --delete-duration that is not a whole number, naming the flag", async () => {
    const bad = await runCli(["sim", "--delete-duration", "soon"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--delete-duration takes a whole number (got "soon")');
    expect(bad.stdout).toBe("");
  });
});
