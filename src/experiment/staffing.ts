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
import { agentsForServiceLevel } from "../models/erlang.js";
import { compileModel, forecastLoads, type RunModel } from "../sim/model.js";
import { simulate } from "../sim/engine.js";
import { streams } from "../sim/random.js";
import { runScenario, type ExperimentResult } from "./replicate.js";

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

/** The group's forecast per planning interval: arrival rate, mean work per contact, mean patience. */
export interface IntervalLoad {
  interval: number;
  start: number;
  arrivalRate: number;
  meanHandle: number;
  /** Mean patience, or null when some contact never abandons. */
  meanPatience: number | null;
  load: number;
}

/** Load offered to a group (see `forecastLoads`: repeats included, best skill tier only). */
export function groupLoads(m: RunModel, group: number): IntervalLoad[] {
  const g = m.groups[group];
  return forecastLoads(m.types, group, g.handleTimeFactor, g.maxConcurrent, g.fcr, m.intervals).map((l, i) => ({
    interval: i,
    start: i * m.intervalSeconds,
    ...l,
    load: l.arrivalRate * l.meanHandle,
  }));
}

export interface AnalyticRequirement extends IntervalLoad {
  /** Productive agents by Erlang C and Erlang A (null without finite patience). */
  erlangC: number;
  erlangA: number | null;
}

export function analyticRequirements(m: RunModel, group: number, target: ServiceTarget): AnalyticRequirement[] {
  return groupLoads(m, group).map((l) => {
    const base = { arrivalRate: l.arrivalRate, meanHandle: l.meanHandle, targetSeconds: target.thresholdSeconds, serviceLevel: target.serviceLevel };
    return {
      ...l,
      erlangC: l.arrivalRate > 0 ? agentsForServiceLevel({ ...base, model: "erlangC" }) : 0,
      erlangA: l.meanPatience !== null && l.arrivalRate > 0 ? agentsForServiceLevel({ ...base, model: "erlangA", meanPatience: l.meanPatience }) : l.arrivalRate > 0 ? null : 0,
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
  group: string;
  /** Target probability of waiting, α. */
  delayProbability: number;
  replications?: number;
  seed?: number;
  sampleSeconds?: number;
  maxIterations?: number;
  /** Start from this productive staffing (default: Erlang C at 1 − α within 20 s). */
  initial?: readonly number[];
}

export interface IsaIteration {
  iteration: number;
  /** Intervals whose staffing changed, and the largest change. */
  changed: number;
  maxChange: number;
  totalAgents: number;
}

export interface IsaResult {
  productive: number[];
  scheduled: number[];
  iterations: IsaIteration[];
  converged: boolean;
}

/** The iterative staffing algorithm for one agent group (the others keep their staffing). */
export function iterativeStaffing(s: Scenario, options: IsaOptions): IsaResult {
  const alpha = options.delayProbability;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`the target probability of waiting must be between 0 and 1 (got ${alpha})`);
  const base = compileModel(s);
  const group = base.groups.findIndex((g) => g.name === options.group);
  if (group < 0) throw new RangeError(`"${options.group}" is not an agent group of the scenario`);
  const shrinkage = base.groups[group].shrinkage;
  const replications = options.replications ?? 20;
  const seed = options.seed ?? s.seed;
  const every = options.sampleSeconds ?? 60;
  const maxIterations = options.maxIterations ?? 25;
  const types = base.types.filter((t) => t.primaryGroups.includes(group)).map((t) => t.index);
  const concurrency = base.groups[group].maxConcurrent;
  let productive = options.initial
    ? [...options.initial]
    : analyticRequirements(base, group, { serviceLevel: 1 - alpha, thresholdSeconds: 20 }).map((r) => r.erlangC);
  const iterations: IsaIteration[] = [];
  let converged = false;
  for (let n = 1; n <= maxIterations && !converged; n++) {
    const m = compileModel(withStaffing(s, options.group, productive.map((p) => scheduledFor(p, shrinkage))));
    // Samples of L(t) per planning interval, pooled over replications.
    const perInterval: number[][] = Array.from({ length: m.intervals }, () => []);
    for (let r = 0; r < replications; r++) {
      const stats = simulate(m, streams(seed).fork(r), r, { sampleSeconds: every });
      const sm = stats.samples!;
      const nT = m.types.length;
      const nG = m.groups.length;
      const count = sm.waiting.length / nT;
      for (let k = 0; k < count; k++) {
        let waiting = 0;
        for (const t of types) waiting += sm.waiting[k * nT + t];
        const inSystem = sm.serving[k * nG + group] / concurrency + waiting;
        const i = Math.min(m.intervals - 1, Math.floor((k * every) / m.intervalSeconds));
        perInterval[i].push(inSystem);
      }
    }
    const next = perInterval.map((samples) => quantileStaffing(samples, alpha));
    let changed = 0;
    let maxChange = 0;
    next.forEach((v, i) => {
      if (v !== productive[i]) {
        changed++;
        maxChange = Math.max(maxChange, Math.abs(v - productive[i]));
      }
    });
    iterations.push({ iteration: n, changed, maxChange, totalAgents: next.reduce((a, b) => a + b, 0) });
    converged = changed === 0;
    productive = next;
  }
  return { productive, scheduled: productive.map((p) => scheduledFor(p, shrinkage)), iterations, converged };
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

export interface TrimResult {
  productive: number[];
  removed: number;
  rounds: number;
}

/**
 * Lowers staffing where the simulation shows service clearly above target: each round tries one
 * agent fewer in every interval at least `margin` above target, keeps the cuts whose interval
 * stays on target, and stops when nothing more can go (a greedy heuristic on common random numbers).
 */
export function trimStaffing(s: Scenario, group: string, productive: readonly number[], target: ServiceTarget, options: { replications?: number; seed?: number; margin?: number; maxRounds?: number } = {}): TrimResult {
  const base = compileModel(s);
  const gi = base.groups.findIndex((g) => g.name === group);
  const shrinkage = base.groups[gi].shrinkage;
  const types = base.types.filter((t) => t.primaryGroups.includes(gi)).map((t) => t.name);
  const margin = options.margin ?? 0.01;
  const run = (plan: readonly number[]) =>
    intervalServiceLevels(runScenario(withStaffing(s, group, plan.map((p) => scheduledFor(p, shrinkage))), { replications: options.replications ?? 20, seed: options.seed }), types);
  let current = [...productive];
  let levels = run(current);
  let removed = 0;
  let rounds = 0;
  for (; rounds < (options.maxRounds ?? 6); rounds++) {
    const candidates = current.map((p, i) => (p > 0 && levels[i] !== null && levels[i]! >= target.serviceLevel + margin ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) break;
    const trial = [...current];
    for (const i of candidates) trial[i]--;
    const trialLevels = run(trial);
    let kept = 0;
    for (const i of candidates) {
      if (trialLevels[i] === null || trialLevels[i]! >= target.serviceLevel) kept++;
      else trial[i]++;
    }
    if (kept === 0) break;
    removed += kept;
    current = trial;
    levels = run(current);
  }
  return { productive: current, removed, rounds };
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
