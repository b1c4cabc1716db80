/**
 * The end of an OS's security updates (os-lifecycle.ts), at each boundary: 181 and 180 days before the last
 * day, the day before, the last day itself (still covered), and the day after (os-not-supported), for every
 * product and edition entry. The clock is the argument `now`; nothing else.
 */
import { describe, expect, it } from "vitest";
import {
  evaluate,
  type OsFacts,
  WINDOWS_APP_CONSISTENT_SUPPORT,
  WINDOWS_SECURITY_UPDATES_END,
} from "../../../src/core/index.js";
import { buildFacts, buildHistory } from "./build-facts.js";

const DAY_MS = 86_400_000;
/** `days` whole days after the UTC day `date` (negative: before), at `time` of that day. */
const dayFrom = (date: string, days: number, time = "12:00:00.000Z") =>
  new Date(Date.parse(`${date}T${time}`) + days * DAY_MS);
const windows = (name: string, extra: Partial<OsFacts> = {}): OsFacts => ({
  type: "Windows",
  name,
  ...extra,
});
const desktopImage = (sku: string) => ({ publisher: "MicrosoftWindowsDesktop", offer: "Windows-10", sku });

function verdictOn(os: OsFacts, now: Date, explain = false) {
  return evaluate(buildFacts({ os }), buildHistory(), now, undefined, { explain });
}
function findingsOn(os: OsFacts, now: Date) {
  const verdict = verdictOn(os, now);
  const app = verdict.modes.ApplicationConsistent.blockers.filter((b) => b.rule === "os-not-supported");
  const advisory = verdict.advisories.find((found) => found.rule === "os-end-of-support");
  return { app, advisory, crashAllowed: verdict.modes.CrashConsistent.allowed };
}

/** Every product and edition entry, with a VM that runs it and the last day that applies. */
const ENTRIES: Array<[label: string, os: OsFacts, lastDay: string]> = [
  ["Windows Server 2022", windows("Windows Server 2022 Datacenter"), "2031-10-14"],
  ["Windows Server 2019", windows("Windows Server 2019 Standard"), "2029-01-09"],
  ["Windows Server 2016", windows("Windows Server 2016 Datacenter"), "2027-01-12"],
  ["Windows Server 2012 R2", windows("Windows Server 2012 R2 Datacenter"), "2026-10-13"],
  ["Windows Server 2012", windows("Windows Server 2012 Standard"), "2026-10-13"],
  ["Windows 10 Enterprise", windows("Windows 10 Enterprise", { version: "10.0.19045" }), "2028-10-10"],
  ["Windows 10 Education", windows("Windows 10 Education"), "2028-10-10"],
  ["Windows 10 Pro", windows("Windows 10 Pro"), "2028-10-10"],
  ["Windows 10 Enterprise multi-session", windows("Windows 10 Enterprise multi-session"), "2028-10-10"],
  ["Windows 10 Home", windows("Windows 10 Home"), "2027-10-12"],
  ["Windows 10 Enterprise 2015 LTSB", windows("Windows 10 Enterprise 2015 LTSB"), "2025-10-14"],
  ["Windows 10 Enterprise 2016 LTSB", windows("Windows 10 Enterprise 2016 LTSB"), "2026-10-13"],
  ["Windows 10 IoT Enterprise LTSB 2016", windows("Windows 10 IoT Enterprise LTSB 2016"), "2026-10-13"],
  ["Windows 10 Enterprise LTSC 2019", windows("Windows 10 Enterprise LTSC 2019"), "2029-01-09"],
  ["Windows 10 IoT Enterprise LTSC 2019", windows("Windows 10 IoT Enterprise LTSC 2019"), "2029-01-09"],
  ["Windows 10 Enterprise LTSC 2021", windows("Windows 10 Enterprise LTSC 2021"), "2027-01-12"],
  ["Windows 10 IoT Enterprise LTSC 2021", windows("Windows 10 IoT Enterprise LTSC 2021"), "2032-01-13"],
];

