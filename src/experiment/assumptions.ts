/**
 * Uncertain assumptions and their outer sample.
 *
 * A scenario states an input as uncertain with `assumptions: { path: { low, high, dist } }`.
 * Options of a comparison share one sample: each distinct path gets one column of a Latin
 * hypercube of uniforms, and every option that states the path maps the same uniform through
 * its own distribution (so options that agree on a range see the same value, and options that
 * differ see values at the same quantile). An option that does not state a path keeps its value.
 *
 * The hypercube is drawn from `streams(seed).fork("assumptions")`, never from the simulation's
 * streams, so adding an assumption leaves every replication's random numbers where they were.
 */
import { streams } from "../sim/random.js";

export type AssumptionDist = "uniform" | "triangular" | "normal" | "lognormal";

/** An uncertain input of one option. */
export interface Assumption {
  /** The path as written: "agentGroups.generalists.fcr". */
  key: string;
  path: (string | number)[];
  /** Shown in sentences and charts. */
  label: string;
  /** The value the scenario states. */
  stated: number;
  low: number;
  high: number;
  dist: AssumptionDist;
  /** Triangular only: the most likely value (default the stated one). */
  mode: number;
}

/** z of the 95th percentile of the standard normal: low and high of a normal are its 5th and 95th percentiles. */
export const Z95 = 1.6448536269514722;

/** The standard normal quantile: Acklam's rational approximation (relative error 1e-9), one Halley step on an erfc good to about 1e-7 (ample for sampling assumptions). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lowTail = 0.02425;
  let x: number;
  if (p < lowTail) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - lowTail) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step on erfc makes it accurate to double precision.
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Complementary error function (W. J. Cody's rational approximations via Numerical Recipes' erfc, relative error < 1.2e-7, refined enough for one Halley step). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** The value of an assumption at quantile u ∈ (0, 1). */
export function assumptionQuantile(a: Assumption, u: number): number {
  if (!(u > 0 && u < 1)) throw new RangeError(`assumptionQuantile: u must be in (0, 1), got ${u}`);
  const { low, high } = a;
  switch (a.dist) {
    case "uniform":
      return low + u * (high - low);
    case "triangular": {
      const c = (a.mode - low) / (high - low);
      return u < c ? low + Math.sqrt(u * (high - low) * (a.mode - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - a.mode));
    }
    case "normal":
      return (low + high) / 2 + ((high - low) / (2 * Z95)) * normalQuantile(u);
    case "lognormal": {
      const [l, h] = [Math.log(low), Math.log(high)];
      return Math.exp((l + h) / 2 + ((h - l) / (2 * Z95)) * normalQuantile(u));
    }
  }
}

/**
 * A Latin hypercube of `points` rows and `dims` columns of uniforms in (0, 1): each column has
 * exactly one value in each of the `points` equal strata, in a random order, at a random place
 * within its stratum. Seeded: the same (points, dims, seed) gives the same numbers.
 */
export function latinHypercube(points: number, dims: number, seed: number): number[][] {
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`latinHypercube: points must be a whole number >= 2, got ${points}`);
  if (!Number.isInteger(dims) || dims < 0) throw new RangeError(`latinHypercube: dims must be a whole number >= 0, got ${dims}`);
  const rows = Array.from({ length: points }, () => new Array<number>(dims).fill(0));
  const root = streams(seed).fork("assumptions");
  for (let j = 0; j < dims; j++) {
    const rng = root.fork(j).stream();
    const order = Array.from({ length: points }, (_, i) => i);
    for (let i = points - 1; i > 0; i--) {
      const k = Math.floor(rng.next() * (i + 1));
      [order[i], order[k]] = [order[k], order[i]];
    }
    // (stratum + jitter) / points, the jitter kept off the ends so a quantile never sees 0 or 1.
    for (let i = 0; i < points; i++) rows[i][j] = (order[i] + 0.001 + 0.998 * rng.next()) / points;
  }
  return rows;
}

/** "agentGroups.generalists.fcr" → "generalists fcr": the last two keys, for a default label. */
export function defaultLabel(key: string, path: readonly (string | number)[]): string {
  const words = path.filter((p): p is string => typeof p === "string");
  return words.length >= 2 ? `${words[words.length - 2]} ${words[words.length - 1]}` : key;
}

/** The distinct assumption keys of several options, in first-seen order. */
export function assumptionKeys(options: readonly (readonly Assumption[])[]): string[] {
  const keys: string[] = [];
  for (const list of options) for (const a of list) if (!keys.includes(a.key)) keys.push(a.key);
  return keys;
}

/** The outer sample: for each point, each option's values of its own assumptions (key → value). */
export interface AssumptionSample {
  keys: string[];
  /** uniforms[point][column of keys]. */
  uniforms: number[][];
  /** values[point][option][key]. */
  values: Record<string, number>[][];
}

export function sampleAssumptions(options: readonly (readonly Assumption[])[], points: number, seed: number): AssumptionSample {
  const keys = assumptionKeys(options);
  const uniforms = latinHypercube(points, keys.length, seed);
  const values = uniforms.map((u) => options.map((list) => Object.fromEntries(list.map((a) => [a.key, assumptionQuantile(a, u[keys.indexOf(a.key)])]))));
  return { keys, uniforms, values };
}
