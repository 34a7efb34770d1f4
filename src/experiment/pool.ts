/**
 * Replications on worker threads (piscina). Each replication is a task; results come back in
 * any order and are sorted by replication before anything is summarised, so the statistics
 * are bit-identical for any number of workers. A few tasks per thread are in flight at a time.
 * Interrupting (an AbortSignal) submits nothing more and raises a flag in shared memory that the
 * running replications check every 65,536 events: they stop at once and are dropped, what has
 * finished is kept, and no worker is killed mid-task (which Node handles badly while a
 * replacement worker is still loading).
 *
 * By default no worker starts until it pays: this thread runs the replications itself, measures
 * what one costs, and calls in workers (one per other free core) only when the work left would
 * take longer than a worker needs to start and warm up. Workers then take replications from the
 * same queue while this thread goes on running them too. A worker's fixed cost is its module
 * load and its own JIT warm-up (a cold replication costs about five warm ones), so small jobs,
 * like the bundled week's 20 replications, are fastest in one thread.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Piscina } from "piscina";
import type { Scenario } from "../scenario/schema.js";
import type { ReplicationResult } from "./kpis.js";
import { experimentInfo, runReplication, runScenarioYielding, summarizeExperiment, type ExperimentResult, type RunOptions } from "./replicate.js";
import { compileModel } from "../sim/model.js";
import type { ReplicationTask } from "./worker.js";

export interface WorkerPool {
  readonly threads: number;
  run(task: ReplicationTask): Promise<ReplicationResult>;
  /** Asks running replications to stop now (they return with status "interrupted"). */
  interrupt(): void;
  /** Clears the interrupt, for the next run. */
  resume(): void;
  close(): Promise<void>;
}

/**
 * Cores not taken, besides this thread's own: the machine's cores less one for this thread and
 * less the load other processes put on it (the one-minute load average, which counts this
 * process too). It decides only how fast a run goes, never its numbers.
 */
export function freeCores(): number {
  const cores = availableParallelism();
  const others = Math.max(0, Math.round(loadavg()[0]) - 1);
  return Math.max(0, cores - 1 - others);
}

/**
 * Whether workers repay their start-up: the work left, at the cost of one warm replication,
 * must exceed a worker's fixed cost — about a second for loading and compiling, plus its own
 * cold replications (measured: the first costs five warm ones; ten leaves a margin).
 */
export function workersPay(replicationsLeft: number, secondsPerReplication: number): boolean {
  return replicationsLeft * secondsPerReplication > 1 + 10 * secondsPerReplication;
}

/**
 * piscina, loaded when the first pool starts: most runs never start one (one thread, or a job too
 * small to repay workers), and loading it cost 0.13 G instructions, about 10% of a `ccsim run`
 * process's fixed cost (issue 17). Its CommonJS build keeps `createWorkerPool` synchronous.
 */
function piscina(): typeof Piscina {
  return (createRequire(import.meta.url)("piscina") as typeof import("piscina")).Piscina;
}

/** A pool of `threads` workers. From compiled code it runs worker.js; from TypeScript sources (tests), worker.ts through tsx. */
export function createWorkerPool(threads: number): WorkerPool {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`workers must be a whole number >= 1 (got ${threads})`);
  const compiled = new URL("./worker.js", import.meta.url);
  const fromSource = !existsSync(fileURLToPath(compiled));
  const filename = fromSource ? new URL("./worker.ts", import.meta.url).href : compiled.href;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const pool = new (piscina())({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, execArgv: fromSource ? ["--import", "tsx"] : [], workerData: { stop } });
  return {
    threads,
    run: (task) => pool.run(task) as Promise<ReplicationResult>,
    interrupt: () => Atomics.store(stop, 0, 1),
    resume: () => Atomics.store(stop, 0, 0),
    close: () => pool.destroy(),
  };
}

/** A key for a scenario's content: workers cache compiled models by it. */
export function scenarioKey(scenario: Scenario): string {
  return createHash("sha256").update(JSON.stringify(scenario)).digest("hex").slice(0, 32);
}

