/**
 * Every user-facing text of the scenario loader, and the catalogue of its diagnostic codes.
 *
 * Analysts read these messages, so they say what was found and what is expected in plain words
 * ("a probability between 0 and 1", not "number <= 1"). `MESSAGES` documents each code the
 * loader and the semantic checks of validate.ts can emit (tests check that every code used is
 * listed); docs/errors.md is generated from it.
 */
import { DURATION_UNITS_TEXT } from "./units.js";

export type Severity = "error" | "warning";

export interface MessageInfo {
  severity: Severity;
  /** One line: what the problem is. */
  title: string;
  /** A small input that triggers it. */
  example: string;
  /** How to fix it. */
  fix: string;
}

/** Limits on what the loader reads, shared by the loader and its messages. */
export const LIMITS = {
  /** Deepest nesting of lists and mappings a scenario file may have (real ones use under ten). */
  nesting: 500,
  scenarioBytes: 5 * 1024 * 1024,
  csvBytes: 200 * 1024 * 1024,
  /** Most diagnostics about cells of one CSV column before the rest are summarised. */
  cellErrorsPerColumn: 10,
  /** Unknown keys of one mapping listed one by one; the rest are counted in one more diagnostic. */
  unknownKeysPerMapping: 50,
  /** Items of one list written in YAML (a year of 15-minute intervals is 35,040); longer data goes in a CSV file. */
  listItems: 100_000,
  /** Schema problems worded one by one; beyond this many, one diagnostic counts the rest. */
  schemaIssues: 500,
  /** Longest `found` text before it is shortened with "…". */
  foundLength: 60,
} as const;

