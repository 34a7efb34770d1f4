/**
 * What the exact engine-rule tests (engine-routing, engine-agents) share: a small scenario run on
 * the general engine (`plainKernel: false`, so the plainest models do not go to the plain
 * kernel), with its trace, and counters summed over the report intervals.
 */
import { simulate, type SimulateOptions, type TraceRecord } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import { G, T, groupIndex, typeIndex, type ReplicationStats } from "../../src/sim/stats.js";
import { scenarioOf } from "../helpers.js";

export const fixed = (mean: number) => ({ dist: "deterministic", mean });

/** Replication 0 of the scenario on the engine. */
export function run(input: Record<string, unknown>, options: SimulateOptions = {}, seed = 1): ReplicationStats {
  return simulate(compileModel(scenarioOf(input)), streams(seed).fork(0), 0, { plainKernel: false, ...options });
}

/** A run on the general path (a trace switches the lean path off), with its trace rows in order of arrival. */
export function traced(input: Record<string, unknown>): { stats: ReplicationStats; rows: TraceRecord[] } {
  const rows: TraceRecord[] = [];
  const stats = run(input, { trace: (r) => rows.push(r) });
  rows.sort((a, b) => a.arrival - b.arrival);
  return { stats, rows };
}

/** A type counter summed over the report intervals. */
export function typeTotal(s: ReplicationStats, counter: T, type = 0): number {
  let sum = 0;
  for (let i = 0; i < s.reportIntervals; i++) sum += s.typeCounters[typeIndex(s, i, type, counter)];
  return sum;
}

/** A group counter summed over the report intervals. */
export function groupTotal(s: ReplicationStats, counter: G, group = 0): number {
  let sum = 0;
  for (let i = 0; i < s.reportIntervals; i++) sum += s.groupCounters[groupIndex(s, i, group, counter)];
  return sum;
}
