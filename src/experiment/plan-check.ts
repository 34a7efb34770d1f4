/**
 * Does a simulated plan meet its targets? Per contact type, per report interval with demand and
 * over the whole horizon, each KPI's mean over replications is compared with the target within
 * its 95% confidence interval: an interval misses only when the whole interval lies on the wrong
 * side (the simulation shows a miss, not noise). Intervals with answered or abandoned contacts in
 * at most one replication cannot be judged and count as met.
 */
import type { StaffingTargets } from "../models/targets.js";
import type { ExperimentResult } from "./replicate.js";
import { halfWidth, summarize, type Summary } from "./summary.js";

export interface IntervalVerdict {
  interval: number;
  /** The KPI means of the interval (null where undefined). */
  serviceLevel: number | null;
  asa: number | null;
  abandonment: number | null;
  met: boolean;
}

export interface TypeVerdict {
  type: string;
  /** Intervals with demand (answered or abandoned contacts in some replication). */
  withDemand: number;
  missed: IntervalVerdict[];
  /** Share of the intervals with demand that meet every target. */
  shareMet: number;
  /** Whole-horizon KPIs (pooled per replication) and whether they meet the targets. */
  horizon: { serviceLevel: Summary; asa: Summary; abandonment: Summary; met: boolean };
}

/** Whether a KPI summary is on the good side of a bound within its confidence interval. */
function within(s: Summary, bound: number, better: "higher" | "lower"): boolean {
  if (s.mean === null || s.n < 2) return true;
  const hw = halfWidth(s) ?? 0;
  return better === "higher" ? s.mean + hw >= bound - 1e-12 : s.mean - hw <= bound + 1e-12;
}

function meets(sl: Summary, asa: Summary, ab: Summary, t: StaffingTargets): boolean {
  return (!t.serviceLevel || within(sl, t.serviceLevel.level, "higher")) && (t.asa === undefined || within(asa, t.asa, "lower")) && (t.abandonment === undefined || within(ab, t.abandonment, "lower"));
}

/** The verdict of every type with targets; the result must have the types' thresholds set to the targets'. */
export function checkPlan(result: ExperimentResult, targets: Readonly<Record<string, StaffingTargets>>): TypeVerdict[] {
  return Object.entries(targets).map(([type, t]) => {
    const series = (kpi: string, i: number) => summarize(result.runs.map((r) => r.intervals.types[type]?.[kpi]?.[i] ?? NaN));
    const missed: IntervalVerdict[] = [];
    let withDemand = 0;
    for (let i = 0; i < result.info.reportIntervals; i++) {
      const reached = result.runs.filter((r) => (r.intervals.types[type]?.answered?.[i] ?? 0) + (r.intervals.types[type]?.abandoned?.[i] ?? 0) > 0).length;
      if (reached === 0) continue;
      withDemand++;
      const sl = series("serviceLevel", i);
      const asa = series("asa", i);
      const ab = series("abandonRate", i);
      if (!meets(sl, asa, ab, t)) missed.push({ interval: i, serviceLevel: sl.mean, asa: asa.mean, abandonment: ab.mean, met: false });
    }
    const total = (kpi: string) => summarize(result.runs.map((r) => r.totals.types[type]?.[kpi] ?? null));
    const horizon = { serviceLevel: total("serviceLevel"), asa: total("asa"), abandonment: total("abandonRate") };
    return { type, withDemand, missed, shareMet: withDemand > 0 ? 1 - missed.length / withDemand : 1, horizon: { ...horizon, met: meets(horizon.serviceLevel, horizon.asa, horizon.abandonment, t) } };
  });
}