export const MESSAGES = {
  // ---- reading files ----------------------------------------------------------------------
  "file-not-found": {
    severity: "error",
    title: "A file named in the scenario (or the scenario itself) does not exist",
    example: "extends: baes.yaml",
    fix: "Check the spelling; relative paths are relative to the file that names them.",
  },
  "file-unreadable": {
    severity: "error",
    title: "A file exists but cannot be read (a directory, a device such as /dev/zero, a pipe, or no permission)",
    example: "extends: ./shared/",
    fix: "Name a regular file you are allowed to read.",
  },
  "file-too-large": {
    severity: "error",
    title: "The file is larger than the loader accepts (5 MB for scenarios, 200 MB for CSV files)",
    example: "a scenario YAML of 40 MB of generated staffing numbers",
    fix: "Move bulky data to a CSV file (volume.replay, {dist: empirical, csv: …}) or split the file.",
  },
  "not-utf8": {
    severity: "error",
    title: "The file is not UTF-8 text",
    example: "a CSV exported by Excel as 'CSV (Windows)' containing 'é'",
    fix: "Save the file as UTF-8 (in Excel: 'CSV UTF-8'; in most editors: Save with Encoding › UTF-8).",
  },
  // ---- YAML -------------------------------------------------------------------------------
  "yaml-syntax": {
    severity: "error",
    title: "The file is not valid YAML",
    example: "handleTime: { dist: lognormal, mean: 300",
    fix: "Fix the syntax at the position shown: indentation with spaces, closing brackets and quotes, a colon after each key.",
  },
  "yaml-warning": {
    severity: "warning",
    title: "YAML that is valid but probably not what was meant (an unknown tag, for example)",
    example: "seed: !int 5",
    fix: "Remove the tag or quote the value.",
  },
  "too-deeply-nested": {
    severity: "error",
    title: "Lists or mappings are nested more deeply than any scenario needs (a damaged or generated file)",
    example: "description: [[[[[[ … 600 levels … ]]]]]]",
    fix: "Check the file around the line named; scenario settings are never more than a few levels deep.",
  },
  "duplicate-key": {
    severity: "error",
    title: "The same key appears twice in one mapping",
    example: "billing:\n  handleTime: 300\n  handleTime: 320",
    fix: "Keep one of them.",
  },
  "yaml-alias-limit": {
    severity: "error",
    title: "The file uses too many YAML aliases (*name); this protects against 'billion laughs' files",
    example: "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]  # … doubling at each level",
    fix: "Write the values out, or use fewer aliases.",
  },
  "recursive-alias": {
    severity: "error",
    title: "A YAML alias (*name) refers to the mapping or list that contains it, which would be infinitely deep",
    example: "a: &x [1, *x]",
    fix: "Refer to an anchor defined outside the value that uses it.",
  },
  "complex-key": {
    severity: "error",
    title: "A mapping key is a list or mapping; keys must be plain names",
    example: "? [billing, tech]\n: 300",
    fix: "Use a plain name as the key.",
  },
  "empty-file": {
    severity: "error",
    title: "The scenario file is empty",
    example: "(a file with only comments)",
    fix: "Add the scenario's settings: at least contactTypes and agentGroups.",
  },
  "root-not-mapping": {
    severity: "error",
    title: "The file does not hold a mapping of settings at the top level",
    example: "- contactTypes: …",
    fix: "Write the settings as `key: value` lines at the left margin.",
  },
  // ---- extends and overrides --------------------------------------------------------------
  "extends-cycle": {
    severity: "error",
    title: "Scenario files extend each other in a cycle",
    example: "a.yaml: extends: b.yaml\nb.yaml: extends: a.yaml",
    fix: "Remove `extends` from one file of the cycle.",
  },
  "null-removes-nothing": {
    severity: "warning",
    title: "An explicit null removes a key, but the base scenario has no such key",
    example: "extends: base.yaml\npateince: null",
    fix: "Check the key's spelling, or delete the line if there is nothing to remove.",
  },
  "override-path": {
    severity: "error",
    title: "A --set override goes through a value that is not a mapping",
    example: "--set seed.value=3",
    fix: "Set the value itself (--set seed=3), or a key of a mapping.",
  },
  "list-too-long": {
    severity: "error",
    title: "A list written in the scenario file has more than 100,000 items",
    example: "perInterval: [12, 12, … 200,000 values]",
    fix: "Put long data in a CSV file (volume.replay, {dist: empirical, csv: …}).",
  },
  "too-many-errors": {
    severity: "error",
    title: "More problems than are worth listing (500 are worded one by one; the rest are counted)",
    example: "perInterval: [-1, -1, … 200,000 times]",
    fix: "Fix the errors listed; so many usually share one cause.",
  },
  "override-unknown-name": {
    severity: "error",
    title: "A --set override names a contact type, group or other named entry that the scenario does not have",
    example: "--set agentGroups.agent.staffing.constant=12   # the group is called agents",
    fix: "Use one of the names the scenario defines (the message suggests the closest).",
  },
  "override-extends": {
    severity: "error",
    title: "`extends` cannot be overridden: it is resolved before overrides apply",
    example: "--set extends=other.yaml",
    fix: "Run the other scenario file instead.",
  },
  // ---- CSV files --------------------------------------------------------------------------
  "csv-syntax": {
    severity: "error",
    title: "A CSV file is malformed (an unclosed quote, or a row with a different number of columns)",
    example: 'time,type\n12,"billing\n',
    fix: "Fix the row shown; every row needs as many columns as the header.",
  },
  "csv-empty": {
    severity: "error",
    title: "A CSV file has no data rows",
    example: "time,type\n",
    fix: "Add data rows below the header.",
  },
  "csv-missing-column": {
    severity: "error",
    title: "A CSV file lacks the column the scenario needs (`time` for replay, or the named `column`)",
    example: "volume: { replay: arrivals.csv }   # arrivals.csv starts with 'seconds,type'",
    fix: "Rename the header, or for empirical distributions set `column` to an existing header.",
  },
  "csv-no-numeric-column": {
    severity: "error",
    title: "A CSV file for an empirical distribution has no column of numbers",
    example: "handleTime: { dist: empirical, csv: agents.csv }   # columns: name, team",
    fix: "Point csv at a file with a column of durations in seconds, or set `column`.",
  },
  "csv-not-a-number": {
    severity: "error",
    title: "A CSV cell that should hold a number of seconds does not",
    example: "time\n00:05:30",
    fix: "Write seconds as a plain number with a dot as decimal separator (330, 12.5).",
  },
  "csv-negative": {
    severity: "error",
    title: "A CSV cell holds a negative number of seconds",
    example: "time\n-5",
    fix: "Times and durations are 0 or more seconds.",
  },
  "csv-no-rows-for-type": {
    severity: "warning",
    title: "A replay CSV has a `type` column, but no row for this contact type",
    example: "contactTypes: { billing: { volume: { replay: a.csv } } }   # a.csv types: Billing, Tech",
    fix: "Make the `type` values match the contact type's name exactly (case matters).",
  },
  "csv-column-guessed": {
    severity: "warning",
    title: "An empirical CSV has several numeric columns and the first one was used",
    example: "handleTime: { dist: empirical, csv: calls.csv }   # columns: id, talk, wrap",
    fix: "Name the column: { dist: empirical, csv: calls.csv, column: talk }.",
  },
  "implausible-seconds": {
    severity: "warning",
    title: "A bare number is read as seconds, and is implausibly short for what it measures",
    example: "patience: 5   # 5 seconds; 5 minutes was probably meant",
    fix: 'Write the unit: patience: 5m (or "5s" to keep seconds and silence the warning).',
  },
  // ---- shape of the scenario --------------------------------------------------------------
  "unknown-key": {
    severity: "error",
    title: "A key that this part of the scenario does not have (often a typo)",
    example: "contactTypes: { billing: { handeTime: 300 } }",
    fix: "Use one of the keys listed under 'expected'; see docs/scenario-reference.md.",
  },
  "missing-key": {
    severity: "error",
    title: "A required key is missing",
    example: "contactTypes: { billing: { volume: { daily: 100 } } }   # no handleTime",
    fix: "Add the key under the mapping shown.",
  },
  "wrong-type": {
    severity: "error",
    title: "A value of the wrong kind (text where a number is expected, a list where a mapping is expected, …)",
    example: "warmup: soon",
    fix: "Write a value of the kind listed under 'expected'.",
  },
  "invalid-value": {
    severity: "error",
    title: "A value that is not one of the allowed choices",
    example: "handleTime: { dist: lognorm, mean: 300, cv: 0.5 }",
    fix: "Use one of the values listed under 'expected'.",
  },
  "not-integer": {
    severity: "error",
    title: "A number that must be whole has a fractional part",
    example: "replications: 2.5",
    fix: "Round to a whole number.",
  },
  "out-of-range": {
    severity: "error",
    title: "A number outside its allowed range",
    example: "deflection: 1.5   # a probability",
    fix: "Use a number in the range listed under 'expected'.",
  },
  "wrong-length": {
    severity: "error",
    title: "A list with the wrong number of items, or an empty text",
    example: "dayOfWeek: [1, 1, 1, 1, 1]   # needs 7",
    fix: "Give the number of items listed under 'expected'.",
  },
  "invalid-format": {
    severity: "error",
    title: "A text value in the wrong format (a duration, a time of day, a name, a currency code)",
    example: 'start: "8.30"',
    fix: "Write it in the format listed under 'expected'.",
  },
  "invalid-name": {
    severity: "error",
    title: "A name (of a contact type, agent group, site or segment) with characters names may not have",
    example: "contactTypes: { 'billing enquiries': … }",
    fix: "Start with a letter; use only letters, digits, '_' and '-'.",
  },
  "failed-check": {
    severity: "error",
    title: "A combination of values inside one setting is not allowed (min above max, both values and csv, …)",
    example: "{ dist: uniform, min: 60, max: 30 }",
    fix: "Follow the rule stated in the message.",
  },
  // ---- meaning: references, lengths, channel rules (validate.ts) -----------------------------
  "no-contact-types": { severity: "error", title: "The scenario has no contact types", example: "contactTypes: {}", fix: "Describe at least one contact type (volume and handleTime)." },
  "no-agent-groups": { severity: "error", title: "The scenario has no agent groups", example: "agentGroups: {}", fix: "Add an agent group with skills and staffing." },
  "reserved-name": { severity: "error", title: 'A contact type, group, site or segment is named "all", which reports use for totals', example: "contactTypes: { all: … }", fix: "Rename it." },
  "report-interval": { severity: "error", title: "The report interval is not a whole number of planning intervals", example: "intervalMinutes: 30\nreportIntervalMinutes: 45", fix: "Use a multiple of intervalMinutes (60, 90, 1440, …)." },
  "assumption-path": { severity: "error", title: "An assumption names a field the scenario does not have, or one that is not a number", example: "assumptions: { agentGroups.generalist.fcr: { low: 0.6, high: 0.8 } }", fix: "Use the path of a numeric field (as for --set); drop an inherited one with `path: null`." },
  "assumption-range": { severity: "error", title: "An assumption's range is empty or does not fit its distribution", example: "assumptions: { agentGroups.a.fcr: { low: 0.8, high: 0.6 } }", fix: "Give low < high, a mode inside the range (triangular), positive values (lognormal)." },
  "warmup-too-long": { severity: "error", title: "The warm-up lasts as long as the horizon, so nothing would be counted", example: "horizon: { hours: 2 }\nwarmup: 2h", fix: "Shorten the warm-up or lengthen the horizon." },
  "volume-source": { severity: "error", title: "A contact type's volume gives no source of arrivals, or several", example: "volume: { daily: 100, perHour: 5 }", fix: "Give exactly one of daily, perHour, replay (CSV) or times." },
  "profile-length": { severity: "error", title: "A profile over the day (intraday volume, handleTimeByInterval, IVR containment) has the wrong number of values", example: "intervalMinutes: 30 with an intraday list of 24 values", fix: "Give one value per interval of the day: 96, 48 or 24 for 15-, 30- or 60-minute intervals." },
  "profile-with-per-hour": { severity: "error", title: "perHour is a flat rate and cannot take an intraday profile", example: "volume: { perHour: 50, intraday: [...] }", fix: "Use daily with intraday, or perHour alone." },
  "profile-zero": { severity: "warning", title: "Every intraday weight is zero, so no contact of this type arrives", example: "intraday: [0, 0, …, 0]", fix: "Give the profile some weight, or remove the contact type." },
  "profile-overflow": { severity: "error", title: "Intraday weights so large that their sum overflows (every share would be 0)", example: "intraday: [1e308, 1e308, …]", fix: "Use weights of ordinary size, e.g. contacts per interval; they are normalised to sum 1." },
  "day-of-week-zero": { severity: "warning", title: "Every day-of-week factor is zero, so no contact of this type arrives", example: "dayOfWeek: [0, 0, 0, 0, 0, 0, 0]", fix: "Give the days their factors (1 is an ordinary day), or remove the contact type." },
  "replay-beyond-horizon": { severity: "warning", title: "Some replayed arrival times fall after the horizon and are ignored", example: "horizon: { days: 1 } with a replay CSV of a week", fix: "Lengthen the horizon, or trim the CSV." },
  "segment-shares": { severity: "error", title: "Customer segment shares do not add up to 1", example: "segments: { vip: { share: 0.2 }, standard: { share: 0.7 } }", fix: "Make the shares sum to 1." },
  "voice-only": { severity: "error", title: "An IVR or callbacks are configured for a non-voice channel", example: "channel: chat\ncallback: { offerWhenWaitAbove: 60 }", fix: "Remove the setting, or make the contact type voice." },
  "email-patience": { severity: "error", title: "Emails never abandon, so they take no patience", example: "channel: email\npatience: 3600", fix: "Remove patience; use serviceLevel.thresholdSeconds for the response-time target." },
  "email-retrial": { severity: "error", title: "Emails are never blocked or abandoned, so they are never retried", example: "channel: email\nretrial: { afterAbandon: 0.5 }", fix: "Remove retrial." },
  "callback-delay-unused": { severity: "warning", title: "scheduledDelay is set but the callback mode is keep-place", example: "callback: { offerWhenWaitAbove: 60, scheduledDelay: 1h }", fix: "Set mode: scheduled, or remove scheduledDelay." },
  "type-unserved": { severity: "warning", title: "No agent group serves a contact type: its customers wait until they hang up or the run ends", example: "contactTypes: { claims: … } with no group skilled in claims", fix: "Add the type to a group's skills (or an overflow rule)." },
  "type-overflow-only": { severity: "warning", title: "A contact type is served only by overflow groups, after their wait thresholds", example: "routing.overflow: [{ type: claims, to: backup, afterWait: 60 }] and no group with skill claims", fix: "Give some group the skill if customers should not always wait the threshold." },
  "unknown-skill": { severity: "error", title: "A group's skill names a contact type that does not exist", example: "skills: { biling: 1 }", fix: "Use a contact type name (the hint suggests the closest)." },
  "unknown-site": { severity: "error", title: "A group works at a site that is not defined", example: "site: offshore (with no sites.offshore)", fix: "Define the site under sites:, or correct the name." },
  "vendor-wage": { severity: "error", title: "A vendor's group has an hourly wage; vendors are paid through their pricing", example: "site: offshore\nhourlyWage: 12", fix: "Remove hourlyWage and set the vendor's pricing." },
  "staffing-mode": { severity: "error", title: "A group's staffing gives no way of staffing, or several", example: "staffing: { constant: 10, shifts: [...] }", fix: "Give exactly one of constant, perInterval, shifts or elastic (in an extending file, set the old one to null)." },
  "staffing-length": { severity: "error", title: "Staffing per interval covers neither a day, a week nor the horizon", example: "perInterval: [10, 12, 14] with 30-minute intervals", fix: "Give 48 values (a day of 30-minute intervals), 336 (a week) or one per interval of the horizon." },
  "shift-length": { severity: "error", title: "A shift lasts no time", example: "{ start: \"09:00\", length: 0, count: 5 }", fix: "Give the shift a length such as 8h." },
  "break-outside-shift": { severity: "error", title: "A break ends after its shift does", example: "{ length: 4h, breaks: [{ after: 3.5h, length: 1h }] }", fix: "Move or shorten the break so it ends within the shift." },
  "elastic-without-skills": { severity: "error", title: "Elastic staffing needs skills to forecast the load from", example: "skills: {}\nstaffing: { elastic: {} }", fix: "Give the group skills or route overflow to it (routing.overflow), or staff it another way." },
  "elastic-too-large": { severity: "error", title: "Elastic staffing would need more than 100,000 agents for the forecast load", example: "volume: { perHour: 5000000 } with staffing: { elastic: {} }", fix: "Check the volume and handle time; split the demand over several groups if it is real." },
  "group-empty": { severity: "warning", title: "A group never has a productive agent on duty", example: "staffing: { constant: 0 }", fix: "Schedule agents for the group, or remove it." },
  "group-idle": { severity: "warning", title: "A group has no skills and no overflow rule sends it contacts, so it never takes one (but is paid)", example: "backup: { skills: {}, staffing: { constant: 5 } }", fix: "Give it skills, or route overflow to it." },
  "concurrency-unused": { severity: "warning", title: "Concurrency is set for a group that serves neither chat nor messaging", example: "concurrency: { max: 3 } on a voice-only group", fix: "Remove it, or give the group a chat or messaging skill." },
  "unknown-type": { severity: "error", title: "An overflow rule names a contact type that does not exist", example: "overflow: [{ type: sale, to: backup, afterWait: 30 }]", fix: "Use a contact type name." },
  "unknown-group": { severity: "error", title: "An overflow rule names an agent group that does not exist", example: "overflow: [{ type: sales, to: bakup, afterWait: 30 }]", fix: "Use an agent group name." },
  "overflow-redundant": { severity: "warning", title: "An overflow rule targets a group that already has the skill, so it has no effect", example: "overflow: [{ type: sales, to: generalists, … }] where generalists serve sales", fix: "Remove the rule, or target another group." },
  "missing-wage": { severity: "warning", title: "Some in-house groups have an hourly wage and this one has none, so its labour costs nothing", example: "generalists: { hourlyWage: 27 } and specialists without one", fix: "Give every in-house group its loaded hourly wage." },
  "unknown-segment": { severity: "warning", title: "A lifetime value is given for a segment no contact type has", example: "lifetimeValue: { vipp: 2000 }", fix: "Use a segment name or `default`." },
  "lifetime-default": { severity: "error", title: "No lifetime value applies to any customer", example: "poorService: { lifetimeValue: {} } with no segments", fix: "Give a `default` lifetime value." },
  "site-unused": { severity: "warning", title: "No agent group works at a site", example: "sites: { offshore: … } with no group at site offshore", fix: "Assign a group to it, or remove it (in an extending file: offshore: null)." },
  "night-window-empty": { severity: "warning", title: "The night window is empty (nightFrom equals nightTo), so no hour gets the night premium", example: "premiums: { night: 0.2, nightFrom: \"22:00\", nightTo: \"22:00\" }", fix: "Set the window, e.g. nightFrom 21:00 and nightTo 07:00." },
  // ---- bugs -------------------------------------------------------------------------------
  "internal-error": {
    severity: "error",
    title: "The loader failed unexpectedly (a bug in ccsim, not in the scenario)",
    example: "(none known)",
    fix: "Please report it with the scenario file attached.",
  },
} as const satisfies Record<string, MessageInfo>;

