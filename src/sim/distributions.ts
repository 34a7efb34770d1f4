/**
 * Distributions of durations, given by mean and shape, each knowing its own mean and variance
 * so tests can compare samples with theory (as Ciw's distributions do).
 *
 * Every sampler draws from the stream it is handed and keeps no state between draws, so a
 * distribution can be shared by many streams without mixing them. Samplers use inversion where
 * it is exact and cheap (one uniform per draw); gamma uses Marsaglia–Tsang. One class with a
 * small `sample` switch (rather than a closure per distribution) lets compiled code inline the
 * common cases on the engine's hot path.
 */
import type { RandomStream } from "./random.js";

const enum Kind {
  Exponential,
  Deterministic,
  Uniform,
  Triangular,
  Lognormal,
  Gamma,
  Weibull,
  Erlang,
  Empirical,
  Survival,
}

const NAMES = ["exponential", "deterministic", "uniform", "triangular", "lognormal", "gamma", "weibull", "erlang", "empirical", "survival"] as const;

export class Distribution {
  /** Parameters a, b, c mean different things per kind (see the factories below). */
  private constructor(
    private readonly kind: Kind,
    readonly mean: number,
    readonly variance: number,
    private readonly a: number,
    private readonly b = 0,
    private readonly c = 0,
    private readonly data: Float64Array | null = null,
  ) {}

  get name(): (typeof NAMES)[number] {
    return NAMES[this.kind];
  }

  /** One draw (>= 0). */
  sample(u: RandomStream): number {
    switch (this.kind) {
      case Kind.Exponential:
        return -this.a * Math.log(1 - u.next());
      case Kind.Deterministic:
        return this.a;
      case Kind.Uniform:
        return this.a + this.b * u.next();
      default:
        return this.sampleOther(u);
    }
  }

  private sampleOther(u: RandomStream): number {
    switch (this.kind) {
      case Kind.Triangular: {
        // a = min, b = mode, c = max
        const p = u.next();
        const cut = (this.b - this.a) / (this.c - this.a);
        return p < cut ? this.a + Math.sqrt(p * (this.c - this.a) * (this.b - this.a)) : this.c - Math.sqrt((1 - p) * (this.c - this.a) * (this.c - this.b));
      }
      case Kind.Lognormal: // a = mu, b = sigma
        return Math.exp(this.a + this.b * normalQuantile(openUnit(u)));
      case Kind.Gamma: // a = shape, b = scale
        return this.b * standardGamma(this.a, u);
      case Kind.Weibull: // a = scale, b = 1 / shape
        return this.a * Math.pow(-Math.log(1 - u.next()), this.b);
      case Kind.Erlang: {
        // a = phase mean, b = k. One log of a product of uniforms, split to stay clear of underflow.
        let total = 0;
        let product = 1;
        for (let i = 0; i < this.b; i++) {
          product *= 1 - u.next();
          if (product < 1e-280) {
            total -= Math.log(product);
            product = 1;
          }
        }
        return this.a * (total - Math.log(product));
      }
      case Kind.Empirical: {
        const data = this.data!;
        return data[Math.floor(u.next() * data.length)];
      }
      case Kind.Survival:
        return this.sampleSurvival(1 - u.next());
      default:
        throw new RangeError(`unknown distribution kind ${this.kind}`);
    }
  }

