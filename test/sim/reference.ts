/**
 * Reference numerics for the statistical tests, written independently of src/ so a test never
 * checks the code against itself: ln Γ by Stirling's series after shifting the argument up,
 * erf by its everywhere-positive series (no cancellation), the regularized incomplete gamma
 * by series and Lentz's continued fraction (Numerical Recipes §6.2), the Kolmogorov limiting
 * distribution (Kolmogorov 1933), and sample moments. Not a test file (no `.test.ts`), so vitest
 * does not run it on its own.
 */

/** ln Γ(x) for x > 0: shift to x ≥ 15, then Stirling's series to the x^-11 term (error ~1e-16). */
export function lnGammaRef(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGammaRef needs x > 0 (got ${x})`);
  let logProduct = 0;
  while (x < 15) {
    logProduct += Math.log(x);
    x += 1;
  }
  const x2 = x * x;
  const series = (1 / x) * (1 / 12 - (1 / x2) * (1 / 360 - (1 / x2) * (1 / 1260 - (1 / x2) * (1 / 1680 - (1 / x2) * (1 / 1188 - (691 / 360360) / x2)))));
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - logProduct;
}

/** erf(x) = 2/√π · e^(−x²) · Σ (2x²)^n x / (1·3·…·(2n+1)); all terms positive, so accurate to a few ulps. */
export function erf(x: number): number {
  if (x < 0) return -erf(-x);
  if (x > 6) return 1; // erfc(6) ≈ 2e-17, below half an ulp of 1
  const twoX2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; term > 1e-17 * sum; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

/** Standard normal CDF, absolute error ~1e-16. */
export function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** Regularized lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const logPrefix = -x + a * Math.log(x) - lnGammaRef(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let i = 0; i < 10_000; i++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
    }
    return sum * Math.exp(logPrefix);
  }
  return 1 - gammaQContinuedFraction(a, x, logPrefix);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail too. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - gammaP(a, x);
  return gammaQContinuedFraction(a, x, -x + a * Math.log(x) - lnGammaRef(a));
}

function gammaQContinuedFraction(a: number, x: number, logPrefix: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/** Solves f(x) = target for an increasing f on [lo, hi] by bisection to the last bit. */
export function bisect(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The x with P(χ²_df > x) = p. */
export function chiSquareUpperQuantile(df: number, p: number): number {
  return bisect((x) => -gammaQ(df / 2, x / 2), -p, 0, 10_000);
}

/** P(K > x) for the Kolmogorov distribution, the limit of √n·D_n. */
export function kolmogorovSurvival(x: number): number {
  if (x < 0.2) return 1; // the series converges slowly there, and the value is 1 to 15 digits
  let sum = 0;
  for (let k = 1; k <= 100; k++) sum += (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * x * x);
  return sum;
}

/**
 * The largest KS distance D_n accepted at false-alarm probability p for n draws: the
 * asymptotic critical value over √n (slightly conservative at finite n).
 */
export function ksCriticalValue(n: number, p: number): number {
  return bisect((x) => -kolmogorovSurvival(x), -p, 0.2, 10) / Math.sqrt(n);
}

/** sup |F_n − F| of the samples against a continuous CDF. Sorts `samples` in place. */
export function ksDistance(samples: Float64Array, cdf: (x: number) => number): number {
  samples.sort();
  const n = samples.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(samples[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** Sample mean and unbiased sample variance (two passes, so no cancellation). */
export function meanAndVariance(xs: ArrayLike<number>): { mean: number; variance: number } {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i];
  const mean = sum / n;
  let ss = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    ss += d * d;
    s += d;
  }
  return { mean, variance: (ss - (s * s) / n) / (n - 1) };
}

/** Mean, variance and fourth central moment from the raw moments E[X], E[X²], E[X³], E[X⁴]. */
export function centralMoments([m1, m2, m3, m4]: readonly [number, number, number, number]): { mean: number; variance: number; mu4: number } {
  return {
    mean: m1,
    variance: m2 - m1 * m1,
    mu4: m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4,
  };
}
