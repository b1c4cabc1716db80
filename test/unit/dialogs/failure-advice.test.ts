import { describe, expect, it } from "vitest";
import { adviceFor } from "../../../src/dialogs/failure-advice.js";

describe("adviceFor", () => {
  it.each([
    ["throttled", "Azure is throttling requests while creating (429); try again in a minute."],
    ["TooManyRequests", "The request is being throttled."],
    // Compute's 429 body: code OperationNotAllowed, which alone would mean "the VM changed".
    [
      "OperationNotAllowed",
      "The server rejected the request because too many requests have been received for this subscription.",
    ],
  ])("explains Azure's own creation throttle for %s", (code, message) => {
    const advice = adviceFor(code, message);
    expect(advice).toContain("nothing was created");
    expect(advice).toContain("about 3 restore point creations per VM per hour for each consistency mode");
  });

  it("still reads a plain OperationNotAllowed as a changed VM", () => {
    expect(adviceFor("OperationNotAllowed", "Changes were made to the Virtual Machine while ...")).toContain(
      "something changed since the plan",
    );
  });
});
