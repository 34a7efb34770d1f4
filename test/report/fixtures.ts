/**
 * Seeded runs the chart tests draw from: three options for one small center (in-house, offshore
 * vendor, hybrid overflow) over two days, a staffing sweep of an M/M/c queue with costs, and a
 * one-at-a-time sensitivity of its total cost. Built with the schema directly (not the file
 * loader) and cached per test file, so every chart sees the same numbers.
 */
import { compareOutcomes } from "../../src/report/verdict.js";
import type { Comparison } from "../../src/experiment/compare.js";
import { runScenario } from "../../src/experiment/replicate.js";
import { rankSensitivity, type SensitivityResult } from "../../src/experiment/sensitivity.js";
import { gridPoints, sweepResult, type SweepParameter, type SweepResult } from "../../src/experiment/sweep.js";
import { costReport } from "../../src/models/cost.js";
import type { ReportOutcome } from "../../src/report/html.js";
import { scenarioSchema, type Scenario } from "../../src/scenario/schema.js";

const INTRADAY = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 21, 28, 38, 52, 66, 75, 76, 71, 61, 54, 51, 53, 57, 60, 60, 55, 48, 39, 31, 24, 20, 17, 16, 15, 15, 15, 15, 0,
  0, 0, 0, 0, 0,
];
const INHOUSE_SITE = { type: "inhouse", facilities: { perSeatMonthly: 500 }, technology: { perSeatMonthly: 150, fixedMonthly: 3000 } };
const VENDOR_SITE = { type: "vendor", pricing: { per: "handledMinute", rate: 0.9 } };
const shifts = (counts: [number, number, number]) => [
  { start: "07:00", length: "8h", days: "all", count: counts[0] },
  { start: "09:00", length: "8h", days: "all", count: counts[1] },
  { start: "13:00", length: "8h", days: "all", count: counts[2] },
];

function center(name: string, changes: Record<string, unknown>): Scenario {
  return scenarioSchema.parse({
    name,
    seed: 7,
    replications: 6,
    horizon: { days: 2 },
    intervalMinutes: 30,
    serviceLevel: { thresholdSeconds: 20, target: 0.8 },
    contactTypes: {
      billing: {
        openHours: { from: "07:00", to: "21:00" },
        volume: { daily: 1150, intraday: INTRADAY },
        handleTime: { dist: "lognormal", mean: 300, cv: 0.7 },
        patience: { dist: "exponential", mean: 240 },
      },
    },
    agentGroups: { team: { skills: { billing: 1 }, hourlyWage: 28, staffing: { shifts: shifts([8, 8, 7]) } } },
    sites: { inhouse: INHOUSE_SITE },
    costs: { currency: "USD", telephony: { perLineMinute: 0.01 } },
    ...changes,
  });
}

export const OPTION_SCENARIOS: Record<string, Scenario> = {
  "In-house": center("In-house", {}),
  Offshore: center("Offshore", {
    agentGroups: { team: { skills: { billing: 1 }, site: "offshore", handleTimeFactor: 1.1, staffing: { shifts: shifts([9, 8, 8]) } } },
    sites: { offshore: VENDOR_SITE },
  }),
  Hybrid: center("Hybrid", {
    agentGroups: {
      team: { skills: { billing: 1 }, hourlyWage: 28, staffing: { shifts: shifts([6, 6, 6]) } },
      vendor: { skills: {}, site: "offshore", staffing: { shifts: [{ start: "08:00", length: "12h", days: "all", count: 6 }] } },
    },
    routing: { overflow: [{ type: "billing", to: "vendor", afterWait: 20 }] },
    sites: { inhouse: INHOUSE_SITE, offshore: VENDOR_SITE },
  }),
};

function queue(agents: number, options: { wage?: number; patience?: number } = {}): Scenario {
  return scenarioSchema.parse({
    name: `M/M/${agents}`,
    seed: 3,
    replications: 6,
    horizon: { days: 1 },
    warmup: "2h",
    intervalMinutes: 60,
    serviceLevel: { thresholdSeconds: 20, target: 0.8 },
    contactTypes: {
      calls: {
        volume: { perHour: 200 },
        handleTime: { dist: "exponential", mean: 180 },
        ...(options.patience ? { patience: { dist: "exponential", mean: options.patience } } : {}),
      },
    },
    agentGroups: { agents: { skills: { calls: 1 }, hourlyWage: options.wage ?? 25, staffing: { constant: agents } } },
    sites: { inhouse: { type: "inhouse", facilities: { perSeatMonthly: 500 } } },
  });
}

/** The analytic parameters of the swept queue (200 calls an hour, 3-minute calls, 80/20). */
export const QUEUE = { arrivalRate: 200 / 3600, meanHandle: 180, targetSeconds: 20 };

export interface Fixtures {
  outcomes: ReportOutcome[];
  comparison: Comparison;
  sweep: SweepResult;
  sensitivity: SensitivityResult;
}

let cached: Fixtures | undefined;

export function fixtures(): Fixtures {
  if (cached) return cached;
  const outcomes: ReportOutcome[] = Object.entries(OPTION_SCENARIOS).map(([label, s], i) => {
    const result = runScenario(s);
    return { label, file: `options/${i}.yaml`, result, costs: costReport(s, result), warnings: [] };
  });
  const comparison = compareOutcomes(outcomes);

  const agents = [11, 12, 13, 14, 15, 16];
  const parameters: SweepParameter[] = [{ text: "agentGroups.agents.staffing.constant", path: ["agentGroups", "agents", "staffing", "constant"], values: agents }];
  const results = agents.map((n) => runScenario(queue(n), { detail: "totals" }));
  const sweep = sweepResult(parameters, gridPoints(parameters), results, results.map((r, i) => costReport(queue(agents[i]), r).summary));

  const total = (s: Scenario) => costReport(s, runScenario(s, { detail: "totals" })).summary.total;
  const rows = [
    { label: "Agent wage", path: "agentGroups.agents.hourlyWage", lowValue: 22, highValue: 30, low: total(queue(14, { wage: 22 })), high: total(queue(14, { wage: 30 })) },
    { label: "Agents", path: "agentGroups.agents.staffing.constant", lowValue: 13, highValue: 15, low: total(queue(13)), high: total(queue(15)) },
    { label: "Patience", path: "contactTypes.calls.patience.mean", lowValue: 60, highValue: 600, low: total(queue(14, { patience: 60 })), high: total(queue(14, { patience: 600 })) },
  ];
  const sensitivity = rankSensitivity("totalCost", "money", total(queue(14)), rows);
  cached = { outcomes, comparison, sweep, sensitivity };
  return cached;
}
