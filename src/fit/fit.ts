/**
 * `ccsim fit`: from call records to the parameters of a scenario, each with its uncertainty,
 * and a list of what the records could not tell and why. Pure: records in, a `FitResult` out;
 * `scenarioText` (scenario-text.ts) writes it as a commented scenario file.
 *
 * What is fitted, per contact type (records of an empty type are "calls"):
 * - arrivals: a daily volume, day-of-week factors and one intraday profile (the language's
 *   volume model: rate(day, interval) = daily × dayOfWeek × intraday), and the day-level
 *   overdispersion from daily counts by the method of moments: Var(N_d) = μ_d + c²μ_d²;
 * - handle (talk) and wrap-up times: lognormal by maximum likelihood, KS and AD shown;
 *   the mean per interval of the day (by the interval the conversation starts in) beside it;
 * - patience: Kaplan–Meier on queue waits (answered and callback waits censored) and the best of
 *   exponential, Weibull and lognormal by censored maximum likelihood (AIC);
 * - IVR: the containment share (ivr_only / calls that entered the IVR) and the IVR time.
 * Across types: staffing per interval from the agents' activity (an agent is on duty from the
 * start of a conversation to the end of the last one before an idle gap of more than an hour),
 * and trunk lines when calls were
 * blocked (the most calls in the system at once).
 */
import { DAY_SECONDS, weekdayOf, type CallRecord } from "../records/read.js";
import { fitLognormal, moments, type LognormalFit } from "./durations.js";
import { calendarOf, spread, waitOf, type RecordsCalendar } from "./observed.js";
import { normalCdf } from "./numeric.js";
import { fitPatience, type PatienceFit } from "./survival.js";

export const DEFAULT_TYPE = "calls";
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export interface FitOptions {
  intervalMinutes?: 15 | 30 | 60;
  /** Service-level threshold written into the scenario (seconds). */
  serviceLevelSeconds?: number;
}

export interface ArrivalFit {
  /** Attempts in the records (redials included: the fitted scenario has no redials). */
  offered: number;
  daily: number;
  dailyCi: [number, number];
  /** Factors Monday..Sunday, or null when the records do not cover every weekday. */
  dayOfWeek: number[] | null;
  /** Share of the day's calls in each interval of the day. */
  intraday: number[];
  /** Mean calls per interval of the day, per weekday (Monday first; empty for weekdays not in the records). */
  byWeekday: number[][];
  /** Whether the intraday shape differs between weekdays beyond chance: Pearson's χ² on the weekday × interval counts. */
  shapeByWeekday: { chi2: number; df: number; p: number } | null;
  /** Calls per calendar day of the records. */
  dailyCounts: number[];
  /** Coefficient of variation of the daily busyness factor; null when it cannot be estimated. */
  overdispersion: { value: number; ci: [number, number] } | null;
}

export interface IvrFit {
  entered: number;
  contained: number;
  share: number;
  shareCi: [number, number];
  /** IVR time of all calls, of the callers routed on to agents, and of the contained (IVR-only) calls. */
  time: LognormalFit | null;
  routedTime: LognormalFit | null;
  containedTime: LognormalFit | null;
  /** Per interval of the day: calls entering the IVR, the contained share and the mean IVR time. */
  byInterval: { calls: number; share: number; meanTime: number }[];
}

export interface TypeFit {
  name: string;
  arrivals: ArrivalFit;
  handle: LognormalFit | null;
  /** Mean talk time per interval of the day (NaN where no call was answered). */
  handleByInterval: { n: number; mean: number }[];
  /** null when no wrap-up end is known; a fit with mean 0 when it is always 0. */
  wrapUp: LognormalFit | null;
  wrapKnown: number;
  patience: PatienceFit;
  ivr: IvrFit | null;
}

export interface StaffingFit {
  /** Agents on duty per interval: one day (repeated) or one week from Monday. */
  perInterval: number[];
  pattern: "day" | "week";
  /** "agents": from the agents' activity; "load": no agent column, from busy time at 85% occupancy. */
  source: "agents" | "load";
  agentsSeen: number;
}