describe.each(ENTRIES)("%s: security updates end on %s", (_label, os, lastDay) => {
  it("181 days before the last day: nothing to say", () => {
    const found = findingsOn(os, dayFrom(lastDay, -181));
    expect(found.app).toEqual([]);
    expect(found.advisory).toBeUndefined();
  });

  it("180 days before: the advisory starts, naming the date and the days left", () => {
    const found = findingsOn(os, dayFrom(lastDay, -180, "00:00:00.000Z"));
    expect(found.app).toEqual([]);
    expect(found.advisory?.message).toContain(`end on ${lastDay}, in 180 days;`);
  });

  it("the day before: one day left", () => {
    const found = findingsOn(os, dayFrom(lastDay, -1, "23:59:59.999Z"));
    expect(found.app).toEqual([]);
    expect(found.advisory?.message).toContain(`end on ${lastDay}, in 1 day;`);
  });

  it("the last day, to its last millisecond: still covered", () => {
    for (const time of ["00:00:00.000Z", "23:59:59.999Z"]) {
      const found = findingsOn(os, dayFrom(lastDay, 0, time));
      expect(found.app).toEqual([]);
      expect(found.advisory?.message).toContain(`end today, on ${lastDay};`);
    }
  });

  it("the day after: os-not-supported, naming the date; crash consistency still allowed", () => {
    for (const days of [1, 400]) {
      const found = findingsOn(os, dayFrom(lastDay, days, "00:00:00.000Z"));
      expect(found.app).toHaveLength(1);
      expect(found.app[0]?.message).toContain(`ended on ${lastDay};`);
      expect(found.advisory).toBeUndefined();
      expect(found.crashAllowed).toBe(true);
    }
  });
});

describe("the words", () => {
  const server2016 = windows("Windows Server 2016 Datacenter");

  it("blocks with the date, and says crash consistency still works", () => {
    expect(findingsOn(windows("Windows Server 2012 R2 Datacenter"), dayFrom("2026-12-02", 0)).app).toEqual([
      {
        rule: "os-not-supported",
        message:
          "This VM runs Windows Server 2012 R2 Datacenter, whose security updates, extended security updates included, ended on 2026-10-13; restore points do not support an OS past its extended security updates for application consistency. Crash-consistent restore points still work: use one instead.",
      },
    ]);
  });

  it("advises with the date and the days left", () => {
    expect(findingsOn(server2016, dayFrom("2026-12-02", 0)).advisory?.message).toBe(
      "Microsoft's security updates for Windows Server 2016 Datacenter, extended security updates included, end on 2027-01-12, in 41 days; after that day, restore points no longer support it for application consistency. Crash-consistent restore points still will.",
    );
    expect(findingsOn(server2016, dayFrom("2026-12-02", 0)).advisory?.message).toContain("41 days");
  });

  it("names the VM's own edition and servicing channel", () => {
    const now = dayFrom("2026-12-02", 0);
    expect(findingsOn(windows("Windows 10 IoT Enterprise LTSB 2016"), now).app[0]?.message).toContain(
      "This VM runs Windows 10 IoT Enterprise LTSB 2016, whose",
    );
    expect(findingsOn(windows("Windows 10 Enterprise 2016 LTSB"), now).app[0]?.message).toContain(
      "This VM runs Windows 10 Enterprise LTSB 2016, whose",
    );
  });
});

describe("an edition that cannot be told resolves to the earliest date, and says so", () => {
  it.each<[string, OsFacts, string, string]>([
    ["Windows 10 without an edition", windows("Windows 10"), "2027-10-12", "Windows 10"],
    [
      "a desktop image without an edition",
      { type: "Windows", image: desktopImage("win10-22h2-g2") },
      "2027-10-12",
      "Windows 10",
    ],
    ["an LTSC without a year", windows("Windows 10 Enterprise LTSC"), "2025-10-14", "Windows 10"],
    ["an IoT LTSC without a year", windows("Windows 10 IoT Enterprise LTSC"), "2025-10-14", "Windows 10 IoT"],
  ])("%s -> %s", (_label, os, lastDay, version) => {
    const assumed = `${lastDay} (the edition could not be identified, so the earliest date among the editions of ${version} is assumed)`;
    const before = findingsOn(os, dayFrom(lastDay, -10));
    expect(before.advisory?.message).toContain(`end on ${assumed}, in 10 days;`);
    const after = findingsOn(os, dayFrom(lastDay, 1));
    expect(after.app[0]?.message).toContain(`ended on ${assumed};`);
  });

  it("names what it found when the year is missing", () => {
    const now = dayFrom("2026-12-02", 0);
    expect(findingsOn(windows("Windows 10 Enterprise LTSC"), now).app[0]?.message).toContain(
      "This VM runs Windows 10 Enterprise LTSC, whose",
    );
    const image = { type: "Windows" as const, image: desktopImage("win10-ltsc") };
    expect(findingsOn(image, now).app[0]?.message).toContain("This VM runs Windows 10 LTSC, whose");
  });

  it("does not assume for a Windows Server edition: every edition shares the dates", () => {
    const found = findingsOn(windows("Windows Server 2016"), dayFrom("2027-01-12", -10));
    expect(found.advisory?.message).toContain("end on 2027-01-12, in 10 days;");
  });
});

