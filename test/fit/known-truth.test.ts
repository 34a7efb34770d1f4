/**
 * Fit and backtest on records with a known truth: two weeks of a known scenario simulated
 * (replication 0 of seed 1), its records fitted, every fitted parameter checked against the
 * truth within its confidence interval, then the scenarios backtested against the records on
 * seeds the records never used (seed 11).
 *
 * The truth's day-level overdispersion is small (0.03): at 0.1, two weeks of records vary so
 * much from run to run that a scenario with 10% fewer agents is inside the simulation's interval
 * (measured: |z| ≈ 2 against a threshold of 2.9). That limit is the records', not the backtest's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { backtestScenario } from "../../src/fit/against-records.js";
import { calibrateStaffing } from "../../src/fit/calibrate.js";
import { fitRecords, type FitResult } from "../../src/fit/fit.js";
import { scenarioText } from "../../src/fit/scenario-text.js";
import type { CallRecord } from "../../src/records/format.js";
import { formatDiagnostics, parseScenarioText } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulatedRecords } from "./simulated-records.js";

const INTRADAY = [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 2, 2, 3, 3, 2, 2, 1, 1, 0, 0, 0, 0];
const DAY_OF_WEEK = [1.2, 1, 1, 1, 1.1, 0.6, 0.4];
const STAFF = [0, 0, 0, 0, 0, 0, 0, 4, 8, 12, 12, 12, 8, 8, 12, 12, 8, 8, 4, 4, 0, 0, 0, 0];
const truthYaml = (staff: number[]) => `
name: truth
horizon: { days: 14 }
intervalMinutes: 60
replications: 20
ivr: { menuTime: { dist: deterministic, mean: 40 } }
contactTypes:
  calls:
    volume: { daily: 1500, intraday: [${INTRADAY}], dayOfWeek: [${DAY_OF_WEEK}], overdispersion: 0.03 }
    handleTime: { dist: lognormal, mean: 240, cv: 0.8 }
    patience: { dist: exponential, mean: 150 }
    ivr: { containment: 0.2 }
agentGroups:
  agents:
    skills: { calls: 1 }
    staffing: { perInterval: [${staff}] }
`;

function parse(text: string, file: string): Scenario {
  const r = parseScenarioText(text, file);
  if (!r.ok) throw new Error(formatDiagnostics(r.errors));
  return r.scenario;
}

const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi;
const BACKTEST = { replications: 20, seed: 11 };

describe("fitting records of a known scenario", () => {
  let truth: Scenario;
  let records: CallRecord[];
  let fit: FitResult;
  beforeAll(() => {
    truth = parse(truthYaml(STAFF), "truth.yaml");
    records = simulatedRecords(truth, 1);
    fit = fitRecords(records, { intervalMinutes: 60 });
  });

  it("recovers the daily volume, the day-of-week factors and the intraday profile", () => {
    const a = fit.types[0].arrivals;
    const meanFactor = DAY_OF_WEEK.reduce((x, y) => x + y, 0) / 7;
    // The fit normalises the factors to mean 1: its daily volume is the truth's times their mean.
    expect(within(1500 * meanFactor, a.dailyCi)).toBe(true);
    for (let w = 0; w < 7; w++) {
      const mu = 1500 * DAY_OF_WEEK[w];
      const sd = Math.sqrt(mu + (0.03 * mu) ** 2) / Math.sqrt(2); // two days of each weekday
      expect(Math.abs(a.daily * a.dayOfWeek![w] - mu)).toBeLessThan(3 * sd);
    }
    const total = INTRADAY.reduce((x, y) => x + y, 0);
    INTRADAY.forEach((w, i) => {
      const p = w / total;
      expect(Math.abs(a.intraday[i] - p)).toBeLessThanOrEqual(3.5 * Math.sqrt((p * (1 - p)) / a.offered) + 1e-12);
    });
  });

  it("recovers the overdispersion within its interval", () => {
    expect(fit.types[0].arrivals.overdispersion).not.toBeNull();
    expect(within(0.03, fit.types[0].arrivals.overdispersion!.ci)).toBe(true);
  });

  it("recovers the lognormal handle time (mu, sigma and mean) within their intervals", () => {
    const h = fit.types[0].handle!;
    const sigma = Math.sqrt(Math.log(1 + 0.8 ** 2));
    const mu = Math.log(240) - sigma ** 2 / 2;
    expect(within(mu, h.muCi)).toBe(true);
    expect(within(sigma, h.sigmaCi)).toBe(true);
    expect(within(240, h.meanCi)).toBe(true);
    expect(h.ks.p).toBeGreaterThan(0.01);
  });

  it("recovers the patience from censored waits, and ignoring the censoring would not", () => {
    const p = fit.types[0].patience;
    const exp = p.fits.find((f) => f.family === "exponential")!;
    expect(within(150, exp.meanCi)).toBe(true);
    expect(exp.aic).toBeLessThanOrEqual(p.best!.aic + 2);
    // The abandoned callers alone look far less patient than the truth.
    const abandonedWaits = records.filter((r) => r.outcome === "abandoned").map((r) => r.queueExit! - r.queueEntry!);
    expect(abandonedWaits.reduce((x, y) => x + y, 0) / abandonedWaits.length).toBeLessThan(exp.meanCi[0]);
  });

  it("recovers the IVR containment share and the IVR time", () => {
    const ivr = fit.types[0].ivr!;
    expect(within(0.2, ivr.shareCi)).toBe(true);
    expect(ivr.time!.mean).toBeCloseTo(40, 6);
  });

  it("writes a scenario that validates, and says what it could not estimate", () => {
    const text = scenarioText(fit, ["truth.csv"]);
    expect(() => parse(text, "fitted.yaml")).not.toThrow();
    expect(text).toMatch(/# agents on duty per interval of the week/);
    expect(fit.notEstimated).toEqual([]);
    expect(text).toMatch(/Kaplan–Meier survival/);
  });

  it("backtests the truth inside every interval and 10% fewer agents outside", () => {
    const good = backtestScenario(truth, records, BACKTEST);
    expect(good.kpis.filter((k) => !k.whole.inside).map((k) => k.kpi)).toEqual([]);
    expect(good.pass).toBe(true);
    const wrong = backtestScenario(parse(truthYaml(STAFF.map((n) => Math.round(n * 0.9))), "wrong.yaml"), records, BACKTEST);
    expect(wrong.pass).toBe(false);
    const abandonment = wrong.kpis.find((k) => k.kpi === "abandonRate")!;
    expect(abandonment.whole.inside).toBe(false);
    expect(abandonment.whole.mean).toBeGreaterThan(abandonment.whole.observed);
  });

  it("estimates staffing from the agents' activity in the records", () => {
    expect(fit.staffing).toMatchObject({ source: "agents", pattern: "week", agentsSeen: Math.max(...STAFF) });
    const week = Array.from({ length: 7 }, () => STAFF).flat();
    fit.staffing.perInterval.forEach((n, i) => expect(Math.abs(n - week[i])).toBeLessThanOrEqual(1));
    expect(backtestScenario(parse(scenarioText(fit, ["truth.csv"]), "fitted.yaml"), records, BACKTEST).pass).toBe(true);
  });

  it("calibrates staffing the records over-state back to the truth, and the calibrated fit passes its backtest", () => {
    // As when agents logged in do other work: the records show 30% more agents than answer calls.
    const overstated = { ...fit, staffing: { ...fit.staffing, perInterval: fit.staffing.perInterval.map((n) => Math.round(n * 1.3)) } };
    const seen = parse(scenarioText(overstated, ["truth.csv"]), "seen.yaml");
    const before = backtestScenario(seen, records, BACKTEST);
    expect(before.kpis.find((k) => k.kpi === "abandonRate")!.whole.inside).toBe(false);
    const c = calibrateStaffing(seen, records, { replications: 10 });
    const truthHours = 14 * STAFF.reduce((x, y) => x + y, 0);
    const calibratedHours = 2 * c.perInterval.reduce((x, y) => x + y, 0); // a week pattern, two weeks
    expect(Math.abs(calibratedHours / truthHours - 1)).toBeLessThan(0.06);
    const calibrated = parse(scenarioText(overstated, ["truth.csv"], { perInterval: c.perInterval, iterations: c.rounds, replications: 10 }), "calibrated.yaml");
    const b = backtestScenario(calibrated, records, BACKTEST);
    expect(b.kpis.filter((k) => !k.whole.inside).map((k) => k.kpi)).toEqual([]);
  });
});

describe("fitting what varies through the day", () => {
  // Talk 30% longer from 12:00 to 16:00; containment 10% before noon, 30% after; a lognormal wrap-up.
  const FACTORS = INTRADAY.map((_, i) => (i >= 12 && i < 16 ? 1.3 : 1));
  const CONTAINMENT = INTRADAY.map((_, i) => (i < 12 ? 0.1 : 0.3));
  const yaml = truthYaml(STAFF.map((n) => n + 4))
    .replace("horizon: { days: 14 }", "horizon: { days: 7 }")
    .replace("    ivr: { containment: 0.2 }", `    wrapUp: { dist: lognormal, mean: 30, cv: 0.5 }\n    handleTimeByInterval: [${FACTORS}]\n    ivr: { containment: [${CONTAINMENT}], containedTime: { dist: deterministic, mean: 90 } }`);
  let fit: FitResult;
  let text: string;
  beforeAll(() => {
    fit = fitRecords(simulatedRecords(parse(yaml, "daytime.yaml"), 2), { intervalMinutes: 60 });
    text = scenarioText(fit, ["daytime.csv"]);
  });

  it("writes the handle-time profile of the truth, within the noise of each interval's mean", () => {
    const line = /handleTimeByInterval: \[([^\]]*)\]/.exec(text);
    expect(line).not.toBeNull();
    const written = line![1].split(",").map(Number);
    const t = fit.types[0];
    const base = t.handle!.sampleMean / (FACTORS.reduce((a, f, i) => a + f * t.handleByInterval[i].n, 0) / t.handleByInterval.reduce((a, h) => a + h.n, 0));
    FACTORS.forEach((f, i) => {
      const h = t.handleByInterval[i];
      if (h.n < 100) return;
      // The written factor is against the overall mean: truth factor × base / overall mean.
      const expected = (f * base) / t.handle!.sampleMean;
      // Noise: the interval mean (cv 0.8 per call), plus the overall mean and rounding (1%).
      expect(Math.abs(written[i] - expected)).toBeLessThan((3.5 * 0.8) / Math.sqrt(h.n) + 0.01);
    });
  });

  it("recovers the wrap-up time (lognormal mu, sigma and mean) within their intervals", () => {
    const w = fit.types[0].wrapUp!;
    const sigma = Math.sqrt(Math.log(1 + 0.5 ** 2));
    expect(within(Math.log(30) - sigma ** 2 / 2, w.muCi)).toBe(true);
    expect(within(sigma, w.sigmaCi)).toBe(true);
    expect(within(30, w.meanCi)).toBe(true);
    expect(text).toMatch(/wrapUp: \{ dist: lognormal, mu: [\d.]+, sigma: [\d.]+ \}/);
  });

  it("writes the containment profile and the IVR time of contained callers", () => {
    const line = /containment: \[([^\]]*)\]/.exec(text);
    expect(line).not.toBeNull();
    const written = line![1].split(",").map(Number);
    fit.types[0].ivr!.byInterval.forEach((b, i) => {
      if (b.calls < 100) return;
      expect(Math.abs(written[i] - CONTAINMENT[i])).toBeLessThan(3.5 * Math.sqrt((CONTAINMENT[i] * (1 - CONTAINMENT[i])) / b.calls));
    });
    expect(text).toMatch(/containedTime: \{ dist: deterministic, mean: 90 \}/);
    expect(text).toMatch(/menuTime: \{ dist: deterministic, mean: 40 \}/);
    expect(() => parse(text, "fitted.yaml")).not.toThrow();
  });
});
