/**
 * Samplers at the edges of their uniform input, fed given uniforms: no draw of exactly 0 reaches
 * a quantile function that is infinite there, and survival curves invert on half-open steps.
 */
import { describe, expect, it } from "vitest";
import { deterministic, exponential, gammaShapeScale, lognormal, lognormalLog, makeDistribution, normalQuantile, survival, triangular, weibull } from "../../src/sim/distributions.js";
import { streams } from "../../src/sim/random.js";
import type { RandomStream } from "../../src/sim/random.js";

/** A stream that gives `values` in turn (then 0.5). */
function given(...values: number[]): RandomStream {
  return { next: () => values.shift() ?? 0.5 } as unknown as RandomStream;
}

describe("samplers fed given uniforms", () => {
  it("skips a uniform of exactly 0 where the normal quantile would be −∞", () => {
    // The median of a lognormal is e^mu: the 0 is skipped and 0.5 used.
    expect(lognormalLog(2, 0.5).sample(given(0, 0, 0.5))).toBeCloseTo(Math.exp(2), 12);
  });

  it("boosts a gamma of shape below 1 by U^(1/shape), skipping a U of 0", () => {
    const d = gammaShapeScale(0.5, 1);
    // 0.5 twice: x = Φ⁻¹(0.5) = 0 and the acceptance test passes, giving d = shape + 1 − 1/3; then U = 0.25 after a 0.
    const x = d.sample(given(0.5, 0.5, 0, 0.25));
    expect(x).toBeCloseTo((1.5 - 1 / 3) * 0.25 ** 2, 12);
    expect(x).toBeGreaterThan(0);
  });

  it("inverts a step curve on half-open steps: S(t) = p gives the later time", () => {
    const d = survival([0, 10, 20], [1, 0.5, 0], "step");
    expect(d.name).toBe("survival");
    // p = 1 − u: p in (0.5, 1] gives 10 and p in (0, 0.5] gives 20, each with probability 1/2.
    expect(d.sample(given(0.25))).toBe(10);
    expect(d.sample(given(0.5))).toBe(20);
    expect(d.sample(given(0.75))).toBe(20);
  });

  it("interpolates a linear curve between its points and follows the exponential tail past the last", () => {
    const d = survival([0, 10, 30], [1, 0.6, 0.2]);
    expect(d.sample(given(0.2))).toBeCloseTo(5, 12);
    expect(d.sample(given(0.6))).toBeCloseTo(20, 12);
    // Past 30 s: S(t) = 0.2 · e^(−λ(t − 30)) with λ = −ln(0.2) / 30; p = 0.1 is reached at 30 + ln 2 / λ.
    const lambda = -Math.log(0.2) / 30;
    expect(d.sample(given(0.9))).toBeCloseTo(30 + Math.log(2) / lambda, 9);
    expect(makeDistribution({ dist: "survival", times: [0, 10, 30], survival: [1, 0.6, 0.2] }).sample(given(0.6))).toBeCloseTo(20, 12);
  });
});

describe("inversion and the random numbers it uses", () => {
  it("maps a larger uniform to a longer duration (one uniform per draw, increasing)", () => {
    // Common random numbers between scenarios rely on it: the same u gives the same quantile.
    for (const d of [exponential(3), lognormal(100, 0.8), lognormalLog(2, 0.5), weibull(10, 1.5), triangular(1, 2, 6), survival([0, 10, 30], [1, 0.6, 0.2])]) {
      const xs = [0.1, 0.3, 0.5, 0.7, 0.9, 0.975].map((u) => d.sample(given(u)));
      for (let i = 1; i < xs.length; i++) expect(xs[i], `${d.name} at the ${i}th uniform`).toBeGreaterThan(xs[i - 1]);
    }
    // The lognormal's 97.5% quantile: e^(mu + 1.959964 sigma).
    expect(lognormalLog(2, 0.5).sample(given(0.975))).toBeCloseTo(Math.exp(2 + 0.5 * 1.959963984540054), 9);
  });

  it("draws no random number for a deterministic duration", () => {
    const a = streams(5).fork("x").stream();
    const b = streams(5).fork("x").stream();
    for (let i = 0; i < 10; i++) expect(deterministic(4).sample(a)).toBe(4);
    expect(a.next()).toBe(b.next());
  });

  it("names a degenerate shape as the deterministic duration it is", () => {
    for (const d of [triangular(4, 4, 4), lognormal(2.5, 0), lognormalLog(1, 0)]) expect(d.name).toBe("deterministic");
  });

  it("builds a Weibull by scale and shape from scenario parameters", () => {
    // Mean λ·Γ(1 + 1/k): Γ(1.5) = √π / 2.
    expect(makeDistribution({ dist: "weibull", scale: 100, shape: 2 }).mean).toBeCloseTo((100 * Math.sqrt(Math.PI)) / 2, 9);
  });
});

describe("the normal quantile at and beyond the ends of (0, 1)", () => {
  it("is −∞ at 0, +∞ at 1, and not a number outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    for (const p of [-0.1, 1.1, NaN]) expect(normalQuantile(p)).toBeNaN();
  });
});
