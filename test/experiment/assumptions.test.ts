/** The outer sample: Latin hypercube strata and seeds, quantiles of each distribution, drivers by rank regression, break-even search. */
import { describe, expect, it } from "vitest";
import { assumptionQuantile, latinHypercube, sampleAssumptions, type Assumption } from "../../src/experiment/assumptions.js";
import { normalQuantile } from "../../src/sim/distributions.js";
import { findBreakEven } from "../../src/experiment/break-even.js";
import { rankRegression, ranks } from "../../src/experiment/uncertainty.js";
import { parseScenarioText } from "../../src/scenario/load.js";

const spec = (over: Partial<Assumption>): Assumption => ({ key: "k", path: ["k"], label: "k", stated: 1, low: 0, high: 2, dist: "uniform", mode: 1, ...over });

describe("latinHypercube", () => {
  it("puts exactly one value of each column in each of the n strata", () => {
    const rows = latinHypercube(20, 3, 11);
    for (let j = 0; j < 3; j++) {
      const strata = rows.map((r) => Math.floor(r[j] * 20)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }
  });

  it("is the same for the same seed and different for another", () => {
    expect(latinHypercube(16, 4, 5)).toEqual(latinHypercube(16, 4, 5));
    expect(latinHypercube(16, 4, 5)).not.toEqual(latinHypercube(16, 4, 6));
    // Adding a column leaves the earlier columns where they were.
    expect(latinHypercube(16, 5, 5).map((r) => r.slice(0, 4))).toEqual(latinHypercube(16, 4, 5));
  });

  it("rejects fewer than two points", () => {
    expect(() => latinHypercube(1, 2, 1)).toThrow(/points/);
  });
});

describe("assumptionQuantile", () => {
  it("maps low and high to the 5th and 95th percentiles of a normal and a lognormal", () => {
    expect(assumptionQuantile(spec({ dist: "normal", low: 10, high: 20 }), 0.05)).toBeCloseTo(10, 5);
    expect(assumptionQuantile(spec({ dist: "normal", low: 10, high: 20 }), 0.95)).toBeCloseTo(20, 5);
    expect(assumptionQuantile(spec({ dist: "lognormal", low: 1, high: 4 }), 0.5)).toBeCloseTo(2, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });

  it("peaks a triangular at its mode: the mode's CDF is (mode − low)/(high − low)", () => {
    const t = spec({ dist: "triangular", low: 0, high: 4, mode: 1 });
    expect(assumptionQuantile(t, 0.25)).toBeCloseTo(1, 12);
    expect(assumptionQuantile(t, 1e-9)).toBeGreaterThanOrEqual(0);
    expect(assumptionQuantile(spec({ dist: "uniform", low: 2, high: 6 }), 0.5)).toBe(4);
  });

  it("gives options that state the same path the same quantile of their own ranges", () => {
    const s = sampleAssumptions([[spec({ key: "w", low: 0, high: 1 })], [spec({ key: "w", low: 10, high: 20 })], []], 8, 3);
    for (const row of s.values) {
      expect(row[1].w).toBeCloseTo(10 + 10 * row[0].w, 10);
      expect(row[2]).toEqual({});
    }
  });
});

describe("rankRegression", () => {
  it("gives an input that alone decides the output all the spread, and an unrelated one almost none", () => {
    const x1 = latinHypercube(40, 2, 9).map((r) => r[0]);
    const x2 = latinHypercube(40, 2, 9).map((r) => r[1]);
    const y = x1.map((v) => Math.exp(3 * v)); // monotone, not linear: ranks see it exactly
    const r = rankRegression([x1, x2], y);
    expect(r.shares[0]).toBeGreaterThan(0.95);
    expect(r.shares[1]).toBeLessThan(0.05);
    expect(r.r2).toBeGreaterThan(0.99);
    const down = rankRegression([x1], y.map((v) => -v));
    expect(down.signs[0]).toBe(-1);
    expect(ranks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
  });
});

describe("findBreakEven", () => {
  const line = (root: number, slope = 1, half = 0.01) => async (x: number) => ({ x, mean: slope * (x - root), half });

  it("finds a root inside the range, with a CI from the half-width over the slope", async () => {
    const b = await findBreakEven(line(0.62, 2, 0.02), 0.5, 0.9);
    expect(b.status).toBe("found");
    expect(b.value!).toBeCloseTo(0.62, 2);
    expect(b.ci95![1] - b.ci95![0]).toBeCloseTo(0.02, 6); // ±0.02 / 2
  });

  it("steps past the range when the secant points there, and says 'beyond' when the root is far", async () => {
    const near = await findBreakEven(line(1.2), 0.5, 1);
    expect(near.status).toBe("found");
    expect(near.value!).toBeCloseTo(1.2, 3);
    const far = await findBreakEven(line(10), 0.5, 1);
    expect(far.status).toBe("beyond");
    expect(far.value).toBeNull();
  });

  it("stops where values become invalid", async () => {
    const b = await findBreakEven(async (x) => (x > 1 ? null : { x, mean: x - 1.3, half: 0.01 }), 0.6, 0.9);
    expect(b.status).toBe("invalid");
  });
});

describe("assumptions in a scenario", () => {
  const base = `name: t
contactTypes:
  calls: { volume: { perHour: 10 }, handleTime: { dist: exponential, mean: 60 } }
agentGroups:
  agents: { skills: { calls: 1 }, hourlyWage: 25, staffing: { constant: 2 } }
`;
  const load = (assumptions: string) => parseScenarioText(base + "assumptions:\n" + assumptions, "t.yaml");

  it("accepts a path to a number, default triangular", () => {
    const r = load("  agentGroups.agents.hourlyWage: { low: 20, high: 30 }\n");
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.assumptions!["agentGroups.agents.hourlyWage"].dist).toBe("triangular");
  });

  it("names the line and suggests the field for a misspelt path", () => {
    const r = load("  agentGroups.agents.hourlyWag: { low: 20, high: 30 }\n");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatchObject({ code: "assumption-path", line: 7 });
      expect(r.errors[0].hint).toContain('"hourlyWage"');
    }
  });

  it("refuses an empty range and a mode outside a triangular one, but not a stated value outside it (--set and sweeps move it)", () => {
    const r = load("  agentGroups.agents.hourlyWage: { low: 30, high: 20 }\n");
    expect(!r.ok && r.errors[0].code).toBe("assumption-range");
    const t = load("  agentGroups.agents.hourlyWage: { low: 26, high: 30, mode: 31 }\n");
    expect(!t.ok && t.errors[0].message).toMatch(/outside its range/);
    expect(load("  agentGroups.agents.hourlyWage: { low: 26, high: 30 }\n").ok).toBe(true);
  });
});
