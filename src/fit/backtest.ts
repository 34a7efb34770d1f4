/**
 * `ccsim backtest`: does the scenario behave like the center that produced the records?
 *
 * The records are one realisation of the center; each replication is one realisation of the
 * scenario. So the question per KPI is whether the observed value is a plausible replication:
 * it is "inside" when it lies in the simulation's 99% prediction interval, mean ± t·sd·√(1+1/R)
 * over R replications (the 95% confidence interval of the simulated mean is shown too, but it
 * narrows with R and would reject any real center). 99% rather than 95% because the verdict
 * asks six KPIs at once: at 95% each, a scenario that is exactly right would fail one of them
 * about a quarter of the time. The relative error is (simulated mean −
 * observed) / observed. Per interval of the day the same test is made on the days pooled, and
 * the intervals are ranked by |z| = |observed − simulated| / prediction sd.
 *
 * Where every replication gives the same value (no calls at 03:00 in any of them, no abandonment
 * at a quiet hour; up to rounding) the simulation has no spread to scale a difference by: z is 0
 * when the observed value equals it (within the tolerance of "inside") and null (undefined)
 * otherwise, never ±∞. Such intervals that the records contradict are outside the interval and
 * are listed among those that disagree most, but after every interval with |z| > 2 (largest
 * difference first): their difference is shown for the analyst to judge its size, rather than a
 * z of ∞ putting a difference of one call above a real 8-sd miss.
 */
import { ALL, type ReplicationResult } from "../experiment/kpis.js";
import { tQuantile975 } from "../experiment/summary.js";
import { t995 } from "./numeric.js";
import { BACKTEST_KPIS, emptyCounts, kpiOf, poolCounts, totalCounts, type BacktestKpi, type IntervalCounts } from "./observed.js";
import { csvCell, csvRound, type CsvUnit } from "../text/csv.js";

export const KPI_LABELS: Record<BacktestKpi, string> = {
  offered: "Offered",
  abandonRate: "Abandonment",
  asa: "ASA (s)",
  serviceLevel: "Service level",
  delayProbability: "P(wait > 0)",
  busyHours: "Agent busy hours",
};

export interface Comparison {
  observed: number;
  mean: number;
  /** 95% confidence interval of the simulated mean. */
  ci: [number, number];
  /** 99% prediction interval of one replication. */
  range: [number, number];
  inside: boolean;
  relativeError: number;
  /** (observed − mean) / prediction sd; null when every replication gives the same value and the observed one differs. */
  z: number | null;
}

export interface KpiBacktest {
  kpi: BacktestKpi;
  whole: Comparison;
  /** Per interval of the day (null where neither side has data). */
  byInterval: (Comparison | null)[];
  insideShare: number;
  /**
   * Intervals of the day that disagree most, at most five: those with |z| > 2, largest first, then
   * those whose replications all agree on a value the records contradict (z null), largest
   * difference first.
   */
  worst: number[];
}

export interface BacktestResult {
  replications: number;
  intervalSeconds: number;
  kpis: KpiBacktest[];
  /** True when every whole-period KPI is inside its interval. */
  pass: boolean;
}

/** A replication's counts per report interval, from its interval series (all types, all groups). */
export function simulatedCounts(run: ReplicationResult): IntervalCounts {
  const t = run.intervals.types[ALL];
  const g = run.intervals.groups[ALL];
  const n = t.offered.length;
  const c = emptyCounts(n);
  const z = (x: number) => (Number.isNaN(x) ? 0 : x);
  for (let i = 0; i < n; i++) {
    const reached = t.answered[i] + t.abandoned[i];
    c.offered[i] = t.offered[i];
    c.blocked[i] = t.blocked[i];
    c.contained[i] = t.contained[i];
    c.answered[i] = t.answered[i];
    c.abandoned[i] = t.abandoned[i];
    c.waitAnswered[i] = z(t.asa[i]) * t.answered[i];
    c.answeredWithin[i] = Math.round(z(t.serviceLevel[i]) * reached);
    c.queued[i] = Math.round(z(t.delayProbability[i]) * reached);
    c.busySeconds[i] = g ? z(g.occupancy[i]) * g.staffedHours[i] * 3600 : 0;
  }
  return c;
}

export function compare(observed: number, sims: readonly number[]): Comparison | null {
  const xs = sims.filter((x) => !Number.isNaN(x));
  if (Number.isNaN(observed) || xs.length < 2) return null;
  const R = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / R;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1));
  const t = tQuantile975(R - 1);
  const spread = sd * Math.sqrt(1 + 1 / R); // prediction sd of one replication
  const half = t995(R - 1) * spread;
  // Every backtest KPI is a count, a share or a time: never below 0 (the normal band can dip under it).
  const range: [number, number] = [Math.max(0, mean - half), mean + half];
  // A tiny tolerance: identical values (a KPI that is exactly 0 in both) are inside.
  const eps = 1e-9 * Math.max(1, Math.abs(mean));
  return {
    observed,
    mean,
    ci: [Math.max(0, mean - (t * sd) / Math.sqrt(R)), mean + (t * sd) / Math.sqrt(R)],
    range,
    inside: observed >= range[0] - eps && observed <= range[1] + eps,
    relativeError: observed !== 0 ? (mean - observed) / observed : mean === 0 ? 0 : Infinity,
    // A spread within the tolerance is rounding (the mean of equal doubles need not equal them), not noise.
    z: spread > eps ? (observed - mean) / spread : Math.abs(observed - mean) <= eps ? 0 : null,
  };
}

/**
 * Compares observed counts per report interval of the horizon with each replication's;
 * `perDay` intervals make a day (the charts are across the day, days pooled).
 */
