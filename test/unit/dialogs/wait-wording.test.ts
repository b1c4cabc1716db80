import { describe, expect, it } from "vitest";
import { describeWait } from "../../../src/dialogs/wait-wording.js";

describe("describeWait", () => {
  it.each([
    [1, "about a second"],
    [0.4, "about a second"],
    [37, "about 37 seconds"],
    [59.4, "about 59 seconds"],
    [59.6, "about a minute"],
    [60, "about a minute"],
    [89, "about a minute"],
    [90, "about 2 minutes"],
    [1200, "about 20 minutes"],
    [3569, "about 59 minutes"],
    [3590, "about an hour"],
    [3600, "about an hour"],
    [5400, "about 2 hours"],
    [23 * 3600, "about 23 hours"],
    [23.6 * 3600, "about a day"],
    [3 * 86_400, "about 3 days"],
  ])("words %s seconds as %s", (seconds, words) => {
    expect(describeWait(seconds)).toBe(words);
  });

  it.each([0, -5, Number.NaN])("words %s as a moment", (seconds) => {
    expect(describeWait(seconds)).toBe("a moment");
  });

  it("words an endless wait without a number", () => {
    expect(describeWait(Number.POSITIVE_INFINITY)).toBe("a long while");
  });
});
