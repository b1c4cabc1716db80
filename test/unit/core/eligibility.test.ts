import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/core/index.js";
import {
  buildCollection,
  buildDisk,
  buildFacts,
  buildHistory,
  buildOsDisk,
  buildPoint,
  NOW,
} from "./build-facts.js";

const rulesOf = (findings: { rule: string }[]) => findings.map((finding) => finding.rule);

describe("evaluate: a healthy VM", () => {
  it("allows both modes with no blockers and no exclusions", () => {
    const verdict = evaluate(buildFacts(), buildHistory(), NOW);
    for (const mode of [verdict.modes.ApplicationConsistent, verdict.modes.CrashConsistent]) {
      expect(mode).toEqual({ allowed: true, excludeDisks: [], blockers: [], nextAllowedAt: null });
    }
    expect(rulesOf(verdict.advisories)).toEqual(["nfs-not-captured"]);
    expect(verdict.matrix).toBeUndefined();
  });

  it("describes the VM and the time of the check", () => {
    const verdict = evaluate(buildFacts(), buildHistory(), NOW);
    expect(verdict.vm).toEqual({
      id: buildFacts().id,
      name: "vm-web-01",
      resourceGroup: "rg-web",
      subscriptionId: buildFacts().subscriptionId,
      location: "westeurope",
    });
    expect(verdict.checkedAt).toBe("2026-11-25T12:00:00.000Z");
  });

  it("is deterministic: the same input gives the same verdict", () => {
    const facts = buildFacts({
      securityType: "ConfidentialVM",
      kind: "vmss-uniform",
      availabilitySetId: "/as",
    });
    expect(evaluate(facts, buildHistory(), NOW, undefined, { explain: true })).toEqual(
      evaluate(facts, buildHistory(), NOW, undefined, { explain: true }),
    );
  });
});

describe("blockers of both modes", () => {
  it("unmanaged-disks: any disk that is a VHD blob blocks both modes and names the disk", () => {
    const facts = buildFacts({
      disks: [buildOsDisk(), buildDisk({ name: "old-vhd", managed: false, id: "https://x/y.vhd" })],
    });
    const verdict = evaluate(facts, buildHistory(), NOW);
    for (const mode of [verdict.modes.ApplicationConsistent, verdict.modes.CrashConsistent]) {
      expect(mode.allowed).toBe(false);
      expect(rulesOf(mode.blockers)).toEqual(["unmanaged-disks"]);
      expect(mode.blockers[0]?.message).toContain("old-vhd");
    }
  });

  it("unmanaged-disks: not raised for managed disks", () => {
    expect(rulesOf(evaluate(buildFacts(), buildHistory(), NOW).modes.CrashConsistent.blockers)).not.toContain(
      "unmanaged-disks",
    );
  });

  it.each(["ConfidentialVM", "confidentialvm", "CONFIDENTIALVM"])(
    "confidential-vm: securityType %s blocks",
    (securityType) => {
      const verdict = evaluate(buildFacts({ securityType }), buildHistory(), NOW);
      expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual(["confidential-vm"]);
      expect(rulesOf(verdict.modes.CrashConsistent.blockers)).toEqual(["confidential-vm"]);
    },
  );

  it.each(["TrustedLaunch", "Standard", undefined])(
    "confidential-vm: securityType %s does not block",
    (securityType) => {
      const verdict = evaluate(buildFacts({ securityType }), buildHistory(), NOW);
      expect(verdict.modes.CrashConsistent.allowed).toBe(true);
    },
  );

  it("vmss-uniform: a Uniform instance is blocked in both modes; a Flexible member is not", () => {
    const uniform = evaluate(buildFacts({ kind: "vmss-uniform" }), buildHistory(), NOW);
    expect(rulesOf(uniform.modes.ApplicationConsistent.blockers)).toEqual(["vmss-uniform"]);
    expect(rulesOf(uniform.modes.CrashConsistent.blockers)).toEqual(["vmss-uniform"]);
    const flex = evaluate(buildFacts({ kind: "vmss-flex", scaleSetId: "/vmss" }), buildHistory(), NOW);
    expect(flex.modes.CrashConsistent.allowed).toBe(true);
    expect(flex.modes.ApplicationConsistent.allowed).toBe(true);
  });

  it("lists several blockers in a fixed order: what the VM is, OS and agent, history, time", () => {
    const facts = buildFacts({
      kind: "vmss-uniform",
      securityType: "ConfidentialVM",
      disks: [buildOsDisk({ managed: false })],
      powerState: "deallocated",
      os: { type: "Windows", name: "Windows Server 2008 R2 Datacenter" },
    });
    const history = buildHistory({
      collections: [
        buildCollection({
          restorePoints: [buildPoint({ provisioningState: "Creating", timeCreated: NOW.toISOString() })],
        }),
      ],
    });
    const verdict = evaluate(facts, history, NOW);
    expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual([
      "vmss-uniform",
      "confidential-vm",
      "unmanaged-disks",
      "os-not-supported",
      "vm-agent-not-ready",
      "creation-in-progress",
      "too-soon",
    ]);
    expect(rulesOf(verdict.modes.CrashConsistent.blockers)).toEqual([
      "vmss-uniform",
      "confidential-vm",
      "unmanaged-disks",
      "creation-in-progress",
    ]);
  });
});

