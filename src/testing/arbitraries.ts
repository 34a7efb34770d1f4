/**
 * fast-check generators of valid scenarios, for researchers' own property tests (`ccsim/testing`).
 *
 *   import fc from "fast-check";
 *   import { parseScenarioText, runScenario } from "ccsim";
 *   import { scenarioArbitrary, yamlOf } from "ccsim/testing";
 *
 *   // Little's law needs no abandonment; a theorem about FIFO queues wants one voice queue.
 *   fc.assert(
 *     fc.property(scenarioArbitrary({ channels: ["voice"], abandonment: false, features: false, costs: false }), (input) => {
 *       const loaded = parseScenarioText(yamlOf(input), "<generated>");
 *       if (!loaded.ok) throw new Error("the generator promises valid scenarios");
 *       const result = runScenario(loaded.scenario, { replications: 1 });
 *       // … assert the theorem on result.runs[0] …
 *     }),
 *     { numRuns: 200, seed: 42 },
 *   );
 *
 * Promise: every generated `ScenarioInput` (what a YAML file holds) loads through
 * `parseScenarioText(yamlOf(input), file)` with no error and no warning (test/testing/
 * arbitraries.test.ts checks this on thousands of cases). Scenarios are small — at most
 * `maxHours` simulated hours (default 6), tens of contacts per hour per type, a dozen agents per
 * group, one replication — so a property can simulate hundreds of them in seconds.
 *
 * Design: every generator is a composition of fast-check records, tuples, arrays and options,
 * then one pure `map` that assembles a consistent scenario (skills referring to existing types,
 * only the sites groups use, channel rules, breaks inside shifts, …). There is no `chain` and no
 * hidden randomness, so failing cases shrink well: types and groups disappear, options turn off,
 * numbers move toward their simplest values. Rules that keep the output warning-free:
 * - every contact type is a skill of some group (no type-unserved / type-overflow-only), and
 *   every group has a skill (no idle groups, elastic staffing has a forecast);
 * - every non-elastic group has a productive agent at its peak (shrinkage ≤ 0.4, peak ≥ 1);
 * - overflow rules never target a group that already has the skill; concurrency only on groups
 *   with chat or messaging skills; scheduledDelay only with mode "scheduled";
 * - either every in-house group has an hourlyWage or none does, and vendor groups never do;
 * - `sites` lists exactly the sites groups work at; lifetime values name existing segments;
 * - intraday profiles have some weight; replayed `times` lie inside the horizon.
 * Not generated: `extends`, CSV files (`volume.replay`, empirical `csv`), `$schema`.
 */
import fc from "fast-check";
import { Document, isScalar, visit } from "yaml";
import { CHANNELS, DAYS, DISTRIBUTION_NAMES, PRICING_UNITS, type Channel, type DayName, type ScenarioInput } from "../scenario/schema.js";

// ---- public types ---------------------------------------------------------------------------

export type DistributionName = (typeof DISTRIBUTION_NAMES)[number];
type ContactTypeInput = ScenarioInput["contactTypes"][string];
type AgentGroupInput = ScenarioInput["agentGroups"][string];
type SiteInput = NonNullable<ScenarioInput["sites"]>[string];
type StaffingInput = AgentGroupInput["staffing"];
type CostsInput = NonNullable<ScenarioInput["costs"]>;
/** A duration distribution as a scenario file may write it: `300`, `"5m"` or `{dist: …}`. */
export type DistributionInput = ContactTypeInput["handleTime"];
export type StaffingMode = "constant" | "perInterval" | "shifts" | "elastic";
export type VolumeMode = "perHour" | "daily" | "times";
export type IntervalMinutes = 15 | 30 | 60;

export interface ScenarioArbitraryOptions {
  /** Most contact types, 1..6 (default 3). */
  maxTypes?: number;
  /** Most agent groups, 1..6 (default 3). */
  maxGroups?: number;
  /** Most simulated hours, 1..168 (default 6); the horizon is a whole number of hours from 1. */
  maxHours?: number;
  /** Most scheduled agents per group and interval, 1..200 (default 12). */
  maxAgents?: number;
  /** Most fresh contacts per hour and contact type, > 0 (default 60). */
  maxPerHour?: number;
  /** Channels the contact types may use (default all four). */
  channels?: readonly Channel[];
  /** Customers may abandon (default true). False: every type has `patience: infinite` (chat and messaging
   * default to finite patience otherwise) and retrials never follow an abandonment. */
  abandonment?: boolean;
  /** Costs: the `costs` section, hourly wages, in-house site cost settings and vendor SLAs, minimums and
   * transition costs (default true). Vendors keep their pricing, which the schema requires. */
  costs?: boolean;
  /** Default for every feature family below (default true). `features: false` gives plain scenarios:
   * contact types with volume, handle time and patience, groups with skills and staffing. */
  features?: boolean;
  /** `ivr` (ports, menu time) and per-type IVR containment, voice only. */
  ivr?: boolean;
  /** `trunks.lines`. */
  trunks?: boolean;
  /** Voice callbacks, both modes. */
  callbacks?: boolean;
  /** Redials after a busy signal or an abandonment (not for email). */
  retrials?: boolean;
  /** `resolution`: first-contact resolution and repeat contacts; also group `fcr` overrides. */
  repeats?: boolean;
  /** Customer segments with shares and queue priorities. */
  segments?: boolean;
  /** `routing.overflow` rules. */
  overflow?: boolean;
  /** `openHours` windows on contact types. */
  openHours?: boolean;
  /** Web deflection before contacts are created. */
  deflection?: boolean;
  /** `sites`: several in-house sites and vendors, and group site assignment. */
  sites?: boolean;
  /** `utcOffsetHours` of the center, of contact types and of sites; `startDay`. */
  timeZones?: boolean;
  /** After-contact work (`wrapUp`). */
  wrapUp?: boolean;
  /** `limits` and `horizon.maxArrivals`: runs may end as "overloaded" or "event-limit". */
  limits?: boolean;
  /** Chat/messaging concurrency and email blending (`reserveForLive`). */
  concurrency?: boolean;
  /** Per-type and scenario service-level settings, `reportIntervalMinutes`, `warmup`. */
  reporting?: boolean;
  /** Staffing modes to draw from (default all four). */
  staffing?: readonly StaffingMode[];
  /** Sources of arrivals to draw from (default all three). */
  volumes?: readonly VolumeMode[];
  /** Distribution families for every duration (handle, wrap-up, patience, delays). Default all. */
  distributions?: readonly DistributionName[];
  /** Planning interval lengths to draw from (default 15, 30 and 60). */
  intervalMinutes?: readonly IntervalMinutes[];
}

