/**
 * Staffing every agent group of a scenario at once, confirmed by simulation.
 *
 * Start: per group and planning interval, the fewest productive agents that meet the targets by
 * Erlang A (Erlang C without abandonment) for the load the group's best skill tier brings, plus
 * what overflow rules and lower tiers bring to groups that have no best-tier work (see
 * sim/forecast.ts; chat on the slot model with slowdown of models/targets.ts).
 *
 * Correction: simulate the scenario with that productive staffing (every replication on the same
 * random numbers in every iteration, so changes are not noise), measure each contact type's KPIs
 * per interval from the pooled counts, and
 * - where a type misses a target, add agents in that interval to the planned group that serves
 *   it first (its best tier with a planned group, else its overflow groups; the busiest of them);
 *   repeated misses double the step;
 * - where every type a group serves meets its targets with room — the drop Erlang A predicts for
 *   one agent fewer still leaves the simulated KPI on target — try one agent fewer; a trial that
 *   makes a type miss is undone and that (group, interval) is not tried again.
 * It stops when an iteration neither misses nor has anything left to try (converged), or at the
 * iteration limit with the cheapest plan that met every target in simulation (or the last plan,
 * saying so). Routing, overflow, abandonment, redials, callbacks and the backlog carried between
 * intervals all come from the simulation, which is why this is honest for multi-skill centers and
 * time-varying days where the per-interval formulas are not.
 */
import type { Scenario } from "../scenario/schema.js";
import { agentsForTargets, kpisFor, type QueueForecast, type StaffingTargets } from "../models/targets.js";
import { bestTierShare, contactRate, pooledForecast, spillRates, traitsOf, type SpillContext } from "../sim/forecast.js";
import { DAYS, groupClockShift } from "../scenario/basics.js";
import { compileModel, type RunModel } from "../sim/model.js";
import { simulate } from "../sim/engine.js";
import { streams } from "../sim/random.js";
import { G, N_GROUP, N_TYPE, T } from "../sim/stats.js";

/** Targets per contact type (by name). */
export type TypeTargets = Record<string, StaffingTargets>;

/** The scenario with the planned groups staffed per planning interval by productive agents (no shrinkage: it is applied when scheduling). */
export function withProductiveStaffing(s: Scenario, plan: Readonly<Record<string, readonly number[]>>): Scenario {
  const agentGroups = { ...s.agentGroups };
  for (const [name, productive] of Object.entries(plan)) agentGroups[name] = { ...agentGroups[name], shrinkage: 0, staffing: { perInterval: onSiteClock(s, name, productive) } };
  return { ...s, reportIntervalMinutes: s.intervalMinutes, agentGroups };
}

/**
 * A plan per interval of the horizon (center's clock) as the `perInterval` pattern the model
 * reads: a day or a week of values is read on the group's site clock, so for a site in another
 * time zone the plan is laid out at the site's local slots (a shift by whole intervals). A plan
 * of any other length is read on the center's clock as it is.
 */
function onSiteClock(s: Scenario, group: string, plan: readonly number[]): number[] {
  const I = s.intervalMinutes * 60;
  const perDay = 86400 / I;
  const shift = groupClockShift(s, group);
  if (shift === 0 || (plan.length !== perDay && plan.length !== 7 * perDay)) return [...plan];
  if (shift % I !== 0) {
    // Not a whole number of intervals: one value more than the horizon is read on the center's clock.
    return [...plan, 0];
  }
  const startDay = DAYS.indexOf(s.startDay);
  const out = new Array<number>(plan.length).fill(0);
  plan.forEach((v, i) => {
    const local = i * I + shift;
    const localDay = Math.floor(local / 86400);
    const slot = Math.floor((local - localDay * 86400) / I);
    out[plan.length === perDay ? slot : (((startDay + localDay) % 7) + 7) % 7 * perDay + slot] = v;
  });
  return out;
}

/** The scenario measuring each type's service level against its target's threshold. */
export function withTargetThresholds(s: Scenario, targets: TypeTargets): Scenario {
  const contactTypes = { ...s.contactTypes };
  for (const [name, t] of Object.entries(targets)) {
    if (t.serviceLevel) contactTypes[name] = { ...contactTypes[name], serviceLevel: { thresholdSeconds: t.serviceLevel.thresholdSeconds, target: t.serviceLevel.level } };
  }
  return { ...s, contactTypes };
}

