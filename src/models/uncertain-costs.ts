/**
 * The library's way to propagate a comparison's uncertain assumptions (what `ccsim compare` and
 * `ccsim report` do on the worker pool): replications run in this thread, sampled values are set
 * through the loader's overrides, costs come from the cost model. For notebooks:
 *
 *   const u = await uncertainCosts(options, comparison);
 *   uncertaintyLines(comparison, u.result, u.breakEvens);
 */
import type { Comparison } from "../experiment/compare.js";
import { propagateUncertainty, type PropagationOption, type UncertaintyFlags, type UncertaintyReport } from "../experiment/propagate.js";
import { runScenario } from "../experiment/replicate.js";
import { formatDiagnostics, loadScenarioFile, type Override } from "../scenario/load.js";
import { parsePath } from "../scenario/paths.js";
import type { Scenario } from "../scenario/schema.js";
import { costReport, hasCosts } from "./cost.js";

export interface UncertainCostsOptions extends UncertaintyFlags {
  /** Seed of the outer sample and of every run (default the first option's). */
  seed?: number;
  /** Replications of the stated-value run (default the first option's): bounds the break-even replications. */
  replications?: number;
  /** Overrides applied before the sampled values (as `--set`). */
  overrides?: readonly Override[];
  signal?: AbortSignal;
}

/** Propagates the options' uncertain assumptions; null when none states one. Options need their scenario file. */
export async function uncertainCosts(options: readonly PropagationOption[], comparison: Comparison, settings: UncertainCostsOptions = {}): Promise<UncertaintyReport | null> {
  if (!options.length) throw new RangeError("uncertainCosts: options must list the compared scenarios, the baseline first");
  const seed = settings.seed ?? options[0].scenario.seed;
  const replications = settings.replications ?? options[0].scenario.replications;
  const base = settings.overrides ?? [];
  const costs = (s: Scenario, r: Parameters<typeof costReport>[1]) => (hasCosts(s) && r.runs.length ? costReport(s, r).runs.map((x) => x.cost.total) : r.runs.map(() => null));
  return propagateUncertainty(options, comparison, { seed, replications }, settings, {
    signal: settings.signal,
    costs,
    vary: (o, values, what) => {
      const overrides = [...base, ...Object.entries(values).map(([key, value]) => ({ path: parsePath(key), value, label: `assumption ${key}=${value}` }))];
      const r = loadScenarioFile(o.file, { overrides });
      // The loader's own diagnostics, which name the assumption, the field and the value.
      if (!r.ok) throw new RangeError(`${what} makes ${o.file} invalid: ${formatDiagnostics(r.errors)}`);
      return { ...r.scenario, seed: o.scenario.seed };
    },
    run: async (units, n) => units.map((u) => runScenario(u.scenario, { replications: n, detail: "totals", signal: settings.signal })),
  });
}
