/**
 * Replications on worker threads (piscina). Each replication is a task; results come back in
 * any order and are sorted by replication before anything is summarised, so the statistics
 * are bit-identical for any number of workers. Interrupting (an AbortSignal) cancels what is
 * queued or running and keeps what has finished.
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
  run(task: ReplicationTask, signal?: AbortSignal): Promise<ReplicationResult>;
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
  const pool = new Piscina({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, execArgv: fromSource ? ["--import", "tsx"] : [] });
  return {
    threads,
    run: (task, signal) => pool.run(task, { signal: signal ?? null }) as Promise<ReplicationResult>,
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
  /** A pool to reuse across runs (not closed here). */
  pool?: WorkerPool;
}

/** Runs the replications on worker threads and summarises them in replication order. */
export async function runScenarioParallel(scenario: Scenario, options: ParallelRunOptions = {}): Promise<ExperimentResult> {
  const workers = options.pool?.threads ?? options.workers ?? 1;
  if (workers <= 1 || options.trace) return runScenarioYielding(scenario, options);
  const model = compileModel(scenario);
  const seed = options.seed ?? scenario.seed;
  const requested = options.replications ?? scenario.replications;
  const indices = options.indices ?? Array.from({ length: requested }, (_, i) => i);
  const info = experimentInfo(model, seed);
  const key = scenarioKey(scenario);
  const detail = options.detail ?? "intervals";
  const pool = options.pool ?? createWorkerPool(Math.min(workers, Math.max(1, indices.length)));
  const runs: ReplicationResult[] = [];
  try {
    await Promise.all(
      indices.map(async (index) => {
        try {
          runs.push(await pool.run({ key, scenario, seed, index, detail }, options.signal));
          options.onProgress?.(runs.length, indices.length);
        } catch (e) {
          if (!options.signal?.aborted) throw e;
        }
      }),
    );
  } finally {
    if (!options.pool) await pool.close();
  }
  return summarizeExperiment(info, runs, indices.length);
}
