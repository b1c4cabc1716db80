/** `--explain`: each row of the matrix, whether it concerns the VM and what it meant, from the verdict's own findings. */
import { describe, expect, it } from "vitest";
import { evaluate, SUPPORT_MATRIX } from "../../../src/core/index.js";
import {
  buildCollection,
  buildDisk,
  buildFacts,
  buildHistory,
  buildOsDisk,
  buildPoint,
  hoursBefore,
  NOW,
} from "./build-facts.js";

describe("explain", () => {
  it("is absent unless asked for", () => {
    expect(evaluate(buildFacts(), buildHistory(), NOW).matrix).toBeUndefined();
    expect(evaluate(buildFacts(), buildHistory(), NOW, undefined, { explain: false }).matrix).toBeUndefined();
  });

  it("has one entry per matrix row, in the matrix's order, each with an outcome", () => {
    const matrix = evaluate(buildFacts(), buildHistory(), NOW, undefined, { explain: true }).matrix ?? [];
    expect(matrix).toHaveLength(SUPPORT_MATRIX.length);
    matrix.forEach((row, index) => {
      expect(row.rule).toBe(SUPPORT_MATRIX[index]?.rule);
      expect(row.scenario).toBe(SUPPORT_MATRIX[index]?.scenario);
      expect(row.outcome.length).toBeGreaterThan(0);
      expect(Object.keys(row).sort()).toEqual(["applies", "outcome", "rule", "scenario"]);
    });
  });

  function explained(facts = buildFacts(), history = buildHistory()) {
    const matrix = evaluate(facts, history, NOW, undefined, { explain: true }).matrix ?? [];
    return (scenario: string) => matrix.find((row) => row.scenario.startsWith(scenario));
  }

  it("marks what concerns a healthy Windows Server 2022 VM", () => {
    const row = explained();
    expect(row("The VM uses managed disks")?.applies).toBe(true);
    expect(row("The VM uses Trusted Launch")?.applies).toBe(true);
    expect(row("Windows Server 2022")).toMatchObject({
      applies: true,
      outcome: "Windows Server 2022 Datacenter is on the list: supported.",
    });
    expect(row("Windows Server 2019")?.applies).toBe(false);
    expect(row("Windows Server 2019")?.outcome).toBe("Does not apply to this VM.");
    expect(row("The VM runs Linux")?.applies).toBe(false);
    expect(row("The VM has Ultra Disks")?.applies).toBe(false);
    expect(row("Minimum time between application-consistent")?.outcome).toBe(
      "No earlier application-consistent restore point; the 3 hours interval does not hold one back.",
    );
    expect(row("At most 500 restore points")?.outcome).toBe(
      "This VM retains 0 of at most 500 restore points.",
    );
    expect(row("At most 10,000 restore point collections")?.outcome).toBe(
      "12 of 10,000 collections used in this subscription and region.",
    );
    expect(row("Application consistency needs a running VM")?.outcome).toBe(
      "The VM is running and its VM agent is Ready.",
    );
    expect(row("The VM uses managed disks")?.outcome).toBe("Supported.");
    expect(row("Crash consistency and the operating system")?.outcome).toBe(
      "Application-consistent: See the OS lists above. Crash-consistent: Every OS is supported.",
    );
  });

  it("uses the verdict's own messages for rows that block, exclude or advise", () => {
    const facts = buildFacts({
      disks: [buildOsDisk(), buildDisk({ name: "fast", storageAccountType: "UltraSSD_LRS" })],
      availabilitySetId: "/as",
    });
    const history = buildHistory({
      collections: [buildCollection({ restorePoints: [buildPoint({ timeCreated: hoursBefore(NOW, 1) })] })],
    });
    const row = explained(facts, history);
    expect(row("The VM has Ultra Disks")).toMatchObject({
      applies: true,
      outcome: "Crash-consistent: Left out: fast.",
    });
    expect(row("Minimum time between application-consistent")?.outcome).toMatch(
      /^Application-consistent: The newest application-consistent restore point \(rp-\d+\) was created at/,
    );
    expect(row("Minimum time between crash-consistent")?.outcome).toBe(
      "No earlier crash-consistent restore point; the 1 hour interval does not hold one back.",
    );
    expect(row("The VM is in an availability set")?.outcome).toBe(
      "This VM is in an availability set; protecting the whole set needs a restore point of every VM in it.",
    );
  });

  it("shows a both-mode blocker once", () => {
    const row = explained(buildFacts({ securityType: "ConfidentialVM" }));
    expect(row("The VM is a confidential VM")).toEqual({
      rule: "confidential-vm",
      scenario: "The VM is a confidential VM",
      applies: true,
      outcome: "This is a confidential VM; restore points do not support confidential VMs.",
    });
  });

  it("names on a row only the blockers of its own rule, though the mode has others", () => {
    const row = explained(buildFacts({ securityType: "ConfidentialVM", kind: "vmss-uniform" }));
    expect(row("The VM is a confidential VM")?.outcome).toBe(
      "This is a confidential VM; restore points do not support confidential VMs.",
    );
    expect(row("The VM is an instance of a Uniform scale set")?.outcome).toBe(
      "This VM is an instance of a Uniform scale set; restore points do not support Uniform scale-set instances.",
    );
  });

  it("names on a row only the disks left out under its own rule", () => {
    const facts = buildFacts({
      disks: [buildOsDisk({ name: "os", ephemeral: true }), buildDisk({ name: "shared", maxShares: 2 })],
    });
    const row = explained(facts);
    expect(row("The VM has an ephemeral OS disk")?.outcome).toBe("Left out: os.");
    expect(row("The VM has shared disks")?.outcome).toBe("Left out: shared.");
    expect(row("Nothing is left to capture")?.outcome).toBe(
      "Application-consistent: A application-consistent restore point would capture nothing: every disk is excluded: os (ephemeral-os-disk), shared (shared-disk). " +
        "Crash-consistent: A crash-consistent restore point would capture nothing: every disk is excluded: os (ephemeral-os-disk), shared (shared-disk).",
    );
  });

  it("explains why an OS is not supported on the Windows rows", () => {
    const row = explained(
      buildFacts({ os: { type: "Windows", name: "Windows Server 2012 R2 Datacenter Core" } }),
    );
    expect(row("Windows Server 2012 R2")?.outcome).toContain(
      "Application-consistent: This VM runs Windows Server 2012 R2",
    );
    expect(row("The VM runs Windows")?.applies).toBe(true);
    expect(row("The OS is past Microsoft's extended security updates")?.applies).toBe(true);
  });

  it("explains an operating system that cannot be identified on a row of its own", () => {
    const row = explained(buildFacts({ os: {} }));
    expect(row("The VM's operating system could not be identified")).toMatchObject({
      rule: "os-not-supported",
      applies: true,
      outcome: expect.stringMatching(/^Application-consistent: Could not identify the operating system/),
    });
    expect(row("The VM runs Windows")?.applies).toBe(false);
    expect(row("The VM runs Linux")?.applies).toBe(false);
  });

  it("does not call Core OS or a 32-bit Linux endorsed", () => {
    const coreOs = explained(buildFacts({ os: { type: "Linux", name: "coreos" } }));
    expect(coreOs("The VM runs Linux")?.outcome).toBe("coreos is not supported for application consistency.");
    const ubuntu32 = explained(buildFacts({ os: { type: "Linux", name: "ubuntu", bitness: 32 } }));
    expect(ubuntu32("The VM runs Linux")?.outcome).toBe(
      "ubuntu (32-bit) is not supported for application consistency.",
    );
    const ubuntu = explained(buildFacts({ os: { type: "Linux", name: "ubuntu" } }));
    expect(ubuntu("The VM runs Linux")?.outcome).toBe("Ubuntu is endorsed by Azure: supported.");
  });

  it("describes the limits from the VM's own history when they do not block", () => {
    const points = [
      buildPoint({ timeCreated: "2026-11-24T06:00:00.000Z" }),
      buildPoint({ consistencyMode: "CrashConsistent", timeCreated: "2026-11-25T10:00:00.000Z" }),
    ];
    const row = explained(
      buildFacts(),
      buildHistory({ collections: [buildCollection({ restorePoints: points })] }),
    );
    expect(row("At most 10,000 restore point collections")?.outcome).toBe(
      "The VM already has a collection in westeurope, so no new one is needed.",
    );
    expect(row("At most 500 restore points")?.outcome).toBe(
      "This VM retains 2 of at most 500 restore points.",
    );
    expect(row("Minimum time between application-consistent")?.outcome).toBe(
      "The newest application-consistent restore point is from 2026-11-24T06:00:00.000Z, at least 3 hours ago.",
    );
    expect(row("Minimum time between crash-consistent")?.outcome).toBe(
      "The newest crash-consistent restore point is from 2026-11-25T10:00:00.000Z, at least 1 hour ago.",
    );
  });

  it("says how many collections the region holds, or that they were not counted", () => {
    const counted = explained(buildFacts(), buildHistory({ collectionsInSubscriptionRegion: 1_234 }));
    expect(counted("At most 10,000 restore point collections")?.outcome).toBe(
      "1,234 of 10,000 collections used in this subscription and region.",
    );
    const history = buildHistory();
    delete history.collectionsInSubscriptionRegion;
    expect(explained(buildFacts(), history)("At most 10,000 restore point collections")?.outcome).toBe(
      "The collections of this subscription and region were not counted.",
    );
  });

  it("lists every disk a row leaves out, and none it leaves to an earlier reason", () => {
    const facts = buildFacts({
      disks: [
        buildOsDisk(),
        buildDisk({ name: "u1", storageAccountType: "UltraSSD_LRS" }),
        buildDisk({ name: "u2", lun: 1, storageAccountType: "UltraSSD_LRS" }),
      ],
    });
    expect(explained(facts)("The VM has Ultra Disks")?.outcome).toBe("Crash-consistent: Left out: u1, u2.");
    const sharedUltra = buildFacts({
      disks: [buildOsDisk(), buildDisk({ name: "su", maxShares: 2, storageAccountType: "UltraSSD_LRS" })],
    });
    const row = explained(sharedUltra);
    expect(row("The VM has shared disks")?.outcome).toBe("Left out: su.");
    expect(row("The VM has Ultra Disks")).toMatchObject({
      applies: true,
      outcome:
        "Application-consistent: Captured. Crash-consistent: Left out of the restore point; the other disks are captured.",
    });
  });
});
