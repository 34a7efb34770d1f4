/**
 * Splitting work across machines. A job (a run of several files, a comparison, a sweep) is a
 * list of units (scenario variants) × replications; tasks are numbered unit by unit. Shard i of n
 * (0-based, as Kubernetes' JOB_COMPLETION_INDEX) takes the tasks with k mod n = i, runs them, and
 * saves their raw replication results. Merging the shards puts every replication back in place
 * and summarises exactly as a single run would — replication r of a unit draws from
 * streams(seed).fork(r) wherever it runs — so the merged result is bit-identical.
 */
import type { Scenario } from "../scenario/schema.js";
import { forEachSeries, type IntervalSeries, type ReplicationResult } from "./kpis.js";
import { summarizeExperiment, type ExperimentInfo, type ExperimentResult } from "./replicate.js";

export interface ShardSpec {
  index: number;
  count: number;
}

/** "2/4" → shard 2 of 4 (shards are numbered 0..n−1). */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new RangeError(`a shard is written i/n, e.g. 0/4 for the first of four (got "${text}")`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new RangeError(`shard ${index}/${count} does not exist: shards are numbered 0 to n−1 (got "${text}")`);
  return { index, count };
}

/** The replication indices of one unit that belong to a shard; `offset` is the number of tasks of the units before it. */
export function shardIndices(offset: number, replications: number, shard: ShardSpec | null): number[] {
  const out: number[] = [];
  for (let r = 0; r < replications; r++) if (!shard || (offset + r) % shard.count === shard.index) out.push(r);
  return out;
}

/** Everything needed to finish a unit's statistics later: its scenario, info and raw replications. */
export interface ShardUnit {
  label: string;
  file: string;
  scenario: Scenario;
  info: ExperimentInfo;
  /** Replications of the whole job for this unit (all shards together). */
  requested: number;
  runs: ReplicationResult[];
}

/** What a shard writes; a full run is the same with one shard. */
export interface ShardFile {
  format: "ccsim.shard/1";
  /** The command and its settings: every shard of a job must agree on them. */
  job: { command: "run" | "compare" | "sweep"; detail: "intervals" | "totals"; settings: unknown };
  shard: ShardSpec;
  units: ShardUnit[];
}

/** A shard as JSON: interval series (typed arrays) as lists, NaN (undefined) as null. */
export function shardToJson(shard: ShardFile): string {
  return JSON.stringify(shard, (_, value: unknown) => (value instanceof Float64Array ? Array.from(value, (x) => (Number.isNaN(x) ? null : x)) : value));
}

/** Reads a shard written by `shardToJson`, its interval series back as typed arrays. */
export function shardFromJson(text: string): ShardFile {
  const shard = JSON.parse(text) as ShardFile;
  const revive = (series: IntervalSeries | null) =>
    series && forEachSeries(series, (values, kpi, byKpi) => (byKpi[kpi] = Float64Array.from(values as unknown as (number | null)[], (x) => x ?? NaN)));
  for (const unit of shard.units ?? []) for (const run of unit.runs ?? []) [run.intervals, run.dayProfile].forEach(revive);
  return shard;
}

/** Puts shards back together: units in order, each unit's replications from every shard. */
export function mergeShards(shards: readonly ShardFile[]): { job: ShardFile["job"]; units: { label: string; file: string; scenario: Scenario; result: ExperimentResult }[] } {
  if (shards.length === 0) throw new RangeError("nothing to merge");
  const first = shards[0];
  const key = JSON.stringify(first.job);
  const count = first.shard.count;
  const seen = new Set<number>();
  for (const s of shards) {
    if (s.format !== "ccsim.shard/1") throw new RangeError(`not a ccsim shard file (format "${String(s.format)}")`);
    if (JSON.stringify(s.job) !== key) throw new RangeError("the shards come from different jobs (their command or settings differ)");
    if (s.shard.count !== count) throw new RangeError(`the shards were cut differently (${s.shard.count} and ${count} shards)`);
    if (seen.has(s.shard.index)) throw new RangeError(`shard ${s.shard.index}/${count} appears twice`);
    if (s.units.length !== first.units.length || s.units.some((u, i) => u.label !== first.units[i].label)) throw new RangeError("the shards list different scenarios");
    seen.add(s.shard.index);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) throw new RangeError(`shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} missing`);
  const units = first.units.map((u, i) => {
    const runs = shards.flatMap((s) => s.units[i].runs);
    return { label: u.label, file: u.file, scenario: u.scenario, result: summarizeExperiment(u.info, runs, u.requested) };
  });
  return { job: first.job, units };
}
