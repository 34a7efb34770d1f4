/**
 * Distributions by fitted parameters (lognormal mu/sigma, gamma shape/scale, Weibull scale) and
 * by survival curve, against theory: moments from textbook formulas or from integrating the
 * survival curve here (not the code's closed forms), 200,000 draws within 5 standard errors, and
 * a Kolmogorov–Smirnov test against the exact CDF (p = 1e-6) for continuous ones.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Distribution, gammaShapeScale, lognormal, lognormalLog, makeDistribution, survival, weibull, weibullScale } from "../../src/sim/distributions.js";
import { streams } from "../../src/sim/random.js";
import { centralMoments, chiSquareUpperQuantile, gammaP, ksCriticalValue, ksDistance, lnGammaRef, meanAndVariance, normalCdf } from "./reference.js";

/** Draws per case; a tenth under mutation testing (see distributions.test.ts). */
const N = process.env.MUTATION ? 20_000 : 200_000;
const ROOT = streams(20261204).fork("distribution-parameter-tests");
type Raw = [number, number, number, number];

/** S(x) of a survival curve as documented: 1 before the first time, straight lines or steps, then the average hazard. */
function survivalRef(times: number[], surv: number[], step: boolean): (x: number) => number {
  const n = times.length;
  const last = surv[n - 1];
  const hazard = -Math.log(last) / times[n - 1];
  return (x) => {
    if (x < times[0]) return 1;
    if (x >= times[n - 1]) return last * Math.exp(-hazard * (x - times[n - 1]));
    let i = 0;
    while (times[i + 1] <= x) i++;
    if (step) return surv[i];
    return surv[i] + ((x - times[i]) / (times[i + 1] - times[i])) * (surv[i + 1] - surv[i]);
  };
}

/** E[X^j] = ∫ j x^(j−1) S(x) dx by Simpson's rule on a fine grid to far in the tail. */
function survivalRaw(S: (x: number) => number, breaks: number[], end: number): Raw {
  const points = [...new Set([0, ...breaks, end])].sort((a, b) => a - b);
  const moment = (j: number) => {
    let total = 0;
    // Simpson within each piece (the curve is smooth between the breaks).
    for (let k = 0; k + 1 < points.length; k++) {
      const [a, b] = [points[k], points[k + 1]];
      const m = 2000;
      const h = (b - a) / m;
      let s = 0;
      for (let i = 0; i <= m; i++) {
        const x = a + i * h;
        // Steps: take the value inside the piece, not at its right edge.
        const y = j * x ** (j - 1) * S(Math.min(x, b - 1e-9 * (b - a)));
        s += (i === 0 || i === m ? 1 : i % 2 ? 4 : 2) * y;
      }
      total += (s * h) / 3;
    }
    return total;
  };
  return [moment(1), moment(2), moment(3), moment(4)];
}

interface Case {
  label: string;
  /** A getter: each test builds its distribution (see test/sim/distributions.test.ts). */
  readonly dist: Distribution;
  raw: Raw;
  cdf?: (x: number) => number;
  /** Relative tolerance of the declared moments (numerical integration is not exact). */
  declaredTolerance?: number;
}

const mu = 5.2;
const sigma = 0.6;
const gShape = 2.5;
const gScale = 80;
const wScale = 150;
const wShape = 1.3;
const T = [0, 30, 90, 240];
const S = [1, 0.7, 0.35, 0.1];

