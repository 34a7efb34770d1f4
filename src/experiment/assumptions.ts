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
import { normalQuantile } from "../sim/distributions.js";
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
