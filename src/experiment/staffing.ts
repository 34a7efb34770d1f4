/**
 * Staffing: how many agents, when.
 *
 * Analytic: per planning interval, the fewest productive agents that meet a service-level target
 * by Erlang C (no abandonment) and Erlang A (exponential patience), from the forecast load; then
 * scheduled headcount = ⌈productive / (1 − shrinkage)⌉.
 *
 * Simulation-based: the iterative staffing algorithm (ISA) of Feldman, Mandelbaum, Massey and
 * Whitt (2008), "Staffing of time-varying queues to achieve time-stable performance", Management
 * Science 54(2). Simulate with staffing s_n; record the number of contacts in the system L_n(t)
 * (in service with the group, plus waiting for its skills) at many times; set s_{n+1}(t) to the
 * least s with P(L_n(t) ≥ s) ≤ α; repeat until the staffing stops changing. It keeps the
 * probability of waiting near α in every interval, whatever the demand does within the day and
 * with abandonment, retrials and callbacks. Here s is constant per planning interval, so the
 * quantile is taken over the interval's sample times and replications (common random numbers
 * across iterations). A service-level target X within T maps to α = 1 − X (waiting at all is
 * rarer than waiting beyond T, so this meets X/T), and an optional trimming pass then removes
 * agents from intervals that the simulation shows clearly above target.
 */
import type { Scenario } from "../scenario/schema.js";
import { agentsForTargets, slotHoldingTime, type StaffingTargets } from "../models/targets.js";
import { bestTierShare } from "../sim/forecast.js";
import { compileModel } from "../sim/model.js";
import { simulate } from "../sim/engine.js";
import { streams } from "../sim/random.js";
import { groupForecasts, withProductiveStaffing } from "./plan.js";
import type { ExperimentResult } from "./replicate.js";

export interface ServiceTarget {
  /** Share answered within the threshold: the 80 of 80/20, as 0.8. */
  serviceLevel: number;
  thresholdSeconds: number;
}

/** "80/20" → 80% within 20 s; "90/30s", "0.8/20" and "80%/20" work too. */
export function parseTarget(text: string): ServiceTarget {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*\/\s*(\d+(?:\.\d+)?)\s*s?\s*$/.exec(text);
  if (!m) throw new RangeError(`a service-level target looks like "80/20" (80% answered within 20 seconds); got "${text}"`);
  let sl = Number(m[1]);
  if (sl > 1) sl /= 100;
  const threshold = Number(m[2]);
  if (!(sl > 0 && sl < 1)) throw new RangeError(`the service level of a target must be between 0 and 100% (got "${text}")`);
  return { serviceLevel: sl, thresholdSeconds: threshold };
}

export interface AnalyticRequirement {
  interval: number;
  start: number;
  /** Offered load in Erlangs (slots for chat: contacts × their slot holding time). */
  load: number;
  /** Productive agents by Erlang C and Erlang A (null without finite patience). */
  erlangC: number;
  erlangA: number | null;
}

/** Per planning interval of a group, the productive agents Erlang C and Erlang A ask for (chat on the slot model with slowdown). */
export function analyticRequirements(s: Scenario, group: number, targets: StaffingTargets): AnalyticRequirement[] {
  const m = compileModel(s);
  return groupForecasts(m, s, group, () => null).map((f, i) => {
    const load = f.arrivalRate * slotHoldingTime(f.meanTalk, f.meanWrap, f.concurrency, f.slowdown);
    const live = f.arrivalRate > 0;
    return {
      interval: i,
      start: i * m.intervalSeconds,
      load,
      erlangC: live ? agentsForTargets({ ...f, meanPatience: null }, targets) : 0,
      erlangA: !live ? 0 : f.meanPatience !== null ? agentsForTargets(f, targets) : null,
    };
  });
}

/** Scheduled headcount for productive agents: ⌈productive / (1 − shrinkage)⌉ (so rounding back never falls short). */
export function scheduledFor(productive: number, shrinkage: number): number {
  return productive === 0 ? 0 : Math.ceil(productive / (1 - shrinkage) - 1e-9);
}

