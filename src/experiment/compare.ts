/**
 * Side-by-side comparison of scenarios run on common random numbers.
 *
 * Every option runs replications 0..n−1 with the same seed, so replication r of each option sees
 * the same arrivals, patience and handle-time draws wherever the scenarios agree (streams are
 * named by contact type and purpose, not by position). Differences are then paired per
 * replication, and their variance is what is left after the shared noise cancels: much
 * narrower intervals than independent runs give for the same effort. Each difference also
 * reports the half-width independent runs would have had (from the marginal variances), which
 * shows what CRN bought.
 */
import type { IntervalTargetCheck } from "./interval-target.js";
import { summarize, tQuantile975, type Summary } from "./summary.js";

/** An option to compare: per-replication values of each metric, replications in index order. */
export interface CompareOption {
  label: string;
  name: string;
  /** The service-level target the option must meet. */
  target: number;
  /** The target's threshold ("the 20 of 80/20"), when every contact type has the same one. */
  thresholdSeconds?: number | null;
  /** "interval": the target must also be met in every report interval, not only on average. */
  targetPer?: "horizon" | "interval";
  /** The mean service level interval by interval against the target. */
  intervalCheck?: IntervalTargetCheck | null;
  /** Simulated seconds counted (horizon after warm-up): what money amounts cover. */
  countedSeconds?: number;
  values: Partial<Record<CompareMetric, readonly (number | null)[]>>;
}

/** Metrics compared between options: per-replication values. */
export const COMPARE_METRICS = {
  totalCost: { label: "Total cost", unit: "money", better: "lower" },
  operatingCost: { label: "Operating cost", unit: "money", better: "lower" },
  costPerHandled: { label: "Cost per handled contact", unit: "money", better: "lower" },
  costPerResolved: { label: "Cost per resolved contact", unit: "money", better: "lower" },
  serviceLevel: { label: "Service level", unit: "share", better: "higher" },
  abandonRate: { label: "Abandonment", unit: "share", better: "lower" },
  asa: { label: "ASA", unit: "seconds", better: "lower" },
  fcrRate: { label: "First-contact resolution", unit: "share", better: "higher" },
  occupancy: { label: "Occupancy", unit: "share", better: undefined },
} as const;
export type CompareMetric = keyof typeof COMPARE_METRICS;

const MONEY = (m: CompareMetric) => COMPARE_METRICS[m].unit === "money";

export interface PairedDifference {
  metric: CompareMetric;
  option: string;
  baseline: string;
  /** Option − baseline, per replication. */
  difference: Summary;
  /** Option / baseline − 1, per replication (null for metrics that can be zero). */
  relative: Summary | null;
  /** The 95% half-width of the difference had the options been run independently. */
  independentHalfWidth: number | null;
}

export interface OptionSummary {
  label: string;
  name: string;
  metrics: Record<CompareMetric, Summary>;
  /** Service-level target (all types) and how often the option met it. */
  target: number;
  thresholdSeconds: number | null;
  targetPer: "horizon" | "interval";
  /** The mean service level meets the target over the horizon. */
  meetsOverall: boolean;
  intervalCheck: IntervalTargetCheck | null;
  /** Meets the target as the scenario requires it: overall, and in every interval when `targetPer` is "interval". */
  meetsTarget: boolean;
  shareOfReplicationsMeetingTarget: number;
}

export interface Comparison {
  baseline: string;
  options: OptionSummary[];
  differences: PairedDifference[];
  /** Share of replications in which each option is the cheapest (total cost), when costs are known. */
  probabilityCheapest: Record<string, number> | null;
  /** The cheapest option meeting its service-level target on average, if any. */
  recommended: string | null;
  replications: number;
  commonRandomNumbers: boolean;
  /** Simulated seconds the money amounts cover (the baseline's horizon after warm-up), when known. */
  countedSeconds: number | null;
}

