/**
 * `--precision 1%` on run, compare, sweep and report: replications in deterministic batches
 * until the 95% CI of what the command is about is within the target (experiment/precision.ts
 * sizes the batches). Every batch runs the job's units on common random numbers, continuing
 * their replication indices, and the batches' results are summarised together.
 */
import { COMPARE_METRICS, compareOptions, type CompareMetric, type CompareOption } from "../experiment/compare.js";
import { summarizeExperiment } from "../experiment/replicate.js";
import { nextReplicationCount, worstCheck, type PrecisionCheck, type PrecisionGoal, type PrecisionOutcome } from "../experiment/precision.js";
import { summarize } from "../experiment/summary.js";
import { compareOptionOf } from "../report/verdict.js";
import { CliError, EXIT } from "./common.js";
import { runJob, type JobOptions, type Unit, type UnitResult } from "./jobs.js";
import { outcomeOf } from "./run.js";

export interface PrecisionFlags {
  precision?: string;
  precisionKpi?: string;
  maxReplications?: number;
}

/** The default cap: enough for ±1% on most KPIs of a week, and bounded memory (a week's replication is ~0.5 MB). */
export const DEFAULT_MAX_REPLICATIONS = 1000;

/** The precision goal the flags ask for, or null without --precision. */
export function precisionGoal(flags: PrecisionFlags & { shard?: unknown; replications?: number }): { goal: PrecisionGoal; metric: CompareMetric | null } | null {
  if (flags.precision === undefined) {
    if (flags.precisionKpi !== undefined || flags.maxReplications !== undefined) throw new CliError("ccsim: --precision-kpi and --max-replications go with --precision, e.g. --precision 1%", EXIT.input);
    return null;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(flags.precision);
  const relative = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(relative > 0 && relative < 1)) throw new CliError(`ccsim: --precision "${flags.precision}": give the relative half-width of the 95% confidence interval, as a percentage like 1% or a fraction like 0.01`, EXIT.input);
  if (flags.shard) throw new CliError("ccsim: --precision decides the number of replications from all of them, which one shard does not see; run it without --shard, then shard with --replications set to the count it printed", EXIT.input);
  const metric = flags.precisionKpi ?? null;
  if (metric !== null && !(metric in COMPARE_METRICS)) throw new CliError(`ccsim: --precision-kpi "${metric}" is not a KPI; use one of ${Object.keys(COMPARE_METRICS).join(", ")}`, EXIT.input);
  const maxReplications = flags.maxReplications ?? DEFAULT_MAX_REPLICATIONS;
  if (flags.replications !== undefined && flags.replications > maxReplications) throw new CliError(`ccsim: --replications ${flags.replications} is above --max-replications ${maxReplications}`, EXIT.input);
  return { goal: { relative, maxReplications }, metric: metric as CompareMetric | null };
}

/** Each unit's per-replication values of every metric, computed once per look at the results. */
function optionsOf(results: readonly UnitResult[]): CompareOption[] {
  return results.map((r) => compareOptionOf({ ...outcomeOf(r.file, r.scenario, r.result), label: r.label }));
}

/** The metric a command's precision is about by default: total cost where every unit has costs, else service level. */
function metricOf(metric: CompareMetric | null, options: readonly CompareOption[]): CompareMetric {
  return metric ?? (options.every((o) => o.values.totalCost !== undefined) ? "totalCost" : "serviceLevel");
}

/** What run and sweep check: the metric of each unit. */
export function unitChecks(metric: CompareMetric | null) {
  return (results: readonly UnitResult[]): PrecisionCheck[] => {
    const options = optionsOf(results);
    const m = metricOf(metric, options);
    return options.map((o, u) => ({ label: `${COMPARE_METRICS[m].label} of ${results[u].label}`, summary: summarize(o.values[m] ?? []) }));
  };
}

/** What compare checks: every option's paired difference from the baseline in the metric. */
export function differenceChecks(metric: CompareMetric | null) {
  return (results: readonly UnitResult[]): PrecisionCheck[] => {
    const options = optionsOf(results);
    const m = metricOf(metric, options);
    return compareOptions(options)
      .differences.filter((d) => d.metric === m)
      .map((d) => ({ label: `the difference in ${COMPARE_METRICS[m].label.toLowerCase()} (${d.option} − ${d.baseline})`, summary: d.difference }));
  };
}

/**
 * Runs the job in batches until `checks` are all within the goal. Every unit runs the same
 * replication count (common random numbers): the first batch the job's own (options.replications
 * or the first unit's), then as nextReplicationCount says.
 */
export async function runJobToPrecision(
  units: readonly Unit[],
  options: JobOptions,
  goal: PrecisionGoal,
  checks: (results: readonly UnitResult[]) => PrecisionCheck[],
): Promise<{ results: UnitResult[]; precision: PrecisionOutcome }> {
  let n = Math.min(goal.maxReplications, Math.max(2, options.replications ?? units[0].scenario.replications));
  let { results } = await runJob(units, { ...options, replications: n });
  for (let batches = 1; ; batches++) {
    const worst = worstCheck(checks(results));
    const met = worst !== null && worst.relative !== null && worst.relative <= goal.relative;
    const stop = options.signal.aborted ? "interrupted" : met ? "met" : n >= goal.maxReplications ? "cap" : null;
    if (stop) return { results, precision: { goal, replications: n, batches, stoppedBecause: stop, worst: worst && { label: worst.check.label, relative: worst.relative } } };
    const next = nextReplicationCount(n, worst?.relative ?? null, goal);
    const more = await runJob(units, { ...options, replications: next, firstReplication: n });
    results = results.map((r, u) => {
      const extra = more.results[u]?.result.runs ?? [];
      return { ...r, result: summarizeExperiment(r.result.info, [...r.result.runs, ...extra], next) };
    });
    n = next;
  }
}

/** "ccsim: 180 replications in 3 batches: the 95% CI of … is ±0.9% of its mean, within the ±1% asked." */
export function precisionLine(p: PrecisionOutcome): string {
  const pct = (x: number) => `${Number((x * 100).toPrecision(2))}%`;
  const achieved = p.worst?.relative != null ? `±${pct(p.worst.relative)} of its mean` : "undefined (a mean of zero, or too few values)";
  const what = p.worst ? `the 95% CI of ${p.worst.label} is ${achieved}` : "nothing to measure";
  const why =
    p.stoppedBecause === "met"
      ? `within the ±${pct(p.goal.relative)} asked`
      : p.stoppedBecause === "cap"
        ? `not the ±${pct(p.goal.relative)} asked: stopped at --max-replications ${p.goal.maxReplications}`
        : "interrupted before the target was reached";
  return `ccsim: ${p.replications} replications in ${p.batches} batch${p.batches === 1 ? "" : "es"}: ${what}, ${why}.`;
}

/**
 * The commands' entry: runJob as it is without --precision; with it, batches until the goal
 * holds, and a line on stderr saying how many replications it took and why it stopped.
 */
export async function runJobAsAsked(
  units: readonly Unit[],
  options: JobOptions,
  flags: PrecisionFlags & { replications?: number },
  checks: (metric: CompareMetric | null) => (results: readonly UnitResult[]) => PrecisionCheck[],
): Promise<Awaited<ReturnType<typeof runJob>>> {
  const asked = precisionGoal({ ...flags, shard: options.shard ?? undefined });
  if (!asked) return runJob(units, options);
  const { results, precision } = await runJobToPrecision(units, options, asked.goal, checks(asked.metric));
  if (!options.quiet) process.stderr.write(precisionLine(precision) + "\n");
  return { results, shard: null };
}