  /**
   * Inversion of a survival curve: the duration x with S(x) = p, for p in (0, 1]. data holds the
   * n times then the n survival values; a = n, b = the tail's hazard, c = 1 for a step curve.
   */
  private sampleSurvival(p: number): number {
    const data = this.data!;
    const n = this.a;
    const last = data[2 * n - 1];
    if (p <= last) return data[n - 1] + Math.log(last / p) / this.b;
    // The first index j with S[j] < p (S[0] = 1 >= p, so j >= 1), by bisection on the falling curve.
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (data[n + mid] < p) hi = mid;
      else lo = mid;
    }
    if (this.c === 1) return data[hi];
    const s0 = data[n + lo];
    const s1 = data[n + hi];
    return data[lo] + ((s0 - p) / (s0 - s1)) * (data[hi] - data[lo]);
  }

  static exponential(mean: number): Distribution {
    requireFinite("exponential mean", mean, 0, true);
    return new Distribution(Kind.Exponential, mean, mean * mean, mean);
  }

  static deterministic(value: number): Distribution {
    requireFinite("deterministic value", value, 0);
    return new Distribution(Kind.Deterministic, value, 0, value);
  }

  static uniform(min: number, max: number): Distribution {
    requireFinite("uniform min", min, 0);
    requireFinite("uniform max", max, min);
    const width = max - min;
    return new Distribution(Kind.Uniform, (min + max) / 2, (width * width) / 12, min, width);
  }

  static triangular(min: number, mode: number, max: number): Distribution {
    requireFinite("triangular min", min, 0);
    requireFinite("triangular mode", mode, min);
    requireFinite("triangular max", max, mode);
    if (max === min) return Distribution.deterministic(min);
    const variance = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
    return new Distribution(Kind.Triangular, (min + mode + max) / 3, variance, min, mode, max);
  }

  static lognormal(mean: number, cv: number): Distribution {
    requireFinite("lognormal mean", mean, 0, true);
    requireFinite("lognormal cv", cv, 0);
    if (cv === 0) return Distribution.deterministic(mean);
    const sigma2 = Math.log(1 + cv * cv);
    return new Distribution(Kind.Lognormal, mean, (cv * mean) ** 2, Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2));
  }

  /** Lognormal by the mean mu and standard deviation sigma of the log, as fitting tools report it. */
  static lognormalLog(mu: number, sigma: number): Distribution {
    requireFinite("lognormal mu", mu, -Infinity);
    requireFinite("lognormal sigma", sigma, 0);
    const mean = Math.exp(mu + (sigma * sigma) / 2);
    if (sigma === 0) return Distribution.deterministic(mean);
    return new Distribution(Kind.Lognormal, mean, (Math.exp(sigma * sigma) - 1) * mean * mean, mu, sigma);
  }

  /** Gamma by shape k and scale theta (mean k·theta). */
  static gammaShapeScale(shape: number, scale: number): Distribution {
    requireFinite("gamma shape", shape, 0, true);
    requireFinite("gamma scale", scale, 0, true);
    return new Distribution(Kind.Gamma, shape * scale, shape * scale * scale, shape, scale);
  }

  /** Weibull by scale lambda and shape k (mean lambda·Γ(1 + 1/k)). */
  static weibullScale(scale: number, shape: number): Distribution {
    requireFinite("weibull scale", scale, 0, true);
    requireFinite("weibull shape", shape, 0, true);
    return Distribution.weibull(scale * Math.exp(logGamma(1 + 1 / shape)), shape);
  }

  /**
   * A duration given by its survival curve S(t) = P(duration > t) at increasing times, sampled by
   * inversion. `linear` joins the points by straight lines; `step` keeps S constant between
   * times and drops at each (the durations are then the times themselves, like a Kaplan–Meier
   * estimate). Before the first time S is 1. Beyond the last time t_n, where S_n > 0 of the
   * mass remains, the curve goes on with the constant hazard it averaged over its whole range,
   * lambda = −ln(S_n) / t_n: S(t) = S_n·exp(−lambda (t − t_n)). A curve that ends at 0 has no tail.
   */
  static survival(times: readonly number[], survival: readonly number[], interpolation: "linear" | "step" = "linear"): Distribution {
    const n = times.length;
    if (n < 2 || survival.length !== n) throw new RangeError(`a survival curve needs at least two times and one survival value per time (got ${n} and ${survival.length})`);
    for (let i = 0; i < n; i++) {
      requireFinite("a survival time", times[i], 0);
      if (i > 0 && !(times[i] > times[i - 1])) throw new RangeError(`survival times must increase (got ${times[i]} after ${times[i - 1]})`);
      if (!(survival[i] >= 0 && survival[i] <= 1)) throw new RangeError(`survival values must lie in [0, 1] (got ${survival[i]})`);
      if (i > 0 && survival[i] > survival[i - 1]) throw new RangeError(`survival values must never increase (got ${survival[i]} after ${survival[i - 1]})`);
    }
    if (survival[0] !== 1) throw new RangeError(`a survival curve must start at 1 (got ${survival[0]})`);
    const last = survival[n - 1];
    if (last === 1) throw new RangeError("a survival curve must fall below 1");
    const hazard = last > 0 ? -Math.log(last) / times[n - 1] : 0;
    // E[X] = ∫ S, E[X²] = ∫ 2t S: exact for straight lines and steps, plus the exponential tail.
    let m1 = times[0];
    let m2 = times[0] * times[0];
    const step = interpolation === "step";
    for (let i = 0; i + 1 < n; i++) {
      const [t0, t1, s0, s1] = [times[i], times[i + 1], survival[i], survival[i + 1]];
      const h = t1 - t0;
      if (step) {
        m1 += s0 * h;
        m2 += s0 * (t1 * t1 - t0 * t0);
      } else {
        m1 += ((s0 + s1) / 2) * h;
        // ∫ 2t S(t) dt over a straight line from (t0, s0) to (t1, s1).
        m2 += (h / 3) * (s0 * (2 * t0 + t1) + s1 * (t0 + 2 * t1));
      }
    }
    if (last > 0) {
      const tn = times[n - 1];
      m1 += last / hazard;
      m2 += 2 * last * (tn / hazard + 1 / (hazard * hazard));
    }
    const data = new Float64Array(2 * n);
    data.set(times, 0);
    data.set(survival, n);
    return new Distribution(Kind.Survival, m1, Math.max(0, m2 - m1 * m1), n, hazard, step ? 1 : 0, data);
  }

  static gamma(mean: number, cv: number): Distribution {
    requireFinite("gamma mean", mean, 0, true);
    requireFinite("gamma cv", cv, 0, true);
    const shape = 1 / (cv * cv);
    const scale = mean / shape;
    return new Distribution(Kind.Gamma, mean, shape * scale * scale, shape, scale);
  }

  static weibull(mean: number, shape: number): Distribution {
    requireFinite("weibull mean", mean, 0, true);
    requireFinite("weibull shape", shape, 0, true);
    const g1 = Math.exp(logGamma(1 + 1 / shape));
    const g2 = Math.exp(logGamma(1 + 2 / shape));
    const scale = mean / g1;
    return new Distribution(Kind.Weibull, mean, scale * scale * (g2 - g1 * g1), scale, 1 / shape);
  }

  static erlang(mean: number, k: number): Distribution {
    requireFinite("erlang mean", mean, 0, true);
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`erlang k must be a whole number >= 1 (got ${k})`);
    return new Distribution(Kind.Erlang, mean, (mean * mean) / k, mean / k, k);
  }

  static empirical(values: readonly number[]): Distribution {
    if (values.length === 0) throw new RangeError("an empirical distribution needs at least one value");
    for (const v of values) requireFinite("an empirical value", v, 0);
    const data = Float64Array.from(values);
    const n = data.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (data[i] - mean) / (i + 1);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (data[i] - mean) ** 2;
    return new Distribution(Kind.Empirical, mean, ss / n, 0, 0, 0, data);
  }
}

