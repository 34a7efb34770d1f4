/**
 * Compiles a validated `Scenario` into a frozen run model: names resolved to indices,
 * distributions built, channel defaults applied, arrival rates laid out per interval over the
 * horizon on the customers' clocks, staffing turned into per-agent on-duty periods on each
 * site's clock. The engine reads only this; the cost model reads its schedule figures.
 */
import type { AgentGroupSpec, Channel, ContactTypeSpec, DistributionSpec, Scenario, ShiftSpec, SiteSpec } from "../scenario/schema.js";
import { DAYS, horizonSecondsOf, siteClockShift, sitesOf } from "../scenario/basics.js";
import { elasticStaffing, traitsOf } from "./forecast.js";
import { makeDistribution, type Distribution, type DistributionParams } from "./distributions.js";
import { productiveDuty, type LevelChange } from "./duty.js";

export const DAY = 86400;

export interface ArrivalModel {
  /** Arrival times to replay, sorted; when set, `ratePerInterval` is unused. */
  readonly replayTimes: Float64Array | null;
  /** Poisson rate (per second) in each planning interval of the horizon, before the daily busyness factor. */
  readonly ratePerInterval: Float64Array;
  /** For each planning interval, the index of the customers' local day (for the busyness factor). */
  readonly localDayOfInterval: Int32Array;
  readonly localDays: number;
  /** Coefficient of variation of the gamma busyness factor per local day (0 = none). */
  readonly overdispersion: number;
  /** Expected fresh arrivals over the horizon (before deflection). */
  readonly expected: number;
}

export interface TypeModel {
  readonly name: string;
  readonly index: number;
  readonly channel: Channel;
  /** Chat and messaging: several at once per agent. */
  readonly concurrent: boolean;
  /** Email: worked only when no live contact waits; never abandons. */
  readonly deferred: boolean;
  readonly arrivals: ArrivalModel;
  readonly deflection: number;
  readonly handle: Distribution;
  readonly wrapUp: Distribution;
  readonly patience: Distribution | null;
  /** Factor on handle time per planning interval of the horizon (the interval the conversation starts in), or null when flat. */
  readonly handleFactorByInterval: Float64Array | null;
  readonly ivr: {
    readonly menuTime: Distribution;
    /** The containment share: the scenario's number, or the mean of its per-interval profile. */
    readonly containment: number;
    /** Containment per planning interval of the horizon (the interval of arrival), or null when constant. */
    readonly containmentByInterval: Float64Array | null;
    /** IVR time of the calls it resolves, or null when they spend the menu time like the others. */
    readonly containedTime: Distribution | null;
    readonly failedExtra: Distribution | null;
  } | null;
  /** Cumulative segment shares and their queue priorities (one entry when no segments). */
  readonly segmentCumShare: Float64Array;
  readonly segmentPriority: Int32Array;
  readonly segmentNames: readonly string[];
  readonly retrial: { readonly afterBlocked: number; readonly afterAbandon: number; readonly delay: Distribution; readonly maxAttempts: number } | null;
  readonly callback: {
    readonly offerWhenWaitAbove: number;
    readonly acceptProbability: number;
    readonly scheduledDelay: Distribution | null;
    readonly dialTime: Distribution;
    readonly answerProbability: number;
    readonly maxAttempts: number;
    readonly retryDelay: Distribution;
  } | null;
  readonly fcr: number;
  readonly repeatProbability: number;
  readonly repeatDelay: Distribution;
  readonly serviceLevelSeconds: number;
  readonly serviceLevelTarget: number;
  /** Groups with the skill, best skill priority first (a new contact goes to the best tier with a free agent). */
  readonly primaryGroups: Int32Array;
  /** The skill priority of each of `primaryGroups`. */
  readonly primaryPriority: Int32Array;
  /** Overflow rules (group, wait threshold), sorted by threshold. */
  readonly overflow: readonly { readonly group: number; readonly afterWait: number; readonly priority: number }[];
  /** The site all primary groups belong to, or -1 (for a vendor's SLA denominator). */
  readonly soleSite: number;
  /** Open periods [start, end) pairs on the center's clock, merged and sorted; null when always open. */
  readonly openSpans: Float64Array | null;
}