/** The scenario with one group staffed by a per-interval plan (scheduled agents over the horizon). */
export function withStaffing(s: Scenario, group: string, scheduled: readonly number[]): Scenario {
  const g = s.agentGroups[group];
  return {
    ...s,
    reportIntervalMinutes: s.intervalMinutes,
    agentGroups: { ...s.agentGroups, [group]: { ...g, staffing: { perInterval: [...scheduled] } } },
  };
}

export interface IsaOptions {
  /** The groups to size; the others keep their staffing. */
  groups: readonly string[];
  /** Target probability of waiting, α. */
  delayProbability: number;
  replications?: number;
  seed?: number;
  sampleSeconds?: number;
  maxIterations?: number;
  /** Start from this productive staffing per group (default: Erlang C at 1 − α within 20 s). */
  initial?: Readonly<Record<string, readonly number[]>>;
}

export interface IsaIteration {
  iteration: number;
  /** Intervals whose staffing changed, and the largest change. */
  changed: number;
  maxChange: number;
  totalAgents: number;
}

export interface IsaResult {
  /** Productive agents per planning interval, per group. */
  productive: Record<string, number[]>;
  iterations: IsaIteration[];
  converged: boolean;
  /** Why the iteration stopped, in a sentence. */
  reason: string;
}

/**
 * The iterative staffing algorithm for a set of agent groups (the others keep their staffing).
 * L_g(t), the number in the system a group is sized from, counts the contacts in service with
 * its agents on duty (not those an agent is finishing past the end of its duty period: those
 * agents are leaving whatever the staffing says) plus the contacts waiting for the types whose
 * best skill tier it belongs to (split evenly across that tier). Chat conversations count as
 * 1/concurrency of an agent. Stops when no interval moves by more than one agent (converged: steps
 * of one are the sampling noise of the quantile, the tolerance of Feldman et al.; the plan is the
 * larger of the last two), when the staffing repeats: unchanged (converged), or equal
 * to an earlier iteration's — the iteration cycles through plans that sampling noise tells apart
 * (converged when they are at most one agent apart in every interval, the tolerance of Feldman
 * et al.), and the plan is their interval-by-interval maximum — or at the iteration limit (the
 * last plan), always with the reason.
 */