export interface DistributionArbitraryOptions {
  /** Families to draw from (default all nine). */
  families?: readonly DistributionName[];
  /** Also write exponentials as a bare mean (`300`) or a duration (`"5m"`) (default true). */
  shorthand?: boolean;
}

// ---- names ----------------------------------------------------------------------------------

const TYPE_NAMES = ["billing", "tech", "sales", "claims", "orders", "retention"] as const;
const GROUP_NAMES = ["generalists", "specialists", "backoffice", "seniors", "night_shift", "team-6"] as const;
const SEGMENT_NAMES = ["vip", "standard", "basic"] as const;
const INHOUSE = "inhouse";
/** Candidate sites: a group picks one by index; `sites` then lists exactly the ones in use. */
const SITE_SLOTS = [
  { name: INHOUSE, type: "inhouse" },
  { name: "branch", type: "inhouse" },
  { name: "nearshore", type: "vendor" },
  { name: "offshore", type: "vendor" },
] as const;

// ---- small helpers --------------------------------------------------------------------------

const DURATION_STYLES = ["seconds", "s", "sec", "m", "min", "h", "hr", "d"] as const;
type DurationStyle = (typeof DURATION_STYLES)[number];
const durationStyle = fc.constantFrom<DurationStyle>(...DURATION_STYLES);

/** Seconds written as a scenario file might: 5400, "5400s", "90m", "1.5h" (a unit only where it is exact). */
function durationText(seconds: number, style: DurationStyle): number | string {
  if (!Number.isInteger(seconds) || seconds < 0) return seconds;
  switch (style) {
    case "s":
    case "sec":
      return `${seconds}${style}`;
    case "m":
    case "min":
      return seconds % 60 === 0 ? `${seconds / 60}${style}` : seconds;
    case "h":
    case "hr":
      // Quarter hours are exact in binary: "0.25h", "8.5h".
      return seconds % 900 === 0 ? `${seconds / 3600}${style}` : seconds;
    case "d":
      return seconds > 0 && seconds % 86400 === 0 ? `${seconds / 86400}d` : seconds;
    default:
      return seconds;
  }
}

/**
 * Numbers in [min, max] (or [min, max) with maxExcluded): mostly with two decimals, as people
 * write them, sometimes any double (long fractions, tiny values such as 1e-300).
 */
function num(min: number, max: number, maxExcluded = false): fc.Arbitrary<number> {
  const scale = 100;
  const lo = Math.ceil(min * scale);
  const hi = maxExcluded ? Math.ceil(max * scale) - 1 : Math.floor(max * scale);
  const anyDouble = fc.double({ min, max, maxExcluded, noNaN: true });
  if (lo > hi) return anyDouble;
  return fc.oneof({ withCrossShrink: true }, { arbitrary: fc.integer({ min: lo, max: hi }).map((k) => k / scale), weight: 4 }, { arbitrary: anyDouble, weight: 1 });
}
const probability = (min = 0, max = 1) => num(min, max);
/** `arb` or absent (undefined, which shrinks first); never present when the feature is off. */
const maybe = <T>(on: boolean, arb: fc.Arbitrary<T>, presentWeight = 1, absentWeight = 1): fc.Arbitrary<T | undefined> =>
  on ? fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(undefined), weight: absentWeight }, { arbitrary: arb, weight: presentWeight }) : fc.constant(undefined);

/** The object without its undefined values (so that generated inputs compare and print cleanly). */
function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

function hhmm(minutesOfDay: number): string {
  const h = Math.floor(minutesOfDay / 60);
  const m = minutesOfDay % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Hourly values repeated to one per planning interval. */
function perIntervalOf(hourly: readonly number[], intervalMinutes: IntervalMinutes, length: number): number[] {
  const perHour = 60 / intervalMinutes;
  return Array.from({ length }, (_, i) => hourly[Math.floor(i / perHour) % hourly.length]);
}

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`scenarioArbitrary: ${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
}

function checkList<T>(fn: string, name: string, value: readonly T[] | undefined, allowed: readonly T[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0) throw new RangeError(`${fn}: ${name} must be a non-empty list, got ${JSON.stringify(value)}`);
  for (const v of value) {
    if (!allowed.includes(v)) throw new RangeError(`${fn}: ${name} has ${JSON.stringify(v)}; allowed: ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
}

// ---- distributions --------------------------------------------------------------------------

/**
 * Duration distributions with values (or a mean) between `lo` and `hi` seconds, in every form a
 * scenario file may use: `{dist: lognormal, mean: 300, cv: 0.7}`, `{dist: uniform, min: "1m",
 * max: "5m"}`, a bare mean `300` or `"5m"` (exponential). Families whose mean must be positive
 * use a mean of at least `hi / 100` when `lo` is 0.
 */
