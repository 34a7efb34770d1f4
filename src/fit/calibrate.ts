/**
 * `ccsim fit --calibrate`: effective staffing per interval chosen by simulation so that the
 * simulated abandonment of each interval matches the observed one.
 *
 * Agents seen on duty in the records are often not all answering calls (other work, logged in
 * idle), so the fitted staffing over-serves. Abandonment falls as staffing rises, so each
 * interval's staffing is found by bisection on whole agents: the smallest count whose simulated
 * abandonment is at or below the observed. All intervals bisect at once — each round is one
 * simulation of the whole horizon, on the same seed (common random numbers, so rounds differ
 * only by staffing, not by noise) — and a round moves each interval's bracket on its own. The
 * intervals interact through queues carried over from one interval to the next, which the
 * simultaneous rounds take into account. ASA, service level and waits are not targeted and so
 * remain independent checks in the backtest.
 *
 * Bisection ends with n whose abandonment is at or below the observed and n − 1 above it; the
 * one of the two closer to the observed is kept (taking always n would over-staff by half an
 * agent on average). Intervals with fewer than `minCalls` answered or abandoned calls keep the
 * staffing seen. The rounds draw replications from `CALIBRATION_STREAMS` on, so a backtest on
 * the scenario's replications 0, 1, … checks the result on random numbers it was not tuned on.
 */
import type { CallRecord } from "../records/read.js";
import type { Scenario } from "../scenario/schema.js";
import { compileModel } from "../sim/model.js";
import { alignRecords, simulateCounts } from "./against-records.js";
import { DAYS } from "../scenario/basics.js";

/** The first replication index calibration rounds use (backtests use 0, 1, …). */
export const CALIBRATION_STREAMS = 1_000_000;

export interface CalibrationOptions {
  /** The agent group whose perInterval staffing is calibrated (default: the only one). */
  group?: string;
  replications?: number;
  seed?: number;
  minCalls?: number;
  onRound?: (round: number, unresolved: number) => void;
}

export interface CalibrationResult {
  perInterval: number[];
  seen: number[];
  rounds: number;
  replications: number;
  /** Per pattern slot: observed and simulated (final) abandonment, and the calls behind the observed. */
  slots: { observed: number; simulated: number; calls: number; calibrated: boolean }[];
}

export function calibrateStaffing(scenario: Scenario, records: readonly CallRecord[], options: CalibrationOptions = {}): CalibrationResult {
  const groupName = options.group ?? Object.keys(scenario.agentGroups)[0];
  const group = scenario.agentGroups[groupName];
  const seen = group?.staffing.perInterval;
  if (!seen) throw new RangeError(`calibration needs staffing.perInterval in agent group ${groupName}`);
  const replications = options.replications ?? 10;
  const seed = options.seed ?? scenario.seed;
  const minCalls = options.minCalls ?? 10;
  const aligned = alignRecords(scenario, records);
  const { model, observed, perDay } = aligned;
  if (model.reportIntervalSeconds !== model.intervalSeconds) throw new RangeError("calibration needs reportIntervalMinutes equal to intervalMinutes");
  const P = seen.length;
  const startWeekday = DAYS.indexOf(scenario.startDay);
  const slotOf = (i: number) => {
    if (P === perDay) return i % perDay;
    if (P === 7 * perDay) return ((startWeekday + Math.floor(i / perDay)) % 7) * perDay + (i % perDay);
    return i % P;
  };
  const n = observed.offered.length;
  const obsAb = new Float64Array(P), obsReached = new Float64Array(P), busy = new Float64Array(P), occurrences = new Float64Array(P);
  for (let i = 0; i < n; i++) {
    const s = slotOf(i);
    obsAb[s] += observed.abandoned[i];
    obsReached[s] += observed.abandoned[i] + observed.answered[i];
    busy[s] += observed.busySeconds[i];
    occurrences[s]++;
  }
  const lo = new Int32Array(P);
  const hi = Int32Array.from(seen, (x, s) => {
    const load = occurrences[s] ? busy[s] / (occurrences[s] * model.intervalSeconds) : 0;
    return Math.max(x, Math.ceil(load + 4 * Math.sqrt(load) + 3));
  });
  const active = Array.from({ length: P }, (_, s) => obsReached[s] >= minCalls);
  for (let s = 0; s < P; s++) if (!active[s]) lo[s] = hi[s] = seen[s];
  const simulate = (staff: ArrayLike<number>) => {
    const trial: Scenario = { ...scenario, agentGroups: { ...scenario.agentGroups, [groupName]: { ...group, staffing: { perInterval: Array.from(staff) } } } };
    const runs = simulateCounts(compileModel(trial), seed, replications, undefined, CALIBRATION_STREAMS);
    const ab = new Float64Array(P), reached = new Float64Array(P);
    for (const r of runs)
      for (let i = 0; i < n; i++) {
        const s = slotOf(i);
        ab[s] += r.abandoned[i];
        reached[s] += r.abandoned[i] + r.answered[i];
      }
    return { ab, reached };
  };
  const tried = Array.from({ length: P }, () => new Map<number, number>());
  let rounds = 0;
  for (;;) {
    let open = 0;
    for (let s = 0; s < P; s++) if (lo[s] < hi[s]) open++;
    options.onRound?.(rounds, open);
    if (open === 0) break;
    const mid = Int32Array.from(lo, (l, s) => (l < hi[s] ? (l + hi[s]) >> 1 : l));
    const sim = simulate(mid);
    rounds++;
    for (let s = 0; s < P; s++) {
      if (lo[s] >= hi[s]) continue;
      const rate = sim.reached[s] > 0 ? sim.ab[s] / sim.reached[s] : 0;
      tried[s].set(mid[s], rate);
      if (rate > obsAb[s] / obsReached[s]) lo[s] = mid[s] + 1;
      else hi[s] = mid[s];
    }
  }
  const final = Array.from(hi, (n, s) => {
    const target = obsAb[s] / obsReached[s];
    const at = tried[s].get(n), below = tried[s].get(n - 1);
    return active[s] && at !== undefined && below !== undefined && Math.abs(below - target) < Math.abs(at - target) ? n - 1 : n;
  });
  const check = simulate(final);
  return {
    perInterval: final,
    seen: [...seen],
    rounds,
    replications,
    slots: Array.from({ length: P }, (_, s) => ({
      observed: obsReached[s] ? obsAb[s] / obsReached[s] : NaN,
      simulated: check.reached[s] ? check.ab[s] / check.reached[s] : NaN,
      calls: obsReached[s],
      calibrated: active[s],
    })),
  };
}
