/** The cost tests' common steps: a scenario from YAML text, run and costed (src/models/cost.ts). */
import { runScenario, type ExperimentResult } from "../../src/experiment/replicate.js";
import { costReport, type CostReport } from "../../src/models/cost.js";
import { formatDiagnostics, parseScenarioText } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";

/** A validated scenario from YAML text (throws with the loader's messages when it is not one). */
export function load(text: string): Scenario {
  const r = parseScenarioText(text, "<test>");
  if (!r.ok) throw new Error(formatDiagnostics(r.errors));
  return r.scenario;
}

export interface Costed {
  scenario: Scenario;
  result: ExperimentResult;
  report: CostReport;
  /** Replication 0's cost record and by-site breakdown. */
  cost: CostReport["runs"][number]["cost"];
  bySite: CostReport["runs"][number]["bySite"];
}

/** The scenario run for `replications` and its cost report. */
export function costed(scenario: Scenario, replications = 1): Costed {
  const result = runScenario(scenario, { replications });
  const report = costReport(scenario, result);
  return { scenario, result, report, cost: report.runs[0].cost, bySite: report.runs[0].bySite };
}

export const costOf = (text: string, replications = 1): Costed => costed(load(text), replications);
