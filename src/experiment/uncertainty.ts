/**
 * What the stated uncertainty does to a comparison: the outer sample's points (assumption
 * values), each run for a few inner replications on common random numbers, summarised so that
 * the two sources of doubt stay apart. Simulation noise is what the comparison at the stated
 * values already reports (its confidence interval); the uncertainty about the assumptions is the
 * spread of the saving across the points (its 90% range), of which the inner replications'
 * own noise is reported as the precision of the range's ends. Drivers rank the assumptions by the share of
 * the saving's spread each explains: squared standardized rank regression coefficients (SRRC²),
 * which read like shares of variance when the inputs are independent, as a Latin hypercube
 * makes them.
 */
import { quantileSorted } from "simple-statistics";
import { tQuantile975 } from "./summary.js";

/** The inner replications of one option at one point of the outer sample. */
export interface PointOutcome {
  /** Total cost per replication (null when the option has no costs). */
  totalCost: readonly (number | null)[];
  /** Service level (all contacts) per replication. */
  serviceLevel: readonly (number | null)[];
}

export interface UncertaintyInput {
  /** Option labels; the first is the baseline. */
  labels: readonly string[];
  /** Each option's service-level target. */
  targets: readonly number[];
  /** The assumptions sampled, one column each (display values: the first option stating each). */
  assumptions: readonly AssumptionSummary[];
  /** uniforms[point][assumption]: the hypercube, whose ranks are the assumption values' ranks. */
  uniforms: readonly (readonly number[])[];
  /** values[point][assumption]: the display values. */
  values: readonly (readonly number[])[];
  /** outcomes[point][option]. */
  outcomes: readonly (readonly PointOutcome[])[];
  innerReplications: number;
  seed: number;
  /**
   * Per option (index ≥ 1): the stated-value saving from all replications minus the one from the
   * first `innerReplications` of them. The inner replications are those same replications, so
   * their noise is largely this difference at every point: adding it re-centres the sample (a
   * control variate with coefficient 1). Zero or absent: no correction.
   */
  statedOffsets?: readonly number[];
}

export interface AssumptionSummary {
  key: string;
  label: string;
  stated: number;
  low: number;
  high: number;
  dist: string;
  /** Options whose scenario states this assumption. */
  options: string[];
}

/** One option against the baseline across the outer sample. */
export interface UncertainSaving {
  option: string;
  baseline: string;
  /** 1 − cost(option) / cost(baseline) at each point (means over the inner replications), re-centred by `offset`. */
  saving: number[];
  /** The control-variate correction added to every point (see UncertaintyInput.statedOffsets). */
  offset: number;
  median: number;
  /** 5th and 95th percentiles over the points. */
  range90: [number, number];
  /** Share of points where the option costs less than the baseline. */
  probabilityCheaper: number;
  /**
   * The simulation noise left in each point's saving: the mean over points of the 95% half-width
   * from its inner replications. Points share their random numbers, so this noise moves every
   * point alike (it shifts the range rather than widening it): it is how far the range's ends may
   * be off, not a part of its width.
   */
  noiseHalfWidth: number;
}

export interface Driver {
  key: string;
  label: string;
  /** SRRC²: the share of the saving's (rank) spread this assumption explains. */
  share: number;
  /** +1 when the saving grows with the assumption, −1 when it shrinks. */
  direction: 1 | -1;
}

export interface UncertaintyResult {
  points: number;
  innerReplications: number;
  seed: number;
  assumptions: AssumptionSummary[];
  values: number[][];
  /** Mean total cost of each option at each point (null without costs). */
  meanCost: (number | null)[][];
  savings: UncertainSaving[];
  /** Share of points at which each option is the cheapest meeting its target on average. */
  probabilityRecommended: Record<string, number> | null;
  /** Drivers of the saving of `option` against the baseline, largest share first. */
  drivers: { option: string; baseline: string; rankR2: number; rows: Driver[] } | null;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const finite = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null && Number.isFinite(x));
function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

/** Ranks 1..n, ties sharing their mean rank. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) out[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

function standardize(xs: readonly number[]): number[] | null {
  const m = mean(xs);
  const sd = Math.sqrt(variance(xs));
  return sd > 0 ? xs.map((x) => (x - m) / sd) : null;
}

/** Least squares coefficients of y on the columns of x (no intercept: everything is centred), by Gaussian elimination. */
function leastSquares(columns: readonly (readonly number[])[], y: readonly number[]): number[] {
  const d = columns.length;
  const a = columns.map((ci) => [...columns.map((cj) => ci.reduce((s, v, k) => s + v * cj[k], 0)), ci.reduce((s, v, k) => s + v * y[k], 0)]);
  for (let i = 0; i < d; i++) a[i][i] += 1e-9 * y.length; // a whisker of ridge: a column nearly collinear with others cannot blow up
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < d; r++) {
      if (r === col || a[col][col] === 0) continue;
      const f = a[r][col] / a[col][col];
      for (let k = col; k <= d; k++) a[r][k] -= f * a[col][k];
    }
  }
  return a.map((row, i) => (row[i] === 0 ? 0 : row[d] / row[i]));
}