export function distributionArbitrary(lo: number, hi: number, options: DistributionArbitraryOptions = {}): fc.Arbitrary<DistributionInput> {
  if (typeof lo !== "number" || !Number.isFinite(lo) || lo < 0) throw new RangeError(`distributionArbitrary: lo must be a finite number >= 0, got ${String(lo)}`);
  if (typeof hi !== "number" || !Number.isFinite(hi) || hi < lo || hi <= 0) {
    throw new RangeError(`distributionArbitrary: hi must be a finite number > 0 and >= lo (${lo}), got ${String(hi)}`);
  }
  if (typeof options !== "object" || options === null) throw new RangeError(`distributionArbitrary: options must be an object, got ${String(options)}`);
  checkList("distributionArbitrary", "options.families", options.families, DISTRIBUTION_NAMES);
  const families = options.families ?? DISTRIBUTION_NAMES;
  const shorthand = options.shorthand ?? true;

  const positiveLo = lo > 0 ? lo : hi / 100;
  /** A time in [a, b] seconds: a whole number (that may be written with a unit) or a fraction. */
  const time = (a: number, b: number): fc.Arbitrary<number | string> => {
    const fractional = num(a, b);
    const lowInt = Math.ceil(a);
    const highInt = Math.floor(b);
    if (lowInt > highInt) return fractional;
    return fc.oneof(fc.tuple(fc.integer({ min: lowInt, max: highInt }), durationStyle).map(([s, style]) => durationText(s, style)), fractional);
  };
  const mean = time(positiveLo, hi);
  const cv = num(0, 1.5);
  /** n times in [lo, hi], ascending: fractions, or whole seconds that may be written with a unit. */
  const sortedTimes = (n: number): fc.Arbitrary<(number | string)[]> => {
    const fractions = fc.array(num(lo, hi), { minLength: n, maxLength: n }).map((xs) => [...xs].sort((a, b) => a - b));
    if (Math.ceil(lo) > Math.floor(hi)) return fractions;
    const whole = fc
      .tuple(fc.array(fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }), { minLength: n, maxLength: n }), durationStyle)
      .map(([xs, style]) => [...xs].sort((a, b) => a - b).map((x) => durationText(x, style)));
    return fc.oneof({ withCrossShrink: true }, fractions, whole);
  };

  const byFamily: Record<DistributionName, fc.Arbitrary<DistributionInput>> = {
    exponential: shorthand ? fc.oneof(mean.map((m) => ({ dist: "exponential" as const, mean: m })), mean) : mean.map((m) => ({ dist: "exponential" as const, mean: m })),
    deterministic: time(lo, hi).map((m) => ({ dist: "deterministic" as const, mean: m })),
    uniform: sortedTimes(2).map(([min, max]) => ({ dist: "uniform" as const, min, max })),
    triangular: sortedTimes(3).map(([min, mode, max]) => ({ dist: "triangular" as const, min, mode, max })),
    lognormal: fc.record({ dist: fc.constant("lognormal" as const), mean, cv }),
    gamma: fc.record({ dist: fc.constant("gamma" as const), mean, cv: num(0.1, 1.5) }),
    weibull: fc.record({ dist: fc.constant("weibull" as const), mean, shape: num(0.5, 3) }),
    erlang: fc.record({ dist: fc.constant("erlang" as const), mean, k: fc.integer({ min: 1, max: 5 }) }),
    empirical: fc.record({ dist: fc.constant("empirical" as const), values: fc.array(num(lo, hi), { minLength: 1, maxLength: 8 }) }),
    // A curve from 1 at lo to 0 at hi (no tail), so every draw lies in [lo, hi]; a point when lo = hi.
    survival: hi === lo ? time(lo, hi).map((m) => ({ dist: "deterministic" as const, mean: m })) : fc.tuple(num(0, 1), fc.boolean()).map(([middle, step]) => ({
      dist: "survival" as const,
      times: [lo, (lo + hi) / 2, hi],
      survival: [1, middle, 0],
      interpolation: step ? ("step" as const) : ("linear" as const),
    })),
  };
  return fc.oneof({ withCrossShrink: true }, ...families.map((f) => byFamily[f]));
}

// ---- raw material ---------------------------------------------------------------------------
// Everything below is drawn independently, then `assemble` makes it consistent.

/** The options with every default filled in (`features` spread over the flags it defaults). */
type Resolved = Required<Omit<ScenarioArbitraryOptions, "features">>;

const FLAGS = ["abandonment", "costs", "features", "ivr", "trunks", "callbacks", "retrials", "repeats", "segments", "overflow", "openHours", "deflection", "sites", "timeZones", "wrapUp", "limits", "concurrency", "reporting"] as const;
const OPTION_NAMES = new Set<string>(["maxTypes", "maxGroups", "maxHours", "maxAgents", "maxPerHour", "channels", "staffing", "volumes", "distributions", "intervalMinutes", ...FLAGS]);

function resolveOptions(options: ScenarioArbitraryOptions): Resolved {
  if (typeof options !== "object" || options === null) throw new RangeError(`scenarioArbitrary: options must be an object, got ${String(options)}`);
  checkInteger("maxTypes", options.maxTypes, 1, TYPE_NAMES.length);
  checkInteger("maxGroups", options.maxGroups, 1, GROUP_NAMES.length);
  checkInteger("maxHours", options.maxHours, 1, 168);
  checkInteger("maxAgents", options.maxAgents, 1, 200);
  if (options.maxPerHour !== undefined && !(typeof options.maxPerHour === "number" && Number.isFinite(options.maxPerHour) && options.maxPerHour > 0 && options.maxPerHour <= 10000)) {
    throw new RangeError(`scenarioArbitrary: maxPerHour must be a number greater than 0 and at most 10000, got ${String(options.maxPerHour)}`);
  }
  checkList("scenarioArbitrary", "channels", options.channels, CHANNELS);
  checkList("scenarioArbitrary", "staffing", options.staffing, ["constant", "perInterval", "shifts", "elastic"] as const);
  checkList("scenarioArbitrary", "volumes", options.volumes, ["perHour", "daily", "times"] as const);
  checkList("scenarioArbitrary", "distributions", options.distributions, DISTRIBUTION_NAMES);
  checkList("scenarioArbitrary", "intervalMinutes", options.intervalMinutes, [15, 30, 60] as const);
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) throw new RangeError(`scenarioArbitrary: unknown option ${JSON.stringify(key)}; options are ${[...OPTION_NAMES].join(", ")}`);
  }
  for (const f of FLAGS) {
    const v = options[f];
    if (v !== undefined && typeof v !== "boolean") throw new RangeError(`scenarioArbitrary: ${f} must be true or false, got ${JSON.stringify(v)}`);
  }
  const features = options.features ?? true;
  const flag = (v: boolean | undefined) => v ?? features;
  return {
    maxTypes: options.maxTypes ?? 3,
    maxGroups: options.maxGroups ?? 3,
    maxHours: options.maxHours ?? 6,
    maxAgents: options.maxAgents ?? 12,
    maxPerHour: options.maxPerHour ?? 60,
    channels: options.channels ?? CHANNELS,
    abandonment: options.abandonment ?? true,
    costs: options.costs ?? true,
    ivr: flag(options.ivr),
    trunks: flag(options.trunks),
    callbacks: flag(options.callbacks),
    retrials: flag(options.retrials),
    repeats: flag(options.repeats),
    segments: flag(options.segments),
    overflow: flag(options.overflow),
    openHours: flag(options.openHours),
    deflection: flag(options.deflection),
    sites: flag(options.sites),
    timeZones: flag(options.timeZones),
    wrapUp: flag(options.wrapUp),
    limits: flag(options.limits),
    concurrency: flag(options.concurrency),
    reporting: flag(options.reporting),
    staffing: options.staffing ?? ["constant", "perInterval", "shifts", "elastic"],
    volumes: options.volumes ?? ["perHour", "daily", "times"],
    distributions: options.distributions ?? DISTRIBUTION_NAMES,
    intervalMinutes: options.intervalMinutes ?? [15, 30, 60],
  };
}