/**
 * One on-duty period of an agent: [start, end). `endsShift` marks ends that can incur overtime;
 * any other end starts a break, which an agent busy at `end` starts when the contact is done,
 * keeping its length (the agent comes back that much later).
 */
export interface DutyPeriod {
  readonly start: number;
  readonly end: number;
  readonly endsShift: boolean;
}

export interface GroupModel {
  readonly name: string;
  readonly index: number;
  readonly site: number;
  readonly handleTimeFactor: number;
  readonly shrinkage: number;
  readonly fcr: number | null;
  /** Most concurrent chat/messaging conversations per agent, and the slowdown per extra one. */
  readonly maxConcurrent: number;
  readonly slowdown: number;
  /** Email blending: idle agents kept for live contacts. */
  readonly reserveForLive: number;
  /** (type, priority) the group serves, including overflow, sorted by priority; live types before deferred ones. */
  readonly skills: readonly { readonly type: number; readonly priority: number; readonly minWait: number }[];
  /** Each productive agent's duty periods, sorted. */
  readonly agents: readonly (readonly DutyPeriod[])[];
  /** Each agent's handle-time multiplier: the group's factor, times the ramp-up factor for new hires. */
  readonly agentHandleFactors: Float64Array;
  /** Service-level threshold the group's answers are measured against (the vendor's SLA, else the scenario's). */
  readonly slaThreshold: number;
  /** Scheduled (paid) agent-seconds per report interval, before shrinkage, from the warm-up on. */
  readonly scheduledSeconds: Float64Array;
  /** Of those, seconds in the site's night window and on its weekend days. */
  readonly nightSeconds: Float64Array;
  readonly weekendSeconds: Float64Array;
  /** Most agents scheduled at once (seats). */
  readonly peakScheduled: number;
}

export interface SiteModel {
  readonly name: string;
  readonly index: number;
  readonly spec: SiteSpec;
  /** Seconds the site's clock is ahead of the center's. */
  readonly clockShift: number;
  /** Most agents of the site scheduled at once (seats). */
  readonly peakScheduled: number;
}

export interface RunModel {
  readonly name: string;
  readonly horizon: number;
  readonly maxArrivals: number;
  readonly warmup: number;
  readonly startDay: number;
  readonly intervalSeconds: number;
  readonly intervals: number;
  readonly reportIntervalSeconds: number;
  readonly reportIntervals: number;
  readonly shortAbandon: number;
  readonly trunkLines: number;
  readonly ivrPorts: number;
  readonly types: readonly TypeModel[];
  readonly groups: readonly GroupModel[];
  readonly sites: readonly SiteModel[];
  readonly maxInSystem: number;
  readonly maxEvents: number;
}

/** Channel defaults: patience and service-level threshold when the scenario gives none. */
const CHANNEL_DEFAULTS: Record<Channel, { patience: DistributionSpec | null; thresholdSeconds: number | null }> = {
  voice: { patience: null, thresholdSeconds: null },
  chat: { patience: { dist: "exponential", mean: 300 }, thresholdSeconds: null },
  messaging: { patience: { dist: "exponential", mean: 1800 }, thresholdSeconds: 900 },
  email: { patience: null, thresholdSeconds: DAY },
};

