/**
 * The one way chat words an instant: "2026-12-03 20:09 CET", in the zone of the person reading it, to the
 * minute (seconds and milliseconds are noise in a chat answer). The door says the zone (ChatContext.timeZone);
 * an unknown or missing zone is UTC. The core's JSON keeps ISO-8601 UTC: only what people read is worded here.
 */
import { describeWhen as describeWhenIn, rewordInstants } from "../core/durations.js";

const UTC = "UTC";

/** "2026-12-03 20:09 CET"; "2026-12-03 19:09 UTC" when the zone is UTC, unknown or not given. */
export function formatTime(at: Date, zone: string | undefined): string {
  const clock = clockOf(knownTimeZone(zone) ?? UTC);
  const parts = clock.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")} ${zoneName(at, zone)}`;
}

/** "in 2 h 5 min (2026-11-25 15:00 CET)", or "now (…)" once the time has come. */
export function describeWhen(at: Date, now: Date, zone: string | undefined): string {
  return describeWhenIn(at, now, (instant) => formatTime(instant, zone));
}

/** The IANA name if this runtime knows it ("europe/paris" -> "Europe/Paris"), else undefined: a door's input is not trusted. */
export function knownTimeZone(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0) return undefined;
  try {
    return clockOf(name).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Text from the core or the operations layer with its ISO instants worded as formatTime words them. */
export function withTimesIn(text: string, zone: string | undefined): string {
  return rewordInstants(text, (at) => formatTime(at, zone));
}

// Intl formatters cost far more to build than to use; there are a few hundred zones at most.
const clocks = new Map<string, Intl.DateTimeFormat>();
const names = new Map<string, Intl.DateTimeFormat>();

function clockOf(zone: string): Intl.DateTimeFormat {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    clocks.set(zone, clock);
  }
  return clock;
}

/**
 * ICU knows a zone's abbreviation only in the locales that use it ("CET" in en-GB, "EST" in en-US, "IST" in
 * en-IN): the first locale with a name wins. A zone without one is its offset, "UTC+9", never "GMT+9".
 */
const NAMING_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"];
const OFFSET_ONLY = /^GMT([+-].*)$/;

function zoneName(at: Date, zone: string | undefined): string {
  const known = knownTimeZone(zone);
  if (!known) return UTC;
  let offset: string | undefined;
  for (const locale of NAMING_LOCALES) {
    const name = nameOf(locale, known, at);
    const offsetOnly = name ? OFFSET_ONLY.exec(name) : null;
    if (name && !offsetOnly) return name;
    offset ??= offsetOnly?.[1];
  }
  return offset ? `${UTC}${offset}` : UTC;
}

function nameOf(locale: string, zone: string, at: Date): string | undefined {
  const key = `${locale} ${zone}`;
  let format = names.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
    names.set(key, format);
  }
  return format.formatToParts(at).find((part) => part.type === "timeZoneName")?.value;
}
