/**
 * Pooled ratio KPIs: the ratio of sums over all replications (total abandoned / total reached),
 * beside the usual mean of per-replication ratios.
 *
 * The two answer different questions. The mean of ratios weighs every replication (a day, a
 * month) equally; the pooled ratio weighs every call equally, and it is what an ACD report of
 * the whole period shows. They differ when the ratio and its denominator move together: on busy
 * days more calls are offered *and* more abandon, so pooled abandonment is above the mean of the
 * daily rates (and pooled service level below). docs/results.md explains which to use.
 *
 * The confidence interval is the ratio estimator's, by the delta method over replications:
 * with R = ΣA/ΣB and d_i = A_i − R·B_i, SE(R) = sd(d) / (√n · mean(B)), and R ± t(n−1)·SE. It is
 * right when replications are independent and n is not tiny; it needs two replications.
 *
 * Numerators and denominators come from each replication's KPIs: the denominator is a count or
 * a time (answered + abandoned, handled, staffed hours …) and the numerator is the ratio times
 * it, which recovers the replication's sum exactly up to rounding. The 90th percentile wait,
 * the service level without short abandons (whose denominator the KPIs do not carry) and the
 * mean agents on duty (the same in every replication that runs to the horizon) have no pooled
 * value.
 */
import { SCOPES, type KpiRecord, type Scope } from "./kpis.js";
import { tQuantile975 } from "./summary.js";

export interface PooledValue {
  /** Replications pooled. */
  n: number;
  /** Sum of numerators / sum of denominators; null when every denominator is 0. */
  value: number | null;
  /** 95% confidence interval of the ratio estimator; null with fewer than two replications. */
  ci95: [number, number] | null;
}

export type PooledSummary = Record<Scope, Record<string, Record<string, PooledValue>>>;

type Denominator = (k: KpiRecord) => number | null;
const reached: Denominator = (k) => sum(k.answered, k.abandoned);

/** The denominator of each ratio KPI, from the same replication's KPIs. */
export const POOLED_DENOMINATORS: Readonly<Record<string, Denominator>> = {
  // contacts
  serviceLevel: reached,
  serviceLevelAbandonsMet: reached,
  delayProbability: reached,
  meanWait: reached,
  abandonRate: reached,
  serviceLevelAnswered: (k) => k.answered,
  asa: (k) => k.answered,
  blockingRate: (k) => k.offered,
  containmentRate: (k) => (k.offered === null || k.blocked === null ? null : k.offered - k.blocked),
  aht: (k) => k.handled,
  fcrRate: (k) => k.handled,
  // agents
  occupancy: (k) => k.staffedHours,
  utilisation: (k) => k.scheduledHours,
};

function sum(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

/** The ratio of sums with its delta-method confidence interval. */
export function ratioOfSums(numerators: readonly number[], denominators: readonly number[]): PooledValue {
  const n = numerators.length;
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    a += numerators[i];
    b += denominators[i];
  }
  if (n === 0 || !(b > 0)) return { n, value: null, ci95: null };
  const r = a / b;
  if (n < 2) return { n, value: r, ci95: null };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (numerators[i] - r * denominators[i]) ** 2;
  const se = Math.sqrt(ss / (n - 1) / n) / (b / n);
  const half = tQuantile975(n - 1) * se;
  return { n, value: r, ci95: [r - half, r + half] };
}

/** Pooled values of every ratio KPI, per scope and name, over the replications' totals. */
export function pooledSummary(totals: readonly Record<Scope, Record<string, KpiRecord>>[]): PooledSummary {
  const out = { types: {}, channels: {}, groups: {}, sites: {} } as PooledSummary;
  if (totals.length === 0) return out;
  for (const scope of SCOPES) {
    for (const name of Object.keys(totals[0][scope])) {
      const byKpi: Record<string, PooledValue> = {};
      for (const [kpi, denominatorOf] of Object.entries(POOLED_DENOMINATORS)) {
        if (!(kpi in totals[0][scope][name])) continue;
        const nums: number[] = [];
        const dens: number[] = [];
        for (const t of totals) {
          const k = t[scope][name];
          if (!k) continue;
          const d = denominatorOf(k) ?? 0;
          const v = k[kpi];
          nums.push(v === null || v === undefined || !(d > 0) ? 0 : v * d);
          dens.push(d > 0 ? d : 0);
        }
        byKpi[kpi] = ratioOfSums(nums, dens);
      }
      out[scope][name] = byKpi;
    }
  }
  return out;
}
