/**
 * `ccsim report FILE… --out report.html`: runs the scenarios (on common random numbers, compared
 * with the first when there are several) and writes a standalone HTML page with the verdict,
 * charts and tables, for people without Jupyter. Prints the verdict and tables too.
 */
import { buildReport } from "../report/html.js";
import { VERSION } from "../report/results.js";
import type { MoneyPer } from "../report/period.js";
import { compareOutcomes, comparisonTable, verdict } from "../report/verdict.js";
import { kpiTable } from "../report/table.js";
import { CliError, EXIT, checkOutputFile, interruptible, loadAll, overridesOf } from "./common.js";
import { labelsOf } from "./compare.js";
import { writeFileAtomic } from "./files.js";
import { differenceChecks, runJobAsAsked, unitChecks, type PrecisionFlags } from "./precision.js";
import { outcomeOf, printWarnings } from "./run.js";
import { assessUncertainty, type UncertaintyFlags, type UncertaintyReport } from "./uncertainty.js";
import { uncertaintyLines } from "../report/uncertainty.js";

export interface ReportFlags extends PrecisionFlags, UncertaintyFlags {
  /** `--set path=value` overrides applied to every scenario. */
  set?: string[];
  out: string;
  replications?: number;
  seed?: number;
  workers?: number;
  force?: boolean;
  quiet?: boolean;
  title?: string;
  /** State money per week, month or year (default: the horizon's own period). */
  per?: MoneyPer;
}

export async function reportCommand(files: string[], flags: ReportFlags): Promise<number> {
  const loaded = loadAll(files, { quiet: flags.quiet, set: flags.set });
  if (!/\.html?$/i.test(flags.out)) throw new CliError(`ccsim: --out names the HTML file to write, e.g. report.html (got "${flags.out}")`, EXIT.input);
  checkOutputFile("--out", flags.out, flags.force, files);
  const seed = flags.seed ?? loaded[0].scenario.seed;
  const replications = flags.replications ?? loaded[0].scenario.replications;
  const labels = labelsOf(loaded.map((l) => ({ file: l.file, name: l.scenario.name })));
  const { signal, dispose } = interruptible();
  let results;
  let outcomes: (ReturnType<typeof outcomeOf> & { label: string })[] = [];
  let comparison: ReturnType<typeof compareOutcomes> | null = null;
  let uncertainty: UncertaintyReport | null = null;
  try {
    ({ results } = await runJobAsAsked(
      loaded.map((l, i) => ({ label: labels[i], file: l.file, scenario: { ...l.scenario, seed } })),
      { command: loaded.length > 1 ? "compare" : "run", replications, workers: flags.workers, signal, quiet: flags.quiet },
      flags,
      loaded.length > 1 ? differenceChecks : unitChecks,
    ));
    outcomes = results.map((r) => ({ ...outcomeOf(r.file, r.scenario, r.result), label: r.label }));
    comparison = outcomes.length > 1 ? compareOutcomes(outcomes) : null;
    if (comparison && !signal.aborted) {
      uncertainty = await assessUncertainty(
        results.map((r) => ({ file: r.file, label: r.label, scenario: r.scenario, result: r.result })),
        comparison,
        { seed, replications, workers: flags.workers, signal, quiet: flags.quiet, overrides: overridesOf(flags.set) },
        flags,
      );
    }
  } finally {
    dispose();
  }
  if (!flags.quiet) for (const o of outcomes) printWarnings(o.file, o.warnings);
  const currency = outcomes.find((o) => o.costs)?.costs?.currency ?? "USD";
  const html = await buildReport({ outcomes, comparison, title: flags.title, overrides: flags.set ?? [], per: flags.per, uncertainty, generatedBy: `ccsim ${VERSION}` });
  writeFileAtomic(flags.out, html, { replace: flags.force === true });
  if (comparison) {
    const lines = [...verdict(comparison, currency, { per: flags.per, uncertain: uncertainty !== null }), ...(uncertainty ? uncertaintyLines(comparison, uncertainty.result, uncertainty.breakEvens) : [])];
    process.stdout.write([...lines.map((l) => `• ${l}`), "", comparisonTable(comparison, currency, { per: flags.per }), ""].join("\n"));
  } else process.stdout.write(kpiTable(outcomes[0].result, outcomes[0].costs, undefined, flags.set ?? []) + "\n");
  if (!flags.quiet) process.stderr.write(`ccsim: wrote ${flags.out}${signal.aborted ? " (partial: interrupted)" : ""}\n`);
  return signal.aborted ? EXIT.interrupted : EXIT.ok;
}