/** Days a window or shift works, in the forms a file may use. */
const dayListArbitrary: fc.Arbitrary<"all" | "weekdays" | "weekend" | DayName[]> = fc.oneof(
  fc.constantFrom("all" as const, "weekdays" as const, "weekend" as const),
  fc.subarray([...DAYS], { minLength: 1 }),
);
/** UTC offsets in quarter hours (5.75 for Nepal is valid), -12..14. */
const utcOffsetArbitrary = fc.integer({ min: -48, max: 56 }).map((q) => q / 4);

function rawTypeArbitrary(o: Resolved) {
  const dist = (lo: number, hi: number) => distributionArbitrary(lo, hi, { families: o.distributions });
  const hourly = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 24, maxLength: 24 });
  const volumeByMode = {
    perHour: fc.record({ kind: fc.constant("perHour" as const), perHour: num(0, o.maxPerHour) }),
    daily: fc.record({
      kind: fc.constant("daily" as const),
      daily: num(0, o.maxPerHour * 24),
      hourly: fc.option(hourly, { nil: undefined }),
      dayOfWeek: fc.option(fc.array(num(0, 2), { minLength: 7, maxLength: 7 }), { nil: undefined }),
      overdispersion: fc.option(num(0, 0.3), { nil: undefined }),
    }),
    times: fc.record({
      kind: fc.constant("times" as const),
      fractions: fc.array(num(0, 1, true), { maxLength: 30 }),
    }),
  };
  const window = fc.record({
    fromHalfHour: fc.integer({ min: 0, max: 47 }),
    lengthHalfHours: fc.integer({ min: 1, max: 47 }),
    early: fc.boolean(),
    days: fc.option(dayListArbitrary, { nil: undefined }),
    midnightAs24: fc.boolean(),
  });
  return fc.record({
    channel: fc.constantFrom(...o.channels),
    explicitChannel: fc.boolean(),
    volume: fc.oneof({ withCrossShrink: true }, ...o.volumes.map((m) => volumeByMode[m])),
    deflection: maybe(o.deflection, probability(0, 0.6)),
    utcOffsetHours: maybe(o.timeZones, utcOffsetArbitrary),
    openHours: maybe(o.openHours, fc.record({ windows: fc.array(window, { minLength: 1, maxLength: 2 }), asList: fc.boolean() })),
    handleTime: dist(20, 600),
    wrapUp: maybe(o.wrapUp, dist(0, 60)),
    patience: fc.option(fc.oneof(fc.constant("infinite" as const), dist(10, 900)), { nil: undefined, freq: 3 }),
    ivr: maybe(o.ivr, fc.record({ containment: fc.option(probability(0, 0.8), { nil: undefined }), failedSelfServiceExtra: fc.option(dist(0, 60), { nil: undefined }), menuTime: fc.option(dist(5, 60), { nil: undefined }) })),
    segments: maybe(o.segments, fc.array(fc.record({ weight: fc.integer({ min: 1, max: 9 }), priority: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }) }), { minLength: 1, maxLength: 3 })),
    retrial: maybe(
      o.retrials,
      fc.record({
        afterBlocked: fc.option(probability(), { nil: undefined }),
        afterAbandon: fc.option(probability(), { nil: undefined }),
        delay: fc.option(dist(10, 600), { nil: undefined }),
        maxAttempts: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      }),
    ),
    callback: maybe(
      o.callbacks,
      fc.record({
        offerWhenWaitAbove: fc.tuple(fc.integer({ min: 0, max: 300 }), durationStyle).map(([s, style]) => durationText(s, style)),
        acceptProbability: fc.option(probability(), { nil: undefined }),
        mode: fc.option(fc.constantFrom("keep-place" as const, "scheduled" as const), { nil: undefined }),
        scheduledDelay: fc.option(dist(60, 3600), { nil: undefined }),
        dialTime: fc.option(dist(5, 40), { nil: undefined }),
        answerProbability: fc.option(probability(), { nil: undefined }),
        maxAttempts: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        retryDelay: fc.option(dist(60, 1200), { nil: undefined }),
      }),
    ),
    resolution: maybe(
      o.repeats,
      fc.record({
        fcr: fc.option(probability(), { nil: undefined }),
        repeatDelay: fc.option(dist(60, 7200), { nil: undefined }),
        repeatProbability: fc.option(probability(), { nil: undefined }),
      }),
    ),
    serviceLevel: maybe(
      o.reporting,
      fc.record({ thresholdSeconds: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }), target: fc.option(probability(), { nil: undefined }) }),
    ),
  });
}
type RawType = ReturnType<typeof rawTypeArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function rawGroupArbitrary(o: Resolved) {
  const agents = fc.integer({ min: 0, max: o.maxAgents });
  const hourlyAgents = fc.array(agents, { minLength: 24, maxLength: 24 });
  const shift = fc.record({
    startHour: fc.integer({ min: 0, max: 23 }),
    startMinute: fc.constantFrom(0, 30, 15, 45, 5),
    early: fc.boolean(),
    lengthQuarterHours: fc.integer({ min: 2, max: 40 }),
    lengthStyle: durationStyle,
    days: fc.option(dayListArbitrary, { nil: undefined }),
    count: agents,
    breaks: fc.array(fc.record({ afterMinutes: fc.nat({ max: 600 }), lengthMinutes: fc.constantFrom(15, 10, 30, 60), style: durationStyle }), { maxLength: 2 }),
  });
  const staffingByMode = {
    constant: fc.record({ kind: fc.constant("constant" as const), count: agents }),
    perInterval: fc.record({ kind: fc.constant("perInterval" as const), hourly: hourlyAgents, horizonLength: fc.boolean() }),
    shifts: fc.record({ kind: fc.constant("shifts" as const), shifts: fc.array(shift, { minLength: 1, maxLength: 3 }) }),
    elastic: fc.record({
      kind: fc.constant("elastic" as const),
      serviceLevel: fc.option(probability(0.5, 0.95), { nil: undefined }),
      thresholdSeconds: fc.option(fc.integer({ min: 5, max: 120 }), { nil: undefined }),
      model: fc.option(fc.constantFrom("erlangA" as const, "erlangC" as const), { nil: undefined }),
    }),
  };
  return fc.record({
    extraSkills: fc.array(fc.record({ type: fc.nat({ max: 5 }), priority: fc.integer({ min: 1, max: 9 }) }), { maxLength: 3 }),
    homePriority: fc.integer({ min: 1, max: 9 }),
    site: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.nat({ max: SITE_SLOTS.length - 1 }), weight: 1 }),
    explicitSite: fc.boolean(),
    staffing: fc.oneof({ withCrossShrink: true }, ...o.staffing.map((m) => staffingByMode[m])),
    shrinkage: fc.option(num(0, 0.4), { nil: undefined }),
    handleTimeFactor: fc.option(num(0.5, 2), { nil: undefined }),
    fcr: maybe(o.repeats, probability()),
    hourlyWage: num(8, 80),
    concurrency: maybe(o.concurrency, fc.record({ max: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), slowdown: fc.option(num(0, 0.5), { nil: undefined }) })),
    reserveForLive: maybe(o.concurrency, fc.integer({ min: 0, max: 3 })),
  });
}
type RawGroup = ReturnType<typeof rawGroupArbitrary> extends fc.Arbitrary<infer T> ? T : never;

