/**
 * Propagating the stated uncertainty through a comparison: builds the outer sample's variants
 * (through `vary`, which the CLI and the library implement with the loader's override mechanism,
 * the one `--set` uses, so a sampled value is validated like a typed one), runs each for a few
 * inner replications on common random numbers (through `run`), summarises
 * (experiment/uncertainty.ts), and finds the break-even values of the top drivers by
 * root-finding on common random numbers (experiment/break-even.ts). Costs come through `costs`,
 * so this module stays upstream of the cost model.
 */
import { sampleAssumptions, defaultLabel, type Assumption } from "./assumptions.js";
import { findBreakEven, type BreakEven, type Evaluation } from "./break-even.js";
import type { Comparison } from "./compare.js";
import { summarize } from "./summary.js";
import { analyzeUncertainty, type AssumptionSummary, type PointOutcome, type UncertaintyResult } from "./uncertainty.js";
import { valueAt } from "../scenario/assumptions.js";
import { parsePath } from "../scenario/paths.js";
import type { Scenario } from "../scenario/schema.js";
import type { ExperimentResult } from "./replicate.js";

export interface UncertaintyFlags {
  /** Points of the outer sample (default 24); 0 or `--no-uncertainty` skips it. */
  assumptionPoints?: number;
  /** Inner replications per point (default 2). */
  innerReplications?: number;
  /** False with --no-uncertainty. */
  uncertainty?: boolean;
}

/** A scenario variant to run. */
export interface PropagationUnit {
  label: string;
  file: string;
  scenario: Scenario;
}

/** How propagation reaches the world: running units, building variants, costing results. */
export interface Propagation {
  /** Runs every unit for `replications` replications from each unit's seed; may return fewer results when stopped. */
  run(units: readonly PropagationUnit[], replications: number): Promise<ExperimentResult[]>;
  /** The option's scenario with these values set at these paths, or a thrown Error naming why it is invalid. */
  vary(option: PropagationOption, values: Record<string, number>, what: string): Scenario;
  /** Total cost per replication (null entries without costs). */
  costs(scenario: Scenario, result: ExperimentResult): (number | null)[];
  /** Stops between runs. */
  signal?: AbortSignal;
}

export interface PropagationOption {
  file: string;
  label: string;
  scenario: Scenario;
  /** The stated-value result, whose first replications re-centre the sample. */
  result?: ExperimentResult;
}

export const DEFAULT_POINTS = 24;
export const DEFAULT_INNER = 2;
/** Break-even values are sought for at most this many drivers, each explaining at least MIN_SHARE. */
const MAX_BREAK_EVENS = 2;
const MIN_SHARE = 0.05;

/** A break-even of one driver, with what it is about. */
export interface DriverBreakEven extends BreakEven {
  key: string;
  label: string;
  option: string;
  baseline: string;
  stated: number;
  low: number;
  high: number;
  replications: number;
}

export interface UncertaintyReport {
  result: UncertaintyResult;
  breakEvens: DriverBreakEven[];
}

/** The assumptions a scenario states, with their stated values. */
export function assumptionsOf(s: Scenario): Assumption[] {
  return Object.entries(s.assumptions ?? {}).map(([key, a]) => {
    const path = parsePath(key);
    const stated = valueAt(s, path).value as number;
    return { key, path, label: a.label ?? defaultLabel(key, path), stated, low: a.low, high: a.high, dist: a.dist, mode: a.mode ?? Math.min(a.high, Math.max(a.low, stated)) };
  });
}

/** Saving from all stated-value replications minus the saving from the first `inner` (see UncertaintyInput.statedOffsets). */
function statedOffsets(options: readonly PropagationOption[], inner: number, io: Propagation): number[] {
  const costs = options.map((o) => (o.result ? io.costs(o.scenario, o.result) : []));
  const mean = (xs: readonly (number | null)[]) => {
    const f = xs.filter((x): x is number => x !== null);
    return f.length ? f.reduce((a, b) => a + b, 0) / f.length : NaN;
  };
  return costs.map((c, i) => {
    if (i === 0 || c.length <= inner || costs[0].length <= inner) return 0;
    const all = 1 - mean(c) / mean(costs[0]);
    const first = 1 - mean(c.slice(0, inner)) / mean(costs[0].slice(0, inner));
    return Number.isFinite(all - first) ? all - first : 0;
  });
}