/** A group's analytic forecast per planning interval: its best-tier load, plus what overflow rules bring, plus lower-tier spill when it has no best-tier work (a backup group). */
export function groupForecasts(m: RunModel, s: Scenario, group: number, productive: (g: number) => ArrayLike<number> | null): QueueForecast[] {
  const names = m.groups.map((g) => g.name);
  const traits = names.map((n) => traitsOf(s.agentGroups[n]));
  const ctx: SpillContext = { types: m.types, traits, productive };
  const overflow = s.routing.overflow.filter((o) => o.to === names[group]).map((o) => ({ type: m.types.findIndex((t) => t.name === o.type), afterWait: o.afterWait }));
  return Array.from({ length: m.intervals }, (_, i) => {
    const best = m.types.map((t) => ({ t, rate: contactRate(t, i, traits[group].fcr) * bestTierShare(t, group) }));
    const own = best.some((p) => p.rate > 0);
    const spill = spillRates(ctx, group, i, overflow).filter((p) => !own || overflow.some((o) => o.type === p.t.index));
    return pooledForecast([...best, ...spill], traits[group], i);
  });
}

/** The strictest of several types' targets: the highest level with the shortest threshold, the lowest caps. */
export function strictest(targets: readonly StaffingTargets[]): StaffingTargets {
  const out: StaffingTargets = {};
  for (const t of targets) {
    if (t.serviceLevel) {
      out.serviceLevel = out.serviceLevel
        ? { level: Math.max(out.serviceLevel.level, t.serviceLevel.level), thresholdSeconds: Math.min(out.serviceLevel.thresholdSeconds, t.serviceLevel.thresholdSeconds) }
        : { ...t.serviceLevel };
    }
    if (t.asa !== undefined) out.asa = Math.min(out.asa ?? Infinity, t.asa);
    if (t.abandonment !== undefined) out.abandonment = Math.min(out.abandonment ?? Infinity, t.abandonment);
    if (t.occupancy !== undefined) out.occupancy = Math.min(out.occupancy ?? Infinity, t.occupancy);
  }
  return out;
}

/** The types a group serves in any way (skills and overflow). */
function servedTypes(m: RunModel, group: number): number[] {
  return m.groups[group].skills.map((k) => k.type);
}

/** Per group (by name), productive agents per planning interval by Erlang A/C for the targets of the types it serves. */
export function analyticPlan(s: Scenario, groups: readonly string[], targets: TypeTargets): Record<string, number[]> {
  const m = compileModel(s);
  const out: Record<string, number[]> = {};
  const indices = groups.map((name) => m.groups.findIndex((g) => g.name === name));
  // Best tiers first; then groups sized from what the others leave, with the others' plans known.
  const known = new Map<number, number[]>();
  const productive = (g: number): ArrayLike<number> | null => known.get(g) ?? fixedProductive(m, g, indices);
  for (const pass of [0, 1]) {
    for (const gi of indices) {
      const forecasts = groupForecasts(m, s, gi, pass === 0 ? () => null : productive);
      const t = strictest(servedTypes(m, gi).map((ti) => targets[m.types[ti].name] ?? {}));
      const plan = forecasts.map((f) => (f.arrivalRate > 0 && hasTarget(t) ? agentsForTargets(f, t) : 0));
      if (pass === 0) known.set(gi, plan);
      else out[m.groups[gi].name] = plan;
    }
  }
  return out;
}

const hasTarget = (t: StaffingTargets) => t.serviceLevel !== undefined || t.asa !== undefined || t.abandonment !== undefined || t.occupancy !== undefined;

/** Productive agents per planning interval of a group the planner does not change (null for planned ones). */
function fixedProductive(m: RunModel, g: number, planned: readonly number[]): Float64Array | null {
  if (planned.includes(g)) return null;
  const out = new Float64Array(m.intervals);
  const I = m.intervalSeconds;
  for (const periods of m.groups[g].agents) {
    for (const p of periods) {
      for (let i = Math.floor(p.start / I); i < m.intervals && i * I < p.end; i++) out[i] += (Math.min(p.end, (i + 1) * I) - Math.max(p.start, i * I)) / I;
    }
  }
  return out;
}

