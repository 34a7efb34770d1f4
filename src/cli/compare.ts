/** `ccsim compare A.yaml B.yaml …`: options side by side on common random numbers, with a verdict. */
import { join } from "node:path";
import { COMPARE_METRICS, type CompareMetric, type Comparison } from "../experiment/compare.js";
import type { Summary } from "../experiment/summary.js";
import type { ShardSpec } from "../experiment/shard.js";
import { csv, toJson, unitLabel } from "../report/results.js";
import { csvRound, type CsvUnit } from "../text/csv.js";
import type { MoneyPer } from "../report/period.js";
import { compareOutcomes, comparisonPeriod, comparisonTable, verdict } from "../report/verdict.js";
import { CliError, EXIT, checkOutputDir, interruptible, loadAll, overridesOf } from "./common.js";
import { writeFileAtomic, writeFolderAtomic } from "./files.js";
import { writeShard, type Unit, type UnitResult } from "./jobs.js";
import { differenceChecks, runJobAsAsked } from "./precision.js";
import { outcomeOf, printWarnings, writeOutcome, type Outcome, type RunFlags } from "./run.js";
import { assessUncertainty, type UncertaintyFlags, type UncertaintyReport } from "./uncertainty.js";
import { uncertaintyLines } from "../report/uncertainty.js";

export interface CompareFlags extends Omit<RunFlags, "trace">, UncertaintyFlags {
  independent?: boolean;
  /** State money per week, month or year (default: the horizon's own period). */
  per?: MoneyPer;
  shard?: ShardSpec;
}

/** Short labels for options: the scenario names, else the file names, numbered where they repeat. */
export function labelsOf(units: readonly { file: string; name?: string }[]): string[] {
  const names = units.map((u) => u.name ?? u.file);
  const base = new Set(names).size === names.length ? names : units.map((u) => u.file);
  const seen = new Map<string, number>();
  return base.map((label) => {
    const k = (seen.get(label) ?? 0) + 1;
    seen.set(label, k);
    return k === 1 ? label : `${label} (${k})`;
  });
}

export async function compareCommand(files: string[], flags: CompareFlags): Promise<number> {
  if (files.length < 2) throw new CliError("ccsim: compare needs at least two scenario files (the first is the baseline)", EXIT.input);
  const loaded = loadAll(files, { quiet: flags.quiet, set: flags.set });
  if (flags.shard && !flags.out) throw new CliError("ccsim: --shard needs --out DIR, where the shard's results are saved for `ccsim merge`", EXIT.input);
  checkOutputDir(flags.out, flags.force, flags.shard, files);
  // One seed and replication count for every option (the baseline's unless given): common random numbers.
  const seed = flags.seed ?? loaded[0].scenario.seed;
  const replications = flags.replications ?? loaded[0].scenario.replications;
  const labels = labelsOf(loaded.map((l) => ({ file: l.file, name: l.scenario.name })));
  const { signal, dispose } = interruptible();
  try {
    const units: Unit[] = loaded.map((l, i) => ({
      label: labels[i],
      file: l.file,
      // Independent runs (to show what CRN buys): option k draws from seed + k.
      scenario: flags.independent ? { ...l.scenario, seed: (seed + i) % 2 ** 32 } : { ...l.scenario, seed },
    }));
    const { results, shard } = await runJobAsAsked(units, {
      command: "compare",
      replications,
      workers: flags.workers,
      shard: flags.shard,
      signal,
      quiet: flags.quiet,
      settings: { seed, replications, independent: !!flags.independent, ...(flags.set?.length ? { set: flags.set } : {}) },
    }, flags, differenceChecks);
    if (shard) {
      writeShard(flags.out!, shard, { force: flags.force, quiet: flags.quiet });
      return signal.aborted ? EXIT.interrupted : EXIT.ok;
    }
    let uncertainty: UncertaintyReport | null = null;
    if (!signal.aborted && !flags.independent) {
      const outcomes = results.map((r) => ({ ...outcomeOf(r.file, r.scenario, r.result), label: r.label }));
      uncertainty = await assessUncertainty(
        results.map((r) => ({ file: r.file, label: r.label, scenario: r.scenario, result: r.result })),
        compareOutcomes(outcomes, true),
        { seed, replications, workers: flags.workers, signal, quiet: flags.quiet, overrides: overridesOf(flags.set) },
        flags,
      );
    }
    finishCompare(results, flags, !flags.independent, uncertainty);
    return signal.aborted ? EXIT.interrupted : EXIT.ok;
  } finally {
    dispose();
  }
}

