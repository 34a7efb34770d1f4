/**
 * Replications on worker threads (piscina). Each replication is a task; results come back in
 * any order and are sorted by replication before anything is summarised, so the statistics
 * are bit-identical for any number of workers. A few tasks per thread are in flight at a time.
 * Interrupting (an AbortSignal) submits nothing more and raises a flag in shared memory that the
 * running replications check every 65,536 events: they stop at once and are dropped, what has
 * finished is kept, and no worker is killed mid-task (which Node handles badly while a
 * replacement worker is still loading).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { Scenario } from "../scenario/schema.js";
import type { ReplicationResult } from "./kpis.js";
import { experimentInfo, runScenarioYielding, summarizeExperiment, type ExperimentResult, type RunOptions } from "./replicate.js";
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

/** Default worker count: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** A pool of `threads` workers. From compiled code it runs worker.js; from TypeScript sources (tests), worker.ts through tsx. */
export function createWorkerPool(threads: number): WorkerPool {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`workers must be a whole number >= 1 (got ${threads})`);
  const compiled = new URL("./worker.js", import.meta.url);
  const fromSource = !existsSync(fileURLToPath(compiled));
  const filename = fromSource ? new URL("./worker.ts", import.meta.url).href : compiled.href;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const pool = new Piscina({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, execArgv: fromSource ? ["--import", "tsx"] : [], workerData: { stop } });
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
  /** Worker threads; 1 (or a trace) runs in this thread. */
  workers?: number;
  /** A pool to reuse across runs (not closed here); used even with one thread. */
  pool?: WorkerPool;
}

/** Runs the replications on worker threads and summarises them in replication order. */
export async function runScenarioParallel(scenario: Scenario, options: ParallelRunOptions = {}): Promise<ExperimentResult> {
  const requested = options.replications ?? scenario.replications;
  const indices = options.indices ?? Array.from({ length: requested }, (_, i) => i);
  // One replication, or one thread, runs here: starting a worker would only add its start-up.
  if (options.trace || (!options.pool && Math.min(options.workers ?? 1, indices.length) <= 1)) return runScenarioYielding(scenario, options);
  const model = compileModel(scenario);
  const seed = options.seed ?? scenario.seed;
  const info = experimentInfo(model, seed);
  const key = scenarioKey(scenario);
  const detail = options.detail ?? "intervals";
  const pool = options.pool ?? createWorkerPool(Math.min(options.workers ?? 1, indices.length));
  const runs: ReplicationResult[] = [];
  const signal = options.signal;
  const onAbort = () => pool.interrupt();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    // A few tasks per thread in flight: workers never wait, and an interrupt leaves little queued.
    let next = 0;
    const submitOne = async (): Promise<void> => {
      while (next < indices.length && !signal?.aborted) {
        const index = indices[next++];
        const r = await pool.run({ key, scenario, seed, index, detail });
        if (r.status === "interrupted") continue;
        runs.push(r);
        options.onProgress?.(runs.length, indices.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(indices.length, pool.threads * 2) }, submitOne));
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (options.pool) pool.resume();
    else await pool.close();
  }
  return summarizeExperiment(info, runs, indices.length);
}