/** Pooled counts of one simulated plan: per (interval, type) and (interval, group). */
interface Measured {
  reached: Float64Array;
  within: Float64Array;
  abandoned: Float64Array;
  answered: Float64Array;
  waitAnswered: Float64Array;
  busy: Float64Array;
  staffed: Float64Array;
  /** Standard errors of the replication means of each KPI (0 with fewer than two replications with data). */
  seServiceLevel: Float64Array;
  seAsa: Float64Array;
  seAbandonment: Float64Array;
  seOccupancy: Float64Array;
}

/**
 * The simulated KPI must clear a target by this many standard errors of its estimate: a plan
 * chosen because it just passes on the planning seeds is otherwise below target about as often
 * as not on fresh ones (selection on noise).
 */
const MARGIN = 0.5;
/**
 * An agent is taken away only on stronger evidence: the KPI must stay on target by this many
 * standard errors after the drop Erlang A predicts. Cuts decided on the same random numbers
 * they are then checked on follow that sample's luck, interval by interval, so the bar is higher
 * than for adding.
 */
const CUT_MARGIN = 1.5;

/** Running sums of one KPI's per-replication values, for the standard error of their mean. */
class Spread {
  readonly n: Float64Array;
  readonly sum: Float64Array;
  readonly sq: Float64Array;
  constructor(size: number) {
    this.n = new Float64Array(size);
    this.sum = new Float64Array(size);
    this.sq = new Float64Array(size);
  }
  add(j: number, v: number): void {
    this.n[j]++;
    this.sum[j] += v;
    this.sq[j] += v * v;
  }
  se(): Float64Array {
    return this.n.map((n, j) => (n < 2 ? 0 : Math.sqrt(Math.max(0, (this.sq[j] - (this.sum[j] * this.sum[j]) / n) / (n - 1)) / n)));
  }
}

function measure(s: Scenario, replications: number, seed: number): { m: RunModel; k: Measured } {
  const m = compileModel(s);
  const nT = m.types.length;
  const nG = m.groups.length;
  const n = m.reportIntervals;
  const k: Measured = {
    reached: new Float64Array(n * nT),
    within: new Float64Array(n * nT),
    abandoned: new Float64Array(n * nT),
    answered: new Float64Array(n * nT),
    waitAnswered: new Float64Array(n * nT),
    busy: new Float64Array(n * nG),
    staffed: new Float64Array(n * nG),
    seServiceLevel: new Float64Array(0),
    seAsa: new Float64Array(0),
    seAbandonment: new Float64Array(0),
    seOccupancy: new Float64Array(0),
  };
  const sl = new Spread(n * nT);
  const asa = new Spread(n * nT);
  const ab = new Spread(n * nT);
  const occ = new Spread(n * nG);
  const root = streams(seed);
  for (let r = 0; r < replications; r++) {
    const st = simulate(m, root.fork(r), r);
    for (let j = 0; j < n * nT; j++) {
      const b = j * N_TYPE;
      const answered = st.typeCounters[b + T.answered];
      const abandoned = st.typeCounters[b + T.abandoned];
      k.reached[j] += answered + abandoned;
      k.answered[j] += answered;
      k.abandoned[j] += abandoned;
      k.within[j] += st.typeCounters[b + T.answeredWithin];
      k.waitAnswered[j] += st.typeCounters[b + T.waitAnswered];
      if (answered + abandoned > 0) {
        sl.add(j, st.typeCounters[b + T.answeredWithin] / (answered + abandoned));
        ab.add(j, abandoned / (answered + abandoned));
      }
      if (answered > 0) asa.add(j, st.typeCounters[b + T.waitAnswered] / answered);
    }
    for (let j = 0; j < n * nG; j++) {
      const staffed = st.groupCounters[j * N_GROUP + G.staffed];
      k.busy[j] += st.groupCounters[j * N_GROUP + G.busy];
      k.staffed[j] += staffed;
      if (staffed > 0) occ.add(j, st.groupCounters[j * N_GROUP + G.busy] / staffed);
    }
  }
  k.seServiceLevel = sl.se();
  k.seAsa = asa.se();
  k.seAbandonment = ab.se();
  k.seOccupancy = occ.se();
  return { m, k };
}

