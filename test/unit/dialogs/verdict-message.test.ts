import { describe, expect, it } from "vitest";
import type { Finding, ModeVerdict, Verdict } from "../../../src/core/verdict.js";
import type { BotMessage } from "../../../src/dialogs/message.js";
import { decodePress } from "../../../src/dialogs/press-codec.js";
import { renderVerdict, renderVerdictDetails } from "../../../src/dialogs/verdict.message.js";

const NOW = new Date("2026-12-03T12:00:00Z");
const VM_ID = "/subscriptions/s1/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01";
const LONG_DISK = "vm-web-01_OsDisk_1_6be82c47514c41579c3767ae76735f66";
const CACHING: Finding = {
  rule: "crash-readwrite-caching",
  message: `Disk ${LONG_DISK} uses ReadWrite host caching; newer Microsoft guidance says crash consistency is not guaranteed with ReadWrite caching.`,
};
const NFS: Finding = {
  rule: "nfs-not-captured",
  message: "Restore points capture only disks attached to the VM, not NFS shares.",
};
const BUSY: Finding = {
  rule: "creation-in-progress",
  message: "Restore point rp-1 of this VM is still being created.",
};

const allowed: ModeVerdict = { allowed: true, excludeDisks: [], blockers: [], nextAllowedAt: null };
const blocked = (...blockers: Finding[]): ModeVerdict => ({
  allowed: false,
  excludeDisks: [],
  blockers,
  nextAllowedAt: null,
});

function verdict(app: ModeVerdict, crash: ModeVerdict, advisories: Finding[] = []): Verdict {
  return {
    vm: { id: VM_ID, name: "vm-web-01", resourceGroup: "rg-web", subscriptionId: "s1", location: "eastus" },
    checkedAt: NOW.toISOString(),
    modes: { ApplicationConsistent: app, CrashConsistent: crash },
    advisories,
  };
}

const lines = (message: BotMessage) => (message.sections ?? []).flatMap((section) => section.lines);
const headings = (message: BotMessage) => (message.sections ?? []).map((section) => section.heading);
const render = (v: Verdict, portalUrl?: string) => renderVerdict(v, NOW, { offerCreate: true, portalUrl });

describe("the check answer in chat", () => {
  it("says a reason both modes share once, without a heading when it is the only one", () => {
    const message = render(verdict(blocked(BUSY), blocked(BUSY)));
    expect(lines(message)).toEqual([BUSY.message]);
    expect(headings(message)).toEqual([undefined]);
  });

  it("puts a shared reason under 'Both modes' when a mode has reasons of its own", () => {
    const soon: Finding = { rule: "too-soon", message: "Too soon." };
    const message = render(verdict(blocked(BUSY), blocked(BUSY, soon)));
    expect(message.sections).toEqual([
      { heading: "Both modes", lines: [BUSY.message] },
      { heading: "Crash-consistent", lines: ["Too soon."] },
    ]);
  });

  it("shows the caching caveat only where crash-consistent is offered, with the disk's name shortened", () => {
    const offered = render(verdict(allowed, allowed, [CACHING, NFS]));
    expect(lines(offered)).toEqual([
      "Disk vm-web-01_OsDisk_1_6be8… uses ReadWrite host caching; newer Microsoft guidance says crash consistency is not guaranteed with ReadWrite caching.",
    ]);
    const appOnly = render(verdict(allowed, blocked(BUSY), [CACHING, NFS]));
    expect(lines(appOnly)).not.toContainEqual(expect.stringMatching(/ReadWrite/));
    const nothing = render(verdict(blocked(BUSY), blocked(BUSY), [CACHING, NFS]));
    expect(headings(nothing)).not.toContain("Notes");
  });

  it("keeps every note in full, and the NFS note only there, in the details", () => {
    const message = render(verdict(allowed, allowed, [CACHING, NFS]));
    expect(JSON.stringify([message.sections, message.context, message.text])).not.toMatch(/NFS/);
    expect(message.details?.sections).toEqual([
      { heading: "All notes", lines: [CACHING.message, NFS.message] },
    ]);
  });

  it("names left-out disks by their full name and id in the details only", () => {
    const disk = {
      id: `${VM_ID.replace(/virtualMachines.*/, "disks/")}${LONG_DISK}`,
      name: LONG_DISK,
      rule: "ultra-disk" as const,
    };
    const message = render(verdict(allowed, { ...allowed, excludeDisks: [disk] }));
    expect(lines(message)).toEqual([
      "Leaves out vm-web-01_OsDisk_1_6be8…: Ultra disks are captured only by application-consistent restore points.",
    ]);
    expect(message.details?.sections).toEqual([
      { heading: "Disks left out", lines: [`${LONG_DISK}: ${disk.id}`] },
    ]);
  });

  it("offers the details as a press where they cannot fold out, and answers it with them alone", () => {
    const v = verdict(allowed, allowed, [NFS]);
    const message = render(v);
    expect(message.details?.button.label).toBe("Details");
    expect(decodePress(message.details?.button.action ?? "", message.details?.button.value ?? "")).toEqual({
      kind: "check",
      vm: { by: "id", id: VM_ID },
      details: true,
    });
    expect(renderVerdictDetails(v).sections).toEqual([{ heading: "All notes", lines: [NFS.message] }]);
    expect(render(verdict(allowed, allowed)).details).toBeUndefined();
  });

  it("links the VM into the portal of the cloud in use, and shows no link without one", () => {
    const message = render(verdict(allowed, allowed), "https://portal.azure.us/");
    expect(message.links).toEqual([
      { label: "Open vm-web-01 in the Azure portal", url: `https://portal.azure.us/#resource${VM_ID}` },
    ]);
    expect(render(verdict(allowed, allowed)).links).toEqual([]);
  });
});