export type LoaderCode = keyof typeof MESSAGES;

/** True if `code` is documented in the catalogue. */
export function isKnownCode(code: string): code is LoaderCode {
  return Object.prototype.hasOwnProperty.call(MESSAGES, code);
}

// ---- words for "expected" -----------------------------------------------------------------

/** "A or B", "A, B, or C". */
export function alternatives(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  if (parts.length === 2) return `${parts[0]} or ${parts[1]}`;
  return `${parts.slice(0, -1).join(", ")}, or ${parts[parts.length - 1]}`;
}

/** "one of a, b, c" (a single value is named on its own). */
export function oneOf(values: readonly string[]): string {
  return values.length === 1 ? values[0] : `one of ${values.join(", ")}`;
}

export const EXPECT = {
  duration: `a number of seconds or a duration with a unit like "90s", "5 min" or "1h30m" (units: ${DURATION_UNITS_TEXT})`,
  durations: 'numbers of seconds or durations like "90s", "5 min" or "1h30m"',
  distributionParts: [`a mean in seconds (or with a unit: "5m", "5 minutes", "1h30m"; units: ${DURATION_UNITS_TEXT})`, "{dist: …}"] as const,
  distributions: 'distributions (a mean in seconds, "5m", or {dist: …})',
  text: "a text",
  texts: "texts",
  nonEmptyText: "a non-empty text",
  boolean: "true or false",
  booleans: "true or false values",
  mapping: "a mapping (key: value lines)",
  mappings: "mappings",
  anything: "any value",
  csvSeconds: "a number of seconds (0 or more), with a dot as decimal separator",
  timeColumn: 'a header row with a column "time" (seconds from the start)',
  numericColumn: "a column of numbers (durations in seconds)",
};

