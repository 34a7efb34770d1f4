/**
 * The observed side of a backtest: call records summed per interval of the horizon into the
 * counts an ACD report is made of, counted by the interval of arrival like the simulation does
 * (so "abandonment at 10:00" means calls that arrived 10:00–10:30).
 */
import { DAY_SECONDS, dayStartOf, weekdayOf, type CallRecord } from "../records/read.js";

/** Counts per interval; ratios are formed from them by `ratiosOf`. */
export interface IntervalCounts {
  offered: Float64Array;
  blocked: Float64Array;
  contained: Float64Array;
  answered: Float64Array;
  abandoned: Float64Array;
  /** Queue waits summed over answered calls (seconds). */
  waitAnswered: Float64Array;
  /** Answered within the service-level threshold. */
  answeredWithin: Float64Array;
  /** Answered or abandoned after a wait > 0. */
  queued: Float64Array;
  /** Agent busy seconds (talk + wrap-up) in each interval, spread over the time it took. */
  busySeconds: Float64Array;
}

export const COUNT_KEYS = ["offered", "blocked", "contained", "answered", "abandoned", "waitAnswered", "answeredWithin", "queued", "busySeconds"] as const;

export function emptyCounts(n: number): IntervalCounts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, new Float64Array(n)])) as unknown as IntervalCounts;
}

/** The records' calendar: midnight of the first arrival's day, and the days they span. */
export interface RecordsCalendar {
  day0: number;
  days: number;
  /** 0 = Monday. */
  startWeekday: number;
}

export function calendarOf(records: readonly CallRecord[]): RecordsCalendar {
  let lo = Infinity, hi = -Infinity;
  for (const r of records) {
    if (r.arrival < lo) lo = r.arrival;
    if (r.arrival > hi) hi = r.arrival;
  }
  const day0 = dayStartOf(lo);
  const days = Math.floor((hi - day0) / DAY_SECONDS) + 1;
  return { day0, days, startWeekday: weekdayOf(day0) };
}

/** The wait in queue of an answered or abandoned call; NaN when not known. */
export function waitOf(r: CallRecord): number {
  if (r.outcome !== "answered" && r.outcome !== "abandoned") return NaN;
  const entry = r.queueEntry ?? r.ivrEnd ?? r.arrival;
  const exit = r.queueExit ?? (r.outcome === "answered" ? r.talkStart : null);
  return exit === null ? NaN : exit - entry;
}

/**
 * Sums records into `intervals` intervals of `intervalSeconds` from `day0`; `threshold(type)`
 * is the service-level threshold of a contact type. Records outside the horizon are skipped.
 */
export function observedCounts(records: readonly CallRecord[], day0: number, intervalSeconds: number, intervals: number, threshold: (type: string) => number): IntervalCounts {
  const c = emptyCounts(intervals);
  const horizon = intervals * intervalSeconds;
  for (const r of records) {
    const t = r.arrival - day0;
    if (t < 0 || t >= horizon) continue;
    const i = Math.floor(t / intervalSeconds);
    c.offered[i]++;
    if (r.outcome === "blocked") c.blocked[i]++;
    else if (r.outcome === "ivr_only") c.contained[i]++;
    else if (r.outcome === "answered" || r.outcome === "abandoned") {
      const w = Math.max(0, waitOf(r));
      if (r.outcome === "answered") {
        c.answered[i]++;
        c.waitAnswered[i] += w;
        if (w <= threshold(r.type)) c.answeredWithin[i]++;
      } else c.abandoned[i]++;
      if (w > 0) c.queued[i]++;
    }
    const endAbs = r.wrapEnd ?? r.talkEnd;
    if (r.talkStart !== null && endAbs !== null) spread(c.busySeconds, r.talkStart - day0, endAbs - day0, intervalSeconds);
  }
  return c;
}

/** Adds the seconds of [from, to) to the intervals they fall in. */
export function spread(into: Float64Array, from: number, to: number, len: number): void {
  let t = Math.max(0, from);
  const stop = Math.min(to, into.length * len);
  while (t < stop) {
    const i = Math.floor(t / len);
    const next = Math.min(stop, (i + 1) * len);
    into[i] += next - t;
    t = next;
  }
}

/** Sums interval counts into slots: slot(i) for each interval i (e.g. the interval of the day). */
export function poolCounts(c: IntervalCounts, slots: number, slotOf: (i: number) => number): IntervalCounts {
  const out = emptyCounts(slots);
  const n = c.offered.length;
  for (const k of COUNT_KEYS) for (let i = 0; i < n; i++) out[k][slotOf(i)] += c[k][i];
  return out;
}

/** The KPIs a backtest compares, from counts (NaN where the denominator is 0). */
export const BACKTEST_KPIS = ["offered", "abandonRate", "asa", "serviceLevel", "delayProbability", "busyHours"] as const;
export type BacktestKpi = (typeof BACKTEST_KPIS)[number];

export function kpiOf(c: IntervalCounts, i: number, kpi: BacktestKpi): number {
  const reached = c.answered[i] + c.abandoned[i];
  switch (kpi) {
    case "offered": return c.offered[i];
    case "abandonRate": return reached > 0 ? c.abandoned[i] / reached : NaN;
    case "asa": return c.answered[i] > 0 ? c.waitAnswered[i] / c.answered[i] : NaN;
    case "serviceLevel": return reached > 0 ? c.answeredWithin[i] / reached : NaN;
    case "delayProbability": return reached > 0 ? c.queued[i] / reached : NaN;
    case "busyHours": return c.busySeconds[i] / 3600;
  }
}

/** All intervals summed into one (the whole period). */
export function totalCounts(c: IntervalCounts): IntervalCounts {
  return poolCounts(c, 1, () => 0);
}