export interface ParallelRunOptions extends RunOptions {
  /**
   * Worker threads; 1 (or a trace) runs in this thread. Default: this thread, joined by workers
   * on the free cores once the measured work left repays their start-up (see `workersPay`).
   */
  workers?: number;
  /** A pool to reuse across runs (not closed here); used even with one thread. */
  pool?: WorkerPool;
  /** With the default worker count: makes (or returns the already made) pool of this many threads. */
  poolFor?: (threads: number) => WorkerPool;
  /** With the default worker count: replications the job still runs after this one (they count as work left). */
  replicationsAfter?: number;
  /**
   * With the default worker count: how many workers to call in, given the replications left and
   * the measured seconds per warm replication. Default: the free cores when `workersPay`, else 0.
   */
  workersToCall?: (replicationsLeft: number, secondsPerReplication: number) => number;
}

function defaultWorkersToCall(replicationsLeft: number, secondsPerReplication: number): number {
  return workersPay(replicationsLeft, secondsPerReplication) ? freeCores() : 0;
}

/** Runs the replications on worker threads and summarises them in replication order. */
export async function runScenarioParallel(scenario: Scenario, options: ParallelRunOptions = {}): Promise<ExperimentResult> {
  const requested = options.replications ?? scenario.replications;
  const indices = options.indices ?? Array.from({ length: requested }, (_, i) => i);
  if (options.workers === undefined && !options.trace) return runFromOneQueue(scenario, indices, options, true);
  // One replication, or one thread, runs here: starting a worker would only add its start-up.
  if (options.trace || (!options.pool && Math.min(options.workers ?? 1, indices.length) <= 1)) return runScenarioYielding(scenario, options);
  return runFromOneQueue(scenario, indices, options, false);
}

/**
 * Replications taken in index order from one queue by the workers of a pool and, with
 * `thisThreadToo` (the default worker count), by this thread: it runs them itself, measures
 * each one's cost, and calls in workers on the free cores when the work left repays a worker's
 * start-up. A pool already made (given, or by an earlier unit of the job) joins at once; a fixed
 * worker count makes its pool at the start. A few tasks per thread are in flight, so workers
 * never wait and an interrupt leaves little queued.
 */
async function runFromOneQueue(scenario: Scenario, indices: readonly number[], options: ParallelRunOptions, thisThreadToo: boolean): Promise<ExperimentResult> {
  const model = options.model ?? compileModel(scenario);
  const seed = options.seed ?? scenario.seed;
  const detail = options.detail ?? "intervals";
  const key = scenarioKey(scenario);
  const signal = options.signal;
  const shouldStop = () => signal?.aborted === true;
  const runs: ReplicationResult[] = [];
  let next = 0;
  let own: WorkerPool | undefined;
  const makePool = options.poolFor ?? ((threads: number) => (own = createWorkerPool(threads)));
  let pool = options.pool ?? (thisThreadToo ? undefined : (own = createWorkerPool(Math.min(options.workers ?? 1, indices.length))));
  const helpers: Promise<void>[] = [];
  const finished = (r: ReplicationResult) => {
    runs.push(r);
    options.onProgress?.(runs.length, indices.length);
  };
  const callIn = (p: WorkerPool) => {
    for (let k = 0; k < Math.min(indices.length, p.threads * 2); k++) {
      helpers.push(
        (async () => {
          while (next < indices.length && !shouldStop()) {
            const r = await p.run({ key, scenario, seed, index: indices[next++], detail });
            if (r.status !== "interrupted") finished(r);
          }
        })(),
      );
    }
  };
  const onAbort = () => pool?.interrupt();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (pool) callIn(pool);
    for (let done = 0; thisThreadToo && next < indices.length && !shouldStop(); done++) {
      const started = performance.now();
      const r = runReplication(model, seed, indices[next++], detail, { shouldStop });
      if (r.status === "interrupted") break;
      finished(r);
      // The first replication is cold; from the second on, its cost is a warm one's.
      if (done >= 1 && !pool && next < indices.length) {
        const threads = (options.workersToCall ?? defaultWorkersToCall)(indices.length - next + (options.replicationsAfter ?? 0), (performance.now() - started) / 1000);
        if (threads > 0) {
          pool = makePool(threads);
          callIn(pool);
        }
      }
      // Lets workers' results in, and a signal through.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(helpers);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    pool?.resume();
    await own?.close();
  }
  return summarizeExperiment(experimentInfo(model, seed), runs, indices.length);
}
