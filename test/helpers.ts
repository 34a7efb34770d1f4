import { stringify } from "yaml";
import { formatDiagnostics, parseScenarioText } from "../src/scenario/load.js";
import type { Scenario, ScenarioInput } from "../src/scenario/schema.js";

/** A validated scenario from an input object, through the same path as a YAML file. */
export function scenarioOf(input: ScenarioInput | Record<string, unknown>): Scenario {
  const r = parseScenarioText(stringify(input), "<test>");
  if (!r.ok) throw new Error(formatDiagnostics(r.errors));
  return r.scenario;
}