export interface FitResult {
  records: number;
  calendar: RecordsCalendar;
  intervalMinutes: 15 | 30 | 60;
  serviceLevelSeconds: number;
  types: TypeFit[];
  staffing: StaffingFit;
  /** Most calls in the system at once, and blocked calls (trunks are fitted only when some were). */
  trunks: { maxInSystem: number; blocked: number };
  /** What could not be estimated, and why (printed and written into the scenario). */
  notEstimated: string[];
  /** What the language cannot say yet, and how the fit approximated it. */
  approximations: string[];
}

export function fitRecords(records: readonly CallRecord[], options: FitOptions = {}): FitResult {
  if (records.length === 0) throw new RangeError("no call records to fit");
  const intervalMinutes = options.intervalMinutes ?? 30;
  const len = intervalMinutes * 60;
  const perDay = DAY_SECONDS / len;
  const calendar = calendarOf(records);
  const notEstimated: string[] = [];
  const approximations: string[] = [];
  const byType = new Map<string, CallRecord[]>();
  for (const r of records) {
    const t = r.type || DEFAULT_TYPE;
    let list = byType.get(t);
    if (!list) byType.set(t, (list = []));
    list.push(r);
  }
  const slotOfDay = (t: number) => Math.floor((t - calendar.day0 - Math.floor((t - calendar.day0) / DAY_SECONDS) * DAY_SECONDS) / len);
  const types = [...byType.entries()].map(([name, list]) => fitType(name, list, calendar, perDay, slotOfDay, notEstimated));
  for (const t of types) {
    const test = t.arrivals.shapeByWeekday;
    if (test && test.p < 0.001)
      approximations.push(`${t.name}: the intraday shape differs between days of the week (χ² ${test.chi2.toFixed(0)} on ${test.df} df, p ${test.p.toExponential(1)}); the scenario pools it over all days (the language has one intraday profile per type), each day scaled by its factor; the rates per weekday and interval are in fit.json`);
  }
  const empty = calendar.days - new Set(records.map((r) => Math.floor((r.arrival - calendar.day0) / DAY_SECONDS))).size;
  if (empty > 0)
    approximations.push(`${empty} of the ${calendar.days} days the records span have no call at all; they count as days without calls (closed days). If they are gaps between periods (several replications or exports), fit each period on its own`);
  const staffing = fitStaffing(records, calendar, len, perDay, notEstimated);
  const trunks = inSystemPeak(records);
  return { records: records.length, calendar, intervalMinutes, serviceLevelSeconds: options.serviceLevelSeconds ?? 20, types, staffing, trunks, notEstimated, approximations };
}

