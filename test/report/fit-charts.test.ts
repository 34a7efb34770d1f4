/** The fit and backtest charts: valid vega-lite, compiled without a warning, rendered, data from the fit. */
import { beforeAll, describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { backtestScenario } from "../../src/fit/against-records.js";
import { fitRecords, type FitResult } from "../../src/fit/fit.js";
import { BACKTEST_KPIS } from "../../src/fit/observed.js";
import { scenarioText } from "../../src/fit/scenario-text.js";
import { backtestKpiChart, dailyVolumeChart, handleTimeQuantileChart, patienceChart } from "../../src/report/charts/fit.js";
import { compileChart, renderSvg } from "../../src/report/render.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { simulatedRecords } from "../fit/simulated-records.js";
import { dataRows, schemaErrors } from "./spec-helpers.js";

const TRUTH = `
horizon: { days: 3 }
intervalMinutes: 60
contactTypes:
  calls:
    volume: { daily: 300, intraday: [0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,0] }
    handleTime: { dist: lognormal, mean: 200, cv: 1 }
    patience: { dist: exponential, mean: 100 }
agentGroups:
  agents:
    skills: { calls: 1 }
    staffing: { perInterval: [0,0,0,0,0,0,0,0,2,2,2,2,2,2,2,2,0,0,0,0,0,0,0,0] }
`;

describe("fit and backtest charts", () => {
  const specs: [string, TopLevelSpec][] = [];
  let fit: FitResult;
  beforeAll(() => {
    const truth = parseScenarioText(TRUTH, "truth.yaml");
    if (!truth.ok) throw new Error("truth does not validate");
    const records = simulatedRecords(truth.scenario, 4);
    fit = fitRecords(records, { intervalMinutes: 60 });
    const fitted = parseScenarioText(scenarioText(fit, ["x.csv"]), "fitted.yaml");
    if (!fitted.ok) throw new Error("fit does not validate");
    const b = backtestScenario(fitted.scenario, records, { replications: 4, seed: 9 });
    const t = fit.types[0];
    specs.push(["daily volume", dailyVolumeChart(fit, t)], ["handle time", handleTimeQuantileChart(t)], ["patience", patienceChart(t)]);
    for (const k of BACKTEST_KPIS) specs.push([`backtest ${k}`, backtestKpiChart(b, k)]);
  });

  it("every chart is valid vega-lite and compiles without a warning", () => {
    for (const [name, spec] of specs) {
      expect(schemaErrors(spec), name).toEqual([]);
      expect(compileChart(spec).warnings, name).toEqual([]);
    }
  });

  it("every chart renders to SVG", async () => {
    for (const [, spec] of specs) expect(await renderSvg(spec)).toMatch(/^<svg/);
  });

  it("draws the data it was given: one point per day, the Kaplan–Meier steps, eight talk-time quantiles", () => {
    const t = fit.types[0];
    expect(dataRows(specs[0][1]).filter((r) => (r as { observed?: number }).observed !== undefined)).toHaveLength(3);
    // The Kaplan–Meier rows feed two layers (band and line).
    expect(dataRows(specs[2][1]).filter((r) => (r as { lower?: number }).lower !== undefined)).toHaveLength(2 * t.patience.kaplanMeier.length);
    expect(dataRows(specs[1][1]).filter((r) => (r as { p?: string }).p !== undefined)).toHaveLength(8 * 2);
  });
});