const money = (max: number) => num(0, max);

function rawSiteArbitraries(o: Resolved) {
  const inhouse = fc.record({
    utcOffsetHours: maybe(o.timeZones, utcOffsetArbitrary),
    premiums: maybe(
      o.costs,
      fc.record({
        night: fc.option(num(0, 0.5), { nil: undefined }),
        nightFromHour: fc.integer({ min: 0, max: 23 }),
        nightHours: fc.integer({ min: 1, max: 23 }),
        weekend: fc.option(num(0, 0.5), { nil: undefined }),
        overtime: fc.option(num(0, 1), { nil: undefined }),
      }),
    ),
    supervision: maybe(
      o.costs,
      fc.record({
        agentsPerSupervisor: fc.option(num(5, 20), { nil: undefined }),
        supervisorHourlyWage: fc.option(money(80), { nil: undefined }),
        supervisorsPerManager: fc.option(num(3, 10), { nil: undefined }),
        managerMonthlySalary: fc.option(money(15000), { nil: undefined }),
      }),
    ),
    facilities: maybe(o.costs, fc.record({ perSeatMonthly: fc.option(money(1000), { nil: undefined }) })),
    technology: maybe(o.costs, fc.record({ perSeatMonthly: fc.option(money(400), { nil: undefined }), fixedMonthly: fc.option(money(20000), { nil: undefined }) })),
    hiring: maybe(
      o.costs,
      fc.record({
        attritionPerYear: fc.option(num(0, 1), { nil: undefined }),
        costPerHire: fc.option(money(8000), { nil: undefined }),
        rampWeeks: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        rampHandleTimeFactor: fc.option(num(1, 1.5), { nil: undefined }),
      }),
    ),
  });
  const vendor = fc.record({
    utcOffsetHours: maybe(o.timeZones, utcOffsetArbitrary),
    pricing: fc.record({
      per: fc.constantFrom(...PRICING_UNITS),
      rate: money(40),
      fteHoursPerMonth: fc.option(num(120, 180), { nil: undefined }),
    }),
    minimumMonthly: maybe(o.costs, money(50000)),
    sla: maybe(
      o.costs,
      fc.record({
        target: probability(0.5, 0.95),
        thresholdSeconds: fc.option(fc.integer({ min: 5, max: 120 }), { nil: undefined }),
        per: fc.option(fc.constantFrom("interval" as const, "month" as const), { nil: undefined }),
        penaltyPerPoint: fc.option(money(2000), { nil: undefined }),
        bonusPerPoint: fc.option(money(1000), { nil: undefined }),
      }),
    ),
    transition: maybe(o.costs, fc.record({ amount: money(100000), amortisationMonths: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }) })),
  });
  return { inhouse, vendor };
}
type RawSites = ReturnType<typeof rawSiteArbitraries>;
type RawInhouse = RawSites["inhouse"] extends fc.Arbitrary<infer T> ? T : never;
type RawVendor = RawSites["vendor"] extends fc.Arbitrary<infer T> ? T : never;

