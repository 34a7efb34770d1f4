/**
 * Patience from censored waits. A caller who abandoned after waiting w shows patience = w (an
 * event); a caller answered after w shows only patience > w (censored): ignoring the answered
 * would take the impatient for the whole population and shorten patience badly.
 *
 * Kaplan–Meier gives the survival curve with no assumed shape (Greenwood's variance); the
 * parametric fits (exponential, Weibull, lognormal) maximise the censored likelihood
 *   Σ_abandoned log f(w) + Σ_answered log S(w)
 * and the best is chosen by AIC. Waits of 0 carry no information (S(0) = 1) and are dropped.
 */
import { logGamma } from "../sim/distributions.js";
import { LOG_SQRT_2PI, logNormalSurvival, minimize1d, nelderMead } from "./numeric.js";

export interface SurvivalStep {
  time: number;
  survival: number;
  /** 95% pointwise confidence band (Greenwood, on the log scale). */
  lower: number;
  upper: number;
  atRisk: number;
}

export type PatienceFamily = "exponential" | "weibull" | "lognormal";

export interface ParametricPatience {
  family: PatienceFamily;
  logLik: number;
  aic: number;
  mean: number;
  /** 95% confidence interval of the mean (from the observed information). */
  meanCi: [number, number];
  /** Weibull shape; lognormal mu and sigma. */
  shape?: number;
  mu?: number;
  sigma?: number;
  cv?: number;
  survival: (t: number) => number;
}

export interface PatienceFit {
  events: number;
  censored: number;
  kaplanMeier: SurvivalStep[];
  fits: ParametricPatience[];
  best: ParametricPatience | null;
  /** Largest gap between the best fit's survival and Kaplan–Meier. */
  maxGap: number;
}

/** Kaplan–Meier over (time, event) pairs. */
export function kaplanMeier(times: Float64Array, events: Uint8Array): SurvivalStep[] {
  const order = Array.from(times.keys()).sort((a, b) => times[a] - times[b] || events[b] - events[a]);
  const steps: SurvivalStep[] = [];
  let atRisk = times.length;
  let s = 1;
  let greenwood = 0;
  for (let i = 0; i < order.length; ) {
    const t = times[order[i]];
    let d = 0, c = 0;
    while (i < order.length && times[order[i]] === t) {
      if (events[order[i]]) d++;
      else c++;
      i++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      if (atRisk > d) greenwood += d / (atRisk * (atRisk - d));
      const se = Math.sqrt(greenwood);
      // Log-log band: stays in [0, 1].
      const ll = s > 0 && s < 1 ? Math.log(-Math.log(s)) : 0;
      const w = s > 0 && s < 1 ? (1.96 * se) / Math.abs(Math.log(s)) : 0;
      steps.push({ time: t, survival: s, lower: s > 0 && s < 1 ? Math.exp(-Math.exp(ll + w)) : s, upper: s > 0 && s < 1 ? Math.exp(-Math.exp(ll - w)) : s, atRisk });
    }
    atRisk -= d + c;
  }
  return steps;
}

/** The Kaplan–Meier curve thinned to at most `points` steps (for the scenario and charts). */
export function thinCurve(steps: readonly SurvivalStep[], points = 40): SurvivalStep[] {
  if (steps.length <= points) return [...steps];
  const out: SurvivalStep[] = [];
  for (let k = 1; k <= points; k++) out.push(steps[Math.round((k * (steps.length - 1)) / points)]);
  return out.filter((s, i) => i === 0 || s !== out[i - 1]);
}

export function fitPatience(waits: ArrayLike<number>, abandoned: ArrayLike<boolean>): PatienceFit {
  const keep: number[] = [];
  for (let i = 0; i < waits.length; i++) if (waits[i] > 0) keep.push(i);
  const t = Float64Array.from(keep, (i) => waits[i]);
  const e = Uint8Array.from(keep, (i) => (abandoned[i] ? 1 : 0));
  const events = e.reduce((a, b) => a + b, 0);
  const km = kaplanMeier(t, e);
  const fits: ParametricPatience[] = [];
  if (events >= 2) {
    fits.push(exponentialFit(t, e, events));
    fits.push(weibullFit(t, e, events));
    fits.push(lognormalFit(t, e));
  }
  const best = fits.length ? fits.reduce((a, b) => (b.aic < a.aic ? b : a)) : null;
  const maxGap = best ? Math.max(0, ...km.map((s) => Math.abs(s.survival - best.survival(s.time)))) : NaN;
  return { events, censored: t.length - events, kaplanMeier: km, fits, best, maxGap };
}

