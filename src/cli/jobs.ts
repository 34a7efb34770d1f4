/**
 * Running a job's units (scenario variants) on the worker pool, in full or as one shard, and
 * reading shards back. Every command that simulates goes through here, so `--shard` and
 * `ccsim merge` work the same for run, compare and sweep.
 */
import { readdirSync, statSync, type ReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip, gzipSync } from "node:zlib";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { createWorkerPool, runScenarioParallel, type WorkerPool } from "../experiment/pool.js";
import type { ExperimentResult } from "../experiment/replicate.js";
import { SHARD_FORMAT, ShardAssembler, ShardError, shardIndices, shardLines, type LineSink, type ShardFile, type ShardSpec, type ShardUnit } from "../experiment/shard.js";
import { VERSION } from "../report/results.js";
import type { Scenario } from "../scenario/schema.js";
import { compileModel, type RunModel } from "../sim/model.js";
import { CliError, EXIT, shardFileName } from "./common.js";
import { AtomicLineWriter } from "./files.js";
import { Progress, roughDuration } from "./progress.js";

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
  /** The model the unit ran, compiled once for the run and its pre-run diagnosis; absent for results read from shards. */
  model?: RunModel;
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
      const model = compileModel(unit.scenario);
      const result = await runScenarioParallel(unit.scenario, {
        model,
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
      results.push({ ...unit, result, model });
      shardUnits.push({ label: unit.label, file: unit.file, scenario: unit.scenario, info: result.info, requested, planned: indices, runs: result.runs });
      // A shard records every unit, run or not, so that merge can say what is missing.
      if (options.signal.aborted && !options.shard) break;
    }
  } finally {
    await pool?.close();
  }
  const shard: ShardFile | null = options.shard
    ? { format: SHARD_FORMAT, job: { command: options.command, detail: options.detail ?? "intervals", settings: options.settings ?? null }, shard: options.shard, units: shardUnits }
    : null;
  return { results, shard };
}

/** Saves a shard as DIR/shard-i-of-n.json.gz (written atomically, compressed in members of a few MB). */
export function writeShard(dir: string, shard: ShardFile, options: { force?: boolean; quiet?: boolean } = {}): string {
  const path = join(dir, shardFileName(shard.shard));
  const out = new AtomicLineWriter(path, { replace: options.force === true });
  let batch: string[] = [];
  let size = 0;
  const flush = () => {
    // Concatenated gzip members are one gzip stream to every reader (RFC 1952).
    out.writeBytes(gzipSync(batch.join("")));
    batch = [];
    size = 0;
  };
  for (const line of shardLines(shard, VERSION)) {
    batch.push(line);
    size += line.length;
    if (size > 4 << 20) flush();
  }
  flush();
  out.commit();
  if (!options.quiet) {
    // One line per shard, also in a batch log: what it ran, how long it took, where it is.
    const done = shard.units.reduce((n, u) => n + u.runs.length, 0);
    const planned = shard.units.reduce((n, u) => n + u.planned.length, 0);
    const seconds = process.uptime();
    const what = done < planned ? `stopped after ${done} of ${planned} replications (partial)` : `done: ${done} replications`;
    process.stderr.write(`ccsim: shard ${shard.shard.index}/${shard.shard.count} ${what} in ${roughDuration(seconds)}; wrote ${path}; combine all shards with \`ccsim merge\`\n`);
  }
  return path;
}

/** Longest line a shard may have (a replication of a year at 15-minute intervals is well under it). */
const MAX_LINE = 256 << 20;
/** Inflation beyond this ratio (once past 16 MB) is a decompression bomb, not ccsim's JSON (about 5:1). */
const MAX_RATIO = 100;

/**
 * Feeds one file's lines to a reader (the assembler, or a series pass), stopping early on an
 * over-long line or a bomb. Returns what identifies the file's content on disk (device, inode,
 * size, modification time), so that later passes can tell if it was replaced or rewritten.
 */
async function readShardFile(file: string, sink: LineSink): Promise<string> {
  sink.begin(file);
  let compressed = 0;
  let inflated = 0;
  // A line is decoded piece by piece and joined once: no Buffer per line (external memory, which
  // V8 collects late), one string.
  const decoder = new StringDecoder("utf8");
  let pending: string[] = [];
  let pendingSize = 0;
  let source: ReadStream | null = null;
  let identity = "";
  const fail = (why: string): never => {
    source?.destroy();
    throw new ShardError(`${file} ${why}`);
  };
  try {
    const handle = await open(file);
    source = handle.createReadStream(); // closes the handle when it ends or is destroyed
    const st = await handle.stat();
    identity = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
    source.on("data", (chunk) => (compressed += chunk.length));
    const stream = file.endsWith(".gz") ? source.pipe(createGunzip()) : source;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > 16 << 20 && inflated > MAX_RATIO * Math.max(compressed, 1)) fail(`inflates more than ${MAX_RATIO}-fold (${(inflated / 2 ** 20).toFixed(0)} MB from ${(compressed / 2 ** 20).toFixed(1)} MB so far): not a ccsim shard (a decompression bomb?); refusing it`);
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
        pending.push(decoder.write(chunk.subarray(start, nl)));
        sink.line(pending.join(""));
        pending = [];
        pendingSize = 0;
        start = nl + 1;
      }
      if (start < chunk.length) {
        pending.push(decoder.write(chunk.subarray(start)));
        pendingSize += chunk.length - start;
        if (pendingSize > MAX_LINE) fail(`has a line longer than ${MAX_LINE >> 20} MB: not a ccsim shard; refusing it`);
      }
    }
  } catch (e) {
    // Closes the file now, also when the reader refused a line (else Node warns when it collects the handle).
    source?.destroy();
    if (e instanceof ShardError || e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR" || code === "Z_NEED_DICT") fail("is corrupt: it is not valid gzip data");
    if (code === "ENOENT") fail("does not exist");
    if (code === "EACCES") fail("cannot be read (permission denied)");
    fail(`cannot be read: ${(e as Error).message}`);
  }
  pending.push(decoder.end());
  if (pendingSize > 0) sink.line(pending.join(""));
  sink.end();
  return identity;
}

/** Shard files named by the paths: files, or directories holding shard-*.json.gz. */
function shardFilesOf(paths: readonly string[]): string[] {
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
  return files;
}

/**
 * Reads and checks every shard, streaming, and puts the job back together: a first pass for the
 * checks and totals, then one pass per block of interval series (shard.ts, merge-series.ts).
 */
export async function mergeShardFiles(
  paths: readonly string[],
  options: { allowPartial?: boolean; seriesBlockBytes?: number } = {},
): Promise<ReturnType<ShardAssembler["finish"]> & { partial: readonly string[] }> {
  const assembler = new ShardAssembler(VERSION, options.allowPartial === true);
  try {
    const files = shardFilesOf(paths);
    const identities = new Map<string, string>();
    for (const file of files) identities.set(file, await readShardFile(file, assembler));
    for (const pass of assembler.seriesPasses(options.seriesBlockBytes)) {
      for (const file of files) {
        if ((await readShardFile(file, pass)) !== identities.get(file)) throw new ShardError(`${file} changed while it was being merged; merge again once nothing is writing it`);
      }
      pass.summarise();
    }
    return { ...assembler.finish(), partial: assembler.partialShards() };
  } catch (e) {
    if (e instanceof ShardError) throw new CliError(`ccsim: cannot merge: ${e.message}`, EXIT.input);
    throw e;
  }
}