function rawCostsArbitrary() {
  return fc.record({
    currency: fc.option(fc.constantFrom("USD", "EUR", "GBP", "INR"), { nil: undefined }),
    telephony: fc.option(
      fc.record({
        perLineMinute: fc.option(money(0.05), { nil: undefined }),
        perIvrMinute: fc.option(money(0.05), { nil: undefined }),
        perOutboundMinute: fc.option(money(0.05), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    investments: fc.option(
      fc.array(fc.record({ name: fc.constantFrom("IVR", "CTI upgrade", "callback system", "WFM"), amount: money(500000), amortisationMonths: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }) }), { maxLength: 2 }),
      { nil: undefined },
    ),
    poorService: fc.option(
      fc.record({
        churn: fc.option(fc.record({ abandoned: fc.option(probability(0, 0.1), { nil: undefined }), blocked: fc.option(probability(0, 0.1), { nil: undefined }), unresolved: fc.option(probability(0, 0.1), { nil: undefined }) }), { nil: undefined }),
        defaultValue: money(5000),
        segmentValues: fc.array(money(10000), { minLength: 3, maxLength: 3 }),
        valueSegments: fc.boolean(),
      }),
      { nil: undefined },
    ),
  });
}
type RawCosts = ReturnType<typeof rawCostsArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function rawScenarioArbitrary(o: Resolved) {
  const sites = rawSiteArbitraries(o);
  const overflowRule = fc.record({
    type: fc.nat({ max: 5 }),
    to: fc.nat({ max: 5 }),
    afterWait: fc.integer({ min: 0, max: 180 }),
    priority: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
  });
  return fc.record({
    types: fc.array(rawTypeArbitrary(o), { minLength: 1, maxLength: o.maxTypes }),
    groups: fc.array(rawGroupArbitrary(o), { minLength: 1, maxLength: o.maxGroups }),
    homeShift: fc.nat({ max: 5 }),
    hours: fc.integer({ min: 1, max: o.maxHours }),
    intervalMinutes: fc.constantFrom(...o.intervalMinutes),
    name: fc.option(fc.constantFrom("generated", "Generated scenario", "what-if #3"), { nil: undefined }),
    description: fc.option(fc.string({ unit: "grapheme", maxLength: 40 }), { nil: undefined }),
    seed: fc.option(fc.nat({ max: 2 ** 32 - 1 }), { nil: undefined }),
    startDay: maybe(o.timeZones, fc.constantFrom(...DAYS)),
    utcOffsetHours: maybe(o.timeZones, utcOffsetArbitrary),
    reportFactor: maybe(o.reporting, fc.constantFrom(1, 2, 4)),
    warmupFraction: maybe(o.reporting, num(0, 0.5, true)),
    warmupStyle: durationStyle,
    serviceLevel: maybe(
      o.reporting,
      fc.record({
        thresholdSeconds: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
        target: fc.option(probability(), { nil: undefined }),
        shortAbandon: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        style: durationStyle,
      }),
    ),
    trunks: maybe(o.trunks, fc.integer({ min: 0, max: 60 })),
    ivr: maybe(o.ivr, fc.record({ ports: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }), menuTime: fc.option(distributionArbitrary(5, 60, { families: o.distributions }), { nil: undefined }) })),
    inhouseSites: fc.tuple(sites.inhouse, sites.inhouse),
    vendorSites: fc.tuple(sites.vendor, sites.vendor),
    declareSites: o.sites ? fc.boolean() : fc.constant(false),
    overflow: o.overflow ? fc.array(overflowRule, { maxLength: 3 }) : fc.constant<(typeof overflowRule extends fc.Arbitrary<infer R> ? R : never)[]>([]),
    costs: maybe(o.costs, rawCostsArbitrary()),
    wages: o.costs ? fc.boolean() : fc.constant(false),
    limits: maybe(o.limits, fc.record({ maxInSystem: fc.option(fc.integer({ min: 20, max: 5000 }), { nil: undefined }), maxEvents: fc.option(fc.integer({ min: 2000, max: 1_000_000 }), { nil: undefined }) }), 1, 4),
    maxArrivals: maybe(o.limits, fc.integer({ min: 1, max: 500 }), 1, 4),
  });
}
type RawScenario = ReturnType<typeof rawScenarioArbitrary> extends fc.Arbitrary<infer T> ? T : never;

// ---- assembly -------------------------------------------------------------------------------