describe("application-consistent only blockers", () => {
  it("os-not-supported blocks application consistency and leaves crash consistency allowed", () => {
    const verdict = evaluate(
      buildFacts({ os: { type: "Windows", name: "Windows Server 2008 R2 Datacenter" } }),
      buildHistory(),
      NOW,
    );
    expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual(["os-not-supported"]);
    expect(verdict.modes.ApplicationConsistent.blockers[0]?.message).toContain(
      "Windows Server 2008 R2 Datacenter",
    );
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  it.each([
    [{ powerState: "deallocated" }, "the VM is deallocated"],
    [{ powerState: "stopped" }, "the VM is stopped"],
    [{ powerState: undefined }, "power state is unknown"],
    [{ agent: { status: "not-ready" as const } }, "the VM agent is not Ready"],
    [{ agent: { status: "unknown" as const } }, "reports no status"],
    [{ agent: { status: "unknown" as const, provisioned: false } }, "created without the VM agent"],
  ])("vm-agent-not-ready: %o -> says '%s'", (overrides, says) => {
    const verdict = evaluate(buildFacts(overrides), buildHistory(), NOW);
    expect(rulesOf(verdict.modes.ApplicationConsistent.blockers)).toEqual(["vm-agent-not-ready"]);
    expect(verdict.modes.ApplicationConsistent.blockers[0]?.message).toContain(says);
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  it("vm-agent-not-ready: one blocker naming every problem", () => {
    const verdict = evaluate(
      buildFacts({ powerState: "deallocated", agent: { status: "not-ready" } }),
      buildHistory(),
      NOW,
    );
    const blockers = verdict.modes.ApplicationConsistent.blockers;
    expect(blockers).toHaveLength(1);
    expect(blockers[0]?.message).toContain("deallocated");
    expect(blockers[0]?.message).toContain("not Ready");
  });

  it("vm-agent-not-ready: a running VM with a Ready agent (provisioned unknown) is fine", () => {
    const verdict = evaluate(
      buildFacts({ agent: { status: "ready" }, powerState: "Running" }),
      buildHistory(),
      NOW,
    );
    expect(verdict.modes.ApplicationConsistent.allowed).toBe(true);
  });
});

describe("no-disks-to-protect", () => {
  it("a VM with only an ephemeral OS disk has nothing to capture in either mode", () => {
    const facts = buildFacts({
      disks: [buildOsDisk({ ephemeral: true, id: "vm-web-01-os", caching: "ReadOnly" })],
    });
    const verdict = evaluate(facts, buildHistory(), NOW);
    for (const mode of [verdict.modes.ApplicationConsistent, verdict.modes.CrashConsistent]) {
      expect(mode.excludeDisks).toEqual([
        { id: "vm-web-01-os", name: "vm-web-01-os", rule: "ephemeral-os-disk" },
      ]);
      expect(rulesOf(mode.blockers)).toEqual(["no-disks-to-protect"]);
      expect(mode.nextAllowedAt).toBeNull();
    }
  });

  it("a VM whose only disks are Ultra: crash blocked, application allowed", () => {
    const facts = buildFacts({
      disks: [
        buildOsDisk({ storageAccountType: "UltraSSD_LRS" }),
        buildDisk({ storageAccountType: "UltraSSD_LRS" }),
      ],
    });
    const verdict = evaluate(facts, buildHistory(), NOW);
    expect(verdict.modes.ApplicationConsistent.allowed).toBe(true);
    expect(verdict.modes.ApplicationConsistent.excludeDisks).toEqual([]);
    expect(verdict.modes.CrashConsistent.allowed).toBe(false);
    expect(rulesOf(verdict.modes.CrashConsistent.blockers)).toEqual(["no-disks-to-protect"]);
    expect(verdict.modes.CrashConsistent.excludeDisks.map((disk) => disk.rule)).toEqual([
      "ultra-disk",
      "ultra-disk",
    ]);
  });

  it("a VM with no disks at all has nothing to capture", () => {
    const verdict = evaluate(buildFacts({ disks: [] }), buildHistory(), NOW);
    expect(rulesOf(verdict.modes.CrashConsistent.blockers)).toEqual(["no-disks-to-protect"]);
  });

  it("an ephemeral OS disk with a data disk leaves the data disk to capture", () => {
    const facts = buildFacts({ disks: [buildOsDisk({ ephemeral: true }), buildDisk()] });
    const verdict = evaluate(facts, buildHistory(), NOW);
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
    expect(verdict.modes.ApplicationConsistent.allowed).toBe(true);
  });
});

describe("custom limits", () => {
  it("uses the given Limits object instead of the seed's values", () => {
    const limits = {
      applicationConsistentIntervalMs: 30 * 60_000,
      crashConsistentIntervalMs: 10 * 60_000,
      maxRestorePointsPerVm: 5,
      maxCollectionsPerSubscriptionRegion: 3,
      retentionWarningAt: 4,
      collectionWarningAt: 2,
    };
    const points = [
      buildPoint({ timeCreated: "2026-11-25T11:40:00.000Z" }),
      buildPoint({ timeCreated: "2026-11-25T11:40:00.000Z", consistencyMode: "CrashConsistent" }),
      buildPoint({ timeCreated: "2026-11-01T00:00:00.000Z" }),
      buildPoint({ timeCreated: "2026-11-01T00:00:00.000Z" }),
    ];
    const history = buildHistory({ collections: [buildCollection({ restorePoints: points })] });
    const verdict = evaluate(buildFacts(), history, NOW, limits);
    expect(verdict.modes.ApplicationConsistent.nextAllowedAt).toBe("2026-11-25T12:10:00.000Z");
    expect(verdict.modes.ApplicationConsistent.blockers[0]?.message).toContain("30 minutes");
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
    expect(rulesOf(verdict.advisories)).toContain("retention-near-limit");

    const full = buildHistory({
      collections: [buildCollection({ restorePoints: [...points, buildPoint()] })],
    });
    expect(rulesOf(evaluate(buildFacts(), full, NOW, limits).modes.CrashConsistent.blockers)).toEqual([
      "restore-point-limit",
    ]);
    const nearlyCrowded = buildHistory({ collectionsInSubscriptionRegion: 2 });
    expect(rulesOf(evaluate(buildFacts(), nearlyCrowded, NOW, limits).advisories)).toContain(
      "collection-limit-near",
    );
    const crowded = buildHistory({ collectionsInSubscriptionRegion: 3 });
    expect(rulesOf(evaluate(buildFacts(), crowded, NOW, limits).modes.CrashConsistent.blockers)).toEqual([
      "collection-limit",
    ]);
  });
});
