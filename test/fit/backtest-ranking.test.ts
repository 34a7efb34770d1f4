/**
 * The backtest's "disagrees most" ranking and its z where the replications have no spread: an
 * interval whose replications all agree gets z 0 when the records agree too and z null (not ±∞)
 * when they do not, and such an interval is listed only after every interval with |z| > 2.
 */
import { describe, expect, it } from "vitest";
import { backtest, backtestCsv, backtestLines, compare } from "../../src/fit/backtest.js";
import { emptyCounts, type IntervalCounts } from "../../src/fit/observed.js";

/** Counts of one day of `perDay` intervals with the given offered calls (all else 0). */
function offeredDay(offered: number[]): IntervalCounts {
  const c = emptyCounts(offered.length);
  c.offered.set(offered);
  return c;
}

describe("compare where the replications have no spread", () => {
  it("gives z 0 when the observed value equals the replications' common value, even when their mean is off by rounding", () => {
    expect(compare(5, [5, 5, 5, 5])!.z).toBe(0);
    // 0.7 + 0.7 + 0.7 is 2.0999999999999996, so the mean is 0.6999999999999998 and the sd about 1e-16.
    const c = compare(0.7, [0.7, 0.7, 0.7])!;
    expect(c.mean).not.toBe(0.7);
    expect(c.z).toBe(0);
    expect(c.inside).toBe(true);
  });

  it("gives z null, never ±∞, when the records differ from a value every replication agrees on", () => {
    for (const [observed, sims] of [
      [6, [5, 5, 5, 5]],
      [0, [3, 3, 3]],
      [0.71, [0.7, 0.7, 0.7]],
    ] as [number, number[]][]) {
      const c = compare(observed, sims)!;
      expect(c.z).toBeNull();
      expect(c.inside).toBe(false);
    }
  });

  it("keeps z = (observed − mean) / (sd·√(1 + 1/R)) where the replications vary", () => {
    // Mean 100, sd √(200/3), R = 4.
    expect(compare(150, [100, 110, 90, 100])!.z).toBeCloseTo(50 / Math.sqrt((200 / 3) * 1.25), 12);
  });
});

describe("backtest's intervals that disagree most", () => {
  // Interval 0: no calls anywhere. 1: a 5.5-sd miss. 2: every replication has 5 calls, the records 6.
  // 3: a 2.7-sd miss. 4: every replication has 7 calls, the records 10.
  const observed = offeredDay([0, 150, 6, 25, 10]);
  const runs = [
    offeredDay([0, 100, 5, 20, 7]),
    offeredDay([0, 110, 5, 22, 7]),
    offeredDay([0, 90, 5, 18, 7]),
    offeredDay([0, 100, 5, 20, 7]),
  ];
  const result = backtest(observed, runs, 5, 1800);
  const offered = result.kpis.find((k) => k.kpi === "offered")!;

  it("lists intervals with |z| > 2 by |z| first, then those the replications agree on and the records contradict, by difference", () => {
    expect(offered.byInterval[1]!.z).toBeCloseTo(50 / Math.sqrt((200 / 3) * 1.25), 12);
    expect(offered.byInterval[3]!.z).toBeCloseTo(5 / Math.sqrt((8 / 3) * 1.25), 12);
    expect(offered.worst).toEqual([1, 3, 4, 2]);
  });

  it("never lists an interval where the records and every replication agree", () => {
    expect(offered.byInterval[0]!.z).toBe(0);
    expect(offered.worst).not.toContain(0);
    // busy hours are 0 everywhere: nothing disagrees.
    expect(result.kpis.find((k) => k.kpi === "busyHours")!.worst).toEqual([]);
  });

  it("has no infinite or NaN z, and writes no Infinity or NaN in its lines or CSV", () => {
    const text = [...backtestLines(result), backtestCsv(result)].join("\n");
    expect(text).not.toMatch(/Infinity|NaN/);
    expect(backtestLines(result)).toContain(
      "  disagrees most at 00:30–01:00 (observed 150, simulated 100), 01:30–02:00 (observed 25, simulated 20), 02:00–02:30 (observed 10, simulated 7), 01:00–01:30 (observed 6, simulated 5)",
    );
    for (const k of result.kpis) for (const c of [k.whole, ...k.byInterval]) if (c && c.z !== null) expect(Number.isFinite(c.z)).toBe(true);
    expect(JSON.stringify(result.kpis.map((k) => k.whole))).not.toMatch(/Infinity|NaN/);
  });
});
