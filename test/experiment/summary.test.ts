/**
 * Replication summaries: Student-t quantiles against exact values (mpmath 1.3 at 40 digits, inverting
 * the regularized incomplete beta; scipy 1.17 `t.ppf(0.975, df)` agrees), handling of missing values, and the
 * coverage of the 95% confidence interval on normal samples drawn with a fixed seed.
 */
import { describe, expect, it } from "vitest";
import { band, EMPTY_SUMMARY, halfWidth, summarize, summarizeRecords, tQuantile975 } from "../../src/experiment/summary.js";
import { normalQuantile } from "../../src/sim/distributions.js";
import { streams } from "../../src/sim/random.js";

const T975: [number, number][] = [
  [1, 12.706204736174705],
  [2, 4.3026527297494639],
  [3, 3.1824463052837096],
  [4, 2.7764451051977944],
  [5, 2.5705818356363155],
  [10, 2.2281388519862747],
  [20, 2.0859634472658648],
  [29, 2.0452296421327043],
  [30, 2.0422724563012383],
  [31, 2.0395134463964085],
  [40, 2.0210753903062734],
  [50, 2.0085591121007611],
  [100, 1.9839715185235523],
  [1000, 1.9623390808264085],
];

describe("tQuantile975", () => {
  it.each(T975)("matches the exact 0.975 quantile at %s degrees of freedom", (df, exact) => {
    // The table (df ≤ 30) carries 9 decimals. Beyond, the four-term Cornish–Fisher expansion is
    // off by 2.6e-8 at df = 31 and less above: 1e-7 holds it to that (the source promises 1e-5).
    const tolerance = df <= 30 ? 1e-9 : 1e-7;
    expect(Math.abs(tQuantile975(df) - exact)).toBeLessThanOrEqual(tolerance);
  });

  it("tends to the normal quantile 1.959963984540054 as df grows", () => {
    expect(Math.abs(tQuantile975(1e9) - 1.959963984540054)).toBeLessThan(1e-8);
    expect(Math.abs(tQuantile975(1e6) - 1.959963984540054)).toBeLessThan(1e-5);
  });

  it("decreases with the degrees of freedom, including across the table's end at 30", () => {
    let previous = Infinity;
    for (let df = 1; df <= 5000; df++) {
      const t = tQuantile975(df);
      if (!(t < previous)) throw new Error(`t(${df}) = ${t} is not below t(${df - 1}) = ${previous}`);
      previous = t;
    }
  });

  it("rejects degrees of freedom below 1 or NaN", () => {
    for (const bad of [0, 0.5, -1, NaN]) expect(() => tQuantile975(bad), String(bad)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("returns the empty summary for no values, only nulls, or only non-finite values", () => {
    for (const values of [[], [null, null], [NaN, null, Infinity, -Infinity]]) {
      expect(summarize(values)).toEqual({ n: 0, mean: null, sd: null, ci95: null, p5: null, p50: null, p95: null });
    }
    expect(summarize([])).not.toBe(EMPTY_SUMMARY); // a fresh object, so callers may change it
  });

  it("leaves out nulls and NaN and counts only the values that contributed", () => {
    const s = summarize([null, 1, NaN, 2, null, 3, 4]);
    const clean = summarize([1, 2, 3, 4]);
    expect(s).toEqual(clean);
    expect(s.n).toBe(4);
  });

  it("has no spread or interval with a single value", () => {
    expect(summarize([null, 7, NaN])).toEqual({ n: 1, mean: 7, sd: null, ci95: null, p5: 7, p50: 7, p95: 7 });
  });

  it("computes mean, sample sd and the t interval of a known sample", () => {
    const s = summarize([1, 2, 3, 4]);
    const sd = Math.sqrt(5 / 3);
    const half = (3.1824463052837096 * sd) / 2;
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(sd, 14);
    expect(s.ci95![0]).toBeCloseTo(2.5 - half, 8);
    expect(s.ci95![1]).toBeCloseTo(2.5 + half, 8);
    expect(s.p50).toBe(2.5);
    expect(halfWidth(s)).toBeCloseTo(half, 8);
    expect(halfWidth(summarize([1]))).toBe(null);
  });

  it("computes percentiles on the sorted values without reordering the input", () => {
    const values = Array.from({ length: 101 }, (_, i) => (i * 37) % 101); // 0..100, shuffled
    const copy = values.slice();
    const s = summarize(values);
    expect(values).toEqual(copy);
    expect(s.p50).toBe(50);
    expect(s.p5).toBeGreaterThanOrEqual(4);
    expect(s.p5).toBeLessThanOrEqual(6);
    expect(s.p95).toBeGreaterThanOrEqual(94);
    expect(s.p95).toBeLessThanOrEqual(96);
  });

  it.each([2, 5, 30])("gives 95 percent intervals that cover the true mean 95 percent of the time (2,000 normal samples of size %i)", (size) => {
    const trials = 2000;
    const u = streams(20260711).fork("ci-coverage").fork(size).stream();
    const trueMean = 10;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const sample: number[] = [];
      for (let i = 0; i < size; i++) {
        let p = u.next();
        while (p === 0) p = u.next();
        sample.push(trueMean + 3 * normalQuantile(p));
      }
      const [lo, hi] = summarize(sample).ci95!;
      if (lo <= trueMean && trueMean <= hi) covered++;
    }
    // Binomial(2000, 0.95): standard error √(0.95·0.05/2000) ≈ 0.0049; allow 5 of them.
    const se = Math.sqrt((0.95 * 0.05) / trials);
    expect(Math.abs(covered / trials - 0.95)).toBeLessThanOrEqual(5 * se);
  });
});

describe("summarizeRecords and band", () => {
  it("summarize each KPI across records, nulls included", () => {
    const out = summarizeRecords([
      { asa: 10, serviceLevel: 0.8 },
      { asa: null, serviceLevel: 0.9 },
      { asa: 20, serviceLevel: 0.7 },
    ]);
    expect(out.asa.n).toBe(2);
    expect(out.asa.mean).toBe(15);
    expect(out.serviceLevel.n).toBe(3);
    expect(out.serviceLevel.mean).toBeCloseTo(0.8, 15);
    expect(summarizeRecords([])).toEqual({});
  });

  it("band gives the count, mean, sd, interval and percentiles of a summary", () => {
    const values = [1, 2, 3, 4, 5, 6];
    const s = summarize(values);
    expect(band(values)).toEqual({ n: 6, mean: s.mean, sd: s.sd, lo: s.ci95![0], hi: s.ci95![1], p5: s.p5, p50: s.p50, p95: s.p95 });
    expect(band([null])).toEqual({ n: 0, mean: null, sd: null, lo: null, hi: null, p5: null, p50: null, p95: null });
  });
});