export interface Bound {
  value: number;
  inclusive: boolean;
}

/** Plain words for a number with optional bounds: "a probability between 0 and 1", "a whole number from 1 to 9". */
export function numberWords(spec: { int: boolean; lower?: Bound; upper?: Bound }): { one: string; many: string } {
  const { int, lower, upper } = spec;
  if (!int && lower?.value === 0 && lower.inclusive && upper?.value === 1 && upper.inclusive) {
    return { one: "a probability between 0 and 1", many: "probabilities between 0 and 1" };
  }
  const noun = int ? "whole number" : "number";
  let adjective = "";
  let range = "";
  if (lower && upper) {
    if (lower.inclusive && upper.inclusive) range = `from ${lower.value} to ${upper.value}`;
    else if (lower.inclusive) range = `from ${lower.value} to less than ${upper.value}`;
    else if (upper.inclusive) range = `greater than ${lower.value} and at most ${upper.value}`;
    else range = `between ${lower.value} and ${upper.value}, exclusive`;
  } else if (lower) {
    if (lower.value === 0) adjective = lower.inclusive ? "non-negative " : "positive ";
    else range = lower.inclusive ? `of at least ${lower.value}` : `greater than ${lower.value}`;
  } else if (upper) {
    range = upper.inclusive ? `of at most ${upper.value}` : `less than ${upper.value}`;
  }
  const tail = range ? ` ${range}` : "";
  const article = /^[aeiou]/.test(adjective || noun) ? "an" : "a";
  return { one: `${article} ${adjective}${noun}${tail}`, many: `${adjective}${noun}s${tail}` };
}

