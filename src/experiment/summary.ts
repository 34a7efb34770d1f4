/**
 * Statistics across replications: mean, standard deviation, a 95% confidence interval for the
 * mean (Student t), and the 5th, 50th and 95th percentiles of the replication values.
 * Null values (a KPI undefined in a replication, e.g. ASA with no answered call; NaN in interval
 * series) are left out and `n` says how many replications contributed. The result depends only
 * on the values in replication order, so any split of the replications (workers, shards) gives
 * the same numbers.
 */
import { quantileSorted } from "simple-statistics";
import type { KpiRecord, KpiValue } from "./kpis.js";

export interface Summary {
  n: number;
  mean: number | null;
  sd: number | null;
  /** 95% confidence interval of the mean; null with fewer than two values. */
  ci95: [number, number] | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom. */
const T975 = [
  12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
  2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
  2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
];

/** The 0.975 quantile of Student's t; beyond 30 df a Cornish–Fisher expansion (error below 1e-5). */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be >= 1 (got ${df})`);
  if (df <= 30) return T975[Math.round(df) - 1];
  const z = 1.959963984540054;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

export const EMPTY_SUMMARY: Summary = Object.freeze({ n: 0, mean: null, sd: null, ci95: null, p5: null, p50: null, p95: null }) as Summary;

/** Statistics of the finite values; null and NaN (undefined KPIs) are left out. */
export function summarize(values: readonly KpiValue[] | Float64Array): Summary {
  const n = collectFinite(values);
  if (n === 0) return { ...EMPTY_SUMMARY };
  const xs = scratch.subarray(0, n);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (xs[i] - mean) / (i + 1);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : null;
  const half = sd !== null ? (tQuantile975(n - 1) * sd) / Math.sqrt(n) : null;
  // A typed array sorts numerically in native code: summaries of long interval series are
  // most of the serial work after a parallel run.
  xs.sort();
  return {
    n,
    mean,
    sd,
    ci95: half !== null ? [mean - half, mean + half] : null,
    p5: quantileOfSorted(xs, 0.05),
    p50: quantileOfSorted(xs, 0.5),
    p95: quantileOfSorted(xs, 0.95),
  };
}

/** Working space for `summarize`, reused by every call (it runs for each interval of each series). */
let scratch = new Float64Array(256);

/** Copies the finite values into `scratch`; returns how many there are. */
function collectFinite(values: readonly KpiValue[] | Float64Array): number {
  if (scratch.length < values.length) scratch = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) scratch[n++] = v;
  }
  return n;
}

/** simple-statistics' quantileSorted (the same definition), for a typed array. */
function quantileOfSorted(x: Float64Array, p: number): number {
  return quantileSorted(x as unknown as number[], p);
}

/** Half-width of the 95% confidence interval, or null. */
export function halfWidth(s: Summary): number | null {
  return s.ci95 ? (s.ci95[1] - s.ci95[0]) / 2 : null;
}

/** Summaries per KPI of a list of records with the same keys. */
export function summarizeRecords(records: readonly KpiRecord[]): Record<string, Summary> {
  const out: Record<string, Summary> = {};
  if (records.length === 0) return out;
  for (const key of Object.keys(records[0])) out[key] = summarize(records.map((r) => r[key] ?? null));
  return out;
}

/** The same statistics, flat, for long series (one per interval): `lo`/`hi` are the 95% CI of the mean. */
export interface BandSummary {
  n: number;
  mean: number | null;
  sd: number | null;
  lo: number | null;
  hi: number | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
}

export function band(values: readonly KpiValue[] | Float64Array): BandSummary {
  const s = summarize(values);
  return { n: s.n, mean: s.mean, sd: s.sd, lo: s.ci95?.[0] ?? null, hi: s.ci95?.[1] ?? null, p5: s.p5, p50: s.p50, p95: s.p95 };
}
