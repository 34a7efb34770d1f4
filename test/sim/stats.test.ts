/**
 * The replication statistics' own arithmetic, on hand-computed cases: the wait histogram's bins
 * (1 s wide below 120 s, then 5% wider each), its quantiles (interpolated within a bin, exact
 * zeros apart), and the flat counter tables' indexing.
 */
import { describe, expect, it } from "vitest";
import { G, HIST_BINS, HIST_LINEAR, LEVEL_COUNTERS, MAX_COUNTERS, N_GROUP, N_SEGMENT, N_TYPE, SEGMENT_COUNTERS, T, groupIndex, histBin, histQuantile, typeIndex } from "../../src/sim/stats.js";

/** The lower edge of bin b as the module comment defines it: b below 120, else 120 · 1.05^(b − 120). */
const lower = (b: number) => (b < 120 ? b : 120 * 1.05 ** (b - 120));

/** A histogram of HIST_BINS bins after `offset` cells of noise, with `counts` (bin → count). */
function histogram(counts: Record<number, number>, offset = 0): Uint32Array {
  const h = new Uint32Array(offset + HIST_BINS);
  for (let i = 0; i < offset; i++) h[i] = 1000 + i;
  for (const [b, n] of Object.entries(counts)) h[offset + Number(b)] = n;
  return h;
}

describe("wait histogram bins", () => {
  it("has 1-second bins below two minutes, negative waits in the first", () => {
    expect(HIST_LINEAR).toBe(120);
    expect(HIST_BINS).toBe(320);
    expect(histBin(-3)).toBe(0);
    expect(histBin(0)).toBe(0);
    expect(histBin(0.999)).toBe(0);
    expect(histBin(1)).toBe(1);
    expect(histBin(57.5)).toBe(57);
    expect(histBin(119.999)).toBe(119);
  });

  it("grows the bins by 5% from 120 s, and puts every longer wait in the last bin", () => {
    expect(histBin(120)).toBe(120);
    expect(histBin(125.9)).toBe(120);
    for (const b of [121, 150, 200, 318]) {
      expect(histBin(lower(b) * 1.001), `bin ${b}`).toBe(b);
      expect(histBin(lower(b) * 0.999), `below bin ${b}`).toBe(b - 1);
    }
    expect(histBin(lower(319) * 1.001)).toBe(319);
    expect(histBin(lower(320) * 1.001)).toBe(319);
    expect(histBin(1e12)).toBe(319);
  });
});

describe("wait quantiles from the histogram", () => {
  it("is null when the slice holds no counts", () => {
    expect(histQuantile(histogram({}), 0, 0.5, 0)).toBeNull();
  });

  it("interpolates linearly within a 1-second bin", () => {
    const h = histogram({ 5: 10 }, 7);
    expect(histQuantile(h, 7, 0.5, 10)).toBeCloseTo(5.5, 12);
    expect(histQuantile(h, 7, 0.1, 10)).toBeCloseTo(5.1, 12);
    expect(histQuantile(h, 7, 1, 10)).toBeCloseTo(6, 12);
  });

  it("walks the cumulative counts across bins, skipping empty ones", () => {
    // 2 waits in [3, 4), none in [4, 10), 8 in [10, 11): the median is rank 5, the third of bin 10's eight.
    const h = histogram({ 3: 2, 10: 8 }, 3);
    expect(histQuantile(h, 3, 0.2, 10)).toBeCloseTo(4, 12);
    expect(histQuantile(h, 3, 0.5, 10)).toBeCloseTo(10 + 3 / 8, 12);
    expect(histQuantile(h, 3, 0.9, 10)).toBeCloseTo(10 + 7 / 8, 12);
  });

  it("interpolates within a 5% bin above two minutes", () => {
    // Four waits in [120, 126): the median is 123; four in bin 130 = [120·1.05^10, 120·1.05^11).
    expect(histQuantile(histogram({ 120: 4 }), 0, 0.5, 4)).toBeCloseTo(123, 9);
    const lo = lower(130);
    expect(histQuantile(histogram({ 130: 4 }), 0, 0.75, 4)).toBeCloseTo(lo + 0.75 * (lower(131) - lo), 9);
  });

  it("gives 0 for a quantile among the exact zeros and spreads the rest of the first bin over (0, 1)", () => {
    // 10 answered: 4 with no wait at all, 2 in (0, 1), 4 in [10, 11).
    const h = histogram({ 0: 6, 10: 4 });
    expect(histQuantile(h, 0, 0.3, 10, 4)).toBe(0);
    expect(histQuantile(h, 0, 0.4, 10, 4)).toBe(0);
    expect(histQuantile(h, 0, 0.5, 10, 4)).toBeCloseTo(0.5, 12);
    expect(histQuantile(h, 0, 0.6, 10, 4)).toBeCloseTo(1, 12);
    expect(histQuantile(h, 0, 0.7, 10, 4)).toBeCloseTo(10.25, 12);
    // The rank at the last zero is 0 even when no other wait is under a second.
    expect(histQuantile(histogram({ 0: 4, 10: 6 }), 0, 0.4, 10, 4)).toBe(0);
    // Without zeros the first bin's six counts spread over [0, 1).
    expect(histQuantile(h, 0, 0.3, 10)).toBeCloseTo(0.5, 12);
  });

  it("gives the last bin's lower edge when the slice holds fewer counts than its total", () => {
    expect(histQuantile(histogram({ 2: 3 }), 0, 1, 5)).toBeCloseTo(lower(319), 6);
    // It never reads past its slice into the next one's counts.
    const two = new Uint32Array(2 * HIST_BINS);
    two[2] = 3;
    two[HIST_BINS] = 50;
    expect(histQuantile(two, 0, 1, 5)).toBeCloseTo(lower(319), 6);
  });
});

describe("counter tables", () => {
  it("flattens [interval][type][counter] and [interval][group][counter]", () => {
    const s = { types: ["a", "b", "c"], groups: ["x", "y"] };
    expect(N_TYPE).toBe(39);
    expect(N_GROUP).toBe(8);
    expect(typeIndex(s, 0, 0, T.deflected)).toBe(0);
    expect(typeIndex(s, 2, 1, T.answered)).toBe((2 * 3 + 1) * 39 + 10);
    expect(groupIndex(s, 0, 0, G.scheduled)).toBe(0);
    expect(groupIndex(s, 4, 1, G.handled)).toBe((4 * 2 + 1) * 8 + 5);
  });

  it("names the segment counters in their table's order, and marks the maximum and the level", () => {
    expect(SEGMENT_COUNTERS).toEqual(["offered", "blocked", "abandoned", "lostBlocked", "lostAbandoned", "handled", "unresolved"]);
    expect(N_SEGMENT).toBe(SEGMENT_COUNTERS.length);
    expect([...MAX_COUNTERS]).toEqual([T.maxQueue]);
    expect([...LEVEL_COUNTERS]).toEqual([T.queueAtEnd]);
  });
});
