/**
 * Money summed without drift: `exactSum` returns the correctly rounded sum of its terms, in any
 * order (Shewchuk's adaptive-precision partials, as in Python's math.fsum). A cost built from
 * millions of small amounts is then the same to the last digit however the terms are grouped.
 */

/** The correctly rounded sum of finite numbers. */
export function exactSum(values: Iterable<number>): number {
  const partials: number[] = [];
  for (let x of values) {
    if (!Number.isFinite(x)) throw new RangeError(`cannot sum a non-finite amount (${x})`);
    let i = 0;
    for (let j = 0; j < partials.length; j++) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    if (!Number.isFinite(x)) throw new RangeError("the sum overflows the range of numbers");
    partials.push(x);
  }
  // Round the partials (largest last) to the nearest double, halfway cases to even (fsum's final step).
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/** Sum of products a[i]·b[i], each product rounded once, the sum exactly. */
export function exactDot(a: readonly number[], b: readonly number[]): number {
  return exactSum(a.map((x, i) => x * b[i]));
}