function fitType(name: string, list: CallRecord[], cal: RecordsCalendar, perDay: number, slotOfDay: (t: number) => number, notes: string[]): TypeFit {
  const arrivals = fitArrivals(name, list, cal, perDay, slotOfDay, notes);
  const talk: number[] = [];
  const wrap: number[] = [];
  const handleByInterval = Array.from({ length: perDay }, () => ({ n: 0, sum: 0 }));
  const waits: number[] = [];
  const abandoned: boolean[] = [];
  let ivrEntered = 0, ivrContained = 0;
  const ivrTimes: number[] = [];
  const routedTimes: number[] = [];
  const containedTimes: number[] = [];
  const ivrBy = Array.from({ length: perDay }, () => ({ calls: 0, contained: 0, time: 0, timed: 0 }));
  for (const r of list) {
    const slot = slotOfDay(r.arrival);
    if (r.outcome === "answered" && r.talkStart !== null && r.talkEnd !== null) {
      const d = r.talkEnd - r.talkStart;
      talk.push(d);
      // By the interval the conversation starts in, as the language's handle-time profile reads it.
      const talkSlot = handleByInterval[slotOfDay(r.talkStart)];
      talkSlot.n++;
      talkSlot.sum += d;
      if (r.wrapEnd !== null) wrap.push(r.wrapEnd - r.talkEnd);
    }
    if (r.outcome === "callback" && r.queueEntry !== null && r.queueExit !== null) {
      // Left the queue for a callback: patient at least this long (censored).
      waits.push(r.queueExit - r.queueEntry);
      abandoned.push(false);
    } else if (r.outcome === "answered" || r.outcome === "abandoned") {
      const w = waitOf(r);
      if (!Number.isNaN(w)) {
        waits.push(w);
        abandoned.push(r.outcome === "abandoned");
      }
    }
    const inIvr = r.ivrStart !== null || r.outcome === "ivr_only";
    if (inIvr && r.outcome !== "blocked" && r.outcome !== "unfinished") {
      ivrEntered++;
      ivrBy[slot].calls++;
      if (r.outcome === "ivr_only") {
        ivrContained++;
        ivrBy[slot].contained++;
      }
      if (r.ivrStart !== null && r.ivrEnd !== null) {
        ivrTimes.push(r.ivrEnd - r.ivrStart);
        (r.outcome === "ivr_only" ? containedTimes : routedTimes).push(r.ivrEnd - r.ivrStart);
        ivrBy[slot].time += r.ivrEnd - r.ivrStart;
        ivrBy[slot].timed++;
      }
    }
  }
  const handle = fitLognormal(talk);
  if (!handle) notes.push(`${name}: handle time: fewer than 2 answered calls with talk_start and talk_end`);
  let wrapUp: LognormalFit | null = null;
  if (wrap.length === 0) notes.push(`${name}: wrap-up time: no wrap_end in the records; the scenario has no wrap-up`);
  else if (wrap.filter((w) => w > 0).length < 2) wrapUp = zeroFit(wrap.length);
  else {
    wrapUp = fitLognormal(wrap);
    if (wrapUp && wrapUp.nonPositive > 0.2 * wrap.length) notes.push(`${name}: wrap-up: ${wrapUp.nonPositive} of ${wrap.length} calls had no wrap-up; the lognormal is fitted to the rest and its mean scaled down`);
  }
  const patience = fitPatience(waits, abandoned);
  if (!patience.best) notes.push(`${name}: patience: fewer than 2 abandoned calls with a known wait; the scenario's callers never abandon`);
  let ivr: IvrFit | null = null;
  if (ivrEntered > 0) {
    const p = ivrContained / ivrEntered;
    const half = 1.96 * Math.sqrt((p * (1 - p)) / ivrEntered) + 0.5 / ivrEntered;
    const time = ivrTimes.length ? fitIvrTime(ivrTimes) : null;
    const routedTime = routedTimes.length ? fitIvrTime(routedTimes) : null;
    const containedTime = containedTimes.length ? fitIvrTime(containedTimes) : null;
    if (!time) notes.push(`${name}: IVR time: no ivr_start and ivr_end; the scenario keeps the default 30 s`);
    ivr = {
      entered: ivrEntered,
      contained: ivrContained,
      share: p,
      shareCi: [Math.max(0, p - half), Math.min(1, p + half)],
      time,
      routedTime,
      containedTime,
      byInterval: ivrBy.map((b) => ({ calls: b.calls, share: b.calls ? b.contained / b.calls : NaN, meanTime: b.timed ? b.time / b.timed : NaN })),
    };
  }
  return {
    name,
    arrivals,
    handle,
    handleByInterval: handleByInterval.map((h) => ({ n: h.n, mean: h.n ? h.sum / h.n : NaN })),
    wrapUp,
    wrapKnown: wrap.length,
    patience,
    ivr,
  };
}

/** A duration that is always (nearly) the same: a lognormal fit with cv 0 stands for it. */
function fitIvrTime(times: number[]): LognormalFit | null {
  const m = moments(times);
  if (m.sd <= 1e-6 * m.mean) return { ...zeroFit(m.n), mean: m.mean, sampleMean: m.mean, meanCi: [m.mean, m.mean], mu: Math.log(m.mean) };
  return fitLognormal(times);
}

function zeroFit(n: number): LognormalFit {
  return { n, nonPositive: 0, mu: -Infinity, sigma: 0, mean: 0, cv: 0, muCi: [0, 0], sigmaCi: [0, 0], meanCi: [0, 0], sampleMean: 0, sampleCv: 0, ks: { d: 0, p: 1 }, ad: 0, quantiles: [] };
}