function assembleType(raw: RawType, o: Resolved, ctx: { hours: number; intervalMinutes: IntervalMinutes; segmentsUsed: Set<string> }): ContactTypeInput {
  const channel = raw.channel;
  const voice = channel === "voice";
  const email = channel === "email";
  const perDay = (24 * 60) / ctx.intervalMinutes;
  const horizonSeconds = ctx.hours * 3600;

  let volume: ContactTypeInput["volume"];
  const v = raw.volume;
  if (v.kind === "perHour") volume = { perHour: v.perHour };
  else if (v.kind === "times") volume = { times: v.fractions.map((f) => Math.min(horizonSeconds - 0.1, Math.floor(f * horizonSeconds * 10) / 10)) };
  else {
    let intraday: number[] | undefined;
    if (v.hourly) {
      intraday = perIntervalOf(v.hourly, ctx.intervalMinutes, perDay);
      // An all-zero profile draws a warning (nothing arrives); give the first hour some weight.
      if (intraday.every((w) => w === 0)) intraday = intraday.map((w, i) => (i < 60 / ctx.intervalMinutes ? 1 : w));
    }
    volume = compact({ daily: v.daily, intraday, dayOfWeek: v.dayOfWeek, overdispersion: v.overdispersion });
  }

  let openHours: ContactTypeInput["openHours"];
  if (raw.openHours) {
    const windows = raw.openHours.windows.map((w) => {
      const fromHalf = w.early ? w.fromHalfHour % (2 * ctx.hours) : w.fromHalfHour;
      const toHalf = (fromHalf + w.lengthHalfHours) % 48;
      const to = toHalf === 0 && w.midnightAs24 ? "24:00" : hhmm(toHalf * 30);
      return compact({ days: w.days, from: hhmm(fromHalf * 30), to });
    });
    openHours = raw.openHours.asList || windows.length > 1 ? windows : windows[0];
  }

  let patience: ContactTypeInput["patience"] = raw.patience;
  if (!o.abandonment) patience = voice && raw.patience === undefined ? undefined : "infinite";
  if (email && patience !== undefined && patience !== "infinite") patience = undefined;

  let segments: ContactTypeInput["segments"];
  if (raw.segments) {
    const total = raw.segments.reduce((a, s) => a + s.weight, 0);
    segments = {};
    raw.segments.forEach((s, i) => {
      ctx.segmentsUsed.add(SEGMENT_NAMES[i]);
      segments![SEGMENT_NAMES[i]] = compact({ share: raw.segments!.length === 1 ? 1 : s.weight / total, priority: s.priority });
    });
  }

  let retrial: ContactTypeInput["retrial"];
  if (raw.retrial && !email) {
    retrial = compact({ ...raw.retrial, afterAbandon: o.abandonment ? raw.retrial.afterAbandon : undefined });
  }

  let callback: ContactTypeInput["callback"];
  if (raw.callback && voice) {
    const scheduled = raw.callback.mode === "scheduled";
    callback = compact({ ...raw.callback, scheduledDelay: scheduled ? raw.callback.scheduledDelay : undefined });
  }

  return compact({
    channel: voice && !raw.explicitChannel ? undefined : channel, // voice is the default
    volume,
    deflection: raw.deflection,
    utcOffsetHours: raw.utcOffsetHours,
    openHours,
    handleTime: raw.handleTime,
    wrapUp: raw.wrapUp,
    patience,
    ivr: raw.ivr && voice ? compact(raw.ivr) : undefined,
    segments,
    retrial,
    callback,
    resolution: raw.resolution ? compact(raw.resolution) : undefined,
    serviceLevel: raw.serviceLevel ? compact(raw.serviceLevel) : undefined,
  });
}

function assembleStaffing(raw: RawGroup["staffing"], ctx: { hours: number; intervalMinutes: IntervalMinutes }): StaffingInput {
  const perDay = (24 * 60) / ctx.intervalMinutes;
  switch (raw.kind) {
    case "constant":
      // At least one agent: a group that never has an agent draws a warning.
      return { constant: Math.max(1, raw.count) };
    case "perInterval": {
      const length = raw.horizonLength ? Math.ceil((ctx.hours * 60) / ctx.intervalMinutes) : perDay;
      const values = perIntervalOf(raw.hourly, ctx.intervalMinutes, length);
      if (!values.some((c) => c !== 0)) values[0] = 1;
      return { perInterval: values };
    }
    case "shifts":
      return {
        shifts: raw.shifts.map((sh, i) => {
          const lengthSeconds = sh.lengthQuarterHours * 900;
          const startHour = sh.early ? sh.startHour % ctx.hours : sh.startHour;
          const breaks = sh.breaks
            .filter((b) => b.lengthMinutes * 60 < lengthSeconds)
            .map((b) => {
              const room = lengthSeconds / 60 - b.lengthMinutes; // latest start of the break, in minutes
              const after = (b.afterMinutes % (room + 1)) * 60;
              return { after: durationText(after, b.style), length: durationText(b.lengthMinutes * 60, b.style) };
            });
          return compact({
            start: hhmm((startHour % 24) * 60 + sh.startMinute),
            length: durationText(lengthSeconds, sh.lengthStyle),
            days: sh.days,
            count: i === 0 ? Math.max(1, sh.count) : sh.count,
            breaks: breaks.length > 0 ? breaks : undefined,
          });
        }),
      };
    case "elastic":
      return { elastic: compact({ serviceLevel: raw.serviceLevel, thresholdSeconds: raw.thresholdSeconds, model: raw.model }) };
  }
}

function assembleInhouse(raw: RawInhouse): SiteInput {
  const p = raw.premiums;
  return compact({
    type: "inhouse" as const,
    utcOffsetHours: raw.utcOffsetHours,
    premiums: p
      ? compact({
          night: p.night,
          nightFrom: hhmm(p.nightFromHour * 60),
          nightTo: hhmm(((p.nightFromHour + p.nightHours) % 24) * 60), // nightHours in 1..23: never equal to nightFrom
          weekend: p.weekend,
          overtime: p.overtime,
        })
      : undefined,
    supervision: raw.supervision ? compact(raw.supervision) : undefined,
    facilities: raw.facilities ? compact(raw.facilities) : undefined,
    technology: raw.technology ? compact(raw.technology) : undefined,
    hiring: raw.hiring ? compact(raw.hiring) : undefined,
  });
}

function assembleVendor(raw: RawVendor): SiteInput {
  return compact({
    type: "vendor" as const,
    utcOffsetHours: raw.utcOffsetHours,
    pricing: compact({ ...raw.pricing, fteHoursPerMonth: raw.pricing.per === "fte" ? raw.pricing.fteHoursPerMonth : undefined }),
    minimumMonthly: raw.minimumMonthly,
    sla: raw.sla ? compact(raw.sla) : undefined,
    transition: raw.transition ? compact(raw.transition) : undefined,
  });
}

function assembleCosts(raw: RawCosts, segmentsUsed: ReadonlySet<string>): CostsInput {
  let poorService: CostsInput["poorService"];
  if (raw.poorService) {
    const p = raw.poorService;
    const lifetimeValue: Record<string, number> = { default: p.defaultValue };
    if (p.valueSegments) SEGMENT_NAMES.forEach((name, i) => segmentsUsed.has(name) && (lifetimeValue[name] = p.segmentValues[i]));
    poorService = compact({ churnProbability: p.churn ? compact(p.churn) : undefined, lifetimeValue });
  }
  return compact({
    currency: raw.currency,
    telephony: raw.telephony ? compact(raw.telephony) : undefined,
    investments: raw.investments?.map((inv) => compact(inv)),
    poorService,
  });
}