/** Plain words for a list: "a list of 7 numbers", "a list of at least 1 shift". */
export function listWords(items: string, length: { min?: number; max?: number; exact?: number }): string {
  if (length.exact !== undefined) return `a list of exactly ${length.exact} ${items}`;
  if (length.min !== undefined && length.max !== undefined) return `a list of ${length.min} to ${length.max} ${items}`;
  if (length.min !== undefined && length.min > 0) return `a list of at least ${length.min} ${items}`;
  if (length.max !== undefined) return `a list of at most ${length.max} ${items}`;
  return `a list of ${items}`;
}

export function mappingWords(keys: readonly string[]): string {
  if (keys.length === 0) return "an empty mapping";
  const shown = keys.length > 8 ? [...keys.slice(0, 8), "…"] : keys;
  return `a mapping with keys ${shown.join(", ")}`;
}

export function recordWords(values: string): string {
  return `a mapping of names to ${values}`;
}

export function discriminatedWords(key: string, options: readonly string[]): string {
  return `{${key}: ${options.join("|")}, …}`;
}

// ---- found --------------------------------------------------------------------------------

/** A value's source text, on one line and at most LIMITS.foundLength characters. */
export function shorten(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > LIMITS.foundLength ? `${line.slice(0, LIMITS.foundLength - 1)}…` : line;
}

