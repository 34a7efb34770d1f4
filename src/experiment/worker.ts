/**
 * A worker thread's task: one replication of a scenario. Compiled models are cached by the
 * scenario's key, so a worker compiles each scenario once however many replications it runs.
 * The buffers of the result's interval series are moved to the main thread, not copied.
 */
import { workerData } from "node:worker_threads";
import { move, transferableSymbol, valueSymbol } from "piscina";
import type { Scenario } from "../scenario/schema.js";
import { compileModel, type RunModel } from "../sim/model.js";
import { forEachSeries, type ReplicationResult } from "./kpis.js";
import { runReplication } from "./replicate.js";

export interface ReplicationTask {
  /** Identifies the scenario (and its content) across tasks. */
  key: string;
  scenario: Scenario;
  seed: number;
  index: number;
  detail: "intervals" | "totals";
}

const models = new Map<string, RunModel>();
/** Raised by the main thread to interrupt (see pool.ts). */
const stop: Int32Array | null = (workerData as { stop?: Int32Array } | undefined)?.stop ?? null;
const shouldStop = stop ? () => Atomics.load(stop, 0) === 1 : undefined;

export default function runTask(task: ReplicationTask): ReplicationResult {
  let model = models.get(task.key);
  if (!model) {
    if (models.size >= 8) models.delete(models.keys().next().value!);
    model = compileModel(task.scenario);
    models.set(task.key, model);
  }
  const result = runReplication(model, task.seed, task.index, task.detail, { shouldStop });
  // Cloned, the series would cost the main thread about as much as the replication did here.
  return move({ [transferableSymbol]: seriesBuffers(result), [valueSymbol]: result }) as unknown as ReplicationResult;
}

/** The buffers behind a result's interval series (each set of series shares one). */
function seriesBuffers(result: ReplicationResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const series of [result.intervals, result.dayProfile]) if (series) forEachSeries(series, (values) => buffers.add(values.buffer as ArrayBuffer));
  return [...buffers];
}