export function backtest(observed: IntervalCounts, runs: readonly IntervalCounts[], perDay: number, intervalSeconds: number): BacktestResult {
  const slotOf = (i: number) => i % perDay;
  const obsDay = poolCounts(observed, perDay, slotOf);
  const simDay = runs.map((r) => poolCounts(r, perDay, slotOf));
  const obsTotal = totalCounts(observed);
  const simTotal = runs.map(totalCounts);
  const kpis = BACKTEST_KPIS.map((kpi): KpiBacktest => {
    const whole = compare(kpiOf(obsTotal, 0, kpi), simTotal.map((s) => kpiOf(s, 0, kpi)));
    const byInterval = Array.from({ length: perDay }, (_, i) => compare(kpiOf(obsDay, i, kpi), simDay.map((s) => kpiOf(s, i, kpi))));
    const known = byInterval.filter((c): c is Comparison => c !== null);
    const scaled = byInterval
      .map((c, i) => ({ i, z: c && c.z !== null ? Math.abs(c.z) : 0 }))
      .filter((x) => x.z > 2)
      .sort((a, b) => b.z - a.z);
    const unscaled = byInterval
      .map((c, i) => ({ i, diff: c && c.z === null ? Math.abs(c.observed - c.mean) : 0 }))
      .filter((x) => x.diff > 0)
      .sort((a, b) => b.diff - a.diff);
    const worst = [...scaled, ...unscaled].slice(0, 5).map((x) => x.i);
    return {
      kpi,
      whole: whole ?? { observed: NaN, mean: NaN, ci: [NaN, NaN], range: [NaN, NaN], inside: true, relativeError: NaN, z: null },
      byInterval,
      insideShare: known.length ? known.filter((c) => c.inside).length / known.length : NaN,
      worst,
    };
  });
  return { replications: runs.length, intervalSeconds, kpis, pass: kpis.every((k) => k.whole.inside) };
}

/** "10:00–10:30" for interval `i` of the day. */
export function intervalLabel(i: number, intervalSeconds: number): string {
  const hm = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}`;
  return `${hm(i * intervalSeconds)}–${hm((i + 1) * intervalSeconds)}`;
}

function fmt(kpi: BacktestKpi, x: number): string {
  if (Number.isNaN(x)) return "–";
  if (kpi === "abandonRate" || kpi === "serviceLevel" || kpi === "delayProbability") return `${(100 * x).toFixed(1)}%`;
  if (kpi === "asa") return `${x.toFixed(1)} s`;
  return x.toFixed(kpi === "busyHours" ? 1 : 0);
}

/** One verdict line per KPI, then the intervals that disagree most. */
export function backtestLines(b: BacktestResult): string[] {
  const lines: string[] = [];
  for (const k of b.kpis) {
    const w = k.whole;
    const f = (x: number) => fmt(k.kpi, x);
    if (Number.isNaN(w.observed)) {
      lines.push(`${KPI_LABELS[k.kpi]}: not in the records`);
      continue;
    }
    const rel = Number.isFinite(w.relativeError) ? `${w.relativeError >= 0 ? "+" : "\u2212"}${Math.abs(100 * w.relativeError).toFixed(1)}%` : "n/a";
    lines.push(
      `${KPI_LABELS[k.kpi]}: observed ${f(w.observed)}, simulated ${f(w.mean)} (mean ${f(w.ci[0])}–${f(w.ci[1])}; 99% of replications ${f(w.range[0])}–${f(w.range[1])}): ` +
        `${w.inside ? "inside" : "OUTSIDE"} the simulation's interval, relative error ${rel}; ${Number.isNaN(k.insideShare) ? "" : `${Math.round(100 * k.insideShare)}% of intervals inside`}`,
    );
    if (k.worst.length) lines.push(`  disagrees most at ${k.worst.map((i) => `${intervalLabel(i, b.intervalSeconds)} (observed ${f(k.byInterval[i]!.observed)}, simulated ${f(k.byInterval[i]!.mean)})`).join(", ")}`);
  }
  lines.push(b.pass ? "Verdict: every whole-period KPI is inside the simulation's 99% interval." : `Verdict: ${b.kpis.filter((k) => !k.whole.inside).map((k) => KPI_LABELS[k.kpi]).join(", ")} outside the simulation's 99% interval: the scenario does not reproduce the records.`);
  return lines;
}

/** The unit of a backtested KPI's numbers in the CSV (docs/results.md: units and precision of CSVs). */
const BACKTEST_UNIT: Record<BacktestKpi, CsvUnit> = { offered: "count", abandonRate: "fraction", serviceLevel: "fraction", delayProbability: "fraction", asa: "s", busyHours: "h" };

/** The per-interval table as CSV rows (the `--out` file intervals.csv), each row's numbers rounded to its KPI's unit. */
export function backtestCsv(b: BacktestResult): string {
  const rows = ["kpi,unit,interval,observed,simulated_mean,ci_low,ci_high,range_low,range_high,inside,relative_error,z"];
  for (const k of b.kpis) {
    const unit = BACKTEST_UNIT[k.kpi];
    const row = (label: string, c: Comparison | null) => {
      if (!c) return;
      const n = (x: number | null, u: CsvUnit = unit) => csvCell(csvRound(x, u));
      rows.push([k.kpi, unit, csvCell(label), n(c.observed), n(c.mean), n(c.ci[0]), n(c.ci[1]), n(c.range[0]), n(c.range[1]), c.inside, n(c.relativeError, "fraction"), n(c.z, "number")].join(","));
    };
    row("all", k.whole);
    k.byInterval.forEach((c, i) => row(intervalLabel(i, b.intervalSeconds), c));
  }
  return rows.join("\n") + "\n";
}
