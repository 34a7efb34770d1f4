/**
 * The value of one assumption at which a decision flips: where the paired cost difference
 * between an option and the baseline crosses zero, everything else at its stated value.
 *
 * The difference is evaluated by simulation on common random numbers (the same seed at every
 * value), so it moves smoothly with the assumption and a bracketing root-finder (regula falsi
 * with the Illinois modification) converges in a handful of evaluations. When the difference has
 * one sign over the stated range, the search steps past the end the secant points to, up to
 * `stretch` range-widths, and reports "beyond" when no flip turns up. The confidence interval
 * comes from the delta method: the half-width of the difference at the root over the slope.
 */

/** The paired difference (option − baseline) at one value, and the half-width of its 95% CI. */
export interface Evaluation {
  x: number;
  mean: number;
  half: number;
}

export interface BreakEven {
  /** "found": the difference changes sign at `value`; "beyond": not within the searched span; "invalid": a value in the way made the scenario invalid. */
  status: "found" | "beyond" | "invalid";
  value: number | null;
  ci95: [number, number] | null;
  /** The span looked at. */
  searched: [number, number];
  evaluations: Evaluation[];
}

export interface BreakEvenOptions {
  /** Evaluations in all, the range's ends included (default 8). */
  maxEvaluations?: number;
  /** How many range-widths beyond the range the search may step (default 2). */
  stretch?: number;
}

/** `evaluate` returns null when the value makes the scenario invalid (an FCR above 1). */
export async function findBreakEven(evaluate: (x: number) => Promise<Evaluation | null>, low: number, high: number, options: BreakEvenOptions = {}): Promise<BreakEven> {
  if (!(low < high)) throw new RangeError(`findBreakEven: low must be below high, got ${low} and ${high}`);
  const maxEvaluations = options.maxEvaluations ?? 8;
  const stretch = options.stretch ?? 2;
  if (!Number.isInteger(maxEvaluations) || maxEvaluations < 3) throw new RangeError(`findBreakEven: maxEvaluations must be a whole number >= 3, got ${maxEvaluations}`);
  const evaluations: Evaluation[] = [];
  const at = async (x: number) => {
    const e = await evaluate(x);
    if (e) evaluations.push(e);
    return e;
  };
  const width = high - low;
  const none = (status: BreakEven["status"], searched: [number, number]): BreakEven => ({ status, value: null, ci95: null, searched, evaluations });
  let a = await at(low);
  let b = await at(high);
  if (!a || !b) return none("invalid", [low, high]);
  if (Math.sign(a.mean) === Math.sign(b.mean) && a.mean !== 0) {
    // One sign over the range: step past the end the secant points to.
    if (a.mean === b.mean) return none("beyond", [low, high]);
    const root = a.x - (a.mean * (b.x - a.x)) / (b.mean - a.mean);
    const limitLow = low - stretch * width;
    const limitHigh = high + stretch * width;
    if (root < limitLow || root > limitHigh) return none("beyond", [low, high]);
    // Overshoot a little so that the step brackets the root despite curvature.
    const step = root < low ? Math.max(limitLow, root - 0.15 * (low - root)) : Math.min(limitHigh, root + 0.15 * (root - high));
    const c = await at(step);
    const searched: [number, number] = root < low ? [step, high] : [low, step];
    if (!c) return none("invalid", searched);
    if (Math.sign(c.mean) === Math.sign(a.mean) && c.mean !== 0) return none("beyond", searched);
    if (root < low) [a, b] = [c, a];
    else a = b, b = c;
  }
  const initial = { a, b };
  // Regula falsi, Illinois: halve the weight of an end that stays twice in a row.
  let fa = a.mean;
  let fb = b.mean;
  let side = 0;
  while (evaluations.length < maxEvaluations) {
    if (fa === 0 || fb === 0) break;
    const x = (a.x * fb - b.x * fa) / (fb - fa);
    if (Math.abs(b.x - a.x) < 1e-6 * width) break;
    const c = await at(x);
    if (!c) break;
    if (Math.abs(c.mean) <= c.half) {
      // Indistinguishable from zero at this precision: that is the break-even.
      a = c;
      b = c;
      break;
    }
    if (Math.sign(c.mean) === Math.sign(fb)) {
      b = c;
      fb = c.mean;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = c.mean;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  const value = a === b || a.mean === b.mean ? a.x : a.x - (a.mean * (b.x - a.x)) / (b.mean - a.mean);
  // Delta method: the difference's half-width near the root over the slope across the bracket.
  const near = [...evaluations].sort((p, q) => Math.abs(p.x - value) - Math.abs(q.x - value))[0];
  const slope = (initial.b.mean - initial.a.mean) / (initial.b.x - initial.a.x);
  const half = slope !== 0 ? Math.abs(near.half / slope) : Infinity;
  const lo = Math.min(initial.a.x, initial.b.x);
  const hi = Math.max(initial.a.x, initial.b.x);
  return { status: "found", value, ci95: [value - half, value + half], searched: [Math.min(lo, low), Math.max(hi, high)], evaluations };
}
