/**
 * Pooled ratio KPIs against a hand computation from the per-call trace: total answered within
 * the threshold / total reached, total wait / total answered… over all replications, and the
 * ratio estimator's confidence interval from the per-replication sums.
 */
import { describe, expect, it } from "vitest";
import { ratioOfSums } from "../../src/experiment/pooled.js";
import { runScenario } from "../../src/experiment/replicate.js";
import { tQuantile975 } from "../../src/experiment/summary.js";
import type { TraceRecord } from "../../src/sim/engine.js";
import { buildReport } from "../../src/report/html.js";
import { resultsDocument, summaryCsv } from "../../src/report/results.js";
import { csvRound } from "../../src/text/csv.js";
import { kpiTable } from "../../src/report/table.js";
import { scenarioOf } from "../helpers.js";

// Day-to-day forecast error (overdispersion) makes busy days busy *and* badly served: the case
// where the mean of daily ratios and the ratio of the period's totals part.
const SCENARIO = {
  seed: 5,
  replications: 12,
  horizon: { days: 1 },
  serviceLevel: { thresholdSeconds: 20 },
  contactTypes: {
    calls: {
      volume: { daily: 2400, overdispersion: 0.25 },
      handleTime: { dist: "lognormal", mean: 240, cv: 0.8 },
      wrapUp: { dist: "deterministic", mean: 15 },
      patience: { dist: "exponential", mean: 120 },
    },
  },
  agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 7 } } },
};

describe("pooled KPIs", () => {
  const rows: TraceRecord[] = [];
  const result = runScenario(scenarioOf(SCENARIO), { trace: (r) => rows.push(r) });
  const reps = result.runs.map((r) => r.replication);
  /** Per replication: the sums an ACD report adds up, from the trace alone. */
  const sums = reps.map((rep) => {
    const mine = rows.filter((r) => r.replication === rep);
    const answered = mine.filter((r) => r.outcome === "answered" || (r.outcome === "in-progress" && r.talkStart !== null));
    const finished = mine.filter((r) => r.outcome === "answered");
    return {
      answered: answered.length,
      abandoned: mine.filter((r) => r.outcome === "abandoned").length,
      within: answered.filter((r) => r.wait <= 20).length,
      wait: answered.reduce((a, r) => a + r.wait, 0),
      handled: finished.length,
      work: finished.reduce((a, r) => a + r.talk + (r.wrapEnd! - r.talkEnd!), 0),
    };
  });
  const total = (f: (s: (typeof sums)[number]) => number) => sums.reduce((a, s) => a + f(s), 0);
  const pooled = result.pooled.types.calls;

  it("equals the ratio of the trace's totals for service level, ASA, abandonment and AHT", () => {
    expect(pooled.serviceLevel.value).toBeCloseTo(total((s) => s.within) / total((s) => s.answered + s.abandoned), 12);
    expect(pooled.abandonRate.value).toBeCloseTo(total((s) => s.abandoned) / total((s) => s.answered + s.abandoned), 12);
    expect(pooled.asa.value).toBeCloseTo(total((s) => s.wait) / total((s) => s.answered), 9);
    expect(pooled.aht.value).toBeCloseTo(total((s) => s.work) / total((s) => s.handled), 9);
    expect(pooled.abandonRate.n).toBe(12);
  });

  it("gives the ratio estimator's interval: R ± t·sd(A − R·B) / (√n · mean B)", () => {
    const a = sums.map((s) => s.abandoned);
    const b = sums.map((s) => s.answered + s.abandoned);
    const r = a.reduce((x, y) => x + y) / b.reduce((x, y) => x + y);
    const d = a.map((x, i) => x - r * b[i]);
    const sd = Math.sqrt(d.reduce((x, y) => x + y * y, 0) / (d.length - 1));
    const half = (tQuantile975(11) * sd) / Math.sqrt(12) / (b.reduce((x, y) => x + y) / 12);
    expect(pooled.abandonRate.ci95![0]).toBeCloseTo(r - half, 12);
    expect(pooled.abandonRate.ci95![1]).toBeCloseTo(r + half, 12);
  });

  it("pools agent time too: occupancy is total busy hours / total staffed hours", () => {
    const busy = result.runs.reduce((x, r) => x + r.totals.groups.team.busyHours!, 0);
    const staffed = result.runs.reduce((x, r) => x + r.totals.groups.team.staffedHours!, 0);
    expect(result.pooled.groups.team.occupancy.value).toBeCloseTo(busy / staffed, 12);
  });

  it("differs from the mean of per-replication ratios when busy days are also badly served", () => {
    // The weights are the days' reached calls: the busier days, with more abandonment, count more.
    expect(pooled.abandonRate.value!).toBeGreaterThan(result.summary.types.calls.abandonRate.mean!);
    expect(pooled.serviceLevel.value!).toBeLessThan(result.summary.types.calls.serviceLevel.mean!);
  });

  it("is null with nothing to divide by, and has no interval from one replication", () => {
    expect(ratioOfSums([0, 0], [0, 0])).toEqual({ n: 2, value: null, ci95: null });
    expect(ratioOfSums([3], [4])).toEqual({ n: 1, value: 0.75, ci95: null });
    // Equal ratios in every replication: the ratio estimator has no spread.
    expect(ratioOfSums([1, 2, 3], [2, 4, 6]).ci95).toEqual([0.5, 0.5]);
  });

  it("is in every output: results.json, summary.csv, the table and the HTML report", async () => {
    const doc = resultsDocument(result, null);
    expect(doc.pooled.types.calls.abandonRate).toEqual(pooled.abandonRate);
    const lines = summaryCsv(result, null).trim().split("\n");
    expect(lines[0].split(",").slice(-3)).toEqual(["pooled", "pooled_ci_low", "pooled_ci_high"]);
    const row = lines.find((l) => l.includes(",type,calls,abandonRate,"))!.split(",");
    // The CSV rounds a fraction to 4 significant digits (at least 4 decimals); results.json keeps it whole.
    expect(row[4]).toBe("fraction");
    expect(Number(row[13])).toBe(csvRound(pooled.abandonRate.value, "fraction"));
    expect(Number(row[14])).toBe(csvRound(pooled.abandonRate.ci95![0], "fraction"));
    expect(Math.abs(Number(row[13]) - pooled.abandonRate.value!)).toBeLessThanOrEqual(5e-5);
    expect(lines.find((l) => l.includes(",type,calls,offered,"))!.split(",").slice(-3)).toEqual(["", "", ""]);
    const pct = (x: number) => (100 * x).toFixed(1);
    expect(kpiTable(result)).toMatch(new RegExp(`^Abandonment, pooled +${pct(pooled.abandonRate.value!).replace(".", "\\.")} ± \\d+\\.\\d%`, "m"));
    const html = await buildReport({ outcomes: [{ label: "calls", file: null, result, costs: null, warnings: [] }] });
    expect(html).toContain("Abandonment, pooled");
  });
});
