/**
 * Warnings about systems that cannot keep up, before and after a run: which interval, how
 * overloaded, what the queue reached. A scenario may be valid and still describe a center that
 * drowns; analysts should hear that in plain words rather than read it from odd numbers.
 */
import type { DutyPeriod, RunModel } from "../sim/model.js";
import { containmentIn, handleFactorIn } from "../sim/profiles.js";
import type { ExperimentResult } from "./replicate.js";

/** Something worth a warning; `report/warnings.ts` puts it in words. */
export type Finding =
  | { code: "no-agents-on-duty"; type: string; expected: number; firstInterval: number; intervalSeconds: number }
  | { code: "overloaded"; interval: number; intervalSeconds: number; load: number; agents: number; patientTypes: string[] }
  | { code: "replication-overloaded"; replications: number; peakInSystem: number }
  | { code: "replication-event-limit"; replications: number }
  | { code: "queue-growing"; leftWaiting: number; offered: number; longestQueueType: string; longestQueue: number };

/**
 * Productive agents on duty per planning interval, per group: their on-duty time over the
 * interval's length (fractional: shrinkage scales agent-time exactly, so a group may have 0.4 of
 * an agent, on duty for 40% of each interval).
 */
export function agentsOnDuty(m: RunModel): Float64Array[] {
  const width = m.intervalSeconds;
  const end = m.intervals * width;
  const onEdges = (p: DutyPeriod) => (p.start <= 0 || p.start % width === 0) && (p.end >= end || p.end % width === 0);
  return m.groups.map((g) => (g.agents.every((periods) => periods.every(onEdges)) ? wholeIntervalsOnDuty(m, g.agents) : timeOnDuty(m, g.agents)));
}

/**
 * Duty periods that start and end on interval edges (constant staffing, shifts on the grid), in
 * time proportional to the periods, not to intervals × agents: each adds 1 at its first interval
 * and −1 after its last (a difference array), summed once. Every count is a whole number, so the
 * result is exactly what adding interval by interval gives.
 */
function wholeIntervalsOnDuty(m: RunModel, agents: RunModel["groups"][number]["agents"]): Float64Array {
  const steps = new Float64Array(m.intervals + 1);
  for (const periods of agents) {
    for (const p of periods) {
      const first = Math.max(0, p.start / m.intervalSeconds);
      const afterLast = Math.min(m.intervals, p.end / m.intervalSeconds);
      if (first < afterLast) {
        steps[first]++;
        steps[afterLast]--;
      }
    }
  }
  const onDuty = new Float64Array(m.intervals);
  for (let i = 0, now = 0; i < m.intervals; i++) onDuty[i] = now += steps[i];
  return onDuty;
}

/**
 * Any duty periods, interval by interval. Fractions of intervals (shrinkage's part agents,
 * breaks off the grid) are added in period order, the order the warnings' numbers were first
 * computed in: floating-point sums depend on it, and the warnings' text should not change.
 */
function timeOnDuty(m: RunModel, agents: RunModel["groups"][number]["agents"]): Float64Array {
  const width = m.intervalSeconds;
  const onDuty = new Float64Array(m.intervals);
  for (const periods of agents) {
    for (const p of periods) {
      for (let i = Math.max(0, Math.floor(p.start / width)); i < m.intervals && i * width < p.end; i++) {
        onDuty[i] += (Math.min(p.end, (i + 1) * width) - Math.max(p.start, i * width)) / width;
      }
    }
  }
  return onDuty;
}

/**
 * Offered load (Erlangs) against agents on duty, per interval, from the forecast. Warns when
 * customers who never hang up meet more work than agents can do (the queue grows without bound
 * while it lasts), or when fresh contacts arrive with nobody on duty who could serve them.
 */
export function diagnoseModel(m: RunModel): Finding[] {
  const warnings: Finding[] = [];
  const onDuty = agentsOnDuty(m);
  for (const t of m.types) {
    const groups = [...t.primaryGroups, ...t.overflow.map((o) => o.group)];
    let unservedExpected = 0;
    let firstUnserved = -1;
    for (let i = 0; i < m.intervals; i++) {
      const expected = t.arrivals.ratePerInterval[i] * (1 - t.deflection) * m.intervalSeconds;
      if (expected > 0 && groups.every((g) => onDuty[g][i] === 0)) {
        unservedExpected += expected;
        if (firstUnserved < 0) firstUnserved = i;
      }
    }
    if (unservedExpected >= 1 && t.deferred === false) {
      warnings.push({ code: "no-agents-on-duty", type: t.name, expected: unservedExpected, firstInterval: firstUnserved, intervalSeconds: m.intervalSeconds });
    }
  }
  // Whole-center load against capacity, where customers never give up.
  const patient = m.types.filter((t) => t.patience === null && !t.deferred);
  if (patient.length > 0) {
    let worst = { ratio: 0, interval: -1, load: 0, agents: 0 };
    for (let i = 0; i < m.intervals; i++) {
      let load = 0;
      for (const t of m.types) {
        if (t.deferred) continue;
        const rate = t.arrivals.ratePerInterval[i] * (1 - t.deflection) * (1 - containmentIn(t, i));
        load += rate * (t.handle.mean * handleFactorIn(t, i) + t.wrapUp.mean);
      }
      let agents = 0;
      for (const g of m.groups) agents += onDuty[g.index][i] * (g.maxConcurrent > 1 ? g.maxConcurrent : 1);
      const ratio = agents > 0 ? load / agents : load > 0 ? Infinity : 0;
      if (ratio > worst.ratio) worst = { ratio, interval: i, load, agents };
    }
    if (worst.ratio > 1) {
      warnings.push({ code: "overloaded", interval: worst.interval, intervalSeconds: m.intervalSeconds, load: worst.load, agents: worst.agents, patientTypes: patient.map((t) => t.name) });
    }
  }
  return warnings;
}

/** What the runs themselves say: replications stopped by a limit, queues left at the end. */
export function diagnoseResult(result: ExperimentResult): Finding[] {
  const warnings: Finding[] = [];
  const counts = result.statusCounts;
  if (counts.overloaded) {
    const peak = Math.max(...result.runs.map((r) => r.peakInSystem));
    warnings.push({ code: "replication-overloaded", replications: counts.overloaded, peakInSystem: peak });
  }
  if (counts["event-limit"]) {
    warnings.push({ code: "replication-event-limit", replications: counts["event-limit"] });
  }
  const all = result.summary.types.all;
  const left = all?.inSystem?.mean ?? 0;
  const offered = all?.offered?.mean ?? 0;
  if (offered > 0 && left > 0.05 * offered && left >= 10) {
    const worst = Object.entries(result.summary.types)
      .filter(([name]) => name !== "all")
      .sort((a, b) => (b[1].maxQueue?.mean ?? 0) - (a[1].maxQueue?.mean ?? 0))[0];
    warnings.push({ code: "queue-growing", leftWaiting: left, offered, longestQueueType: worst?.[0] ?? "", longestQueue: worst?.[1].maxQueue?.mean ?? 0 });
  }
  return warnings;
}
