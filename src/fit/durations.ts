/**
 * Fully observed durations (handle, wrap-up and IVR times): a lognormal by maximum likelihood,
 * with confidence intervals and goodness of fit (Kolmogorov–Smirnov and Anderson–Darling).
 *
 * The KS p-value is the asymptotic Kolmogorov one; with parameters estimated from the same data
 * it is conservative (Lilliefors), so a small p-value is a real misfit, a large one no proof.
 * With tens of thousands of calls any real distribution is "rejected": read D (the largest gap
 * between the empirical and fitted distribution functions) as the size of the misfit.
 */
import { normalQuantile } from "../sim/distributions.js";
import { normalCdf } from "./numeric.js";

export interface LognormalFit {
  /** Observations used (> 0). */
  n: number;
  /** Observations that were 0 or negative, left out of the log. */
  nonPositive: number;
  mu: number;
  sigma: number;
  mean: number;
  cv: number;
  /** 95% confidence intervals. */
  muCi: [number, number];
  sigmaCi: [number, number];
  meanCi: [number, number];
  /** Sample mean and coefficient of variation, for comparison. */
  sampleMean: number;
  sampleCv: number;
  ks: { d: number; p: number };
  ad: number;
  /** Deciles of the data and of the fit (for the Q–Q chart). */
  quantiles: { p: number; data: number; fit: number }[];
}

/** Kolmogorov's limiting distribution: P(√n·D > x). */
export function kolmogorovP(x: number): number {
  if (x <= 0) return 1;
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * x * x);
    s += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, s));
}

function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** Lognormal by maximum likelihood; null when fewer than 2 positive observations. */
export function fitLognormal(values: ArrayLike<number>): LognormalFit | null {
  const pos: number[] = [];
  let nonPositive = 0;
  let sum = 0, sum2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v > 0)) {
      nonPositive++;
      continue;
    }
    pos.push(v);
    sum += v;
    sum2 += v * v;
  }
  const n = pos.length;
  if (n < 2) return null;
  const sorted = Float64Array.from(pos).sort();
  let sl = 0;
  for (let i = 0; i < n; i++) sl += Math.log(sorted[i]);
  const mu = sl / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (Math.log(sorted[i]) - mu) ** 2;
  const sigma = Math.sqrt(ss / n);
  const sampleMean = sum / n;
  const sampleCv = Math.sqrt(Math.max(0, sum2 / n - sampleMean ** 2)) / sampleMean;
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  const cv = Math.sqrt(Math.expm1(sigma * sigma));
  const seMu = sigma / Math.sqrt(n);
  const seSigma = sigma / Math.sqrt(2 * n);
  // Delta method for log(mean) = mu + sigma²/2: var = σ²/n + σ⁴/(2n).
  const seLogMean = Math.sqrt((sigma * sigma) / n + sigma ** 4 / (2 * n));
  let d = 0, ad = 0;
  if (sigma > 0) {
    for (let i = 0; i < n; i++) {
      const f = Math.min(1 - 1e-15, Math.max(1e-15, normalCdf((Math.log(sorted[i]) - mu) / sigma)));
      d = Math.max(d, (i + 1) / n - f, f - i / n);
      const fr = Math.min(1 - 1e-15, Math.max(1e-15, normalCdf((Math.log(sorted[n - 1 - i]) - mu) / sigma)));
      ad += (2 * i + 1) * (Math.log(f) + Math.log(1 - fr));
    }
    ad = -n - ad / n;
  }
  const quantiles = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99].map((p) => ({ p, data: quantileSorted(sorted, p), fit: Math.exp(mu + sigma * normalQuantile(p)) }));
  return {
    n,
    nonPositive,
    mu,
    sigma,
    mean,
    cv,
    muCi: [mu - 1.96 * seMu, mu + 1.96 * seMu],
    sigmaCi: [sigma - 1.96 * seSigma, sigma + 1.96 * seSigma],
    meanCi: [mean * Math.exp(-1.96 * seLogMean), mean * Math.exp(1.96 * seLogMean)],
    sampleMean,
    sampleCv,
    ks: { d, p: kolmogorovP((Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * d) },
    ad,
    quantiles,
  };
}

/** Mean, standard deviation and count. */
export function moments(values: ArrayLike<number>): { n: number; mean: number; sd: number } {
  let n = 0, s = 0, s2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    n++;
    s += v;
    s2 += v * v;
  }
  const mean = n ? s / n : NaN;
  return { n, mean, sd: n > 1 ? Math.sqrt(Math.max(0, (s2 - n * mean * mean) / (n - 1))) : 0 };
}
