/**
 * Running a job's units (scenario variants) on the worker pool, in full or as one shard, and
 * reading shards back. Every command that simulates goes through here, so `--shard` and
 * `ccsim merge` work the same for run, compare and sweep.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { join } from "node:path";
import { createWorkerPool, runScenarioParallel, type WorkerPool } from "../experiment/pool.js";
import type { ExperimentResult } from "../experiment/replicate.js";
import { mergeShards, shardFromJson, shardIndices, shardToJson, type ShardFile, type ShardSpec, type ShardUnit } from "../experiment/shard.js";
import type { Scenario } from "../scenario/schema.js";
import { CliError, EXIT, shardFileName } from "./common.js";
import { writeBytesAtomic } from "./files.js";
import { Progress } from "./progress.js";

export interface Unit {
  label: string;
  file: string;
  scenario: Scenario;
}

export interface JobOptions {
  command: ShardFile["job"]["command"];
  /** Applies to every unit when set (compare and sweep use one seed and count for all). */
  seed?: number;
  replications?: number;
  /** Run replications from this index on only (a later batch of a precision run). Default 0. */
  firstReplication?: number;
  detail?: "intervals" | "totals";
  workers?: number;
  shard?: ShardSpec | null;
  signal: AbortSignal;
  quiet?: boolean;
  /** Settings recorded in shard files: every shard of a job must agree on them. */
  settings?: unknown;
}

export interface UnitResult extends Unit {
  result: ExperimentResult;
}

/** Runs every unit (or this shard's part of each) and returns the results, or the shard to save. */
export async function runJob(units: readonly Unit[], options: JobOptions): Promise<{ results: UnitResult[]; shard: ShardFile | null }> {
  const workers = options.workers;
  // Started on first need, and by default only once the measured work left repays it (pool.ts).
  let pool = null as WorkerPool | null;
  const makePool = (threads: number) => (pool ??= createWorkerPool(threads));
  const poolFor = (tasks: number) => (workers !== undefined && workers > 1 && tasks > 1 ? makePool(workers) : (pool ?? undefined));
  const total = units.reduce((n, u) => n + (options.replications ?? u.scenario.replications), 0);
  const results: UnitResult[] = [];
  const shardUnits: ShardUnit[] = [];
  let offset = 0;
  try {
    for (const unit of units) {
      const requested = options.replications ?? unit.scenario.replications;
      const indices = shardIndices(offset, requested, options.shard ?? null).filter((r) => r >= (options.firstReplication ?? 0));
      offset += requested;
      const progress = new Progress(unit.label, !options.quiet);
      const result = await runScenarioParallel(unit.scenario, {
        seed: options.seed,
        replications: requested,
        indices,
        detail: options.detail,
        signal: options.signal,
        workers,
        pool: poolFor(indices.length),
        poolFor: makePool,
        replicationsAfter: shardIndices(offset, total - offset, options.shard ?? null).length,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.done();
      results.push({ ...unit, result });
      shardUnits.push({ label: unit.label, file: unit.file, scenario: unit.scenario, info: result.info, requested, runs: result.runs });
      if (options.signal.aborted) break;
    }
  } finally {
    await pool?.close();
  }
  const shard: ShardFile | null = options.shard
    ? { format: "ccsim.shard/1", job: { command: options.command, detail: options.detail ?? "intervals", settings: options.settings ?? null }, shard: options.shard, units: shardUnits }
    : null;
  return { results, shard };
}

/** Saves a shard as DIR/shard-i-of-n.json.gz (written atomically). */
export function writeShard(dir: string, shard: ShardFile, force?: boolean): string {
  const path = join(dir, shardFileName(shard.shard));
  writeBytesAtomic(path, gzipSync(shardToJson(shard)), { replace: force === true });
  return path;
}

/** Reads shard files, given as files or directories holding shard-*.json.gz. */
export function readShards(paths: readonly string[]): ShardFile[] {
  const files = paths.flatMap((p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new CliError(`ccsim: "${p}" does not exist`, EXIT.input);
    }
    return st.isDirectory()
      ? readdirSync(p)
          .filter((f) => /^shard-\d+-of-\d+\.json(\.gz)?$/.test(f))
          .sort()
          .map((f) => join(p, f))
      : [p];
  });
  if (files.length === 0) throw new CliError(`ccsim: no shard files (shard-*.json.gz) in ${paths.join(", ")}`, EXIT.input);
  return files.map((f) => {
    try {
      const bytes = readFileSync(f);
      const text = f.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
      return shardFromJson(text);
    } catch (e) {
      throw new CliError(`ccsim: cannot read the shard file ${f}: ${(e as Error).message}`, EXIT.input);
    }
  });
}

export function merge(shards: readonly ShardFile[]): ReturnType<typeof mergeShards> {
  try {
    return mergeShards(shards);
  } catch (e) {
    throw new CliError(`ccsim: cannot merge: ${(e as Error).message}`, EXIT.input);
  }
}
