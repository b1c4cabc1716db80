import { describe, expect, it } from "vitest";
import { renderText } from "../../../../src/adapters/console/render-text.js";

describe("people in the terminal", () => {
  it("are named by plain name: the one given, else the local login without console:", () => {
    const text = renderText({
      title: "2 restore point(s) being created",
      tone: "info",
      sections: [{ lines: ["vm-web-01 by console:alice", "vm-sql-01 by teams:a11ce000"] }],
      people: [{ id: "console:alice" }, { id: "teams:a11ce000", name: "Alice Doe" }],
    });
    expect(text).toBe(
      "2 restore point(s) being created\n    - vm-web-01 by alice\n    - vm-sql-01 by Alice Doe",
    );
  });
});
