/**
 * KPIs read by planners and analysts, checked against what the trace of the same run says:
 * agents on duty, exact zero waits, wait quantiles and standard deviation, the time-average queue.
 */
import { describe, expect, it } from "vitest";
import { replicationResult } from "../../src/experiment/kpis.js";
import { runScenario } from "../../src/experiment/replicate.js";
import { simulate, type TraceRecord } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import { histQuantile } from "../../src/sim/stats.js";
import { scenarioOf } from "../helpers.js";

const busy = {
  horizon: { hours: 6 },
  warmup: 0,
  reportIntervalMinutes: 360,
  contactTypes: { calls: { volume: { perHour: 110 }, handleTime: 300, patience: 240 } },
  agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 9 } } },
};

/** One replication's totals and its trace. */
function traced(input: Record<string, unknown>) {
  const model = compileModel(scenarioOf(input));
  const rows: TraceRecord[] = [];
  const stats = simulate(model, streams(3).fork(0), 0, { trace: (r) => rows.push(r) });
  return { kpis: replicationResult(stats, model).totals.types.calls, rows, model };
}

/** The waits of the answered contacts, sorted: finished, or still talking at the end (in progress with an agent). */
const sortedWaits = (rows: TraceRecord[]) =>
  rows
    .filter((r) => r.outcome === "answered" || (r.outcome === "in-progress" && r.group !== ""))
    .map((r) => r.wait)
    .sort((a, b) => a - b);

describe("contact KPIs", () => {
  it("counts agents on duty from the warm-up on: a constant 14 reads 14", () => {
    const r = runScenario(
      scenarioOf({
        horizon: { days: 1 },
        warmup: "2h",
        intervalMinutes: 60,
        reportIntervalMinutes: 1440,
        contactTypes: { calls: { volume: { perHour: 200 }, handleTime: 180 } },
        agentGroups: { agents: { skills: { calls: 1 }, staffing: { constant: 14 } } },
      }),
      { replications: 2 },
    );
    expect(r.summary.groups.agents.agents.mean).toBeCloseTo(14, 9);
    expect(r.intervals.groups.agents.agents[0].mean).toBeCloseTo(14, 9);
  });

  it("reads a wait quantile as exactly 0 when fewer contacts than its share wait at all", () => {
    // 44 agents for 30 Erlangs: a few percent wait, so the 80th, 90th and 95th percentiles are 0.
    const { kpis } = traced({
      horizon: { hours: 8 },
      warmup: "1h",
      contactTypes: { calls: { volume: { perHour: 360 }, handleTime: 300, patience: 600 } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 44 } } },
    });
    expect(kpis.delayProbability!).toBeLessThan(0.05);
    expect(kpis.delayProbability!).toBeGreaterThan(0);
    expect([kpis.p80Wait, kpis.p90Wait, kpis.p95Wait]).toEqual([0, 0, 0]);
  });

  it("separates exact zeros from the first bin's waits", () => {
    // Ten waits: six of 0, then 0.2, 0.4, 0.6, 0.8 s, all in the first bin.
    const hist = new Float64Array(320);
    hist[0] = 10;
    expect(histQuantile(hist, 0, 0.6, 10, 6)).toBe(0);
    expect(histQuantile(hist, 0, 0.8, 10, 6)).toBeCloseTo(0.5, 12);
    expect(histQuantile(hist, 0, 1, 10, 6)).toBeCloseTo(1, 12);
    // Without the count of zeros, the 60th percentile would read 0.6 s.
    expect(histQuantile(hist, 0, 0.6, 10)).toBeCloseTo(0.6, 12);
  });

  it("reports the 80th, 90th and 95th percentile waits to within the histogram's bin, and ordered", () => {
    const { kpis, rows } = traced(busy);
    const waits = sortedWaits(rows);
    expect(waits.length).toBe(kpis.answered);
    for (const [key, q] of [["p80Wait", 0.8], ["p90Wait", 0.9], ["p95Wait", 0.95]] as const) {
      const exact = waits[Math.ceil(q * waits.length) - 1];
      const value = kpis[key]!;
      // 1-second bins below 2 minutes, 5% bins above.
      expect(Math.abs(value - exact), key).toBeLessThanOrEqual(Math.max(1, 0.05 * exact));
    }
    expect(kpis.p80Wait!).toBeLessThanOrEqual(kpis.p90Wait!);
    expect(kpis.p90Wait!).toBeLessThanOrEqual(kpis.p95Wait!);
    expect(kpis.p95Wait!).toBeGreaterThan(0);
  });

  it("reports the standard deviation of the answered contacts' waits", () => {
    const { kpis, rows } = traced(busy);
    const waits = sortedWaits(rows);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    const sd = Math.sqrt(waits.reduce((a, w) => a + (w - mean) ** 2, 0) / waits.length);
    expect(kpis.asa).toBeCloseTo(mean, 9);
    expect(kpis.waitSd!).toBeGreaterThan(0);
    expect(kpis.waitSd!).toBeCloseTo(sd, 6);
  });

  it("averages the queue length over time: its integral is the sum of every wait in the period", () => {
    const { kpis, rows, model } = traced(busy);
    // No IVR: a contact waits from its arrival; still-waiting rows carry their wait up to the end.
    const waited = rows.filter((r) => r.outcome === "answered" || r.outcome === "abandoned" || r.outcome === "in-progress").reduce((a, r) => a + r.wait, 0);
    expect(kpis.meanQueue! * model.horizon).toBeCloseTo(waited, 6);
    expect(kpis.meanQueue!).toBeGreaterThan(0);
  });

  it("integrates the queue from the warm-up on, also when the warm-up ends inside an interval", () => {
    const warmup = 45 * 60;
    const { rows, model } = traced({ ...busy, warmup: "45m", reportIntervalMinutes: 30 });
    const stats = simulate(model, streams(3).fork(0), 0);
    const series = replicationResult(stats, model).intervals.types.calls.meanQueue;
    // Interval 1 (30–60 min) is counted from 45 min: its mean is over those 15 minutes.
    const waited = (from: number, to: number) =>
      rows.filter((r) => r.outcome !== "blocked" && r.outcome !== "contained").reduce((a, r) => a + Math.max(0, Math.min(to, r.arrival + r.wait) - Math.max(from, r.arrival)), 0);
    expect(series[0]).toBe(0); // wholly in the warm-up: nothing counted, as for the counts
    expect(series[1] * 15 * 60).toBeCloseTo(waited(warmup, 3600), 6);
    expect(series[2] * 30 * 60).toBeCloseTo(waited(3600, 5400), 6);
  });

  it("keeps the per-interval mean queue a time average, not the level at the interval's end", () => {
    const r = runScenario(scenarioOf({ ...busy, reportIntervalMinutes: 30 }), { replications: 3 });
    const run = r.runs[0];
    const series = run.intervals.types.calls.meanQueue;
    // The intervals' averages make up the whole run's (equal lengths, no warm-up).
    const average = series.reduce((a, b) => a + b, 0) / series.length;
    expect(average).toBeCloseTo(run.totals.types.calls.meanQueue!, 9);
    expect(Array.from(series).some((x, i) => x !== run.intervals.types.calls.inQueueAtEnd[i])).toBe(true);
  });
});
