/**
 * What `ccsim staff` computes, as a library call: per group and planning interval the productive
 * agents needed (Erlang C, Erlang A, and the plan — the formulas alone, corrected by simulation,
 * or the iterative staffing algorithm then corrected), shift plans at the fewest paid hours for
 * them, and the scenario staffed by those shifts, ready to simulate on fresh seeds.
 */
import type { Scenario } from "../scenario/schema.js";
import { planToShiftSpecs, scheduleShifts, type ShiftPlan, type ShiftSpecEntry, type ShiftTemplate } from "../models/scheduling.js";
import { DAYS, groupClockShift } from "../scenario/basics.js";
import { parseDuration } from "../scenario/schema.js";
import { compileModel } from "../sim/model.js";
import { planBySimulation, strictest, withTargetThresholds, type PlanIteration, type TypeTargets } from "./plan.js";
import { analyticRequirements, iterativeStaffing, scheduledFor } from "./staffing.js";

export type StaffMethod = "auto" | "erlangC" | "erlangA" | "simulation";

/** A planning failure the user can fix (bad method for the scenario, an impossible shift set). */
export class StaffPlanError extends Error {}

export interface Requirement {
  group: string;
  interval: number;
  start: number;
  load: number;
  erlangC: number;
  erlangA: number | null;
  /** The requirement the plan is built from (productive agents), and its scheduled headcount. */
  chosen: number;
  scheduled: number;
}

export interface StaffPlanOptions {
  /** Groups to plan (the others keep their staffing); each must not be elastic. */
  groups: readonly string[];
  targets: TypeTargets;
  method: StaffMethod;
  replications: number;
  seed: number;
  maxIterations?: number;
  templates: ShiftTemplate[];
  timeLimitSeconds?: number;
  onProgress?: (text: string) => void;
}

export interface StaffPlanResult {
  method: StaffMethod;
  requirements: Requirement[];
  /** The simulation correction (null for the formulas alone). */
  correction: { reason: string; iterations: number; converged: boolean; history: PlanIteration[]; isa?: { reason: string; iterations: number } } | null;
  plans: Record<string, { plan: ShiftPlan; shifts: ShiftSpecEntry[] }>;
  /** The scenario (with the targets' thresholds) staffed by the shift plans, reporting per planning interval. */
  staffed: Scenario;
}

/** Shift templates: each length starting at any interval, a lunch between 40% and 60% of shifts of six hours or more. */
export function shiftTemplates(intervalSeconds: number, lengths: readonly number[], lunch: number): ShiftTemplate[] {
  const starts = Array.from({ length: 86400 / intervalSeconds }, (_, i) => i * intervalSeconds);
  return lengths.map((length) => ({
    length,
    starts,
    breaks:
      length >= 6 * 3600 && lunch > 0
        ? [{ earliest: Math.floor((0.4 * length) / intervalSeconds) * intervalSeconds, latest: Math.ceil((0.6 * length) / intervalSeconds) * intervalSeconds, length: lunch }]
        : [],
  }));
}

