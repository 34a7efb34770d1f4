/**
 * Named random streams: reproducibility by path, independence of paths, no hidden draws from a
 * parent when forking, argument checks, and a uniformity sanity check (Pearson's chi-square on 10
 * bins against the χ²₉ quantile at p = 1e-6, computed in test/sim/reference.ts).
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { streams, type RandomStream } from "../../src/sim/random.js";
import { chiSquareUpperQuantile } from "./reference.js";

function draws(stream: RandomStream, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = stream.next();
  return out;
}

describe("random streams", () => {
  it("restart the same sequence for the same path, however the tree was reached", () => {
    const a = draws(streams(2026).fork(7).fork("billing").fork("arrivals").stream(), 1000);
    const b = draws(streams(2026).fork(7).fork("billing").fork("arrivals").stream(), 1000);
    const tree = streams(2026).fork(7).fork("billing").fork("arrivals");
    const c = tree.stream();
    draws(c, 500);
    const d = draws(tree.stream(), 1000); // a second stream() restarts, whatever the first drew
    expect(b).toEqual(a);
    expect(d).toEqual(a);
  });

  it("name their path with the seed and the forks", () => {
    expect(streams(2026).fork(7).fork("billing").fork("arrivals").path).toBe("ccsim:2026/7/billing/arrivals");
    expect(streams(2026).fork(7).path).toBe(streams(2026).fork("7").path);
  });

  it("draw exactly seedrandom's alea sequence for their path", () => {
    const tree = streams(12345).fork(3).fork("service");
    const reference = seedrandom.alea(tree.path);
    const expected = Array.from({ length: 10_000 }, () => reference());
    const got = draws(tree.stream(), 10_000);
    const firstDifference = got.findIndex((x, i) => x !== expected[i]);
    expect(firstDifference).toBe(-1);
  });

  it("differ between seeds, replications and names", () => {
    const first = (s: RandomStream) => draws(s, 20);
    const paths = [
      streams(1).fork(0).fork("arrivals"),
      streams(2).fork(0).fork("arrivals"),
      streams(1).fork(1).fork("arrivals"),
      streams(1).fork(0).fork("service"),
      streams(1).fork(0).fork("arrivals").fork("x"),
      streams(1).fork(0),
      streams(1),
      streams(0).fork(0).fork("arrivals"),
      streams(4294967295).fork(0).fork("arrivals"),
    ];
    const sequences = paths.map((p) => first(p.stream()));
    for (let i = 0; i < sequences.length; i++) {
      for (let j = i + 1; j < sequences.length; j++) {
        // Not one of the 20 draws in common position is equal between two different paths.
        const same = sequences[i].filter((x, k) => x === sequences[j][k]).length;
        expect(same, `${paths[i].path} vs ${paths[j].path}`).toBe(0);
      }
    }
  });

  it("never draw from the parent when forking: a stream's numbers do not depend on other streams", () => {
    const tree = streams(99).fork(4);
    const referenceParent = draws(tree.stream(), 40);
    const referenceA = draws(tree.fork("a").stream(), 40);
    const referenceB = draws(tree.fork("b").stream(), 40);

    const parent = tree.stream();
    const head = draws(parent, 20);
    const b = tree.fork("b").stream();
    draws(b, 10_000); // drawing a lot from a sibling...
    const a = tree.fork("a").stream(); // ...and forking after the parent drew...
    const tail = draws(parent, 20);
    expect([...head, ...tail]).toEqual(referenceParent); // ...changes nothing in the parent,
    expect(draws(a, 40)).toEqual(referenceA); // nor in another child,

    // Interleaving draws across streams does not change any of them.
    const x = tree.fork("a").stream();
    const y = tree.fork("b").stream();
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 40; i++) {
      xs.push(x.next());
      if (i % 3 === 0) ys.push(y.next(), y.next());
    }
    while (ys.length < 40) ys.push(y.next());
    expect(xs).toEqual(referenceA);
    expect(ys.slice(0, 40)).toEqual(referenceB);
  });

  it("return numbers in [0, 1)", () => {
    const s = streams(7).fork("range").stream();
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 1_000_000; i++) {
      const u = s.next();
      if (u < min) min = u;
      if (u > max) max = u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(min).toBeLessThan(1e-4);
    expect(max).toBeGreaterThan(1 - 1e-4);
  });

  it("are uniform: chi-square on 10 equal bins stays below the χ²₉ quantile at p = 1e-6", () => {
    const threshold = chiSquareUpperQuantile(9, 1e-6);
    expect(threshold).toBeCloseTo(44.81093787068782, 6); // scipy.stats.chi2.isf(1e-6, 9)
    const n = 500_000;
    for (const tree of [streams(1).fork(0).fork("arrivals"), streams(1).fork(1).fork("arrivals"), streams(314159).fork(0).fork("service")]) {
      const counts = new Array<number>(10).fill(0);
      const s = tree.stream();
      for (let i = 0; i < n; i++) counts[Math.floor(s.next() * 10)]++;
      const expected = n / 10;
      const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
      expect(chi2, tree.path).toBeLessThan(threshold);
    }
  });

  it("are uncorrelated between siblings and with their own next draw", () => {
    const n = 200_000;
    const a = streams(5).fork(0).fork("a").stream();
    const b = streams(5).fork(0).fork("b").stream();
    const xs = draws(a, n + 1);
    const ys = draws(b, n);
    const correlation = (u: number[], v: number[]) => {
      let su = 0;
      let sv = 0;
      let suv = 0;
      let suu = 0;
      let svv = 0;
      for (let i = 0; i < u.length; i++) {
        su += u[i];
        sv += v[i];
        suv += u[i] * v[i];
        suu += u[i] * u[i];
        svv += v[i] * v[i];
      }
      const m = u.length;
      return (suv - (su * sv) / m) / Math.sqrt((suu - (su * su) / m) * (svv - (sv * sv) / m));
    };
    // Under independence the sample correlation has standard error 1/√n; allow 5 of them.
    expect(Math.abs(correlation(xs.slice(0, n), ys))).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(correlation(xs.slice(0, n), xs.slice(1)))).toBeLessThan(5 / Math.sqrt(n));
  });

  it("reject stream names that are empty or contain a slash", () => {
    const root = streams(1);
    expect(() => root.fork("")).toThrow(RangeError);
    expect(() => root.fork("a/b")).toThrow(RangeError);
    expect(() => root.fork("/")).toThrow(RangeError);
    expect(() => root.fork("billing")).not.toThrow();
    expect(() => root.fork(0)).not.toThrow();
  });

  it("reject seeds that are not whole numbers from 0 to 2^32 − 1", () => {
    for (const bad of [-1, 1.5, 2 ** 32, NaN, Infinity, -Infinity, -0.5]) expect(() => streams(bad), String(bad)).toThrow(RangeError);
    for (const good of [0, 1, 2026, 2 ** 32 - 1]) expect(() => streams(good), String(good)).not.toThrow();
  });
});
