import { describe, expect, it } from "vitest";
import { renderJobResult, renderResultPointer } from "../../../src/dialogs/job.message.js";
import { buildJob } from "../../integration/store/store-builders.js";

const POINT_ID =
  "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/rpc-vm/restorePoints/rp-crash-1";

describe("a job's result", () => {
  const job = buildJob({ id: "job-1", state: "succeeded", restorePointId: POINT_ID, finishedAt: new Date() });

  it("links the restore point into the portal instead of printing its id", () => {
    const { post } = renderJobResult(job, "UTC", "https://portal.azure.com");
    expect(post.links).toEqual([
      {
        label: "Open the restore point in the Azure portal",
        url: `https://portal.azure.com/#resource${POINT_ID}`,
      },
    ]);
    expect(JSON.stringify([post.context, post.facts, post.text])).not.toContain(POINT_ID);
  });

  it("keeps the id in the small print where there is no portal (the simulator)", () => {
    const { post } = renderJobResult(job, "UTC");
    expect(post.links).toBeUndefined();
    expect(post.context?.[0]).toBe(POINT_ID);
  });

  it("in the thread, is one line that links to the card holding it", () => {
    const pointer = renderResultPointer(job, "https://chat.test/card/1");
    expect(pointer).toMatchObject({
      tone: "success",
      links: [{ label: "See the result", url: "https://chat.test/card/1" }],
    });
    expect(pointer.facts).toBeUndefined();
    expect(pointer.title).toMatch(/succeeded$/);
  });
});