export interface ComparisonDocument {
  format: "ccsim.comparison/1";
  options: { label: string; file: string; name: string }[];
  comparison: Comparison;
  verdict: string[];
  currency: string | null;
  /** The period the verdict and tables state money in ("per week"); amounts in `comparison` are over the counted horizon. */
  moneyPeriod: { label: string; factor: number };
  /** The stated uncertainty propagated (null when no option states an uncertain assumption). */
  uncertainty: UncertaintyReport | null;
}

/** Prints and writes a comparison (also used by `ccsim merge`). */
export function finishCompare(results: readonly UnitResult[], flags: Pick<CompareFlags, "out" | "format" | "quiet" | "per" | "force" | "set">, commonRandomNumbers: boolean, uncertainty: UncertaintyReport | null = null): void {
  const outcomes: (Outcome & { label: string })[] = results.map((r) => ({ ...outcomeOf(r.file, r.scenario, r.result), label: r.label }));
  if (!flags.quiet) for (const o of outcomes) printWarnings(o.file, o.warnings);
  const comparison = compareOutcomes(outcomes, commonRandomNumbers);
  const currency = outcomes.find((o) => o.costs)?.costs?.currency ?? null;
  const lines = [...verdict(comparison, currency ?? "USD", { per: flags.per, uncertain: uncertainty !== null }), ...(uncertainty ? uncertaintyLines(comparison, uncertainty.result, uncertainty.breakEvens) : [])];
  const period = comparisonPeriod(comparison, flags.per);
  const doc: ComparisonDocument = {
    format: "ccsim.comparison/1",
    options: outcomes.map((o) => ({ label: o.label, file: o.file, name: o.result.info.name })),
    comparison,
    verdict: lines,
    currency,
    moneyPeriod: { label: period.label, factor: period.factor },
    uncertainty,
  };
  if (flags.out) {
    writeFolderAtomic(flags.out, { force: flags.force, command: "compare", set: flags.set }, (dir) => {
      outcomes.forEach((o, i) => writeOutcome(join(dir, `option-${i + 1}`), o, flags.set));
      writeFileAtomic(join(dir, "comparison.json"), toJson(doc));
      writeFileAtomic(join(dir, "comparison.csv"), comparisonCsv(comparison, currency ?? "USD"));
      writeFileAtomic(join(dir, "verdict.txt"), lines.join("\n") + "\n");
    });
  }
  if (flags.format === "json") process.stdout.write(toJson(doc));
  else if (flags.format === "csv") process.stdout.write(comparisonCsv(comparison, currency ?? "USD"));
  else {
    const n = comparison.replications;
    process.stdout.write(
      [
        `Comparison of ${outcomes.length} options — ${n} replications each, seed ${outcomes[0].result.info.seed}, ${commonRandomNumbers ? "common random numbers (paired)" : "independent runs"}`,
        `baseline: ${comparison.baseline}; mean ± half-width of the 95% confidence interval`,
        "",
        ...lines.map((l) => `• ${l}`),
        "",
        comparisonTable(comparison, currency ?? "USD", { per: flags.per }),
        "",
      ].join("\n"),
    );
  }
}

/**
 * Tidy rows: each option's metric statistics, then each paired difference against the baseline
 * (in the metric's unit) and its relative size (a fraction), then P(cheapest) (a fraction).
 */
export function comparisonCsv(c: Comparison, currency = "USD"): string {
  const rows: (string | number | null)[][] = [];
  const unitOf = (metric: CompareMetric): CsvUnit => ({ money: "money", share: "fraction", seconds: "s" } as const)[COMPARE_METRICS[metric].unit];
  const row = (kind: string, option: string, baseline: string, metric: CompareMetric, unit: CsvUnit, s: Summary, independent: number | null) =>
    rows.push([kind, option, baseline, metric, unitLabel(unit, currency), s.n, ...[s.mean, s.ci95?.[0] ?? null, s.ci95?.[1] ?? null, independent].map((x) => csvRound(x, unit))]);
  for (const o of c.options) {
    for (const [metric, s] of Object.entries(o.metrics) as [CompareMetric, Summary][]) row("option", o.label, "", metric, unitOf(metric), s, null);
  }
  for (const d of c.differences) {
    row("difference", d.option, d.baseline, d.metric, unitOf(d.metric), d.difference, d.independentHalfWidth);
    if (d.relative) row("relative", d.option, d.baseline, d.metric, "fraction", d.relative, null);
  }
  if (c.probabilityCheapest) for (const [label, p] of Object.entries(c.probabilityCheapest)) rows.push(["probabilityCheapest", label, "", "totalCost", "fraction", c.replications, csvRound(p, "fraction"), null, null, null]);
  return csv(["row", "option", "baseline", "metric", "unit", "n", "mean", "ci_low", "ci_high", "independent_half_width"], rows);
}
