/**
 * Productive agents from a scheduled head-count, under one shrinkage model shared with the
 * planner: productive agent-time is the scheduled agent-time on duty (not on break) × (1 − s),
 * exactly, at every moment.
 *
 * The scheduled level n(t) of a group (all its shifts summed, breaks taken out) is cut into
 * pieces at every change of n and at every report-interval boundary. A piece [a, b) with
 * P = n × (1 − s) productive agents has ⌊P⌋ agents on duty throughout and one more for the
 * first (P − ⌊P⌋) × (b − a) seconds. So each report interval gets exactly P agent-time, capacity
 * moves smoothly with s, and no shift is too small to lose its share. Agents are layers: agent
 * k works whenever more than k agents are productive, so the count on duty follows P and the
 * agents with low indices work the longest.
 *
 * A layer whose level falls at the end of a shift ends with `endsShift` (its agent finishes the
 * contact in hand and leaves; the extra time is overtime). Every other end — a break, or the
 * end of the fractional agent's share of a piece — is a break: an agent still in a
 * conversation starts it when the conversation ends and keeps its length (see engine.ts).
 */
import type { DutyPeriod } from "./model.js";

/** A change of the scheduled level at `time`: `delta` agents start (> 0) or stop (< 0); `endsShift` when a shift ends there. */
export interface LevelChange {
  readonly time: number;
  readonly delta: number;
  readonly endsShift: boolean;
}

/** Below this, a fraction of an agent is taken as none (n × (1 − s) is rarely exact in binary). */
const EPS = 1e-9;

/** Each productive agent's duty periods over [0, horizon), sorted, from the scheduled level's changes. */
export function productiveDuty(changes: readonly LevelChange[], shrinkage: number, horizon: number, reportIntervalSeconds: number): DutyPeriod[][] {
  // Changes at or before 0 set the starting level; those at or after the horizon never matter.
  const sorted = changes.filter((c) => c.delta !== 0 && c.time < horizon).sort((x, y) => x.time - y.time);
  const agents: DutyPeriod[][] = [];
  // Per layer: its open period [openStart, openEnd) and whether ending at openEnd ends a shift.
  const openStart: number[] = [];
  const openEnd: number[] = [];
  const openEndsShift: boolean[] = [];
  const close = (k: number) => {
    if (openEnd[k] > openStart[k]) agents[k].push({ start: openStart[k], end: openEnd[k], endsShift: openEndsShift[k] });
  };
  let level = 0;
  let c = 0;
  while (c < sorted.length && sorted[c].time <= 0) level += sorted[c++].delta;
  let a = 0;
  while (a < horizon) {
    const nextChange = c < sorted.length ? sorted[c].time : horizon;
    const b = Math.min(horizon, nextChange, (Math.floor(a / reportIntervalSeconds) + 1) * reportIntervalSeconds);
    // Does the level fall at b because a shift ends there?
    let endsShift = false;
    for (let j = c; j < sorted.length && sorted[j].time === b; j++) if (sorted[j].endsShift) endsShift = true;
    const productive = Math.max(0, level) * (1 - shrinkage);
    const whole = Math.floor(productive + EPS);
    const fraction = productive - whole > EPS ? productive - whole : 0;
    const layers = whole + (fraction > 0 ? 1 : 0);
    for (let k = 0; k < layers; k++) {
      if (k === agents.length) {
        agents.push([]);
        openStart.push(0);
        openEnd.push(0);
        openEndsShift.push(false);
      }
      const end = k < whole ? b : a + fraction * (b - a);
      // A period that does not run on from the last piece starts anew (an empty open period ends
      // at its own start, so it passes this test only where it starts at a: nothing to close).
      if (openEnd[k] !== a) {
        close(k);
        openStart[k] = a;
      }
      openEnd[k] = end;
      openEndsShift[k] = k < whole && endsShift;
    }
    while (c < sorted.length && sorted[c].time === b) level += sorted[c++].delta;
    a = b;
  }
  for (let k = 0; k < agents.length; k++) close(k);
  return agents;
}
