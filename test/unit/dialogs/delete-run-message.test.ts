import { describe, expect, it } from "vitest";
import { renderDeleteRunCard, renderDeleteRunSummary } from "../../../src/dialogs/delete-run.message.js";
import { decodePress } from "../../../src/dialogs/press-codec.js";
import type { RunReport } from "../../../src/operations/delivery.js";
import {
  type DeleteRunBody,
  type DeleteTarget,
  RUN_SCHEMA_VERSION,
  type Run,
  type RunItem,
  type RunItemState,
} from "../../../src/store/run-store.port.js";
import { textOf } from "../../support/bot-harness.js";

const AT = new Date("2026-12-01T10:00:00Z");
const VM = {
  id: "/subscriptions/s/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01",
  name: "vm-web-01",
  resourceGroup: "rg-web",
  subscriptionId: "s",
  location: "eastus",
  type: "virtualMachine" as const,
};

function target(index: number): DeleteTarget {
  const name = `rp-${String(index).padStart(3, "0")}`;
  return {
    kind: "restore-point",
    id: `/subscriptions/s/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-1/restorePoints/${name}`,
    name,
    subscriptionId: "s",
    resourceGroup: "rg-web",
    collectionName: "rpc-1",
  };
}

function reportOf(
  states: RunItemState[],
  options: {
    final?: boolean;
    run?: Partial<Run>;
    body?: Partial<DeleteRunBody>;
    item?: Partial<RunItem>[];
  } = {},
): RunReport {
  const body: DeleteRunBody = {
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "delete",
    asked: "prune",
    vm: VM,
    targets: states.map((_, index) => target(index)),
    notes: [],
    ...options.body,
  };
  const run: Run = {
    id: "run-1",
    kind: "delete",
    platform: "console",
    requestedBy: "console:alice",
    requestedByName: "Alice",
    conversationKey: "console:alice",
    label: "vm-web-01",
    body,
    state: "running",
    createdAt: AT,
    expiresAt: AT,
    decidedAt: AT,
    ...options.run,
  };
  const items = states.map(
    (state, position): RunItem => ({
      runId: run.id,
      position,
      state,
      updatedAt: AT,
      ...options.item?.[position],
    }),
  );
  return { run, jobs: [], items, final: options.final ?? false };
}

const repeat = (state: RunItemState, count: number): RunItemState[] =>
  Array.from({ length: count }, () => state);

describe("renderDeleteRunCard", () => {
  it("counts what has ended and what is going, with a Cancel button while running", () => {
    const card = renderDeleteRunCard(
      reportOf([...repeat("deleted", 120), ...repeat("started", 3), ...repeat("waiting", 277)]),
      undefined,
    );
    expect(card.title).toBe("Deleting 400 restore points of vm-web-01");
    expect(card.text).toBe("120 deleted, 3 running, 277 waiting");
    expect(card.people).toEqual([{ id: "console:alice", name: "Alice" }]);
    const [cancel] = card.buttons ?? [];
    expect(cancel && decodePress(cancel.action, cancel.value)).toEqual({
      kind: "run-cancel",
      runId: "run-1",
    });
  });

  it("offers no Cancel once cancelled or final, and names who cancelled", () => {
    const cancelled = renderDeleteRunCard(
      reportOf(["deleted", "started", "waiting"], {
        run: { state: "cancelled", cancelledBy: "console:bob" },
      }),
      undefined,
    );
    expect(cancelled.buttons).toBeUndefined();
    expect(cancelled.text).toMatch(
      /^1 deleted, 1 running, 1 waiting\. Cancelled by console:bob: nothing more/,
    );
    expect(cancelled.people).toContainEqual({ id: "console:bob" });
    expect(renderDeleteRunCard(reportOf(["deleted"], { final: true }), undefined).buttons).toBeUndefined();
  });
});

describe("renderDeleteRunSummary", () => {
  it("says everything was deleted, in one title, and cuts the long list", () => {
    const summary = renderDeleteRunSummary(reportOf(repeat("deleted", 400), { final: true }), "Europe/Paris");
    expect(summary.title).toBe("Deleted 400 restore points of vm-web-01");
    expect(summary.tone).toBe("success");
    const deleted = summary.sections?.find((section) => section.heading === "Deleted (400)");
    expect(deleted?.lines).toHaveLength(16);
    expect(deleted?.lines.at(-1)).toBe("and 385 more");
    expect(textOf(summary)).toMatch(/Requested by console:alice · run run-1 · ended 2026-12-01 11:00 CET/);
  });

  it("tells each outcome apart: refused with Azure's reason, failed with advice, unknown with what to do", () => {
    const summary = renderDeleteRunSummary(
      reportOf(["deleted", "already-gone", "refused", "failed", "unknown"], {
        final: true,
        item: [
          {},
          {},
          {
            code: "OperationNotAllowed",
            message: "A 'Create Restore Point' operation is in progress on it.",
          },
          { code: "DiskRestorePointUsedByCustomer", message: "There is an active shared access signature." },
          { code: "timeout", message: "ARM did not answer within 30 s." },
        ],
      }),
      undefined,
    );
    expect(summary.title).toBe(
      "2 of 5 restore points of vm-web-01 deleted; 2 could not be deleted, 1 not known yet",
    );
    expect(summary.tone).toBe("danger");
    const text = textOf(summary);
    expect(text).toContain(
      "rp-002: OperationNotAllowed: A 'Create Restore Point' operation is in progress on it.",
    );
    expect(text).toContain(
      "rp-003: DiskRestorePointUsedByCustomer: There is an active shared access signature.",
    );
    expect(text).toMatch(/shared access signature \(an export or a copy\)/);
    expect(text).toContain("rp-004: ARM did not answer within 30 s.");
    expect(text).toMatch(/may be gone\. Ask "list vm-web-01" in a few minutes/);
    // Unknown is never worded as failed.
    const unknown = summary.sections?.find((section) => section.heading === "Not known yet (1)");
    expect(unknown?.lines.join(" ")).not.toMatch(/fail/i);
  });

  it("says what a cancel skipped", () => {
    const summary = renderDeleteRunSummary(
      reportOf(["deleted", "skipped", "skipped"], {
        final: true,
        run: { state: "cancelled", cancelledBy: "console:alice" },
      }),
      undefined,
    );
    expect(summary.title).toBe("Cancelled: 1 of 3 restore points of vm-web-01 deleted");
    expect(summary.sections?.map((section) => section.heading)).toContain(
      "Skipped: cancelled before they started (2)",
    );
  });

  it("words a clean-up by its resource group, and a single delete by its point", () => {
    const cleanUp = renderDeleteRunSummary(
      reportOf(["deleted", "deleted"], {
        final: true,
        body: { asked: "clean-up", vm: undefined, scopeId: "/subscriptions/s/resourceGroups/rg-prod" },
      }),
      undefined,
    );
    expect(cleanUp.title).toBe("Deleted 2 empty collections in rg-prod");
    const one = renderDeleteRunSummary(
      reportOf(["deleted"], { final: true, body: { asked: "delete" } }),
      undefined,
    );
    expect(one.title).toBe("Deleted restore point rp-000 of vm-web-01");
  });
});