const CASES: Case[] = [
  {
    label: "lognormal(mu 5.2, sigma 0.6)",
    get dist() {
      return lognormalLog(mu, sigma);
    },
    raw: [1, 2, 3, 4].map((j) => Math.exp(j * mu + (j * j * sigma * sigma) / 2)) as Raw,
    cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)),
  },
  {
    label: "gamma(shape 2.5, scale 80)",
    get dist() {
      return gammaShapeScale(gShape, gScale);
    },
    raw: [1, 2, 3, 4].map((j) => {
      let m = 1;
      for (let i = 0; i < j; i++) m *= (gShape + i) * gScale;
      return m;
    }) as Raw,
    cdf: (x) => gammaP(gShape, x / gScale),
  },
  {
    label: "weibull(scale 150, shape 1.3)",
    get dist() {
      return weibullScale(wScale, wShape);
    },
    raw: [1, 2, 3, 4].map((j) => wScale ** j * Math.exp(lnGammaRef(1 + j / wShape))) as Raw,
    cdf: (x) => 1 - Math.exp(-((x / wScale) ** wShape)),
  },
  {
    label: "survival, linear, with a tail",
    get dist() {
      return survival(T, S, "linear");
    },
    raw: survivalRaw(survivalRef(T, S, false), T, 240 + 60 * 240),
    cdf: (x) => 1 - survivalRef(T, S, false)(x),
    declaredTolerance: 1e-6,
  },
  {
    label: "survival, linear, from a later first time to 0",
    get dist() {
      return survival([20, 50, 100], [1, 0.4, 0], "linear");
    },
    raw: survivalRaw((x) => (x < 20 ? 1 : x < 50 ? 1 - (0.6 * (x - 20)) / 30 : x < 100 ? 0.4 - (0.4 * (x - 50)) / 50 : 0), [20, 50, 100], 101),
    cdf: (x) => (x < 20 ? 0 : x < 50 ? (0.6 * (x - 20)) / 30 : x < 100 ? 0.6 + (0.4 * (x - 50)) / 50 : 1),
    declaredTolerance: 1e-6,
  },
  {
    label: "survival, step (Kaplan–Meier), with a tail",
    get dist() {
      return survival(T, S, "step");
    },
    raw: survivalRaw(survivalRef(T, S, true), T, 240 + 60 * 240),
    declaredTolerance: 1e-4,
  },
];