function exponentialFit(t: Float64Array, e: Uint8Array, d: number): ParametricPatience {
  const total = t.reduce((a, b) => a + b, 0);
  const mean = total / d;
  const logLik = -d * Math.log(mean) - total / mean;
  return { family: "exponential", logLik, aic: 2 - 2 * logLik, mean, meanCi: [mean * Math.exp(-1.96 / Math.sqrt(d)), mean * Math.exp(1.96 / Math.sqrt(d))], survival: (x) => Math.exp(-x / mean) };
}

function weibullFit(t: Float64Array, e: Uint8Array, d: number): ParametricPatience {
  const logT = t.map(Math.log);
  let sumLogEv = 0;
  for (let i = 0; i < t.length; i++) if (e[i]) sumLogEv += logT[i];
  // For a shape k, the scale's MLE is closed-form: λ^k = Σ t^k / d; maximise the profile in log k.
  const profile = (k: number) => {
    let s = 0;
    for (let i = 0; i < t.length; i++) s += Math.exp(k * logT[i]);
    return d * Math.log(k) - d * Math.log(s / d) + (k - 1) * sumLogEv - d;
  };
  const logK = minimize1d((lk) => -profile(Math.exp(lk)), Math.log(0.05), Math.log(20));
  const k = Math.exp(logK);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += Math.exp(k * logT[i]);
  const lambda = (s / d) ** (1 / k);
  const logLik = profile(k);
  const mean = lambda * Math.exp(logGamma(1 + 1 / k));
  // Curvature of the profile in log k, and the scale's, give a rough interval for the mean.
  const h = 1e-3;
  const curv = -(profile(Math.exp(logK + h)) - 2 * logLik + profile(Math.exp(logK - h))) / (h * h);
  const seLogMean = Math.sqrt(1 / d + (curv > 0 ? 0.25 / curv : 0));
  return {
    family: "weibull",
    logLik,
    aic: 4 - 2 * logLik,
    mean,
    shape: k,
    meanCi: [mean * Math.exp(-1.96 * seLogMean), mean * Math.exp(1.96 * seLogMean)],
    survival: (x) => Math.exp(-((x / lambda) ** k)),
  };
}

function lognormalFit(t: Float64Array, e: Uint8Array): ParametricPatience {
  const logT = t.map(Math.log);
  const negLogLik = ([mu, logSigma]: number[]) => {
    const sigma = Math.exp(logSigma);
    let ll = 0;
    for (let i = 0; i < t.length; i++) {
      const z = (logT[i] - mu) / sigma;
      ll += e[i] ? -0.5 * z * z - LOG_SQRT_2PI - logSigma - logT[i] : logNormalSurvival(z);
    }
    return -ll;
  };
  let start = 0, n = 0;
  for (let i = 0; i < t.length; i++) if (e[i]) { start += logT[i]; n++; }
  const [mu, logSigma] = nelderMead(negLogLik, [start / n + 1, 0], [0.5, 0.3]);
  const sigma = Math.exp(logSigma);
  const logLik = -negLogLik([mu, logSigma]);
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  // Observed information by finite differences, delta method for log(mean) = mu + sigma²/2.
  const h = 1e-3;
  const f = (a: number, b: number) => negLogLik([a, b]);
  const f0 = -logLik;
  const hmm = (f(mu + h, logSigma) - 2 * f0 + f(mu - h, logSigma)) / (h * h);
  const hss = (f(mu, logSigma + h) - 2 * f0 + f(mu, logSigma - h)) / (h * h);
  const hms = (f(mu + h, logSigma + h) - f(mu + h, logSigma - h) - f(mu - h, logSigma + h) + f(mu - h, logSigma - h)) / (4 * h * h);
  const det = hmm * hss - hms * hms;
  let seLogMean = NaN;
  if (det > 0) {
    const vmm = hss / det, vss = hmm / det, vms = -hms / det;
    const g = [1, sigma * sigma]; // d log(mean) / d(mu, log sigma)
    seLogMean = Math.sqrt(Math.max(0, g[0] * g[0] * vmm + 2 * g[0] * g[1] * vms + g[1] * g[1] * vss));
  }
  return {
    family: "lognormal",
    logLik,
    aic: 4 - 2 * logLik,
    mean,
    mu,
    sigma,
    cv: Math.sqrt(Math.expm1(sigma * sigma)),
    meanCi: [mean * Math.exp(-1.96 * seLogMean), mean * Math.exp(1.96 * seLogMean)],
    survival: (x) => (x <= 0 ? 1 : Math.exp(logNormalSurvival((Math.log(x) - mu) / sigma))),
  };
}
