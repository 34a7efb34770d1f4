/**
 * A scenario run against call records: the records laid on the scenario's horizon (day 0 of the
 * records = time 0 of the scenario, which must be the same day of the week), and the
 * replications' counts on the same report intervals. Used by backtest and calibration.
 */
import { runReplication } from "../experiment/replicate.js";
import { DAY_SECONDS, type CallRecord } from "../records/read.js";
import { DAYS } from "../scenario/basics.js";
import type { Scenario } from "../scenario/schema.js";
import { compileModel, type RunModel } from "../sim/model.js";
import { backtest, simulatedCounts, type BacktestResult } from "./backtest.js";
import { calendarOf, COUNT_KEYS, observedCounts, type IntervalCounts } from "./observed.js";

export class AlignmentError extends Error {}

export interface Aligned {
  model: RunModel;
  observed: IntervalCounts;
  /** Records outside the scenario's horizon (not compared). */
  outside: number;
  perDay: number;
  /** Days of the horizon covered by the records (from their first day to their last). */
  recordDays: number;
}

export function alignRecords(scenario: Scenario, records: readonly CallRecord[]): Aligned {
  const model = compileModel(scenario);
  const cal = calendarOf(records);
  const recordsDay = DAYS[cal.startWeekday];
  if (recordsDay !== scenario.startDay)
    throw new AlignmentError(`the records start on a ${recordsDay} but the scenario's startDay is ${scenario.startDay}; set startDay: ${recordsDay} (the scenario's time 0 is midnight of the records' first day)`);
  const len = model.reportIntervalSeconds;
  if (DAY_SECONDS % len !== 0) throw new AlignmentError(`reportIntervalMinutes must divide a day for a backtest across the day (found ${len / 60})`);
  const threshold = new Map(model.types.map((t) => [t.name, t.serviceLevelSeconds]));
  const fallback = model.types[0]?.serviceLevelSeconds ?? 20;
  const observed = observedCounts(records, cal.day0, len, model.reportIntervals, (t) => threshold.get(t || "calls") ?? fallback);
  const firstCounted = Math.floor(model.warmup / len);
  for (const k of COUNT_KEYS) observed[k].fill(0, 0, firstCounted);
  const inside = observed.offered.reduce((a, b) => a + b, 0);
  const before = records.filter((r) => r.arrival - cal.day0 < model.warmup).length;
  return { model, observed, outside: records.length - inside - before, perDay: DAY_SECONDS / len, recordDays: cal.days };
}

/** The replications' counts per report interval, replication i from stream firstReplication + i of `seed`. */
export function simulateCounts(model: RunModel, seed: number, replications: number, onProgress?: (done: number, total: number) => void, firstReplication = 0): IntervalCounts[] {
  const out: IntervalCounts[] = [];
  for (let i = 0; i < replications; i++) {
    out.push(simulatedCounts(runReplication(model, seed, firstReplication + i, "intervals")));
    onProgress?.(i + 1, replications);
  }
  return out;
}

export function backtestScenario(scenario: Scenario, records: readonly CallRecord[], options: { replications?: number; seed?: number; onProgress?: (done: number, total: number) => void } = {}): BacktestResult & { outside: number; uncovered: Uncovered | null } {
  const a = alignRecords(scenario, records);
  const runs = simulateCounts(a.model, options.seed ?? scenario.seed, options.replications ?? scenario.replications, options.onProgress);
  return { ...backtest(a.observed, runs, a.perDay, a.model.reportIntervalSeconds), outside: a.outside, uncovered: uncoveredDays(a, runs) };
}

/** The part of the horizon after the records' last day, where the simulation still offers calls. */
export interface Uncovered {
  recordDays: number;
  horizonDays: number;
  /** Share of the simulated offered calls that arrive after the records' last day. */
  simulatedShare: number;
}

/**
 * Records shorter than the horizon are compared with a simulation of the whole horizon, which
 * offers calls the records cannot have: every count KPI then fails for a reason that is not
 * the scenario's. Days after the records in which the simulation offers nothing (a center
 * closed at the weekend) are harmless and not reported.
 */
export function uncoveredDays(a: Aligned, runs: readonly IntervalCounts[]): Uncovered | null {
  const from = a.recordDays * a.perDay;
  let after = 0, total = 0;
  for (const r of runs) {
    for (let i = 0; i < r.offered.length; i++) {
      total += r.offered[i];
      if (i >= from) after += r.offered[i];
    }
  }
  const share = total > 0 ? after / total : 0;
  if (share <= 0.005) return null;
  return { recordDays: a.recordDays, horizonDays: Math.ceil((a.model.reportIntervals) / a.perDay), simulatedShare: share };
}