describe("distributions by fitted parameters and by survival curve", () => {
  describe.each(CASES)("$label", (c) => {
    const theory = centralMoments(c.raw);
    // Drawn by the first test that needs them (under mutation testing, by each: see samplesOf in distributions.test.ts).
    let cached: Float64Array | null = null;
    const samples = () => {
      if (cached && !process.env.MUTATION) return cached;
      const d = c.dist;
      const u = ROOT.fork(c.label).stream();
      const xs = new Float64Array(N);
      for (let i = 0; i < N; i++) xs[i] = d.sample(u);
      return (cached = xs);
    };

    it("declares the mean and variance of theory", () => {
      const tol = c.declaredTolerance ?? 1e-9;
      const d = c.dist;
      expect(Math.abs(d.mean - theory.mean)).toBeLessThanOrEqual(tol * theory.mean);
      expect(Math.abs(d.variance - theory.variance)).toBeLessThanOrEqual(tol * 10 * theory.variance);
    });

    it("draws samples whose mean and variance match, within 5 standard errors", () => {
      const xs = samples();
      for (const x of xs) if (!(Number.isFinite(x) && x >= 0)) throw new Error(`${c.label} drew ${x}`);
      const s = meanAndVariance(xs);
      expect(Math.abs(s.mean - theory.mean)).toBeLessThanOrEqual(5 * Math.sqrt(theory.variance / N));
      expect(Math.abs(s.variance - theory.variance)).toBeLessThanOrEqual(5 * Math.sqrt((theory.mu4 - theory.variance ** 2) / N));
    });

    const cdf = c.cdf;
    if (cdf) {
      it("passes a Kolmogorov–Smirnov test against its exact CDF (p = 1e-6)", () => {
        expect(ksDistance(Float64Array.from(samples()), cdf)).toBeLessThan(ksCriticalValue(N, 1e-6));
      });
    }
  });

  it("gives a step curve's times in proportion to its drops, and the tail beyond (chi-square, p = 1e-6)", () => {
    const d = survival(T, S, "step");
    const u = ROOT.fork("step atoms").stream();
    const counts = new Map<number, number>();
    let tail = 0;
    for (let i = 0; i < N; i++) {
      const x = d.sample(u);
      if (x > 240) tail++;
      else counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([30, 90, 240]);
    const expected = new Map([
      [30, 0.3],
      [90, 0.35],
      [240, 0.25],
    ]);
    let chi2 = (tail - N * 0.1) ** 2 / (N * 0.1);
    for (const [x, p] of expected) chi2 += (counts.get(x)! - N * p) ** 2 / (N * p);
    expect(chi2).toBeLessThan(chiSquareUpperQuantile(3, 1e-6));
  });

  it("gives the same distribution by mu and sigma as by the mean and cv they imply", () => {
    const byMoments = lognormal(200, 0.7);
    const sigma2 = Math.log(1 + 0.49);
    const byLog = lognormalLog(Math.log(200) - sigma2 / 2, Math.sqrt(sigma2));
    expect(byLog.mean).toBeCloseTo(200, 9);
    expect(byLog.variance).toBeCloseTo(byMoments.variance, 6);
    const [a, b] = [ROOT.fork("same").stream(), ROOT.fork("same").stream()];
    for (let i = 0; i < 100; i++) expect(byLog.sample(a)).toBeCloseTo(byMoments.sample(b), 9);
    expect(weibullScale(100, 2).mean).toBeCloseTo(weibull(100 * Math.exp(lnGammaRef(1.5)), 2).mean, 9);
  });

  it("builds the same distributions from scenario parameters", () => {
    expect(makeDistribution({ dist: "lognormal", mu: 1, sigma: 0.5 }).mean).toBeCloseTo(Math.exp(1.125), 12);
    expect(makeDistribution({ dist: "gamma", shape: 2, scale: 3 }).mean).toBe(6);
    expect(makeDistribution({ dist: "survival", times: [0, 10], survival: [1, 0] }).mean).toBe(5);
    expect(makeDistribution({ dist: "survival", times: [0, 10], survival: [1, 0], interpolation: "step" }).mean).toBe(10);
  });

  it("draws from any valid curve with P(duration > t) = S(t) at its times, within 5 standard errors", () => {
    const curve = fc
      .tuple(
        fc.array(fc.double({ min: 0.5, max: 200, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        fc.double({ min: 0, max: 50, noNaN: true }),
      )
      .map(([gaps, drops, step, first]) => {
        const times = [first];
        for (const g of gaps) times.push(times[times.length - 1] + g);
        // Non-increasing values from 1, strictly below 1 at the end.
        const survival = [1];
        for (let i = 1; i < times.length; i++) survival.push(survival[i - 1] * (i === times.length - 1 ? Math.min(0.95, drops[i - 1]) : drops[i - 1]));
        return { times, survival, step };
      });
    let k = 0;
    fc.assert(
      fc.property(curve, ({ times, survival: surv, step }) => {
        const d = survival(times, surv, step ? "step" : "linear");
        const u = ROOT.fork("property").fork(String(k++)).stream();
        const n = N / 10;
        const xs = Array.from({ length: n }, () => d.sample(u));
        for (let i = 0; i < times.length; i++) {
          const above = xs.filter((x) => x > times[i] + 1e-9).length / n;
          const se = Math.sqrt((surv[i] * (1 - surv[i])) / n);
          expect(Math.abs(above - surv[i])).toBeLessThanOrEqual(5 * se + 1e-12);
        }
      }),
      { numRuns: 40, seed: 20261204 },
    );
  });

  it("refuses survival curves that do not start at 1, rise, go back in time or never fall", () => {
    expect(() => survival([0, 10], [0.9, 0.5])).toThrow(/start at 1/);
    expect(() => survival([0, 10, 20], [1, 0.5, 0.6])).toThrow(/never increase/);
    expect(() => survival([0, 10, 10], [1, 0.5, 0.4])).toThrow(/increase/);
    expect(() => survival([0, 10], [1, 1])).toThrow(/fall below 1/);
    expect(() => survival([0], [1])).toThrow(/at least two/);
  });
});
