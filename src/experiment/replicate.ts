/**
 * Replications of one scenario, and their statistics.
 *
 * Replication i always draws from streams(seed).fork(i), so its numbers do not depend on how
 * many replications run, in what order, on which worker thread or in which shard. Results are
 * put in replication order before anything is summarised, so every way of splitting the work
 * gives bit-identical statistics.
 */
import type { Scenario } from "../scenario/schema.js";
import { simulate, type SimulateOptions, type TraceRecord } from "../sim/engine.js";
import { compileModel, type RunModel } from "../sim/model.js";
import { streams } from "../sim/random.js";
import type { ReplicationStatus } from "../sim/stats.js";
import { SCOPES, replicationResult, scopeLayout, type IntervalSeries, type ReplicationResult, type Scope, type ScopeLayout } from "./kpis.js";
import { band, summarizeRecords, type BandSummary, type Summary } from "./summary.js";
import { pooledSummary, type PooledSummary } from "./pooled.js";

/** What a result needs to know about its model: deterministic, the same for every replication. */
export interface ExperimentInfo {
  name: string;
  seed: number;
  horizonSeconds: number;
  warmupSeconds: number;
  startDay: number;
  reportIntervalSeconds: number;
  reportIntervals: number;
  layout: ScopeLayout;
  /** Service-level threshold and target of each contact type. */
  serviceLevel: Record<string, { thresholdSeconds: number; target: number }>;
  /** Per group: scheduled, night and weekend agent-seconds per report interval, and the peak scheduled at once. */
  schedule: Record<string, { scheduledSeconds: number[]; nightSeconds: number[]; weekendSeconds: number[]; peakScheduled: number }>;
  /** Peak scheduled agents at once per site (seats). */
  sitePeakScheduled: Record<string, number>;
  /** The site that alone serves each contact type, if any (its abandons count against that site's SLA). */
  typeSoleSite: Record<string, string | null>;
}

export type ScopedSummary = Record<Scope, Record<string, Record<string, Summary>>>;
/** Per interval: series[scope][name][kpi] = one band per interval. */
export type SeriesSummary = Record<Scope, Record<string, Record<string, BandSummary[]>>>;

export interface ExperimentResult {
  info: ExperimentInfo;
  /** Replications asked for (more than `runs.length` when interrupted). */
  requested: number;
  /** True when fewer replications completed than were asked for. */
  partial: boolean;
  statusCounts: Partial<Record<ReplicationStatus, number>>;
  runs: ReplicationResult[];
  summary: ScopedSummary;
  /** Ratio KPIs pooled over the replications (ratio of sums), beside the summary's mean of ratios. */
  pooled: PooledSummary;
  intervals: SeriesSummary;
  dayProfile: SeriesSummary | null;
}

export interface RunOptions {
  replications?: number;
  seed?: number;
  /** The scenario already compiled (`compileModel(scenario)`), so that it is not compiled again. */
  model?: RunModel;
  /** "totals" skips the per-interval series (faster, smaller: for sweeps). Default "intervals". */
  detail?: "intervals" | "totals";
  /** Called after each replication with the number done so far. */
  onProgress?: (done: number, total: number) => void;
  trace?: (record: TraceRecord) => void;
  /** Stops the run; the replications completed so far are returned, marked partial. */
  signal?: AbortSignal;
  /** Run only these replication indices (a shard); default 0..replications−1. */
  indices?: readonly number[];
}

export function experimentInfo(m: RunModel, seed: number): ExperimentInfo {
  return {
    name: m.name,
    seed,
    horizonSeconds: m.horizon,
    warmupSeconds: m.warmup,
    startDay: m.startDay,
    reportIntervalSeconds: m.reportIntervalSeconds,
    reportIntervals: m.reportIntervals,
    layout: scopeLayout(m),
    serviceLevel: Object.fromEntries(m.types.map((t) => [t.name, { thresholdSeconds: t.serviceLevelSeconds, target: t.serviceLevelTarget }])),
    schedule: Object.fromEntries(
      m.groups.map((g) => [
        g.name,
        { scheduledSeconds: [...g.scheduledSeconds], nightSeconds: [...g.nightSeconds], weekendSeconds: [...g.weekendSeconds], peakScheduled: g.peakScheduled },
      ]),
    ),
    sitePeakScheduled: Object.fromEntries(m.sites.map((site) => [site.name, site.peakScheduled])),
    typeSoleSite: Object.fromEntries(m.types.map((t) => [t.name, t.soleSite >= 0 ? m.sites[t.soleSite].name : null])),
  };
}