/** Runs the outer sample and the break-even searches; null when no option states an assumption. */
export async function propagateUncertainty(
  options: readonly PropagationOption[],
  comparison: Comparison,
  settings: { seed: number; replications: number },
  flags: UncertaintyFlags,
  io: Propagation,
): Promise<UncertaintyReport | null> {
  const aborted = () => io.signal?.aborted === true;
  const lists = options.map((o) => assumptionsOf(o.scenario));
  const points = flags.assumptionPoints ?? DEFAULT_POINTS;
  if (flags.uncertainty === false || points === 0 || lists.every((l) => l.length === 0)) return null;
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`the outer sample needs 0 (none) or at least 2 points (got ${points})`);
  const inner = flags.innerReplications ?? DEFAULT_INNER;
  const seed = settings.seed;
  const sample = sampleAssumptions(lists, points, seed);
  const summaries: AssumptionSummary[] = sample.keys.map((key) => {
    const i = lists.findIndex((l) => l.some((a) => a.key === key));
    const a = lists[i].find((x) => x.key === key)!;
    return { key, label: a.label, stated: a.stated, low: a.low, high: a.high, dist: a.dist, options: options.filter((_, k) => lists[k].some((x) => x.key === key)).map((o) => o.label) };
  });
  const units: PropagationUnit[] = [];
  sample.values.forEach((row, k) => {
    options.forEach((o, i) => {
      const scenario = Object.keys(row[i]).length ? io.vary(o, row[i], `the assumption sample's point ${k + 1}`) : { ...o.scenario, seed };
      units.push({ label: `assumptions ${k + 1}/${points}: ${o.label}`, file: o.file, scenario: { ...scenario, seed } });
    });
  });
  const runs = await io.run(units, inner);
  if (aborted() || runs.length < units.length) return null;
  const results = units.map((u, n) => ({ scenario: u.scenario, result: runs[n] }));
  const outcomes: PointOutcome[][] = sample.values.map((_, k) =>
    options.map((_, i) => {
      const r = results[k * options.length + i];
      return { totalCost: io.costs(r.scenario, r.result), serviceLevel: r.result.runs.map((x) => x.totals.types.all.serviceLevel) };
    }),
  );
  const result = analyzeUncertainty(
    {
      labels: options.map((o) => o.label),
      targets: comparison.options.map((o) => o.target),
      assumptions: summaries,
      uniforms: sample.uniforms,
      values: sample.values.map((row) => sample.keys.map((key) => row[lists.findIndex((l) => l.some((a) => a.key === key))][key])),
      outcomes,
      innerReplications: inner,
      seed,
      statedOffsets: statedOffsets(options, inner, io),
    },
    comparison.recommended && comparison.recommended !== comparison.baseline ? comparison.recommended : undefined,
  );
  const breakEvens: DriverBreakEven[] = [];
  const drivers = result.drivers;
  if (drivers) {
    const baseOption = options[0];
    const option = options.find((o) => o.label === drivers.option)!;
    const optionIndex = options.indexOf(option);
    const reps = Math.min(settings.replications, 10);
    for (const d of drivers.rows.filter((r) => r.share >= MIN_SHARE).slice(0, MAX_BREAK_EVENS)) {
      if (aborted()) break;
      const spec = lists[optionIndex].find((a) => a.key === d.key) ?? lists[0].find((a) => a.key === d.key);
      if (!spec) continue;
      const baselineStates = lists[0].some((a) => a.key === d.key);
      const optionStates = lists[optionIndex].some((a) => a.key === d.key);
      let baselineCosts: (number | null)[] | null = null;
      const evaluate = async (x: number): Promise<Evaluation | null> => {
        let optionScenario: Scenario;
        let baselineScenario: Scenario;
        try {
          optionScenario = optionStates ? io.vary(option, { [d.key]: x }, `${d.key}=${x}`) : { ...option.scenario, seed };
          baselineScenario = baselineStates ? io.vary(baseOption, { [d.key]: x }, `${d.key}=${x}`) : { ...baseOption.scenario, seed };
        } catch {
          return null; // a value outside what the scenario allows: the search stops there
        }
        const todo: PropagationUnit[] = [{ label: `break-even ${d.label}=${Number(x.toPrecision(4))}: ${option.label}`, file: option.file, scenario: { ...optionScenario, seed } }];
        if (baselineStates || baselineCosts === null) todo.push({ label: `break-even ${d.label}: ${baseOption.label}`, file: baseOption.file, scenario: { ...baselineScenario, seed } });
        const rs = await io.run(todo, reps);
        if (rs.length < todo.length) return null;
        const costs = io.costs(todo[0].scenario, rs[0]);
        const baseCosts = todo.length > 1 ? io.costs(todo[1].scenario, rs[1]) : baselineCosts!;
        if (!baselineStates) baselineCosts = baseCosts;
        const diff = summarize(costs.map((c, j) => (c === null || baseCosts[j] === null ? null : c - baseCosts[j]!)));
        if (diff.mean === null) return null;
        return { x, mean: diff.mean, half: diff.ci95 ? (diff.ci95[1] - diff.ci95[0]) / 2 : 0 };
      };
      const found = await findBreakEven(evaluate, spec.low, spec.high);
      breakEvens.push({ ...found, key: d.key, label: d.label, option: option.label, baseline: baseOption.label, stated: spec.stated, low: spec.low, high: spec.high, replications: reps });
    }
  }
  return { result, breakEvens };
}
