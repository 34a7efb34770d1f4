/**
 * The numerical pieces the fits need beyond sim/distributions (normalQuantile, logGamma) and
 * experiment/summary (tQuantile975): the normal CDF, a 99.5% t quantile and two minimisers.
 */

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** log(1 − Φ(z)), accurate far in the upper tail (where 1 − Φ underflows). */
export function logNormalSurvival(z: number): number {
  if (z < 5) return Math.log(Math.max(1e-300, 1 - normalCdf(z)));
  // Mills ratio asymptotics.
  return -0.5 * z * z - Math.log(z * Math.sqrt(2 * Math.PI)) + Math.log(1 - 1 / (z * z) + 3 / z ** 4);
}

export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Golden-section search for the minimum of a unimodal f on [a, b]. */
export function minimize1d(f: (x: number) => number, a: number, b: number, tol = 1e-7): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a), d = a + g * (b - a);
  let fc = f(c), fd = f(d);
  while (Math.abs(b - a) > tol * (1 + Math.abs(c) + Math.abs(d))) {
    if (fc < fd) {
      b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c);
    } else {
      a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** Nelder–Mead simplex minimisation from `start` with initial steps `step`. */
export function nelderMead(f: (x: number[]) => number, start: number[], step: number[], iterations = 400): number[] {
  const n = start.length;
  let pts = [start, ...step.map((s, i) => start.map((v, j) => (j === i ? v + s : v)))];
  let vals = pts.map(f);
  for (let it = 0; it < iterations; it++) {
    const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
    pts = order.map((i) => pts[i]);
    vals = order.map((i) => vals[i]);
    if (Math.abs(vals[n] - vals[0]) < 1e-10 * (1 + Math.abs(vals[0]))) break;
    const centroid = start.map((_, j) => pts.slice(0, n).reduce((s, p) => s + p[j], 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (pts[n][j] - c));
    const r = along(-1), fr = f(r);
    if (fr < vals[0]) {
      const e = along(-2), fe = f(e);
      [pts[n], vals[n]] = fe < fr ? [e, fe] : [r, fr];
    } else if (fr < vals[n - 1]) [pts[n], vals[n]] = [r, fr];
    else {
      const k = along(fr < vals[n] ? -0.5 : 0.5), fk = f(k);
      if (fk < Math.min(fr, vals[n])) [pts[n], vals[n]] = [k, fk];
      else {
        pts = pts.map((p) => p.map((v, j) => pts[0][j] + 0.5 * (v - pts[0][j])));
        vals = pts.map(f);
      }
    }
  }
  return pts[vals.indexOf(Math.min(...vals))];
}

/** Student-t 99.5% quantile for `df` degrees of freedom (table below 30, a tail expansion beyond). */
export function t995(df: number): number {
  const table = [63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.25, 3.169, 3.106, 3.055, 3.012, 2.977, 2.947, 2.921, 2.898, 2.878, 2.861, 2.845, 2.831, 2.819, 2.807, 2.797, 2.787, 2.779, 2.771, 2.763, 2.756, 2.75];
  return df < 1 ? NaN : df <= 30 ? table[Math.floor(df) - 1] : 2.576 + 5.1 / df;
}
