/**
 * `compare` and `report` with uncertain assumptions: experiment/propagate.ts does the work; this
 * module plugs in the worker pool (with progress on stderr), the loader's overrides (after the
 * command's own `--set`) and the cost model, and turns an invalid sampled value into one sentence.
 */
import type { Comparison } from "../experiment/compare.js";
import { propagateUncertainty, type PropagationOption, type UncertaintyFlags, type UncertaintyReport } from "../experiment/propagate.js";
import { costReport, hasCosts } from "../models/cost.js";
import { formatDiagnostics, loadScenarioFile, parsePath, type Override } from "../scenario/load.js";
import type { Scenario } from "../scenario/schema.js";
import { CliError, EXIT } from "./common.js";
import { runJob } from "./jobs.js";

export type { UncertaintyFlags, UncertaintyReport } from "../experiment/propagate.js";

/** The option's scenario with sampled values, loaded as `--set` would; an invalid one stops with the loader's message. */
export function scenarioWith(o: PropagationOption, values: Record<string, number>, base: readonly Override[], what: string): Scenario {
  const overrides: Override[] = [...base, ...Object.entries(values).map(([key, value]) => ({ path: parsePath(key), value, label: `assumption ${key}=${value}` }))];
  const r = loadScenarioFile(o.file, { overrides });
  if (!r.ok) throw Object.assign(new Error(`${what} makes ${o.file} invalid`), { diagnostics: r.errors });
  return { ...r.scenario, seed: o.scenario.seed };
}

export const totalCosts = (s: Scenario, result: Parameters<typeof costReport>[1]): (number | null)[] =>
  hasCosts(s) && result.runs.length ? costReport(s, result).runs.map((r) => r.cost.total) : result.runs.map(() => null);

export async function assessUncertainty(
  options: readonly PropagationOption[],
  comparison: Comparison,
  settings: { seed: number; replications: number; workers?: number; signal: AbortSignal; quiet?: boolean; overrides?: readonly Override[] },
  flags: UncertaintyFlags,
): Promise<UncertaintyReport | null> {
  if (flags.assumptionPoints !== undefined && flags.assumptionPoints === 1) throw new CliError("ccsim: --assumption-points must be 0 (none) or at least 2 (got 1)", EXIT.input);
  const base = settings.overrides ?? [];
  let sampling = true;
  try {
    return await propagateUncertainty(options, comparison, settings, flags, {
      signal: settings.signal,
      costs: totalCosts,
      vary: (o, values, what) => {
        try {
          return scenarioWith(o, values, base, what);
        } catch (e) {
          // Inside a break-even search an invalid value only bounds the search.
          if (sampling) {
            const ds = (e as { diagnostics?: Parameters<typeof formatDiagnostics>[0] }).diagnostics;
            if (ds) process.stderr.write(formatDiagnostics(ds) + "\n");
            throw new CliError(`ccsim: ${(e as Error).message} (above); narrow the assumption's range or choose a bounded distribution (uniform, triangular)`, EXIT.input);
          }
          throw e;
        }
      },
      run: async (units, replications) => {
        const { results } = await runJob(units, { command: "compare", replications, detail: "totals", workers: settings.workers, signal: settings.signal, quiet: settings.quiet });
        // The outer sample runs first, in one job; break-even searches run after it.
        sampling = false;
        return results.map((r) => r.result);
      },
    });
  } finally {
    sampling = false;
  }
}