export function compileModel(s: Scenario): RunModel {
  const horizon = horizonSecondsOf(s);
  const intervalSeconds = s.intervalMinutes * 60;
  const intervals = Math.ceil(horizon / intervalSeconds);
  const reportIntervalSeconds = (s.reportIntervalMinutes ?? s.intervalMinutes) * 60;
  const reportIntervals = Math.ceil(horizon / reportIntervalSeconds);
  const typeNames = Object.keys(s.contactTypes);
  const groupNames = Object.keys(s.agentGroups);
  const siteSpecs = sitesOf(s);
  const siteNames = Object.keys(siteSpecs);
  const ctx: CompileContext = { s, horizon, intervalSeconds, intervals, reportIntervalSeconds, reportIntervals };
  const siteOfGroup = (g: string) => siteNames.indexOf(s.agentGroups[g].site);

  const types: TypeModel[] = typeNames.map((name, index) => {
    const t = s.contactTypes[name];
    const defaults = CHANNEL_DEFAULTS[t.channel];
    const primaryGroups = groupNames
      .map((g, gi) => (name in s.agentGroups[g].skills ? gi : -1))
      .filter((gi) => gi >= 0)
      .sort((a, b) => s.agentGroups[groupNames[a]].skills[name] - s.agentGroups[groupNames[b]].skills[name] || a - b);
    const overflow = s.routing.overflow
      .filter((o) => o.type === name)
      .map((o) => ({ group: groupNames.indexOf(o.to), afterWait: o.afterWait, priority: o.priority }))
      .sort((a, b) => a.afterWait - b.afterWait);
    const segments = Object.entries(t.segments ?? { all: { share: 1, priority: 0 } });
    let cum = 0;
    const menu = t.ivr?.menuTime ?? s.ivr?.menuTime;
    const patience = t.patience ?? defaults.patience ?? "infinite";
    const sites = new Set(primaryGroups.map((g) => siteOfGroup(groupNames[g])));
    return {
      name,
      index,
      channel: t.channel,
      concurrent: t.channel === "chat" || t.channel === "messaging",
      deferred: t.channel === "email",
      arrivals: compileArrivals(ctx, t),
      deflection: t.deflection,
      handle: dist(t.handleTime),
      handleFactorByInterval: t.handleTimeByInterval ? dailyProfile(ctx, t, t.handleTimeByInterval) : null,
      wrapUp: dist(t.wrapUp),
      patience: patience === "infinite" || t.channel === "email" ? null : dist(patience),
      ivr:
        t.channel === "voice" && (s.ivr || t.ivr)
          ? {
              menuTime: dist(menu ?? { dist: "deterministic", mean: 30 }),
              containment: meanContainment(t.ivr?.containment ?? 0),
              containmentByInterval: Array.isArray(t.ivr?.containment) ? dailyProfile(ctx, t, t.ivr!.containment as number[]) : null,
              containedTime: t.ivr?.containedTime ? dist(t.ivr.containedTime) : null,
              failedExtra: t.ivr?.failedSelfServiceExtra ? dist(t.ivr.failedSelfServiceExtra) : null,
            }
          : null,
      segmentCumShare: Float64Array.from(segments, ([, seg]) => (cum += seg.share)),
      segmentPriority: Int32Array.from(segments, ([, seg]) => seg.priority),
      segmentNames: segments.map(([n]) => n),
      retrial: t.retrial && t.channel !== "email" ? { ...t.retrial, delay: dist(t.retrial.delay) } : null,
      callback:
        t.callback && t.channel === "voice"
          ? {
              offerWhenWaitAbove: t.callback.offerWhenWaitAbove,
              acceptProbability: t.callback.acceptProbability,
              scheduledDelay: t.callback.mode === "scheduled" ? dist(t.callback.scheduledDelay ?? { dist: "exponential", mean: 3600 }) : null,
              dialTime: dist(t.callback.dialTime),
              answerProbability: t.callback.answerProbability,
              maxAttempts: t.callback.maxAttempts,
              retryDelay: dist(t.callback.retryDelay),
            }
          : null,
      fcr: t.resolution?.fcr ?? 1,
      repeatProbability: t.resolution?.repeatProbability ?? 1,
      repeatDelay: dist(t.resolution?.repeatDelay ?? { dist: "exponential", mean: DAY }),
      serviceLevelSeconds: t.serviceLevel?.thresholdSeconds ?? defaults.thresholdSeconds ?? s.serviceLevel.thresholdSeconds,
      serviceLevelTarget: t.serviceLevel?.target ?? s.serviceLevel.target,
      primaryGroups: Int32Array.from(primaryGroups),
      primaryPriority: Int32Array.from(primaryGroups, (gi) => s.agentGroups[groupNames[gi]].skills[name]),
      overflow,
      soleSite: sites.size === 1 ? [...sites][0] : -1,
      openSpans: t.openHours ? compileOpenHours(ctx, Array.isArray(t.openHours) ? t.openHours : [t.openHours]) : null,
    };
  });

  ctx.elastic = elasticPlans(ctx, types);
  const groups: GroupModel[] = groupNames.map((name, index) => {
    const g = s.agentGroups[name];
    const site = siteSpecs[g.site];
    const clockShift = siteClockShift(s, site);
    const skills = [
      ...Object.entries(g.skills).map(([type, priority]) => ({ type: typeNames.indexOf(type), priority, minWait: 0 })),
      ...s.routing.overflow
        .filter((o) => o.to === name && !(o.type in g.skills))
        .map((o) => ({ type: typeNames.indexOf(o.type), priority: o.priority, minWait: o.afterWait })),
    ].sort((a, b) => Number(types[a.type].deferred) - Number(types[b.type].deferred) || a.priority - b.priority || a.type - b.type);
    const staffing = g.staffing.elastic ? { perHorizon: ctx.elastic!.get(name)! } : g.staffing;
    const schedule = compileStaffing(ctx, staffing, g.shrinkage, clockShift, site);
    return {
      name,
      index,
      site: siteNames.indexOf(g.site),
      handleTimeFactor: g.handleTimeFactor,
      shrinkage: g.shrinkage,
      fcr: g.fcr ?? null,
      maxConcurrent: g.concurrency.max,
      slowdown: g.concurrency.slowdown,
      reserveForLive: g.reserveForLive,
      skills,
      agents: schedule.agents,
      agentHandleFactors: rampUpFactors(site, g, schedule.agents.length),
      slaThreshold: site.type === "vendor" && site.sla ? site.sla.thresholdSeconds : s.serviceLevel.thresholdSeconds,
      scheduledSeconds: schedule.scheduledSeconds,
      nightSeconds: schedule.nightSeconds,
      weekendSeconds: schedule.weekendSeconds,
      peakScheduled: peakOf(schedule.spans),
    };
  });

  const sites: SiteModel[] = siteNames.map((name, index) => ({
    name,
    index,
    spec: siteSpecs[name],
    clockShift: siteClockShift(s, siteSpecs[name]),
    peakScheduled: peakOf(groupNames.flatMap((g) => (siteOfGroup(g) === index ? groupSpans(ctx, s.agentGroups[g], g) : []))),
  }));

  const expectedArrivals = types.reduce((a, t) => a + t.arrivals.expected, 0);
  return Object.freeze({
    name: s.name ?? "scenario",
    horizon,
    maxArrivals: s.horizon.maxArrivals ?? Number.POSITIVE_INFINITY,
    warmup: s.warmup,
    startDay: DAYS.indexOf(s.startDay),
    intervalSeconds,
    intervals,
    reportIntervalSeconds,
    reportIntervals,
    shortAbandon: s.serviceLevel.shortAbandon,
    trunkLines: s.trunks?.lines ?? Number.POSITIVE_INFINITY,
    ivrPorts: s.ivr?.ports ?? Number.POSITIVE_INFINITY,
    types,
    groups,
    sites,
    maxInSystem: s.limits.maxInSystem,
    maxEvents: s.limits.maxEvents ?? Math.min(Number.MAX_SAFE_INTEGER, Math.ceil(1000 * Math.min(expectedArrivals, s.horizon.maxArrivals ?? Infinity) + 1e7)),
  });
}