/** How far a type's interval KPIs fall short of its targets, as a share of the target (0 when met). */
function shortfall(k: Measured, j: number, t: StaffingTargets): number {
  const reached = k.reached[j];
  if (reached <= 0) return 0;
  let worst = 0;
  if (t.serviceLevel) worst = Math.max(worst, (t.serviceLevel.level + MARGIN * k.seServiceLevel[j] - k.within[j] / reached) / t.serviceLevel.level);
  if (t.asa !== undefined && k.answered[j] > 0) worst = Math.max(worst, (k.waitAnswered[j] / k.answered[j] + MARGIN * k.seAsa[j] - t.asa) / Math.max(1, t.asa));
  if (t.abandonment !== undefined) worst = Math.max(worst, (k.abandoned[j] / reached + MARGIN * k.seAbandonment[j] - t.abandonment) / Math.max(0.01, t.abandonment));
  return worst > 1e-12 ? worst : 0;
}

/** The KPI headroom left after the drop `drop` (Erlang A's change for one agent fewer): true when every target still holds. */
function roomFor(k: Measured, j: number, t: StaffingTargets, drop: { serviceLevel: number; asa: number; abandonment: number }): boolean {
  const reached = k.reached[j];
  if (reached <= 0) return true;
  if (t.serviceLevel && k.within[j] / reached - drop.serviceLevel - CUT_MARGIN * k.seServiceLevel[j] < t.serviceLevel.level) return false;
  if (t.asa !== undefined && k.answered[j] > 0 && k.waitAnswered[j] / k.answered[j] + drop.asa + CUT_MARGIN * k.seAsa[j] > t.asa) return false;
  if (t.abandonment !== undefined && k.abandoned[j] / reached + drop.abandonment + CUT_MARGIN * k.seAbandonment[j] > t.abandonment) return false;
  return true;
}

export interface PlanIteration {
  iteration: number;
  /** (type, interval) pairs below a target. */
  missing: number;
  added: number;
  removed: number;
  /** Productive agent-hours of the plan simulated in this iteration. */
  agentHours: number;
}

export interface PlanOptions {
  groups: readonly string[];
  targets: TypeTargets;
  replications: number;
  seed: number;
  maxIterations?: number;
  /** Productive staffing to start from (default: analyticPlan). */
  initial?: Readonly<Record<string, readonly number[]>>;
  onIteration?: (it: PlanIteration) => void;
}

export interface PlanOutcome {
  /** Productive agents per planning interval, per planned group. */
  productive: Record<string, number[]>;
  initial: Record<string, number[]>;
  iterations: PlanIteration[];
  converged: boolean;
  /** Why the correction stopped, in a sentence. */
  reason: string;
  /** (type, interval) pairs the returned plan misses in the planning simulation. */
  missing: number;
}

