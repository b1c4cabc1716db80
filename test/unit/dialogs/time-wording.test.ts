/** Times in chat: one format, the reader's zone, to the minute; a too-soon time said once. */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/core/index.js";
import { blockerLine, nextAllowedLine } from "../../../src/dialogs/blocker-line.js";
import { describeWhen, formatTime, knownTimeZone, withTimesIn } from "../../../src/dialogs/time-wording.js";
import { renderVerdict } from "../../../src/dialogs/verdict.message.js";
import { buildCollection, buildFacts, buildHistory, buildPoint, NOW } from "../core/build-facts.js";

const WINTER = new Date("2026-12-03T19:09:25.688Z");
const SUMMER = new Date("2026-07-03T19:09:25.688Z");
/** Seconds or milliseconds of a clock time, or an ISO instant: none of them belongs in chat. */
const TOO_PRECISE = /\d\d:\d\d:\d\d|\.\d{3}Z|\d{4}-\d\d-\d\dT\d\d/;

describe("formatTime", () => {
  it("words an instant in the reader's zone, with its short name, to the minute", () => {
    expect(formatTime(WINTER, "Europe/Paris")).toBe("2026-12-03 20:09 CET");
    expect(formatTime(SUMMER, "Europe/Paris")).toBe("2026-07-03 21:09 CEST");
    expect(formatTime(WINTER, "America/New_York")).toBe("2026-12-03 14:09 EST");
    expect(formatTime(WINTER, "Asia/Kolkata")).toBe("2026-12-04 00:39 IST");
  });

  it("says UTC for UTC, for an unknown zone and for none", () => {
    expect(formatTime(WINTER, "UTC")).toBe("2026-12-03 19:09 UTC");
    expect(formatTime(WINTER, "Etc/UTC")).toBe("2026-12-03 19:09 UTC");
    expect(formatTime(WINTER, "Mars/Olympus_Mons")).toBe("2026-12-03 19:09 UTC");
    expect(formatTime(WINTER, undefined)).toBe("2026-12-03 19:09 UTC");
  });

  it("gives a zone without a short name as its offset from UTC", () => {
    expect(formatTime(WINTER, "Asia/Tokyo")).toBe("2026-12-04 04:09 UTC+9");
    expect(formatTime(WINTER, "Asia/Kathmandu")).toBe("2026-12-04 00:54 UTC+5:45");
  });

  it("writes midnight as 00:00, not 24:00", () => {
    expect(formatTime(new Date("2026-12-03T23:00:00Z"), "Europe/Paris")).toBe("2026-12-04 00:00 CET");
  });
});

describe("describeWhen", () => {
  it("says how long until, then when", () => {
    const next = new Date(WINTER.getTime() + 59 * 60_000);
    expect(describeWhen(next, WINTER, "Europe/Paris")).toBe("in 59 min (2026-12-03 21:08 CET)");
    expect(describeWhen(WINTER, WINTER, "America/New_York")).toBe("now (2026-12-03 14:09 EST)");
  });
});

describe("knownTimeZone", () => {
  it("keeps a zone the runtime knows, by its canonical name, and drops anything else", () => {
    expect(knownTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(knownTimeZone("europe/paris")).toBe("Europe/Paris");
    expect(knownTimeZone("Not/AZone")).toBeUndefined();
    expect(knownTimeZone("")).toBeUndefined();
    expect(knownTimeZone(42)).toBeUndefined();
  });
});

describe("withTimesIn", () => {
  it("rewords every ISO instant in a text, and nothing else", () => {
    const text = "started 2026-12-03T19:09:25.688Z by slack:T1:U1 (rp-crash-20261203-190925)";
    expect(withTimesIn(text, "Europe/Paris")).toBe(
      "started 2026-12-03 20:09 CET by slack:T1:U1 (rp-crash-20261203-190925)",
    );
  });
});

/** A crash-consistent point 29 min 34 s before NOW (12:00 UTC): the next one is possible at 12:30:25 UTC. */
function tooSoonVerdict(jobInProgress?: { mode: "CrashConsistent"; startedAt: string }) {
  const point = buildPoint({
    name: "rp-x",
    consistencyMode: "CrashConsistent",
    timeCreated: "2026-11-25T11:30:25.688Z",
  });
  return evaluate(
    buildFacts(),
    buildHistory({ collections: [buildCollection({ restorePoints: [point] })], jobInProgress }),
    NOW,
  );
}

describe("blockerLine", () => {
  it("says a too-soon time once: the Next allowed line says when", () => {
    const crash = tooSoonVerdict().modes.CrashConsistent;
    const [blocker] = crash.blockers;
    if (!blocker) throw new Error("no blocker");
    expect(blockerLine(blocker, crash, "Europe/Paris", NOW)).toBe(
      "The newest crash-consistent restore point (rp-x) was created at 2026-11-25 12:30 CET; at least 1 hour must pass between two.",
    );
    expect(nextAllowedLine(crash, "Europe/Paris", NOW)).toBe(
      "Next allowed in 31 min (2026-11-25 13:30 CET).",
    );
  });

  it("says when in the blocker itself when another blocker holds the mode too (no Next allowed line)", () => {
    const crash = tooSoonVerdict({ mode: "CrashConsistent", startedAt: "2026-11-25T11:58:00.123Z" }).modes
      .CrashConsistent;
    expect(crash.nextAllowedAt).toBeNull();
    expect(nextAllowedLine(crash, "America/New_York", NOW)).toBeUndefined();
    const lines = crash.blockers.map((blocker) => blockerLine(blocker, crash, "America/New_York", NOW));
    expect(lines).toEqual([
      "The bot is already creating a crash-consistent restore point of this VM (started 2026-11-25 06:58 EST); wait until it finishes.",
      "The newest crash-consistent restore point (rp-x) was created at 2026-11-25 06:30 EST; at least 1 hour must pass between two, so the next one is possible in 31 min (2026-11-25 07:30 EST).",
    ]);
  });

  it("leaves the verdict's own messages as they are: they are the JSON contract", () => {
    const crash = tooSoonVerdict().modes.CrashConsistent;
    expect(crash.blockers[0]?.message).toMatch(/2026-11-25T11:30:25\.688Z.*2026-11-25T12:30:25\.688Z/);
  });
});

describe("a too-soon verdict in chat", () => {
  it("states the next time once, in the reader's zone, with no seconds or milliseconds anywhere", () => {
    const message = renderVerdict(tooSoonVerdict(), NOW, { offerCreate: true, timeZone: "Europe/Paris" });
    const text = JSON.stringify({ ...message, details: undefined });
    expect(text.match(/13:30 CET/g)).toHaveLength(1);
    expect(text).toMatch(/Next allowed in 31 min \(2026-11-25 13:30 CET\)\./);
    expect(text).not.toMatch(TOO_PRECISE);
    expect(text).not.toMatch(/UTC/);
  });
});