export async function staffScenario(input: Scenario, o: StaffPlanOptions): Promise<StaffPlanResult> {
  const progress = o.onProgress ?? (() => {});
  const scenario = withTargetThresholds(input, o.targets);
  const model = compileModel(scenario);
  const { groups, targets, method, replications, seed } = o;
  const gi = (g: string) => model.groups.findIndex((x) => x.name === g);
  const groupTargets = (g: string) => strictest(model.groups[gi(g)].skills.map((k) => targets[model.types[k.type].name] ?? {}));
  const analytic = Object.fromEntries(groups.map((g) => [g, analyticRequirements(scenario, gi(g), groupTargets(g))]));
  if (method === "erlangA") {
    for (const g of groups) {
      if (analytic[g].some((r) => r.load > 0 && r.erlangA === null)) throw new StaffPlanError(`--method erlangA needs a finite patience for every contact type of "${g}"; use erlangC, auto or simulation`);
    }
  }

  let chosen: Record<string, number[]>;
  let correction: StaffPlanResult["correction"] = null;
  if (method === "erlangC" || method === "erlangA") {
    chosen = Object.fromEntries(groups.map((g) => [g, analytic[g].map((r) => (method === "erlangA" ? (r.erlangA ?? 0) : r.erlangC))]));
  } else {
    let initial: Record<string, number[]> | undefined;
    let isa: { reason: string; iterations: number } | undefined;
    if (method === "simulation") {
      const alpha = 1 - Math.max(...Object.values(targets).map((t) => t.serviceLevel?.level ?? 0.8));
      progress(`iterative staffing algorithm (probability of waiting ${Math.round(alpha * 100)}%) for ${groups.join(", ")}, ${replications} replications per iteration…`);
      const result = iterativeStaffing(scenario, { groups, delayProbability: Math.max(0.01, alpha), replications, seed, maxIterations: o.maxIterations });
      progress(result.reason);
      initial = result.productive;
      isa = { reason: result.reason, iterations: result.iterations.length };
    }
    progress(`correcting ${groups.join(", ")} by simulation (${replications} replications per iteration)…`);
    const outcome = planBySimulation(scenario, {
      groups,
      targets,
      replications,
      seed,
      initial,
      maxIterations: o.maxIterations,
      onIteration: (it) => progress(`iteration ${it.iteration}: ${it.missing} type-intervals below target, +${it.added} −${it.removed} agent-intervals, ${it.agentHours.toFixed(1)} productive agent-hours`),
    });
    progress(outcome.reason);
    chosen = outcome.productive;
    correction = { reason: outcome.reason, iterations: outcome.iterations.length, converged: outcome.converged, history: outcome.iterations, isa };
  }

  const requirements: Requirement[] = groups.flatMap((g) =>
    analytic[g].map((r, i) => ({ group: g, interval: i, start: r.start, load: r.load, erlangC: r.erlangC, erlangA: r.erlangA, chosen: chosen[g][i], scheduled: scheduledFor(chosen[g][i], model.groups[gi(g)].shrinkage) })),
  );

  const plans: StaffPlanResult["plans"] = {};
  const interval = scenario.intervalMinutes * 60;
  const horizonDays = Math.round((model.intervals * interval) / 86400);
  for (const g of groups) {
    progress(`planning shifts for "${g}" at the fewest paid hours…`);
    let plan: ShiftPlan;
    try {
      plan = await scheduleShifts({
        required: [...chosen[g]],
        intervalSeconds: interval,
        startDay: model.startDay,
        templates: o.templates,
        shrinkage: model.groups[gi(g)].shrinkage,
        cyclic: horizonDays === 7,
        timeLimitSeconds: o.timeLimitSeconds ?? 20,
      });
    } catch (e) {
      throw new StaffPlanError(`shift planning failed: ${(e as Error).message}`);
    }
    plans[g] = { plan, shifts: onSiteClock(planToShiftSpecs(plan), groupClockShift(scenario, g)) };
  }
  const agentGroups = { ...scenario.agentGroups };
  for (const g of groups) agentGroups[g] = { ...agentGroups[g], staffing: { shifts: validatedShifts(plans[g].shifts) } };
  const staffed: Scenario = { ...scenario, agentGroups, reportIntervalMinutes: scenario.intervalMinutes };
  return { method, requirements, correction, plans, staffed };
}

/**
 * Shifts are planned on the center's clock; a scenario's shifts start on the site's clock: move
 * each start by the clock difference, and its days with it when that crosses midnight.
 */
function onSiteClock(entries: ShiftSpecEntry[], shift: number): ShiftSpecEntry[] {
  if (shift === 0) return entries;
  return entries.map((e) => {
    const [h, m] = e.start.split(":").map(Number);
    const local = h * 3600 + m * 60 + shift;
    const dayMove = Math.floor(local / 86400);
    const t = local - dayMove * 86400;
    const clock = `${String(Math.floor(t / 3600)).padStart(2, "0")}:${String(Math.floor((t % 3600) / 60)).padStart(2, "0")}`;
    const days = e.days.map((d) => DAYS[(((DAYS.indexOf(d) + dayMove) % 7) + 7) % 7]);
    return { ...e, start: clock, days: DAYS.filter((d) => days.includes(d)) };
  });
}

/** Shift entries in the validated form the simulator reads (seconds). */
function validatedShifts(shifts: readonly ShiftSpecEntry[]): NonNullable<Scenario["agentGroups"][string]["staffing"]["shifts"]> {
  const seconds = (v: string | number) => parseDuration(v)!;
  return shifts.map((e) => {
    const [h, m] = e.start.split(":").map(Number);
    return { start: h * 3600 + m * 60, length: seconds(e.length), days: e.days, count: e.count, breaks: e.breaks.map((b) => ({ after: seconds(b.after), length: seconds(b.length) })) };
  });
}