function assemble(raw: RawScenario, o: Resolved): ScenarioInput {
  const { hours, intervalMinutes } = raw;
  const typeNames = TYPE_NAMES.slice(0, raw.types.length);
  const groupNames = GROUP_NAMES.slice(0, raw.groups.length);
  const segmentsUsed = new Set<string>();
  const contactTypes: Record<string, ContactTypeInput> = {};
  raw.types.forEach((t, i) => (contactTypes[typeNames[i]] = assembleType(t, o, { hours, intervalMinutes, segmentsUsed })));

  // Skills: every type has a home group and every group a home type, plus extra skills.
  const skillsOf: Record<string, number>[] = raw.groups.map(() => ({}));
  typeNames.forEach((t, i) => (skillsOf[(i + raw.homeShift) % groupNames.length][t] = raw.groups[(i + raw.homeShift) % groupNames.length].homePriority));
  raw.groups.forEach((g, gi) => {
    const home = typeNames[gi % typeNames.length];
    if (!(home in skillsOf[gi])) skillsOf[gi][home] = g.homePriority;
    for (const extra of g.extraSkills) {
      const t = typeNames[extra.type % typeNames.length];
      if (!(t in skillsOf[gi])) skillsOf[gi][t] = extra.priority;
    }
  });

  const siteOf = (g: RawGroup) => (o.sites ? SITE_SLOTS[g.site] : SITE_SLOTS[0]);
  const agentGroups: Record<string, AgentGroupInput> = {};
  raw.groups.forEach((g, gi) => {
    const skills = skillsOf[gi];
    const channels = Object.keys(skills).map((t) => contactTypes[t].channel ?? "voice");
    const concurrent = channels.some((c) => c === "chat" || c === "messaging");
    const blends = channels.includes("email");
    const site = siteOf(g);
    agentGroups[groupNames[gi]] = compact({
      site: site.name === INHOUSE && !g.explicitSite ? undefined : site.name,
      skills,
      staffing: assembleStaffing(g.staffing, { hours, intervalMinutes }),
      shrinkage: g.shrinkage,
      handleTimeFactor: g.handleTimeFactor,
      fcr: g.fcr,
      hourlyWage: raw.wages && site.type === "inhouse" ? g.hourlyWage : undefined,
      concurrency: concurrent && g.concurrency ? compact(g.concurrency) : undefined,
      reserveForLive: blends ? g.reserveForLive : undefined,
    });
  });

  // Only the sites groups work at (an unused site draws a warning).
  const usedSlots = [...new Set(raw.groups.map((g) => SITE_SLOTS.indexOf(siteOf(g))))].sort((a, b) => a - b);
  let sites: Record<string, SiteInput> | undefined;
  if (usedSlots.some((i) => i !== 0) || raw.declareSites) {
    sites = {};
    for (const i of usedSlots) {
      const slot = SITE_SLOTS[i];
      sites[slot.name] = slot.type === "inhouse" ? assembleInhouse(raw.inhouseSites[i]) : assembleVendor(raw.vendorSites[i - 2]);
    }
  }

  // Overflow rules to groups that lack the skill (others would have no effect, and draw a warning).
  const overflow = raw.overflow.flatMap((r) => {
    const type = typeNames[r.type % typeNames.length];
    const candidates = groupNames.filter((g) => !(type in agentGroups[g].skills));
    return candidates.length === 0 ? [] : [compact({ type, to: candidates[r.to % candidates.length], afterWait: r.afterWait, priority: r.priority })];
  });

  const horizonSeconds = hours * 3600;
  const warmup = raw.warmupFraction === undefined ? undefined : durationText(Math.floor(raw.warmupFraction * horizonSeconds), raw.warmupStyle);
  const sl = raw.serviceLevel;
  const reportMinutes = raw.reportFactor === undefined ? undefined : raw.reportFactor * intervalMinutes;

  return compact({
    name: raw.name,
    description: raw.description,
    seed: raw.seed,
    replications: 1,
    horizon: compact({ hours, maxArrivals: raw.maxArrivals }),
    startDay: raw.startDay,
    intervalMinutes,
    reportIntervalMinutes: reportMinutes,
    warmup,
    utcOffsetHours: raw.utcOffsetHours,
    serviceLevel: sl
      ? compact({
          thresholdSeconds: sl.thresholdSeconds === undefined ? undefined : durationText(sl.thresholdSeconds, sl.style),
          target: sl.target,
          shortAbandon: sl.shortAbandon === undefined ? undefined : durationText(sl.shortAbandon, sl.style),
        })
      : undefined,
    trunks: raw.trunks === undefined ? undefined : { lines: raw.trunks },
    ivr: raw.ivr ? compact(raw.ivr) : undefined,
    contactTypes,
    agentGroups,
    sites,
    routing: overflow.length > 0 ? { overflow } : undefined,
    costs: raw.costs ? assembleCosts(raw.costs, segmentsUsed) : undefined,
    limits: raw.limits ? compact(raw.limits) : undefined,
  }) as ScenarioInput;
}

// ---- public generators ----------------------------------------------------------------------

/**
 * Valid scenario inputs (see the module comment for the guarantees and the example). Options
 * switch feature families off to target theorems: `{ channels: ["voice"], abandonment: false,
 * features: false, costs: false, staffing: ["constant"], distributions: ["exponential"] }` gives
 * M/M/c-like FIFO queues with segments, overflow, IVR and retrials all absent.
 */
export function scenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<ScenarioInput> {
  const o = resolveOptions(options);
  return rawScenarioArbitrary(o).map((raw) => assemble(raw, o));
}

/**
 * The YAML text of a scenario input, as an analyst would write the file: block mappings, and
 * lists of plain values on one line (`intraday: [0, 1, 2, …]`). `yaml`'s plain `stringify(input)`
 * loads to the same scenario; this form is shorter to read in a counterexample.
 */
export function yamlOf(input: ScenarioInput): string {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new RangeError(`yamlOf: input must be a scenario object, got ${input === null ? "null" : typeof input}`);
  const doc = new Document(input);
  visit(doc, {
    Seq: (_, seq) => {
      if (seq.items.every((item) => isScalar(item))) seq.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}
