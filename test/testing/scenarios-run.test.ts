/**
 * Every valid generated scenario runs: compiled and simulated for one replication, it finishes
 * (or stops at a limit it reports) and its results hold no infinity, and no NaN but where an
 * interval series marks a ratio undefined. Part of the
 * "bad input never costs an analyst their work" suite (test/validation/fuzz.test.ts), kept in its
 * own file so that vitest runs it in parallel with the loader fuzzing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGENT_KPIS, CONTACT_KPIS, type IntervalSeries } from "../../src/experiment/kpis.js";
import { runScenario } from "../../src/experiment/replicate.js";
import { formatDiagnostics, parseScenarioText } from "../../src/scenario/load.js";
import { scenarioArbitrary, yamlOf } from "../../src/testing/arbitraries.js";

/** Statuses a replication may end with when nobody interrupts it: done, or a limit of the scenario. */
const FINISHED = new Set(["complete", "overloaded", "event-limit"]);

function expectFinite(v: unknown, where: string): void {
  if (typeof v === "number") expect(Number.isFinite(v), `${where} = ${v}`).toBe(true);
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) expectFinite(x, `${where}.${k}`);
}

/** Interval series: one value per report interval; NaN only where a ratio's denominator is zero, never for a count. */
function expectSeries(series: IntervalSeries, intervals: number): void {
  for (const [scope, byName] of Object.entries(series))
    for (const [name, byKpi] of Object.entries(byName))
      for (const [kpi, values] of Object.entries(byKpi)) {
        const where = `intervals.${scope}.${name}.${kpi}`;
        expect(values, where).toBeInstanceOf(Float64Array);
        expect(values.length, where).toBe(intervals);
        const isCount = kpi === "inQueueAtEnd" || KPI_UNIT[kpi] === "count" || KPI_UNIT[kpi] === "hours";
        for (const x of values) expect(Number.isFinite(x) || (!isCount && Number.isNaN(x)), `${where} = ${x}`).toBe(true);
      }
}
const KPI_UNIT: Record<string, string> = Object.fromEntries([...CONTACT_KPIS, ...AGENT_KPIS].map((d) => [d.key, d.unit]));

describe("every valid generated scenario runs", () => {
  it("simulates 300 generated scenarios to completion (or a reported limit) with finite results", () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (input) => {
        const loaded = parseScenarioText(yamlOf(input), "<gen>");
        if (!loaded.ok) throw new Error(formatDiagnostics(loaded.errors));
        const result = runScenario(loaded.scenario, { replications: 1 });
        expect(result.runs).toHaveLength(1);
        expect(result.partial).toBe(false);
        for (const status of Object.keys(result.statusCounts)) expect(FINISHED.has(status), status).toBe(true);
        // The summary leaves non-finite values out, so the replication's own totals are walked too.
        expectFinite(result.summary, "summary");
        expectFinite(result.runs[0].totals, "totals");
        expectSeries(result.runs[0].intervals, result.info.reportIntervals);
      }),
      { numRuns: 300, seed: 501 },
    );
  });
});