/** One replication, from the compiled model. */
export function runReplication(model: RunModel, seed: number, index: number, detail: "intervals" | "totals" = "intervals", options: SimulateOptions = {}): ReplicationResult {
  return replicationResult(simulate(model, streams(seed).fork(index), index, options), model, detail);
}

function plan(scenario: Scenario, options: RunOptions) {
  const model = options.model ?? compileModel(scenario);
  const seed = options.seed ?? scenario.seed;
  const requested = options.replications ?? scenario.replications;
  const indices = options.indices ?? Array.from({ length: requested }, (_, i) => i);
  return { model, seed, requested, indices, info: experimentInfo(model, seed), detail: options.detail ?? "intervals" };
}

/** Runs the replications in this thread and summarises them. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ExperimentResult {
  const p = plan(scenario, options);
  const runs: ReplicationResult[] = [];
  for (const i of p.indices) {
    if (options.signal?.aborted) break;
    runs.push(runReplication(p.model, p.seed, i, p.detail, { trace: options.trace }));
    options.onProgress?.(runs.length, p.indices.length);
  }
  return summarizeExperiment(p.info, runs, p.indices.length);
}

/**
 * Like `runScenario`, but yields to the event loop between replications so a signal (Ctrl-C)
 * can stop the run with the replications completed so far.
 */
export async function runScenarioYielding(scenario: Scenario, options: RunOptions = {}): Promise<ExperimentResult> {
  const p = plan(scenario, options);
  const runs: ReplicationResult[] = [];
  const shouldStop = () => options.signal?.aborted === true;
  for (const i of p.indices) {
    if (shouldStop()) break;
    const r = runReplication(p.model, p.seed, i, p.detail, { trace: options.trace, shouldStop });
    if (r.status === "interrupted") break;
    runs.push(r);
    options.onProgress?.(runs.length, p.indices.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return summarizeExperiment(p.info, runs, p.indices.length);
}

/**
 * Combines replication results (in any order) into an experiment result. `series`, when given,
 * are the interval summaries already made elsewhere (a merge makes them block by block, without
 * holding every replication's series; merge-series.ts) and the runs' own series are not read.
 */
export function summarizeExperiment(
  info: ExperimentInfo,
  runs: readonly ReplicationResult[],
  requested: number,
  series?: { intervals: SeriesSummary; dayProfile: SeriesSummary | null },
): ExperimentResult {
  const sorted = [...runs].sort((a, b) => a.replication - b.replication);
  const statusCounts: Partial<Record<ReplicationStatus, number>> = {};
  for (const r of sorted) statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
  const summary = {} as ScopedSummary;
  for (const scope of SCOPES) {
    summary[scope] = {};
    const names = sorted.length ? Object.keys(sorted[0].totals[scope]) : [];
    for (const name of names) summary[scope][name] = summarizeRecords(sorted.map((r) => r.totals[scope][name]));
  }
  const withProfile = series ? [] : sorted.filter((r) => r.dayProfile !== null);
  return {
    info,
    requested,
    partial: sorted.length < requested,
    statusCounts,
    runs: sorted,
    summary,
    pooled: pooledSummary(sorted.map((r) => r.totals)),
    intervals: series ? series.intervals : summarizeSeries(sorted.map((r) => r.intervals)),
    dayProfile: series ? series.dayProfile : withProfile.length > 0 && withProfile.length === sorted.length ? summarizeSeries(sorted.map((r) => r.dayProfile!)) : null,
  };
}

function summarizeSeries(all: readonly IntervalSeries[]): SeriesSummary {
  const out = { types: {}, channels: {}, groups: {}, sites: {} } as SeriesSummary;
  if (all.length === 0) return out;
  const values = new Float64Array(all.length);
  for (const scope of SCOPES) {
    for (const [name, byKpi] of Object.entries(all[0][scope])) {
      out[scope][name] = {};
      for (const [kpi, first] of Object.entries(byKpi)) {
        const runs = all.map((r) => r[scope][name]?.[kpi]);
        out[scope][name][kpi] = Array.from(first, (_, i) => {
          for (let r = 0; r < runs.length; r++) values[r] = runs[r]?.[i] ?? NaN;
          return band(values);
        });
      }
    }
  }
  return out;
}