/** Squared standardized rank regression coefficients of y on the inputs, and the rank regression's R². */
export function rankRegression(inputs: readonly (readonly number[])[], y: readonly number[]): { shares: number[]; signs: (1 | -1)[]; r2: number } {
  const ry = standardize(ranks(y));
  const cols = inputs.map((c) => standardize(ranks(c)));
  if (!ry) return { shares: inputs.map(() => 0), signs: inputs.map(() => 1), r2: 0 };
  const used = cols.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
  const beta = leastSquares(used.map((i) => cols[i]!), ry);
  const shares = inputs.map(() => 0);
  const signs: (1 | -1)[] = inputs.map(() => 1);
  used.forEach((i, k) => {
    shares[i] = beta[k] ** 2;
    signs[i] = beta[k] >= 0 ? 1 : -1;
  });
  const fitted = ry.map((_, n) => used.reduce((s, i, k) => s + beta[k] * cols[i]![n], 0));
  const ssRes = ry.reduce((s, v, n) => s + (v - fitted[n]) ** 2, 0);
  const ssTot = ry.reduce((s, v) => s + v * v, 0);
  return { shares, signs, r2: ssTot > 0 ? Math.max(0, 1 - ssRes / ssTot) : 0 };
}

/** Summarises the outer sample; `driversOf` is the option whose saving the drivers explain (default the one cheaper most often). */
export function analyzeUncertainty(input: UncertaintyInput, driversOf?: string): UncertaintyResult {
  const { labels, outcomes } = input;
  const points = outcomes.length;
  if (points < 2) throw new RangeError(`analyzeUncertainty: the outer sample needs at least 2 points, got ${points}`);
  const meanCost = outcomes.map((row) => row.map((o) => {
    const xs = finite(o.totalCost);
    return xs.length ? mean(xs) : null;
  }));
  const withCosts = meanCost.every((row) => row.every((c) => c !== null));
  const savings: UncertainSaving[] = [];
  if (withCosts) {
    for (let i = 1; i < labels.length; i++) {
      const offset = input.statedOffsets?.[i] ?? 0;
      const saving = meanCost.map((row) => 1 - row[i]! / row[0]! + offset);
      // Noise: the variance of a point's saving over its inner replications, over m, averaged.
      const within = outcomes.map((row) => {
        const per = row[i].totalCost.map((c, j) => (c === null || row[0].totalCost[j] === null ? null : 1 - c / row[0].totalCost[j]!));
        const n = finite(per).length;
        return n > 1 ? (tQuantile975(n - 1) * Math.sqrt(variance(finite(per)))) / Math.sqrt(n) : 0;
      });
      const sorted = [...saving].sort((a, b) => a - b);
      savings.push({
        option: labels[i],
        baseline: labels[0],
        saving,
        offset,
        median: quantileSorted(sorted, 0.5),
        range90: [quantileSorted(sorted, 0.05), quantileSorted(sorted, 0.95)],
        probabilityCheaper: saving.filter((s) => s > 0).length / points,
        noiseHalfWidth: mean(within),
      });
    }
  }
  let probabilityRecommended: Record<string, number> | null = null;
  if (withCosts) {
    const wins = labels.map(() => 0);
    outcomes.forEach((row, k) => {
      let best = -1;
      row.forEach((o, i) => {
        const sl = finite(o.serviceLevel);
        if (!sl.length || mean(sl) < input.targets[i]) return;
        if (best < 0 || meanCost[k][i]! < meanCost[k][best]!) best = i;
      });
      if (best >= 0) wins[best]++;
    });
    probabilityRecommended = Object.fromEntries(labels.map((l, i) => [l, wins[i] / points]));
  }
  let drivers: UncertaintyResult["drivers"] = null;
  const target = driversOf ? savings.find((s) => s.option === driversOf) : [...savings].sort((a, b) => b.probabilityCheaper - a.probabilityCheaper || b.median - a.median)[0];
  if (target && input.assumptions.length) {
    const columns = input.assumptions.map((_, j) => input.uniforms.map((u) => u[j]));
    const { shares, signs, r2 } = rankRegression(columns, target.saving);
    const rows = input.assumptions
      .map((a, j) => ({ key: a.key, label: a.label, share: shares[j], direction: signs[j] }))
      .sort((a, b) => b.share - a.share || a.label.localeCompare(b.label));
    drivers = { option: target.option, baseline: target.baseline, rankR2: r2, rows };
  }
  return {
    points,
    innerReplications: input.innerReplications,
    seed: input.seed,
    assumptions: [...input.assumptions],
    values: input.values.map((r) => [...r]),
    meanCost,
    savings,
    probabilityRecommended,
    drivers,
  };
}