/** Plans every group in `groups` together by simulation-corrected Erlang A (see the module comment). */
export function planBySimulation(s0: Scenario, options: PlanOptions): PlanOutcome {
  const s = withTargetThresholds(s0, options.targets);
  const base = compileModel(s);
  const nT = base.types.length;
  const nG = base.groups.length;
  const planned = options.groups.map((name) => {
    const gi = base.groups.findIndex((g) => g.name === name);
    if (gi < 0) throw new RangeError(`"${name}" is not an agent group of the scenario`);
    if (s.agentGroups[name].staffing.elastic) throw new RangeError(`"${name}" staffs itself (elastic staffing); plan the other groups`);
    return gi;
  });
  const initial = Object.fromEntries(Object.entries(options.initial ?? analyticPlan(s, options.groups, options.targets)).map(([k, v]) => [k, [...v]]));
  const plan: Record<string, number[]> = Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, [...v]]));
  const N = base.intervals;
  const hours = (p: Record<string, number[]>) => (Object.values(p).reduce((a, v) => a + v.reduce((x, y) => x + y, 0), 0) * base.intervalSeconds) / 3600;
  const typeTargets = base.types.map((t) => options.targets[t.name] ?? {});
  // Who answers for a type's misses: the planned groups of its best tier that has one, else its planned overflow groups.
  const responsible = base.types.map((t) => {
    const groups = Array.from(t.primaryGroups);
    for (const p of [...new Set(Array.from(t.primaryPriority))]) {
      const tier = groups.filter((g, j) => t.primaryPriority[j] === p && planned.includes(g));
      if (tier.length) return tier;
    }
    return t.overflow.map((o) => o.group).filter((g) => planned.includes(g));
  });
  // The Erlang A forecast of each planned group, to predict what one agent fewer costs.
  const forecasts = new Map(planned.map((gi) => [gi, groupForecasts(base, s, gi, () => null)]));
  const blocked = new Map(planned.map((gi) => [gi, new Uint8Array(N)]));
  // No group grows past three times its analytic peak (plus ten): misses that agents do not fix stay misses.
  const ceiling = new Map(planned.map((gi) => [gi, 3 * Math.max(0, ...(initial[base.groups[gi].name] ?? [0])) + 10]));
  const streak = new Map(planned.map((gi) => [gi, new Uint8Array(N)]));
  let trial = new Map<number, number[]>(); // (group → intervals) cut in the last iteration
  const iterations: PlanIteration[] = [];
  let best: { plan: Record<string, number[]>; hours: number } | null = null;
  let converged = false;
  let reason = "";
  let lastMissing = 0;
  const maxIterations = options.maxIterations ?? 30;
  for (let n = 1; n <= maxIterations; n++) {
    const { m, k } = measure(withProductiveStaffing(s, plan), options.replications, options.seed);
    const add = new Map(planned.map((gi) => [gi, new Int32Array(N)]));
    let missing = 0;
    for (let i = 0; i < N; i++) {
      for (let t = 0; t < nT; t++) {
        const gap = shortfall(k, i * nT + t, typeTargets[t]);
        if (gap === 0) continue;
        missing++;
        const owners = responsible[t];
        if (owners.length === 0) continue;
        // Undo a cut of the last iteration first; else the busiest owner takes more agents.
        const cut = planned.filter((g) => trial.get(g)?.includes(i) && servedTypes(m, g).includes(t));
        if (cut.length) {
          for (const g of cut) {
            add.get(g)![i] = Math.max(add.get(g)![i], 1);
            blocked.get(g)![i] = 1;
          }
          continue;
        }
        const occupancy = (g: number) => (k.staffed[i * nG + g] > 0 ? k.busy[i * nG + g] / k.staffed[i * nG + g] : 2);
        const g = owners.reduce((a, b) => (occupancy(b) > occupancy(a) ? b : a));
        const current = plan[m.groups[g].name][i];
        const st = streak.get(g)!;
        const step = Math.min(Math.max(1, Math.ceil(current * gap * 0.5), st[i] > 0 ? 2 ** Math.min(4, st[i]) : 1), Math.max(0, ceiling.get(g)! - current));
        if (step === 0) continue; // more agents of this group did not help (trunks, IVR ports, another group's queue…)
        add.get(g)![i] = Math.max(add.get(g)![i], step);
        blocked.get(g)![i] = 1;
      }
    }
    // An occupancy ceiling is a group's: add where the group's agents are busier than allowed.
    for (const g of planned) {
      const cap = strictest(servedTypes(m, g).map((t) => typeTargets[t])).occupancy;
      if (cap === undefined) continue;
      for (let i = 0; i < N; i++) {
        const staffed = k.staffed[i * nG + g];
        if (staffed > 0 && k.busy[i * nG + g] / staffed + MARGIN * k.seOccupancy[i * nG + g] > cap + 1e-12) {
          missing++;
          add.get(g)![i] = Math.max(add.get(g)![i], 1);
          blocked.get(g)![i] = 1;
        }
      }
    }
    lastMissing = missing;
    if (missing === 0 && (!best || hours(plan) < best.hours)) best = { plan: Object.fromEntries(Object.entries(plan).map(([a, v]) => [a, [...v]])), hours: hours(plan) };
    // Cuts: where every type the group serves has room for one agent fewer.
    const cuts = new Map<number, number[]>();
    for (const g of planned) {
      const name = m.groups[g].name;
      const f = forecasts.get(g)!;
      const served = servedTypes(m, g);
      const list: number[] = [];
      for (let i = 0; i < N; i++) {
        const now = plan[name][i];
        if (now <= 0 || blocked.get(g)![i] || add.get(g)![i] > 0) continue;
        if (served.some((t) => shortfall(k, i * nT + t, typeTargets[t]) > 0)) continue;
        const drop = predictedDrop(f[i], now, strictest(served.map((t) => typeTargets[t])));
        const cap = strictest(served.map((t) => typeTargets[t])).occupancy;
        const staffed = k.staffed[i * nG + g];
        const busierWith = (now: number) => (staffed > 0 ? (k.busy[i * nG + g] / staffed + CUT_MARGIN * k.seOccupancy[i * nG + g]) * (now / Math.max(1, now - 1)) : 0);
        if (cap !== undefined && busierWith(now) > cap) continue;
        if (served.every((t) => roomFor(k, i * nT + t, typeTargets[t], drop))) list.push(i);
      }
      if (list.length) cuts.set(g, list);
    }
    let added = 0;
    let removed = 0;
    const streakNext = new Map(planned.map((gi) => [gi, new Uint8Array(N)]));
    for (const g of planned) {
      const name = m.groups[g].name;
      const a = add.get(g)!;
      for (let i = 0; i < N; i++) {
        if (a[i] > 0) {
          plan[name][i] += a[i];
          added += a[i];
          streakNext.get(g)![i] = Math.min(250, streak.get(g)![i] + 1);
        }
      }
      for (const i of cuts.get(g) ?? []) {
        plan[name][i]--;
        removed++;
      }
    }
    for (const g of planned) streak.set(g, streakNext.get(g)!);
    trial = cuts;
    const it = { iteration: n, missing, added, removed, agentHours: hours(plan) };
    iterations.push(it);
    options.onIteration?.(it);
    if (added === 0 && removed === 0 && missing > 0) {
      reason = `stopped after ${n} iterations: ${missing} type-intervals miss a target that no planned group can fix (none serves them, or adding agents up to three times the analytic peak did not help)`;
      break;
    }
    if (added === 0 && removed === 0) {
      converged = true;
      reason = `converged after ${n} iterations: every type meets its targets in every interval with demand, and no agent can go`;
      break;
    }
  }
  let result = plan;
  if (!converged) {
    if (best) {
      result = best.plan;
      reason = `stopped at the limit of ${maxIterations} iterations; the plan is the cheapest that met every target in simulation (${best.hours.toFixed(1)} productive agent-hours)`;
      lastMissing = 0;
    } else reason = `stopped at the limit of ${maxIterations} iterations without meeting every target in simulation; the plan is the last tried`;
  }
  return { productive: result, initial, iterations, converged, reason, missing: lastMissing };
}

/** Erlang A's change in the KPIs for one agent fewer (0 for an empty forecast: the trial decides). */
function predictedDrop(f: QueueForecast | undefined, agents: number, t: StaffingTargets): { serviceLevel: number; asa: number; abandonment: number } {
  if (!f || f.arrivalRate <= 0 || agents <= 0) return { serviceLevel: 0, asa: 0, abandonment: 0 };
  const threshold = t.serviceLevel?.thresholdSeconds ?? 0;
  const now = kpisFor(f, agents, threshold);
  const fewer = kpisFor(f, agents - 1, threshold);
  if (!now) return { serviceLevel: 0, asa: 0, abandonment: 0 };
  if (!fewer) return { serviceLevel: 1, asa: Infinity, abandonment: 1 };
  return { serviceLevel: Math.max(0, now.serviceLevel - fewer.serviceLevel), asa: Math.max(0, fewer.asa - now.asa), abandonment: Math.max(0, fewer.abandonment - now.abandonment) };
}