interface CompileContext {
  s: Scenario;
  horizon: number;
  intervalSeconds: number;
  intervals: number;
  reportIntervalSeconds: number;
  reportIntervals: number;
  /** Elastic groups' scheduled agents per planning interval, computed once. */
  elastic?: Map<string, number[]>;
}

/**
 * Elastic staffing of every elastic group (see sim/forecast.ts). The load a vendor gets by
 * overflow or as a lower tier is forecast from the staffing of the groups above it: scheduled
 * agents × (1 − shrinkage) for planned groups, and for elastic ones their own staffing for
 * their best-tier load.
 */
function elasticPlans(ctx: CompileContext, types: readonly TypeModel[]): Map<string, number[]> {
  const names = Object.keys(ctx.s.agentGroups);
  const specs = names.map((n) => ctx.s.agentGroups[n]);
  const traits = specs.map(traitsOf);
  const overflowTo = (name: string) =>
    ctx.s.routing.overflow.filter((o) => o.to === name).map((o) => ({ type: Object.keys(ctx.s.contactTypes).indexOf(o.type), afterWait: o.afterWait }));
  const sites = sitesOf(ctx.s);
  const planned = new Map<number, Float64Array>();
  const productiveOf = (gi: number): Float64Array => {
    let p = planned.get(gi);
    if (!p) {
      const g = specs[gi];
      const spans = scheduledSpans(ctx, g.staffing as Staffing, siteClockShift(ctx.s, sites[g.site]));
      p = new Float64Array(ctx.intervals);
      for (const sp of spans) {
        for (let i = Math.floor(sp.start / ctx.intervalSeconds); i < ctx.intervals && i * ctx.intervalSeconds < sp.end; i++) {
          const overlap = Math.min(sp.end, (i + 1) * ctx.intervalSeconds) - Math.max(sp.start, i * ctx.intervalSeconds);
          if (overlap > 0) p[i] += (sp.count * overlap * (1 - g.shrinkage)) / ctx.intervalSeconds;
        }
      }
      planned.set(gi, p);
    }
    return p;
  };
  const alone = new Map<number, Float64Array>();
  const productive = (gi: number): ArrayLike<number> | null => {
    if (!specs[gi].staffing.elastic) return productiveOf(gi);
    let p = alone.get(gi);
    if (!p) {
      const scheduled = elasticStaffing({ types, traits, productive: () => null, intervals: ctx.intervals }, gi, specs[gi], []);
      p = Float64Array.from(scheduled, (n) => n * (1 - specs[gi].shrinkage));
      alone.set(gi, p);
    }
    return p;
  };
  const out = new Map<string, number[]>();
  names.forEach((name, gi) => {
    if (specs[gi].staffing.elastic) out.set(name, elasticStaffing({ types, traits, productive, intervals: ctx.intervals }, gi, specs[gi], overflowTo(name)));
  });
  return out;
}