function fitArrivals(name: string, list: CallRecord[], cal: RecordsCalendar, perDay: number, slotOfDay: (t: number) => number, notes: string[]): ArrivalFit {
  const dailyCounts = new Array<number>(cal.days).fill(0);
  const intraday = new Array<number>(perDay).fill(0);
  const weekdaySlots = Array.from({ length: 7 }, () => new Array<number>(perDay).fill(0));
  for (const r of list) {
    const day = Math.floor((r.arrival - cal.day0) / DAY_SECONDS);
    dailyCounts[day]++;
    intraday[slotOfDay(r.arrival)]++;
    weekdaySlots[weekdayOf(cal.day0 + day * DAY_SECONDS)][slotOfDay(r.arrival)]++;
  }
  const weekdayOfDay = (d: number) => weekdayOf(cal.day0 + d * DAY_SECONDS);
  const perWeekday: number[][] = Array.from({ length: 7 }, () => []);
  dailyCounts.forEach((n, d) => perWeekday[weekdayOfDay(d)].push(n));
  const allWeekdays = perWeekday.every((l) => l.length > 0);
  const weekdayMeans = perWeekday.map((l) => (l.length ? l.reduce((a, b) => a + b, 0) / l.length : NaN));
  let daily: number;
  let dayOfWeek: number[] | null = null;
  if (allWeekdays) {
    daily = weekdayMeans.reduce((a, b) => a + b, 0) / 7;
    dayOfWeek = weekdayMeans.map((m) => (daily > 0 ? m / daily : 1));
  } else {
    daily = dailyCounts.reduce((a, b) => a + b, 0) / cal.days;
    notes.push(`${name}: day-of-week factors: the records cover ${cal.days} day(s), not every day of the week; the scenario uses one daily volume`);
  }
  // μ_d per day under the fitted model, and the method-of-moments overdispersion.
  const mu = dailyCounts.map((_, d) => (dayOfWeek ? daily * dayOfWeek[weekdayOfDay(d)] : daily));
  let num = 0, den = 0, varTerms = 0, used = 0;
  dailyCounts.forEach((n, d) => {
    const k = dayOfWeek ? perWeekday[weekdayOfDay(d)].length : cal.days;
    if (k < 2) return;
    num += ((n - mu[d]) ** 2 * k) / (k - 1) - mu[d];
    den += mu[d] ** 2;
    used++;
  });
  let overdispersion: ArrivalFit["overdispersion"] = null;
  if (used >= 2 && den > 0) {
    const c2 = Math.max(0, num / den);
    dailyCounts.forEach((_, d) => {
      const k = dayOfWeek ? perWeekday[weekdayOfDay(d)].length : cal.days;
      if (k >= 2) varTerms += 2 * (mu[d] + c2 * mu[d] ** 2) ** 2 * (k / (k - 1));
    });
    const se = Math.sqrt(varTerms) / den;
    overdispersion = { value: Math.sqrt(c2), ci: [Math.sqrt(Math.max(0, num / den - 1.96 * se)), Math.sqrt(Math.max(0, num / den + 1.96 * se))] };
    // The language caps the busyness cv at 5 (already absurd for one center): beyond it the days
    // are not one center's (closed days counted as open, a stray date), and the scenario could not run.
    if (overdispersion.value > 5) {
      notes.push(`${name}: overdispersion: the daily counts vary with a busyness cv of ${overdispersion.value.toFixed(1)}, beyond the 5 a scenario allows (days without calls, or a stray date?); the scenario uses plain Poisson arrivals`);
      overdispersion = null;
    }
  } else notes.push(`${name}: overdispersion: needs each day of the week at least twice (two weeks of records); the scenario uses plain Poisson arrivals`);
  const total = intraday.reduce((a, b) => a + b, 0);
  const sdDaily = Math.sqrt(daily + (overdispersion?.value ?? 0) ** 2 * daily * daily);
  const half = (1.96 * sdDaily) / Math.sqrt(cal.days);
  return {
    offered: list.length,
    daily,
    dailyCi: [Math.max(0, daily - half), daily + half], // a volume is never negative
    dayOfWeek,
    intraday: intraday.map((n) => (total ? n / total : 0)),
    byWeekday: weekdaySlots.map((row, w) => (perWeekday[w].length ? row.map((n) => n / perWeekday[w].length) : [])),
    shapeByWeekday: shapeTest(weekdaySlots),
    dailyCounts,
    overdispersion,
  };
}

/**
 * Pearson's χ² test of homogeneity of the intraday shape across weekdays (rows with calls,
 * columns with calls), p from the Wilson–Hilferty normal approximation; null with one weekday.
 */