export const FOUND = {
  empty: "an empty value",
  nothing: "nothing",
  blockMapping: (keys: readonly string[]) => (keys.length ? `a mapping with keys ${shorten(keys.join(", "))}` : "an empty mapping"),
  blockList: (n: number) => `a list of ${n} item${n === 1 ? "" : "s"}`,
  emptyCell: "an empty cell",
  textOf: (n: number) => `a text of ${n.toLocaleString("en-US")} character${n === 1 ? "" : "s"}`,
};

// ---- diagnostics --------------------------------------------------------------------------

export interface MessageParts {
  message: string;
  found?: string;
  expected?: string;
  hint?: string;
}

export const didYouMean = (name: string | undefined): string | undefined => (name === undefined ? undefined : `did you mean "${name}"?`);

/** "a", "a and b", "a, b and c". */
function oneAndMore(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** '"a", "b" and "c"', at most five names and a count of the rest. */
function quotedNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => `"${shorten(n)}"`);
  return oneAndMore(names.length > 5 ? [...shown, `${(names.length - 5).toLocaleString("en-US")} more`] : shown);
}

export const TEXT = {
  fileNotFound: (file: string) => `file not found: ${file}`,
  fileNotFoundHint: (resolved: string, relativeTo?: string) =>
    relativeTo ? `looked for ${resolved} (relative paths are relative to ${relativeTo})` : `looked for ${resolved}`,
  fileUnreadable: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  directory: "it is a directory",
  notRegularFile: "it is not a regular file (a device, pipe or socket); only files are read",
  fileTooLarge: (file: string, bytes: number, limit: number) =>
    `${file} is too large: ${megabytes(bytes)} (the limit is ${megabytes(limit)})`,
  fileTooLargeHint: (csv: boolean) =>
    csv ? "split the data, or aggregate it before simulating" : "move bulky data such as arrival times into a CSV file (volume.replay)",
  notUtf8: (file: string) => `${file} is not UTF-8 text: the byte at this position is not valid UTF-8`,
  notUtf8Found: (byte: number) => `the byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}`,
  notUtf8Hint: (utf16: boolean) =>
    utf16
      ? "the file looks like UTF-16; save it as UTF-8"
      : "save the file as UTF-8 (in Excel choose 'CSV UTF-8'; in editors 'Save with Encoding › UTF-8'); text in Latin-1/Windows-1252 is the usual cause",
  yamlSyntax: (message: string) => `YAML syntax error: ${lowerFirst(message)}`,
  multipleDocuments: "a second YAML document starts here; the loader reads one document per file and would otherwise ignore this one",
  yamlWarning: (message: string) => `YAML warning: ${lowerFirst(message)}`,
  duplicateKey: (key: string) => `duplicate key "${key}"`,
  tooDeep: (limit: number) => `lists or mappings are nested more than ${limit} levels deep here`,
  duplicateKeyHint: "each key may appear once per mapping; keep one of them",
  aliasLimit: "too many YAML aliases (*name): the document expands to an excessive size",
  aliasLimitHint: "write the values out instead of repeating aliases of aliases",
  recursiveAlias: "this alias refers to a value that contains it, making the value infinitely deep",
  complexKey: "a mapping key must be a plain name, not a list or mapping",
  emptyFile: (file: string) => `${file} holds no settings`,
  rootNotMapping: "the top level of a scenario must be a mapping of settings",
  extendsCycle: (chain: readonly string[]) => `extends forms a cycle: ${chain.join(" → ")}`,
  extendsCycleHint: "remove `extends` from one of these files",
  nullRemovesNothing: (key: string) => `null removes "${key}", but the base scenario has no "${key}" here`,
  nullRemovesNothingHint: (suggestion: string | undefined) =>
    suggestion ? `did you mean "${suggestion}"?` : "delete this line, or check the spelling of the key",
  overridePath: (label: string, prefix: string) => `cannot apply ${label}: ${prefix} is not a mapping`,
  overridePathExpected: (prefix: string) => `a path through mappings and lists; ${prefix} holds a single value`,
  overrideUnknownName: (label: string, name: string, where: string) => `cannot apply ${label}: there is no "${name}" in ${where}`,
  overrideUnknownNameExpected: (names: readonly string[]) => (names.length ? `one of ${shorten(names.join(", "))}` : "no names are defined here"),
  overrideIndex: (label: string, list: string, length: number) => `cannot apply ${label}: the list ${list} has ${length} item${length === 1 ? "" : "s"}`,
  overrideIndexExpected: (length: number) => (length === 0 ? "no index: the list is empty" : `an index from 0 to ${length - 1}`),
  overrideList: (label: string, list: string) => `cannot apply ${label}: ${list} is a list, not a mapping`,
  overrideListExpected: (list: string) => `an index such as ${list}[0]`,
  overrideExtends: (label: string) => `cannot apply ${label}: extends is resolved before overrides`,
  csvSyntax: (message: string) => `malformed CSV: ${lowerFirst(message)}`,
  csvSyntaxHint: "every row needs as many columns as the header; quote cells that contain commas",
  csvEmpty: (file: string) => `${file} has no data rows`,
  csvMissingColumn: (column: string, file: string) => `no column "${column}" in ${file}`,
  csvHeaderFound: (header: readonly string[] | undefined) => (header ? `columns ${shorten(header.join(", "))}` : "no header row (the first row holds numbers)"),
  csvColumnExpected: (column: string) => `a header row with a column "${column}"`,
  csvHeaderless: "the first row holds numbers, so the file has no header; add a header row",
  csvNoNumericColumn: (file: string) => `no column of numbers in ${file}`,
  csvNoNumericColumnHint: "a column counts as numeric when its first value is a number; or choose it with `column:`",
  csvNotANumber: (cell: string, column: string) => (cell === "" ? `empty cell in column "${column}"` : `"${shorten(cell)}" in column "${column}" is not a number`),
  csvDecimalComma: "use a dot as the decimal separator (12.5, not 12,5)",
  csvClockTime: "give seconds as a plain number (00:05:30 is 330)",
  csvMoreCells: (n: number) => `${n} more cell${n === 1 ? "" : "s"} in this column have the same problem`,
  csvNegative: (cell: string, column: string) => `negative value ${shorten(cell)} in column "${column}"`,
  csvNegativeExpected: "0 or more seconds",
  csvNoRowsForType: (file: string, type: string) => `${file} has no rows of type "${type}", so no contacts of this type arrive`,
  csvNoRowsForTypeFound: (types: readonly string[]) => (types.length ? `types ${shorten(types.join(", "))}` : "no types"),
  csvColumnGuessed: (column: string, file: string) => `using column "${column}", the first numeric column of ${file}`,
  csvColumnGuessedHint: (columns: readonly string[]) => `numeric columns: ${columns.join(", ")}; add \`column: NAME\` to choose one`,
  listTooLong: (n: number) => `a list of ${n.toLocaleString("en-US")} items is longer than a scenario file may hold`,
  listTooLongExpected: (max: number) => `at most ${max.toLocaleString("en-US")} items`,
  listTooLongHint: "put long data in a CSV file (volume.replay, {dist: empirical, csv: …}), which has no such limit",
  moreUnknownKeys: (n: number) => `and ${n.toLocaleString("en-US")} more unknown key${n === 1 ? "" : "s"} in this mapping (not listed one by one)`,
  tooManyErrors: (n: number) => `and ${n.toLocaleString("en-US")} more problems in the values, not listed one by one`,
  tooManyErrorsHint: "fix the errors above and validate again; so many usually share one cause (generated values out of range, data pasted at the wrong level)",
  unknownKey: (key: string) => `unknown key "${key}"`,
  unknownKeyExpected: (keys: readonly string[]) => (keys.length ? `one of the keys ${keys.join(", ")}` : "no keys here"),
  flowCommaHint: 'inside { … } a comma starts a new key: quote text that contains commas, e.g. name: "Callback system (licences, integration)"',
  missingKey: (key: string) => `missing required key "${key}"`,
  missingKeyHint: (key: string, where: string) => `add \`${key}:\` under ${where}`,
  childrenWithoutParent: (key: string, children: readonly string[]) => `missing key "${key}": ${oneAndMore(children)} belong${children.length === 1 ? "s" : ""} under it`,
  childrenWithoutParentHint: (key: string, children: readonly string[], where: string) => `add \`${key}:\` under ${where} and indent ${oneAndMore(children)} under it`,
  entryWithoutSection: (names: readonly string[], section: string) =>
    `${quotedNames(names)} ${names.length === 1 ? "is written as an entry" : "are written as entries"} of ${section}, which is missing`,
  entryWithoutSectionHint: (names: readonly string[], section: string, where: string) => `add \`${section}:\` under ${where} and move ${quotedNames(names)} under it`,
  wrongType: "wrong kind of value",
  durationHint: (seconds: number, text: string) => `this setting takes seconds without a unit: write ${seconds} instead of "${text}"`,
  implausibleSeconds: (key: string, value: number) => `${key}: ${value} is read as ${value} second${value === 1 ? "" : "s"}`,
  implausibleSecondsHint: (value: number, unit: "m" | "h") =>
    `write "${value}${unit}" if you meant ${unit === "m" ? "minutes" : "hours"}, or "${value}s" to keep seconds and silence this warning`,
  percentHint: (written: string, share: number) => `shares are written between 0 and 1: write ${share} for ${written}`,
  decimalCommaHint: (fixed: string) => `decimals take a point: write ${fixed}`,
  ratioHint: (target: number, seconds: number, inObject: boolean) =>
    inObject ? `write {target: ${target}, thresholdSeconds: ${seconds}}` : `write ${target} here, and thresholdSeconds: ${seconds} for the threshold`,
  invalidValue: (value: string) => `"${shorten(value)}" is not an allowed value`,
  notInteger: "not a whole number",
  outOfRange: "value out of range",
  wrongLength: "wrong number of items",
  emptyText: "empty text",
  invalidFormat: "badly formatted value",
  failedCheck: "these values do not fit together",
  invalidName: (name: string) => `"${name}" is not a valid name`,
  nameExpected: "a name of letters, digits, '_' or '-', starting with a letter",
  internalError: (what: string) => `internal error while ${what}; this is a bug in ccsim, please report it`,
  topLevel: "the top level",
} as const;