describe("Windows 10 editions from the marketplace image", () => {
  it.each<[string, string]>([
    ["win10-22h2-ent-g2", "2028-10-10"],
    ["win10-22h2-entn", "2028-10-10"],
    ["win10-22h2-avd-g2", "2028-10-10"],
    ["win10-22h2-pro", "2028-10-10"],
    ["win10-22h2-pron-g2", "2028-10-10"],
    ["rs5-enterprise", "2028-10-10"],
    ["win10-21h2-ent-ltsc", "2027-01-12"],
    ["win10-21h2-entn-ltsc-g2", "2027-01-12"],
    ["rs5-enterprise-ltsc", "2029-01-09"],
    ["win10-ltsc", "2025-10-14"],
  ])("%s -> %s", (sku, lastDay) => {
    const os: OsFacts = { type: "Windows", image: desktopImage(sku) };
    expect(findingsOn(os, dayFrom(lastDay, -10)).advisory?.message).toContain(`end on ${lastDay}`);
  });

  it("lets the agent's name win over the image, and keeps the image's servicing channel", () => {
    const image = desktopImage("win10-21h2-ent-ltsc");
    const named = findingsOn(windows("Windows 10 Pro", { image }), dayFrom("2027-01-12", -10));
    expect(named.advisory?.message).toContain("Windows 10 Pro LTSC 2021, extended");
    const unnamed = findingsOn(windows("Windows 10", { image }), dayFrom("2027-01-12", -10));
    expect(unnamed.advisory?.message).toContain("Windows 10 Enterprise LTSC 2021, extended");
  });
});

describe("one os-not-supported blocker per mode", () => {
  it.each<[string, OsFacts, string]>([
    ["an edition off the list", windows("Windows Server 2012 R2 Datacenter Core"), "not as Server Core"],
    ["an edition that cannot be told", windows("Windows Server 2012"), "Could not identify the edition"],
    ["a 32-bit guest", windows("Windows 10 Enterprise 2016 LTSB", { bitness: 32 }), "32-bit"],
  ])("%s past its end: the other reason is given", (_label, os, says) => {
    const found = findingsOn(os, dayFrom("2026-12-02", 0));
    expect(found.app).toHaveLength(1);
    expect(found.app[0]?.message).toContain(says);
  });

  it("explains the extended-security-updates rows as the verdict does", () => {
    const rows = (os: OsFacts, now: Date) =>
      (verdictOn(os, now, true).matrix ?? []).filter((row) =>
        row.scenario.includes("extended security updates"),
      );
    const past = rows(windows("Windows Server 2012 Datacenter"), dayFrom("2026-12-02", 0));
    expect(past.map((row) => [row.rule, row.applies])).toEqual([
      ["os-not-supported", true],
      ["os-end-of-support", false],
    ]);
    expect(past[0]?.outcome).toContain("Application-consistent: This VM runs Windows Server 2012 Datacenter");
    const soon = rows(windows("Windows Server 2016 Datacenter"), dayFrom("2026-12-02", 0));
    expect(soon.map((row) => [row.rule, row.applies])).toEqual([
      ["os-not-supported", false],
      ["os-end-of-support", true],
    ]);
  });

  it("says nothing of a Windows that is not on the list", () => {
    const found = findingsOn(windows("Windows Server 2008 R2 Datacenter"), dayFrom("2026-12-02", 0));
    expect(found.advisory).toBeUndefined();
    expect(found.app[0]?.message).not.toContain("security updates");
  });
});

describe("the dates, as data", () => {
  it("has a date and a Microsoft source for every entry of the seed's Windows list", () => {
    for (const entry of WINDOWS_APP_CONSISTENT_SUPPORT)
      expect(WINDOWS_SECURITY_UPDATES_END.some((end) => end.windowsEntryId === entry.id)).toBe(true);
    for (const end of WINDOWS_SECURITY_UPDATES_END) {
      expect(end.endsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(end.source).toMatch(/^https:\/\/(learn|support)\.microsoft\.com\//);
    }
  });

  it("gives each track of an entry one date", () => {
    const keys = WINDOWS_SECURITY_UPDATES_END.map((end) => `${end.windowsEntryId}/${end.track}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
