/**
 * Durations as people write them. A bare number is seconds; a text names its unit in any common
 * spelling — "90s", "90 sec", "90 seconds", "5m", "5 min", "5 mins", "5 minutes", "2h", "2 hrs",
 * "1.5 hours", "2d", "2 days" — or adds parts: "1h30m", "1 h 30 min", "2 days 4 hours".
 * Units are lower case; "m" is minutes (there is no months or milliseconds unit).
 */

/** Seconds per unit, by every spelling accepted. */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
};

/** The accepted spellings, grouped by unit, for messages and docs. */
export const DURATION_UNITS_TEXT = "s/sec/secs/second(s), m/min/mins/minute(s), h/hr/hrs/hour(s), d/day(s)";

// Longest spellings first, so that "min" is not read as "m" followed by "in".
const UNIT = Object.keys(DURATION_UNITS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const PART = `\\d+(?:\\.\\d+)?\\s*(?:${UNIT})`;

/** A duration with a unit, as a whole text (also used as the JSON Schema pattern editors check). */
export const DURATION_PATTERN = new RegExp(`^\\s*${PART}(?:\\s*${PART})*\\s*$`);
const PART_GLOBAL = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${UNIT})`, "g");

/** Parses "90s", "5 minutes", "1h30m", "1.5 hours" (or a bare number of seconds) into seconds; null if malformed. */
export function parseDuration(v: string | number): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? v : null;
  if (typeof v !== "string" || !DURATION_PATTERN.test(v)) return null;
  let seconds = 0;
  for (const m of v.matchAll(PART_GLOBAL)) seconds += Number(m[1]) * DURATION_UNITS[m[2]];
  // 1.1 h is 3960 s, not 3960.0000000000005: round away binary noise below a microsecond.
  return Number.isFinite(seconds) ? Math.round(seconds * 1e6) / 1e6 : null;
}