export type DistributionParams =
  | { dist: "exponential"; mean: number }
  | { dist: "deterministic"; mean: number }
  | { dist: "uniform"; min: number; max: number }
  | { dist: "triangular"; min: number; mode: number; max: number }
  | { dist: "lognormal"; mean: number; cv: number }
  | { dist: "lognormal"; mu: number; sigma: number }
  | { dist: "gamma"; mean: number; cv: number }
  | { dist: "gamma"; shape: number; scale: number }
  | { dist: "weibull"; mean: number; shape: number }
  | { dist: "weibull"; scale: number; shape: number }
  | { dist: "erlang"; mean: number; k: number }
  | { dist: "empirical"; values: readonly number[] }
  | { dist: "survival"; times: readonly number[]; survival: readonly number[]; interpolation?: "linear" | "step" };

function requireFinite(what: string, x: number, min: number, strict = false): void {
  if (!Number.isFinite(x) || (strict ? x <= min : x < min)) {
    throw new RangeError(`${what} must be a finite number ${strict ? ">" : ">="} ${min} (got ${x})`);
  }
}

export const exponential = Distribution.exponential;
export const deterministic = Distribution.deterministic;
export const uniform = Distribution.uniform;
export const triangular = Distribution.triangular;
/** Lognormal by mean and coefficient of variation (sd / mean), as WFM data is usually summarised. */
export const lognormal = Distribution.lognormal;
/** Gamma by mean and coefficient of variation: shape 1/cv², scale mean·cv². */
export const gamma = Distribution.gamma;
/** Weibull by mean and shape k: scale = mean / Γ(1 + 1/k). */
export const weibull = Distribution.weibull;
/** Erlang-k by mean: the sum of k exponential phases of mean mean/k. */
export const erlang = Distribution.erlang;
/** Resamples observed values uniformly (the empirical distribution of the data). */
export const empirical = Distribution.empirical;
/** Lognormal by mu and sigma of the log (meanlog, sdlog). */
export const lognormalLog = Distribution.lognormalLog;
/** Gamma by shape and scale. */
export const gammaShapeScale = Distribution.gammaShapeScale;
/** Weibull by scale and shape. */
export const weibullScale = Distribution.weibullScale;
/** A duration by its survival curve, sampled by inversion (see Distribution.survival). */
export const survival = Distribution.survival;

export function makeDistribution(p: DistributionParams): Distribution {
  switch (p.dist) {
    case "exponential": return exponential(p.mean);
    case "deterministic": return deterministic(p.mean);
    case "uniform": return uniform(p.min, p.max);
    case "triangular": return triangular(p.min, p.mode, p.max);
    case "lognormal": return "mu" in p ? lognormalLog(p.mu, p.sigma) : lognormal(p.mean, p.cv);
    case "gamma": return "shape" in p ? gammaShapeScale(p.shape, p.scale) : gamma(p.mean, p.cv);
    case "weibull": return "scale" in p ? weibullScale(p.scale, p.shape) : weibull(p.mean, p.shape);
    case "erlang": return erlang(p.mean, p.k);
    case "empirical": return empirical(p.values);
    case "survival": return survival(p.times, p.survival, p.interpolation);
  }
}

/** A uniform strictly inside (0, 1), for quantile functions that are infinite at the ends. */
function openUnit(u: RandomStream): number {
  let p = u.next();
  while (p === 0) p = u.next();
  return p;
}

/**
 * Standard gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 by boosting
 * (gamma(a) = gamma(a + 1) · U^(1/a)).
 */
function standardGamma(shape: number, u: RandomStream): number {
  if (shape < 1) return standardGamma(shape + 1, u) * Math.pow(openUnit(u), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalQuantile(openUnit(u));
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const w = openUnit(u);
    if (w < 1 - 0.0331 * x * x * x * x || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-14). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The standard normal quantile, Wichura's AS 241 (PPND16, relative accuracy about 1e-16). */
export function normalQuantile(p: number): number {
  if (p <= 0) return p === 0 ? -Infinity : NaN;
  if (p >= 1) return p === 1 ? Infinity : NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -x : x;
}
