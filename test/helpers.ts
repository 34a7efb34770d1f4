import { stringify } from "yaml";
import { join } from "node:path";
import { formatDiagnostics, loadScenarioFile, parseScenarioText, type Diagnostic, type LoadResult } from "../src/scenario/load.js";
import type { Scenario, ScenarioInput } from "../src/scenario/schema.js";

/** A validated scenario from an input object, through the same path as a YAML file. */
export function scenarioOf(input: ScenarioInput | Record<string, unknown>): Scenario {
  const r = parseScenarioText(stringify(input), "<test>");
  if (!r.ok) throw new Error(formatDiagnostics(r.errors));
  return r.scenario;
}

/** A bundled scenario (scenarios/FILE), validated. */
export function bundledScenario(file: string): Scenario {
  const r = loadScenarioFile(join(import.meta.dirname, "../scenarios", file));
  if (!r.ok) throw new Error(formatDiagnostics(r.errors));
  return r.scenario;
}

/** The errors of a load that must fail (throws when it loaded). */
export function errorsOf(r: LoadResult): Diagnostic[] {
  if (r.ok) throw new Error("expected errors, but the scenario loaded");
  return r.errors;
}

/** A load that must succeed (throws with its messages when it did not). */
export function okOf(r: LoadResult) {
  if (!r.ok) throw new Error(formatDiagnostics(r.errors));
  return r;
}
