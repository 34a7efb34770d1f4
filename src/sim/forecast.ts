/**
 * The forecast a planner (or a vendor staffing to contract) works from, per planning interval
 * and agent group: contacts reaching agents (after web deflection and IVR containment),
 * inflated for repeat contacts at steady state (1 / (1 − (1 − FCR) × repeat probability)), with
 * their talk, wrap-up and patience — and elastic staffing, which sizes a vendor from it.
 *
 * Which contacts reach a group: the best skill tier of a type takes them all (split evenly
 * among its groups). A lower tier takes a contact only when every agent of the tiers above is
 * busy, and an overflow group only once it has waited `afterWait`; their share is forecast from
 * the tiers above and their staffing by Erlang A: the arrivals that find everyone busy
 * (P(wait)) for a lower tier, and those not answered within `afterWait` (1 − SL(afterWait),
 * an upper bound on those still waiting then) for an overflow group.
 */
import type { AgentGroupSpec } from "../scenario/schema.js";
import { agentsForTargets, kpisFor, type QueueForecast } from "../models/targets.js";
import type { TypeModel } from "./model.js";
import { containmentIn, handleFactorIn } from "./profiles.js";

/** How a group works: what the forecast of its load needs to know. */
export interface GroupTraits {
  handleTimeFactor: number;
  concurrency: number;
  slowdown: number;
  fcr: number | null;
}

export function traitsOf(g: AgentGroupSpec): GroupTraits {
  return { handleTimeFactor: g.handleTimeFactor, concurrency: g.concurrency.max, slowdown: g.concurrency.slowdown, fcr: g.fcr ?? null };
}

/** Contacts of one type reaching agents per second in interval i (repeats included). */
export function contactRate(t: TypeModel, i: number, fcrOverride: number | null = null): number {
  const fcr = fcrOverride ?? t.fcr;
  const repeats = 1 / (1 - Math.min(0.95, (1 - fcr) * t.repeatProbability));
  return t.arrivals.ratePerInterval[i] * (1 - t.deflection) * (1 - containmentIn(t, i)) * repeats;
}

/** A mix of contact types as one forecast in planning interval i: rates add, the rest are rate-weighted means. */
export function pooledForecast(parts: readonly { rate: number; t: TypeModel }[], g: GroupTraits, i: number): QueueForecast {
  let rate = 0;
  let talk = 0;
  let wrap = 0;
  let patience = 0;
  let finite = true;
  let concurrent = false;
  for (const { rate: r, t } of parts) {
    if (r <= 0) continue;
    rate += r;
    talk += r * (t.handle.mean * handleFactorIn(t, i) + (t.ivr?.failedExtra?.mean ?? 0)) * g.handleTimeFactor;
    wrap += r * t.wrapUp.mean;
    if (t.patience) patience += r * t.patience.mean;
    else finite = false;
    concurrent ||= t.concurrent;
  }
  return {
    arrivalRate: rate,
    meanTalk: rate > 0 ? talk / rate : 0,
    meanWrap: rate > 0 ? wrap / rate : 0,
    meanPatience: finite && rate > 0 ? patience / rate : null,
    concurrency: concurrent ? g.concurrency : 1,
    slowdown: concurrent ? g.slowdown : 0,
  };
}

/** The share of type t's contacts the best tier gives group g (0 when g is not in it). */
export function bestTierShare(t: TypeModel, group: number): number {
  const k = Array.from(t.primaryGroups).indexOf(group);
  if (k < 0 || t.primaryPriority[k] !== t.primaryPriority[0]) return 0;
  return 1 / t.primaryPriority.filter((p) => p === t.primaryPriority[0]).length;
}

export interface SpillContext {
  types: readonly TypeModel[];
  traits: readonly GroupTraits[];
  /** Productive agents of each group per planning interval, or null where not known. */
  productive: (group: number) => ArrayLike<number> | null;
}

/**
 * Contacts per second that reach `group` from tiers above it or by overflow, per type, in interval
 * i: for each type the group serves below its best tier, the rate the tiers above leave to it.
 */
export function spillRates(ctx: SpillContext, group: number, i: number, overflow: readonly { type: number; afterWait: number }[]): { t: TypeModel; rate: number }[] {
  const out: { t: TypeModel; rate: number }[] = [];
  ctx.types.forEach((t) => {
    const groups = Array.from(t.primaryGroups);
    const k = groups.indexOf(group);
    const rule = overflow.find((o) => o.type === t.index);
    const lowerTier = k >= 0 && t.primaryPriority[k] !== t.primaryPriority[0];
    if (!lowerTier && (k >= 0 || !rule)) return;
    // The tiers above: every primary group strictly better than this one (all of them for overflow).
    const above = groups.filter((_, j) => (lowerTier ? t.primaryPriority[j] < t.primaryPriority[k] : true) && groups[j] !== group);
    const lambda = contactRate(t, i);
    if (lambda <= 0) return;
    let agents = 0;
    let known = true;
    for (const a of above) {
      const p = ctx.productive(a);
      if (!p) known = false;
      else agents += p[i] ?? 0;
    }
    // What the tiers above serve: this type plus their own best-tier load, pooled.
    const parts = above.flatMap((a) => ctx.types.map((u) => ({ t: u, rate: contactRate(u, i) * (u.index === t.index ? 1 / above.length : bestTierShare(u, a)) })));
    const f = pooledForecast(parts, ctx.traits[above[0]] ?? ctx.traits[group], i);
    const threshold = lowerTier ? 0 : rule!.afterWait;
    const k0 = known && above.length > 0 ? kpisFor(f, Math.round(agents), threshold) : null;
    // 1 − SL(0) is P(wait) for a lower tier; unknown or unstable staffing above: all of it may come here.
    const left = k0 === null ? 1 : 1 - k0.serviceLevel;
    const tierSize = lowerTier ? t.primaryPriority.filter((p) => p === t.primaryPriority[k]).length : 1;
    out.push({ t, rate: (lambda * Math.min(1, Math.max(0, left))) / tierSize });
  });
  return out;
}

/**
 * Elastic staffing (a vendor staffing to its contract): for each interval, the fewest productive
 * agents that meet the service level for the load that reaches the group — its best-tier skills,
 * plus what lower-tier skills and overflow rules bring (see the module comment) — by Erlang C or
 * A, with chat concurrency and slowdown; scheduled = ⌈productive / (1 − shrinkage)⌉.
 */
export function elasticStaffing(ctx: SpillContext & { intervals: number }, group: number, g: AgentGroupSpec, overflow: readonly { type: number; afterWait: number }[]): number[] {
  const e = g.staffing.elastic!;
  const traits = traitsOf(g);
  return Array.from({ length: ctx.intervals }, (_, i) => {
    const parts = [
      ...ctx.types.map((t) => ({ t, rate: contactRate(t, i, traits.fcr) * bestTierShare(t, group) })),
      ...spillRates(ctx, group, i, overflow),
    ];
    const f = pooledForecast(parts, traits, i);
    if (f.arrivalRate <= 0) return 0;
    const forecast = e.model === "erlangA" ? f : { ...f, meanPatience: null };
    const productive = agentsForTargets(forecast, { serviceLevel: { level: e.serviceLevel, thresholdSeconds: e.thresholdSeconds } });
    return Math.ceil(productive / (1 - g.shrinkage) - 1e-9);
  });
}
