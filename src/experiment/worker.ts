/**
 * A worker thread's task: one replication of a scenario. Compiled models are cached by the
 * scenario's key, so a worker compiles each scenario once however many replications it runs.
 */
import { workerData } from "node:worker_threads";
import type { Scenario } from "../scenario/schema.js";
import { compileModel, type RunModel } from "../sim/model.js";
import type { ReplicationResult } from "./kpis.js";
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
  return runReplication(model, task.seed, task.index, task.detail, { shouldStop });
}
