/**
 * exactSum against exact arithmetic: every finite double is an integer multiple of 2^-1074, so a
 * BigInt holding x·2^1074 represents it exactly; the BigInt sum is the exact sum, rounded here to
 * the nearest double (ties to even) by integer arithmetic alone. fast-check supplies the terms,
 * with a fixed seed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactDot, exactSum } from "../../src/models/money.js";

const SCALE_BITS = 1074n;

/** x · 2^1074 as an exact BigInt. */
const view = new DataView(new ArrayBuffer(8));

function toScaled(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = (bits >> 52n) & 0x7ffn;
  const fraction = bits & ((1n << 52n) - 1n);
  const magnitude = exponent === 0n ? fraction : (fraction | (1n << 52n)) << (exponent - 1n);
  return negative ? -magnitude : magnitude;
}

/** The double nearest to n · 2^-1074, ties to even (Infinity beyond the largest double). */
function roundScaled(n: bigint): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  const m = negative ? -n : n;
  const bitLength = m.toString(2).length;
  const shift = Math.max(0, bitLength - 53); // the ulp of the result, as a power of two in scaled units
  let q = m >> BigInt(shift);
  if (shift > 0) {
    const remainder = m - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (remainder > half || (remainder === half && (q & 1n) === 1n)) q += 1n;
  }
  // q ≤ 2^53 is exact as a double; scale in two steps so 2^e never overflows or underflows early.
  const e = shift - Number(SCALE_BITS);
  const value = Number(q) * 2 ** Math.max(e, -1022) * 2 ** Math.min(0, e + 1022);
  const result = e > 971 ? Infinity : value;
  return negative ? -result : result;
}

function exactReference(values: readonly number[]): number {
  return roundScaled(values.reduce((s, x) => s + toScaled(x), 0n));
}

describe("the test's exact reference", () => {
  it("round-trips doubles, including subnormals and the largest double", () => {
    for (const x of [0, 1, -1, 0.1, 1e-310, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** -1022, Math.PI, 1e300]) {
      expect(roundScaled(toScaled(x))).toBe(x);
    }
  });

  it("rounds halfway cases to even", () => {
    expect(exactReference([1, 2 ** -53])).toBe(1);
    expect(exactReference([1 + 2 ** -52, 2 ** -53])).toBe(1 + 2 ** -51);
    expect(exactReference([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Infinity);
  });
});

/** Doubles over nearly the whole range (no overflow of a sum of 60 terms), subnormals included. */
const wideDouble = fc.double({ min: -1e306, max: 1e306, noNaN: true });
/** Doubles near each other in magnitude with few significant bits: many exact ties and cancellations. */
const tieProneDouble = fc
  .tuple(fc.integer({ min: -(2 ** 20), max: 2 ** 20 }), fc.integer({ min: -60, max: 60 }))
  .map(([m, e]) => m * 2 ** e);
/** Amounts of money: cents and fractions of cents. */
const moneyDouble = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((c) => c / 100);

describe("exactSum", () => {
  it.each([
    ["wide-range doubles", wideDouble],
    ["tie-prone doubles", tieProneDouble],
    ["amounts in cents", moneyDouble],
    ["a mix", fc.oneof(wideDouble, tieProneDouble, moneyDouble)],
  ] as const)("is the correctly rounded exact sum of %s", (_, arbitrary) => {
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 60, size: "max" }), (values) => {
        expect(exactSum(values)).toBe(exactReference(values));
      }),
      { seed: 20260711, numRuns: 2000 },
    );
  });

  it("gives identical results in any order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(wideDouble, tieProneDouble, moneyDouble), { minLength: 1, maxLength: 40, size: "max" }).chain((values) =>
          fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length })),
        ),
        ([values, shuffled]) => {
          expect(exactSum(shuffled)).toBe(exactSum(values));
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("sums 10,000,000 × 0.1 to the double nearest the exact sum", () => {
    const n = 10_000_000;
    const expected = roundScaled(toScaled(0.1) * BigInt(n));
    expect(expected).toBe(1_000_000);
    expect(exactSum(new Float64Array(n).fill(0.1))).toBe(expected);
    let naive = 0;
    for (let i = 0; i < n; i++) naive += 0.1;
    expect(naive).not.toBe(expected); // the drift exactSum exists to avoid
  });

  it("survives catastrophic cancellation", () => {
    expect(exactSum([1e100, 1, -1e100])).toBe(1);
    expect(exactSum([1, 1e100, 1, -1e100])).toBe(2);
    expect(exactSum([1e308, 1e-308, -1e308])).toBe(1e-308);
    expect(exactSum([0.1, 0.2, -0.3])).toBe(2 ** -55); // the three doubles' exact sum (naively 5.55e-17)
    expect(exactSum([0.1, 0.2, -0.3])).toBe(exactReference([0.1, 0.2, -0.3]));
  });

  it("carries the half-even rounding across partials (fsum's final step)", () => {
    expect(exactSum([1e-16, 1, 1e16])).toBe(10000000000000002);
    expect(exactSum([1, 2 ** -53, 2 ** -106])).toBe(1 + 2 ** -52);
    expect(exactSum([1, 2 ** -53, -(2 ** -106)])).toBe(1);
    expect(exactSum([1 + 2 ** -52, 2 ** -53])).toBe(1 + 2 ** -51);
  });

  it("returns 0 for no terms and accepts any iterable", () => {
    expect(exactSum([])).toBe(0);
    expect(exactSum(new Set([1.5, 2.25]))).toBe(3.75);
    expect(exactSum(new Float64Array([0.1, 0.2, 0.3]))).toBe(exactReference([0.1, 0.2, 0.3]));
  });

  it("throws a RangeError on a non-finite term, wherever it is", () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(() => exactSum([bad])).toThrow(RangeError);
      expect(() => exactSum([1, 2, bad])).toThrow(RangeError);
      expect(() => exactSum([1e308, -1e308, bad, 3])).toThrow(RangeError);
      // The message names the amount, not a later overflow that the bad term would cause.
      expect(() => exactSum([1, bad])).toThrow(new RangeError(`cannot sum a non-finite amount (${bad})`));
    }
  });

  it("never returns NaN when the terms are finite but a partial sum overflows", () => {
    // The exact sum of [MAX, MAX] exceeds the largest double: the correctly rounded result is
    // Infinity (a RangeError would also be acceptable, as Python's fsum raises OverflowError).
    // [MAX, MAX, −MAX] sums exactly to MAX.
    const outcome = (values: number[]): number | "RangeError" => {
      try {
        return exactSum(values);
      } catch (error) {
        if (error instanceof RangeError) return "RangeError";
        throw error;
      }
    };
    const max = Number.MAX_VALUE;
    expect([Infinity, "RangeError"]).toContain(outcome([max, max]));
    expect([-Infinity, "RangeError"]).toContain(outcome([-max, -max]));
    expect([max, "RangeError"]).toContain(outcome([max, max, -max]));
    // This implementation stops at the overflowing partial sum, with one sentence.
    expect(() => exactSum([max, max])).toThrow(new RangeError("the sum overflows the range of numbers"));
  });
});

describe("exactDot", () => {
  it("sums the rounded products exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(moneyDouble, fc.integer({ min: 0, max: 100_000 })), { maxLength: 40, size: "max" }), (pairs) => {
        const a = pairs.map(([x]) => x);
        const b = pairs.map(([, y]) => y);
        expect(exactDot(a, b)).toBe(exactReference(pairs.map(([x, y]) => x * y)));
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