export function iterativeStaffing(s0: Scenario, options: IsaOptions): IsaResult {
  const alpha = options.delayProbability;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`the target probability of waiting must be between 0 and 1 (got ${alpha})`);
  const s = s0;
  const base = compileModel(s);
  const groups = options.groups.map((name) => {
    const gi = base.groups.findIndex((g) => g.name === name);
    if (gi < 0) throw new RangeError(`"${name}" is not an agent group of the scenario`);
    return gi;
  });
  const replications = options.replications ?? 20;
  const seed = options.seed ?? s.seed;
  const every = options.sampleSeconds ?? 60;
  const maxIterations = options.maxIterations ?? 25;
  const nT = base.types.length;
  const nG = base.groups.length;
  const shares = groups.map((g) => base.types.map((t) => bestTierShare(t, g)));
  let productive: Record<string, number[]> = Object.fromEntries(
    groups.map((g) => {
      const name = base.groups[g].name;
      const start = options.initial?.[name] ?? analyticRequirements(s, g, { serviceLevel: { level: 1 - alpha, thresholdSeconds: 20 } }).map((r) => r.erlangC);
      return [name, [...start]];
    }),
  );
  const key = (p: Record<string, number[]>) => JSON.stringify(p);
  const history: string[] = [key(productive)];
  const plans: Record<string, number[]>[] = [productive];
  const iterations: IsaIteration[] = [];
  let converged = false;
  let reason = `stopped at the limit of ${maxIterations} iterations; the plan is the last one`;
  for (let n = 1; n <= maxIterations; n++) {
    const m = compileModel(withProductiveStaffing(s, productive));
    // Samples of L_g(t) per planning interval, pooled over replications.
    const perInterval = groups.map(() => Array.from({ length: m.intervals }, () => [] as number[]));
    for (let r = 0; r < replications; r++) {
      const sm = simulate(m, streams(seed).fork(r), r, { sampleSeconds: every }).samples!;
      const count = sm.waiting.length / nT;
      for (let k = 0; k < count; k++) {
        const i = Math.min(m.intervals - 1, Math.floor((k * every) / m.intervalSeconds));
        groups.forEach((g, j) => {
          let waiting = 0;
          for (let t = 0; t < nT; t++) if (shares[j][t] > 0) waiting += sm.waiting[k * nT + t] * shares[j][t];
          perInterval[j][i].push(sm.serving[k * nG + g] / m.groups[g].maxConcurrent + waiting);
        });
      }
    }
    let changed = 0;
    let maxChange = 0;
    let total = 0;
    const next: Record<string, number[]> = {};
    groups.forEach((g, j) => {
      const name = base.groups[g].name;
      next[name] = perInterval[j].map((samples, i) => {
        const v = quantileStaffing(samples, alpha);
        if (v !== productive[name][i]) {
          changed++;
          maxChange = Math.max(maxChange, Math.abs(v - productive[name][i]));
        }
        total += v;
        return v;
      });
    });
    iterations.push({ iteration: n, changed, maxChange, totalAgents: total });
    productive = next;
    const seen = history.indexOf(key(next));
    if (changed === 0) {
      converged = true;
      reason = `converged after ${n} iterations: the staffing no longer changes`;
      break;
    }
    if (maxChange <= 1) {
      // Steps of one agent are the sampling noise of the quantile: the tolerance of Feldman et al.
      const last = plans[plans.length - 1];
      productive = Object.fromEntries(Object.keys(next).map((name) => [name, next[name].map((v, i) => Math.max(v, last[name][i]))]));
      converged = true;
      reason = `converged within one agent per interval after ${n} iterations (${changed} intervals still moved by one); the plan is the larger of the last two in each interval`;
      break;
    }
    if (seen >= 0) {
      const cycle = plans.slice(seen);
      productive = Object.fromEntries(Object.keys(next).map((name) => [name, next[name].map((_, i) => Math.max(...cycle.map((p) => p[name][i])))]));
      // Plans a single agent apart in any interval are the same answer up to sampling noise (the
      // tolerance of Feldman et al.); a wider cycle is reported as not converged.
      const spread = Math.max(...Object.keys(next).flatMap((name) => next[name].map((_, i) => Math.max(...cycle.map((p) => p[name][i])) - Math.min(...cycle.map((p) => p[name][i])))));
      converged = spread <= 1;
      reason = converged
        ? `converged within one agent per interval after ${n} iterations: it alternates between ${cycle.length} plans that differ by sampling noise; the plan is their interval-by-interval maximum`
        : `stopped after ${n} iterations: it cycles between ${cycle.length} plans up to ${spread} agents apart in an interval; the plan is their interval-by-interval maximum`;
      break;
    }
    history.push(key(next));
    plans.push(next);
  }
  return { productive, iterations, converged, reason };
}
/** The least s with P(L ≥ s) ≤ α over the samples. */
export function quantileStaffing(samples: readonly number[], alpha: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const allowed = Math.floor(alpha * sorted.length);
  // At most `allowed` samples may be >= s: s must exceed the sample at rank n − allowed − 1.
  const k = sorted.length - allowed - 1;
  return k < 0 ? 0 : Math.floor(sorted[k]) + 1;
}

/** Mean service level per report interval, the worst over the given types (null where nothing was answered or abandoned). */
export function intervalServiceLevels(result: ExperimentResult, types: readonly string[]): (number | null)[] {
  const n = result.info.reportIntervals;
  return Array.from({ length: n }, (_, i) => {
    let worst: number | null = null;
    for (const t of types) {
      const v = result.intervals.types[t]?.serviceLevel?.[i]?.mean ?? null;
      if (v !== null && (worst === null || v < worst)) worst = v;
    }
    return worst;
  });
}