/** Phrases to clarify yaml's own error codes. */
export const YAML_HINTS: Record<string, string> = {
  BAD_INDENT: "check the indentation: nested keys are indented further than their parent, with spaces",
  TAB_AS_INDENT: "indent with spaces; tabs are not allowed in YAML indentation",
  BLOCK_AS_IMPLICIT_KEY: "a line is indented wrongly, or a key lacks its colon",
  MULTILINE_IMPLICIT_KEY: "a key lacks its colon, or a value continues on a line that is not indented",
  MISSING_CHAR: "a closing bracket, brace or quote is missing",
  MULTIPLE_DOCS: "a scenario file holds one document; remove the extra `---`",
  UNEXPECTED_TOKEN: "remove or quote the character shown",
  BAD_SCALAR_START: "quote values that start with a special character such as @, ` or %",
};

/** "file:line:column: severity at path: message" plus found/expected/hint lines. */
export function diagnosticBlock(d: {
  severity: Severity;
  file: string;
  line: number;
  column: number;
  pathText: string;
  message: string;
  found?: string;
  expected?: string;
  hint?: string;
}): string {
  const at = d.pathText ? ` at ${d.pathText}` : "";
  const lines = [`${d.file}:${d.line}:${d.column}: ${d.severity}${at}: ${d.message}`];
  if (d.found !== undefined) lines.push(`  found: ${d.found}`);
  if (d.expected !== undefined) lines.push(`  expected: ${d.expected}`);
  if (d.hint !== undefined) lines.push(`  hint: ${d.hint}`);
  return lines.join("\n");
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

function lowerFirst(s: string): string {
  return s.length && /[A-Z][a-z]/.test(s.slice(0, 2)) ? s[0].toLowerCase() + s.slice(1) : s;
}