function dist(spec: DistributionSpec): Distribution {
  return makeDistribution(distributionParams(spec));
}

/** A validated distribution spec as the factories' parameters (the schema has checked that one parameter set is complete). */
export function distributionParams(spec: DistributionSpec): DistributionParams {
  switch (spec.dist) {
    case "empirical": return { dist: "empirical", values: spec.values ?? [] };
    case "lognormal": return spec.mu !== undefined ? { dist: "lognormal", mu: spec.mu, sigma: spec.sigma! } : { dist: "lognormal", mean: spec.mean!, cv: spec.cv! };
    case "gamma": return spec.shape !== undefined ? { dist: "gamma", shape: spec.shape, scale: spec.scale! } : { dist: "gamma", mean: spec.mean!, cv: spec.cv! };
    case "weibull": return spec.scale !== undefined ? { dist: "weibull", scale: spec.scale, shape: spec.shape } : { dist: "weibull", mean: spec.mean!, shape: spec.shape };
    default: return spec;
  }
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * A profile given per interval of the customers' day (like `intraday`), laid out over the
 * horizon's planning intervals on the center's clock.
 */
function dailyProfile(ctx: CompileContext, t: ContactTypeSpec, perDay: readonly number[]): Float64Array {
  const { s, intervalSeconds, intervals } = ctx;
  const shift = ((t.utcOffsetHours ?? s.utcOffsetHours) - s.utcOffsetHours) * 3600;
  const out = new Float64Array(intervals);
  for (let i = 0; i < intervals; i++) {
    const local = (i + 0.5) * intervalSeconds + shift;
    const slot = Math.floor((local - Math.floor(local / DAY) * DAY) / intervalSeconds);
    out[i] = perDay[Math.min(slot, perDay.length - 1)];
  }
  return out;
}

function meanContainment(c: number | readonly number[]): number {
  return typeof c === "number" ? c : c.reduce((a, b) => a + b, 0) / c.length;
}

/**
 * Rates per planning interval. The intraday profile and day-of-week factors are read on the
 * customers' clock (their UTC offset against the center's), at each interval's midpoint.
 */
function compileArrivals(ctx: CompileContext, t: ContactTypeSpec): ArrivalModel {
  const { s, intervalSeconds, intervals, horizon } = ctx;
  const v = t.volume;
  const shift = ((t.utcOffsetHours ?? s.utcOffsetHours) - s.utcOffsetHours) * 3600;
  const perDay = DAY / intervalSeconds;
  const profile = v.intraday ?? new Array<number>(perDay).fill(1);
  const profileTotal = profile.reduce((a, b) => a + b, 0);
  const daily = v.perHour !== undefined ? v.perHour * 24 : (v.daily ?? 0);
  const startDay = DAYS.indexOf(s.startDay);
  const ratePerInterval = new Float64Array(intervals);
  const localDayOfInterval = new Int32Array(intervals);
  const firstLocalDay = Math.floor(shift / DAY);
  let expected = 0;
  for (let i = 0; i < intervals; i++) {
    const local = (i + 0.5) * intervalSeconds + shift;
    const localDay = Math.floor(local / DAY);
    const slot = Math.floor((local - localDay * DAY) / intervalSeconds);
    const dayFactor = v.dayOfWeek ? v.dayOfWeek[mod(startDay + localDay, 7)] : 1;
    const share = v.perHour !== undefined || profileTotal === 0 ? 1 / perDay : profile[slot] / profileTotal;
    ratePerInterval[i] = (daily * dayFactor * share) / intervalSeconds;
    localDayOfInterval[i] = localDay - firstLocalDay;
    expected += ratePerInterval[i] * (Math.min(horizon, (i + 1) * intervalSeconds) - i * intervalSeconds);
  }
  const times = v.times ? Float64Array.from(v.times.filter((x) => x < horizon)).sort() : null;
  return {
    replayTimes: times,
    ratePerInterval,
    localDayOfInterval,
    localDays: localDayOfInterval[intervals - 1] + 1, // a horizon is longer than 0, so it has an interval
    overdispersion: v.overdispersion,
    expected: times ? times.length : expected,
  };
}

/** A span of scheduled time, [start, end) on the center's clock, for `count` agents. */
interface Span {
  start: number;
  end: number;
  count: number;
}

type OpenWindow = Extract<NonNullable<ContactTypeSpec["openHours"]>, { from: number }>;

/** Opening windows laid out over the horizon as merged [start, end) spans. */
function compileOpenHours(ctx: CompileContext, windows: readonly OpenWindow[]): Float64Array {
  const startDay = DAYS.indexOf(ctx.s.startDay);
  const spans: [number, number][] = [];
  for (let d = -1; d * DAY < ctx.horizon; d++) {
    for (const w of windows) {
      if (!w.days.includes(DAYS[mod(startDay + d, 7)])) continue;
      const from = d * DAY + w.from;
      const to = d * DAY + (w.to > w.from ? w.to : w.to + DAY);
      if (to > 0 && from < ctx.horizon) spans.push([Math.max(0, from), Math.min(ctx.horizon, to)]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
    else merged.push([...sp]);
  }
  return Float64Array.from(merged.flat());
}

type Staffing = AgentGroupSpec["staffing"] | { perHorizon: number[] };

/** Scheduled spans of a group over the horizon (for seats), on the center's clock. */
function groupSpans(ctx: CompileContext, g: AgentGroupSpec, name: string): Span[] {
  const site = sitesOf(ctx.s)[g.site];
  // The sites are compiled after the elastic plans (`ctx.elastic`).
  const staffing = g.staffing.elastic ? { perHorizon: ctx.elastic!.get(name)! } : g.staffing;
  return scheduledSpans(ctx, staffing, siteClockShift(ctx.s, site));
}

function scheduledSpans(ctx: CompileContext, staffing: Staffing, clockShift: number): Span[] {
  const { horizon, intervalSeconds, intervals } = ctx;
  if ("shifts" in staffing && staffing.shifts) {
    return staffing.shifts.flatMap((sh) =>
      shiftStarts(ctx, sh, clockShift).map((start) => ({ start: Math.max(0, start), end: Math.min(horizon, start + sh.length), count: sh.count })),
    );
  }
  const counts = perIntervalCounts(ctx, staffing, clockShift);
  const spans: Span[] = [];
  for (let i = 0; i < intervals; i++) if (counts[i] > 0) spans.push({ start: i * intervalSeconds, end: Math.min(horizon, (i + 1) * intervalSeconds), count: counts[i] });
  return spans;
}

/** Scheduled agents per planning interval of the horizon, read on the site's clock. */
function perIntervalCounts(ctx: CompileContext, staffing: Staffing, clockShift: number): Int32Array {
  const { intervals, intervalSeconds, s } = ctx;
  const counts = new Int32Array(intervals);
  if ("perHorizon" in staffing) {
    counts.set(staffing.perHorizon); // elasticStaffing gives one value per interval
    return counts;
  }
  if (staffing.constant !== undefined) return counts.fill(staffing.constant);
  const pattern = staffing.perInterval ?? [0];
  const perDay = DAY / intervalSeconds;
  const startDay = DAYS.indexOf(s.startDay);
  for (let i = 0; i < intervals; i++) {
    if (pattern.length === perDay || pattern.length === 7 * perDay) {
      const local = i * intervalSeconds + clockShift;
      const localDay = Math.floor(local / DAY);
      const slot = Math.floor((local - localDay * DAY) / intervalSeconds);
      const weekday = mod(startDay + localDay, 7);
      counts[i] = pattern.length === perDay ? pattern[slot] : pattern[weekday * perDay + slot];
    } else counts[i] = pattern[i % pattern.length];
  }
  return counts;
}

/** Per-agent duty periods, and scheduled, night and weekend seconds per report interval. */
function compileStaffing(ctx: CompileContext, staffing: Staffing, shrinkage: number, clockShift: number, site: SiteSpec) {
  const { horizon, reportIntervalSeconds, reportIntervals, s } = ctx;
  const scheduledSeconds = new Float64Array(reportIntervals);
  const nightSeconds = new Float64Array(reportIntervals);
  const weekendSeconds = new Float64Array(reportIntervals);
  const premiums = site.type === "inhouse" ? site.premiums : undefined;
  const nightFrom = premiums?.nightFrom ?? 0;
  const nightTo = premiums?.nightTo ?? 0;
  const startDay = DAYS.indexOf(s.startDay);
  const spans = scheduledSpans(ctx, staffing, clockShift);

  // Split each span at report-interval boundaries and at the site's midnights and night-window
  // edges, so each piece lies in one interval and is wholly night/day and weekday/weekend.
  for (const span of spans) {
    let t = Math.max(span.start, s.warmup);
    while (t < span.end) {
      const r = Math.floor(t / reportIntervalSeconds);
      const local = t + clockShift;
      const localDay = Math.floor(local / DAY);
      const clock = local - localDay * DAY;
      const edges = [span.end, (r + 1) * reportIntervalSeconds, (localDay + 1) * DAY - clockShift];
      for (const edge of [nightFrom, nightTo]) if (edge > clock) edges.push(localDay * DAY + edge - clockShift);
      // Every edge is after t: the span's end by the loop condition; the next report edge and
      // the site's next midnight because t lies before them (whole numbers of seconds: with the
      // whole clock shift the subtractions are exact); a night edge because it is ahead of the clock.
      const next = Math.min(...edges);
      const seconds = (next - t) * span.count;
      if (r < reportIntervals) {
        scheduledSeconds[r] += seconds;
        const night = nightFrom > nightTo ? clock >= nightFrom || clock < nightTo : clock >= nightFrom && clock < nightTo;
        if (night) nightSeconds[r] += seconds;
        if (mod(startDay + localDay, 7) >= 5) weekendSeconds[r] += seconds;
      }
      t = next;
    }
  }

  const agents = productiveDuty(levelChanges(ctx, staffing, clockShift), shrinkage, horizon, reportIntervalSeconds);
  return { agents, scheduledSeconds, nightSeconds, weekendSeconds, spans };
}

/**
 * The scheduled head-count of a group as changes over time (before shrinkage): shifts start and
 * end, their agents go on and come back from breaks; per-interval levels step at interval edges
 * (a fall there is a shift end).
 */
function levelChanges(ctx: CompileContext, staffing: Staffing, clockShift: number): LevelChange[] {
  const changes: LevelChange[] = [];
  if ("shifts" in staffing && staffing.shifts) {
    for (const sh of staffing.shifts) {
      if (sh.count === 0) continue;
      for (const start of shiftStarts(ctx, sh, clockShift)) {
        changes.push({ time: start, delta: sh.count, endsShift: false }, { time: start + sh.length, delta: -sh.count, endsShift: true });
        for (const b of sh.breaks) {
          for (const [offset, agents] of breakStarts(sh, b)) {
            changes.push({ time: start + offset, delta: -agents, endsShift: false }, { time: start + offset + b.length, delta: agents, endsShift: false });
          }
        }
      }
    }
    return changes;
  }
  const counts = perIntervalCounts(ctx, staffing, clockShift);
  for (let i = 0; i < ctx.intervals; i++) {
    const delta = counts[i] - (i > 0 ? counts[i - 1] : 0);
    if (delta !== 0) changes.push({ time: i * ctx.intervalSeconds, delta, endsShift: delta < 0 });
  }
  return changes;
}

/**
 * When a shift's agents start a break, in seconds from the shift start, with how many start then:
 * spread evenly over the break's window, agent j of n at after + window × j / n (all at `after`
 * without a window).
 */
export function breakStarts(sh: Pick<ShiftSpec, "count">, b: ShiftSpec["breaks"][number]): [number, number][] {
  const window = b.window ?? 0;
  if (window <= 0 || sh.count <= 1) return [[b.after, sh.count]];
  return Array.from({ length: sh.count }, (_, j): [number, number] => [b.after + (window * j) / sh.count, 1]);
}

/** The most agents scheduled at once over a set of spans. */
function peakOf(spans: readonly Span[]): number {
  const changes = spans.flatMap((sp) => [
    { t: sp.start, d: sp.count },
    { t: sp.end, d: -sp.count },
  ]);
  changes.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let peak = 0;
  for (const c of changes) peak = Math.max(peak, (now += c.d));
  return peak;
}

/**
 * New hires in ramp-up are slower. In steady state the share of agents hired within the last
 * `rampWeeks` is attrition × rampWeeks / 52; that many agents (spread evenly) get the factor.
 */
function rampUpFactors(site: SiteSpec, g: AgentGroupSpec, agents: number): Float64Array {
  const factors = new Float64Array(agents).fill(g.handleTimeFactor);
  if (site.type !== "inhouse" || !site.hiring) return factors;
  const { attritionPerYear, rampWeeks, rampHandleTimeFactor } = site.hiring;
  // (With a share of 0 no agent gets the factor, and a factor of 1 leaves every factor as it is.)
  const share = Math.min(1, (attritionPerYear * rampWeeks) / 52);
  for (let k = 0; k < agents; k++) if (Math.floor((k + 1) * share) > Math.floor(k * share)) factors[k] *= rampHandleTimeFactor;
  return factors;
}

/** Shift starts on the center's clock for every local day of the site the shift works. */
function shiftStarts(ctx: CompileContext, sh: ShiftSpec, clockShift: number): number[] {
  const startDay = DAYS.indexOf(ctx.s.startDay);
  const starts: number[] = [];
  const first = Math.floor((clockShift - sh.length) / DAY) - 1;
  const last = Math.ceil((ctx.horizon + clockShift) / DAY);
  for (let d = first; d <= last; d++) {
    const start = d * DAY + sh.start - clockShift;
    if (start + sh.length <= 0 || start >= ctx.horizon) continue;
    if (sh.days.includes(DAYS[mod(startDay + d, 7)])) starts.push(start);
  }
  return starts;
}