/** Compares options against the first one (the baseline), pairing replications by index. */
export function compareOptions(options: readonly CompareOption[], commonRandomNumbers = true): Comparison {
  if (options.length < 1) throw new RangeError("a comparison needs at least one option");
  const n = Math.min(...options.map((o) => o.values.serviceLevel?.length ?? 0));
  const metricValues = (o: CompareOption, m: CompareMetric) => (o.values[m] ?? new Array<null>(n).fill(null)).slice(0, n);
  const trimmed = options;
  const withCosts = options.every((o) => o.values.totalCost !== undefined);
  const metrics = (Object.keys(COMPARE_METRICS) as CompareMetric[]).filter((m) => options.every((o) => o.values[m] !== undefined) && (withCosts || !MONEY(m)));
  const summaries: OptionSummary[] = trimmed.map((o) => {
    const target = o.target;
    const sl = metricValues(o, "serviceLevel");
    const met = sl.filter((v) => v !== null && v >= target).length;
    const m = Object.fromEntries(metrics.map((k) => [k, summarize(metricValues(o, k))])) as Record<CompareMetric, Summary>;
    const meetsOverall = (m.serviceLevel?.mean ?? 0) >= target;
    const targetPer = o.targetPer ?? "horizon";
    const intervalCheck = o.intervalCheck ?? null;
    const meetsTarget = meetsOverall && (targetPer === "horizon" || (intervalCheck !== null && intervalCheck.missed === 0));
    return {
      label: o.label,
      name: o.name,
      metrics: m,
      target,
      thresholdSeconds: o.thresholdSeconds ?? null,
      targetPer,
      meetsOverall,
      intervalCheck,
      meetsTarget,
      shareOfReplicationsMeetingTarget: n ? met / n : 0,
    };
  });
  const base = trimmed[0];
  const differences: PairedDifference[] = [];
  for (const o of trimmed.slice(1)) {
    for (const metric of metrics) {
      const a = metricValues(base, metric);
      const b = metricValues(o, metric);
      const diff = b.map((x, i) => (x === null || a[i] === null ? null : x - a[i]!));
      const ratio = b.map((x, i) => (x === null || a[i] === null || a[i] === 0 ? null : x / a[i]! - 1));
      const sa = summarize(a);
      const sb = summarize(b);
      // The half-width independent runs would give: the same t quantile, the variances added.
      const paired = summarize(diff);
      const independent =
        sa.sd !== null && sb.sd !== null && paired.n > 1 ? tQuantile975(paired.n - 1) * Math.sqrt((sa.sd ** 2 + sb.sd ** 2) / paired.n) : null;
      const unit = COMPARE_METRICS[metric].unit;
      differences.push({
        metric,
        option: o.label,
        baseline: base.label,
        difference: paired,
        relative: unit === "money" ? summarize(ratio) : null,
        independentHalfWidth: independent,
      });
    }
  }
  let probabilityCheapest: Record<string, number> | null = null;
  if (withCosts && n > 0) {
    const wins = new Array<number>(trimmed.length).fill(0);
    const totals = trimmed.map((o) => metricValues(o, "totalCost"));
    for (let r = 0; r < n; r++) {
      let best = 0;
      for (let k = 1; k < trimmed.length; k++) if ((totals[k][r] ?? Infinity) < (totals[best][r] ?? Infinity)) best = k;
      wins[best]++;
    }
    probabilityCheapest = Object.fromEntries(trimmed.map((o, k) => [o.label, wins[k] / n]));
  }
  const eligible = summaries.filter((s) => s.meetsTarget);
  const recommended = withCosts && eligible.length
    ? eligible.reduce((best, s) => ((s.metrics.totalCost.mean ?? Infinity) < (best.metrics.totalCost.mean ?? Infinity) ? s : best)).label
    : null;
  return { baseline: base.label, options: summaries, differences, probabilityCheapest, recommended, replications: n, commonRandomNumbers, countedSeconds: base.countedSeconds ?? null };
}