function shapeTest(table: number[][]): { chi2: number; df: number; p: number } | null {
  const rows = table.filter((r) => r.some((n) => n > 0));
  const cols = table[0].map((_, j) => j).filter((j) => rows.some((r) => r[j] > 0));
  if (rows.length < 2 || cols.length < 2) return null;
  const rowSum = rows.map((r) => cols.reduce((a, j) => a + r[j], 0));
  const colSum = cols.map((j) => rows.reduce((a, r) => a + r[j], 0));
  const total = rowSum.reduce((a, b) => a + b, 0);
  let chi2 = 0;
  rows.forEach((r, i) => cols.forEach((j, k) => {
    const e = (rowSum[i] * colSum[k]) / total;
    chi2 += (r[j] - e) ** 2 / e;
  }));
  const df = (rows.length - 1) * (cols.length - 1);
  const z = (Math.cbrt(chi2 / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
  return { chi2, df, p: 1 - normalCdf(z) };
}

/** An agent idle longer than this (seconds) is taken to be off duty (a break or the end of a shift). */
export const SESSION_GAP = 3600;

function fitStaffing(records: readonly CallRecord[], cal: RecordsCalendar, len: number, perDay: number, notes: string[]): StaffingFit {
  const intervals = cal.days * perDay;
  const onDuty = new Float64Array(intervals);
  // Each agent's conversations in time order; a session runs from the start of one to the end
  // of the last before an idle gap longer than SESSION_GAP (a break, or the end of a shift).
  const byAgent = new Map<string, [number, number][]>();
  for (const r of records) {
    if (!r.agent || r.talkStart === null) continue;
    let list = byAgent.get(r.agent);
    if (!list) byAgent.set(r.agent, (list = []));
    list.push([r.talkStart, r.wrapEnd ?? r.talkEnd ?? r.talkStart]);
  }
  const spans: { from: number; to: number }[] = [];
  for (const list of byAgent.values()) {
    list.sort((x, y) => x[0] - y[0]);
    let cur = { from: list[0][0], to: list[0][1] };
    for (const [from, to] of list.slice(1)) {
      if (from - cur.to > SESSION_GAP) {
        spans.push(cur);
        cur = { from, to };
      } else cur.to = Math.max(cur.to, to);
    }
    spans.push(cur);
  }
  const agents = byAgent;
  let source: StaffingFit["source"] = "agents";
  if (spans.length > 0) for (const s of spans) spread(onDuty, s.from - cal.day0, s.to - cal.day0, len);
  else {
    source = "load";
    notes.push("staffing: no agent ids in the records; estimated as busy time at 85% occupancy — calibrate it with --calibrate");
    for (const r of records) {
      const end = r.wrapEnd ?? r.talkEnd;
      if (r.talkStart !== null && end !== null) spread(onDuty, r.talkStart - cal.day0, end - cal.day0, len);
    }
    for (let i = 0; i < intervals; i++) onDuty[i] /= 0.85;
  }
  const pattern: StaffingFit["pattern"] = cal.days >= 7 ? "week" : "day";
  const size = pattern === "week" ? 7 * perDay : perDay;
  const sums = new Float64Array(size);
  const counts = new Float64Array(size);
  for (let i = 0; i < intervals; i++) {
    const day = Math.floor(i / perDay);
    const slot = pattern === "week" ? weekdayOf(cal.day0 + day * DAY_SECONDS) * perDay + (i % perDay) : i % perDay;
    sums[slot] += onDuty[i] / len;
    counts[slot]++;
  }
  return { perInterval: Array.from(sums, (s, i) => (counts[i] ? Math.round(s / counts[i]) : 0)), pattern, source, agentsSeen: agents.size };
}

/** The most calls in the system (IVR, queue or talk) at once. */
function inSystemPeak(records: readonly CallRecord[]): { maxInSystem: number; blocked: number } {
  const starts: number[] = [];
  const ends: number[] = [];
  let blocked = 0;
  for (const r of records) {
    if (r.outcome === "blocked") {
      blocked++;
      continue;
    }
    const end = [r.talkEnd, r.queueExit, r.ivrEnd].find((t): t is number => t !== null);
    if (end === undefined) continue;
    starts.push(r.arrival);
    ends.push(end);
  }
  starts.sort((a, b) => a - b);
  ends.sort((a, b) => a - b);
  let n = 0, max = 0;
  // A call that ends when another arrives frees its line first.
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (j < ends.length && ends[j] <= starts[i]) { j++; n--; }
    n++;
    if (n > max) max = n;
  }
  return { maxInSystem: max, blocked };
}
