/**
 * Shift scheduling: turn a per-interval agent requirement into shifts at minimum paid hours.
 *
 * The model is the classic set-covering formulation of shift scheduling (Dantzig 1954,
 * "A comment on Edie's 'Traffic delays at toll booths'", Operations Research 2(3)): one integer
 * variable per shift variant — (day, start time, template, break placement) — counting the
 * agents who work it, and per interval the constraint
 *
 *     Σ_{variants on duty and not on break in interval i} x_v · (1 − shrinkage) ≥ required[i],
 *
 * minimising Σ costPerHour · paid hours · x_v. Solved with HiGHS (Huangfu & Hall 2018) compiled
 * to WebAssembly: first the LP relaxation (a lower bound, and rounded up an always-feasible plan),
 * then the MIP with a time limit, warm-started from that rounded plan.
 *
 * Modelling choices, kept deliberately simple:
 * - An agent counts in an interval only when on duty and not on break for the *whole* interval.
 *   With starts, lengths and breaks on interval boundaries this is exact; otherwise it is
 *   conservative (a 15-minute break in a 30-minute interval removes the agent for that interval,
 *   i.e. break lengths are rounded up to whole intervals for coverage).
 * - Breaks are placed at interval granularity: each break rule's candidate starts are the
 *   interval boundaries inside its window (the window's earliest offset if it holds none). When
 *   the product of candidates over a template's break rules exceeds `maxBreakVariants`, the grid
 *   is coarsened to every 2nd, 3rd… boundary until it fits (reported in `notes`).
 * - Intervals that no allowed shift can cover are left out of the model (their shortfall is the
 *   requirement) instead of being penalised by a big-M slack: the rest is then always feasible,
 *   since the variables have no upper bound, and the plan is optimal for everything coverable.
 * - Without `cyclic`, shifts are cut at the end of the horizon (still paid in full) and no shift
 *   starts before it; with `cyclic`, time past the end wraps to the start (a repeating week).
 * - Coverage is fractional (agents × (1 − shrinkage)), the expected productive headcount. The
 *   rows ask for ⌈required / (1 − shrinkage)⌉ scheduled agents, which is equivalent for integer
 *   plans and tightens the LP bound.
 *
 * Effort: without breaks each column covers consecutive intervals, the matrix is an interval
 * matrix (totally unimodular, for a non-cyclic horizon) and the LP optimum is already integral —
 * a week at 30-minute intervals solves in well under a second. Breaks destroy that structure; a
 * week with one or three break windows per shift then takes seconds, and large 24/7 cyclic
 * instances may stop at the time limit with a gap around 1% (reported in `gap`).
 */
import * as highsModule from "highs";
import type { Highs, InitOptions, Model } from "highs";
import { DAYS, type DayName } from "../scenario/schema.js";

export interface ShiftBreakRule {
  /** Earliest start of the break, in seconds after the shift start. */
  earliest: number;
  /** Latest start of the break, in seconds after the shift start. */
  latest: number;
  /** Break length in seconds (paid, not productive). */
  length: number;
}

export interface ShiftTemplate {
  /** Shift length in seconds (paid time, breaks included); at most a day. */
  length: number;
  /** Allowed start times of day in seconds since midnight, e.g. every 30 min from 06:00 to 14:00. */
  starts: number[];
  /** Paid, unproductive breaks: one break per rule, placed by the solver inside its window. Default none. */
  breaks?: ShiftBreakRule[];
  /** Days of the week this template may start on: 0 = Monday … 6 = Sunday. Default all. */
  days?: number[];
  /** Cost weight per paid hour (default 1), to prefer some shift lengths over others. */
  costPerHour?: number;
}

export interface ScheduleRequest {
  /** Productive agents required per interval, from `startDay` 00:00 on. */
  required: number[];
  /** Interval length in seconds: a divisor of a day (900, 1800, 3600…). */
  intervalSeconds: number;
  /** Day of week of required[0]: 0 = Monday (default) … 6 = Sunday. */
  startDay?: number;
  templates: ShiftTemplate[];
  /** Share of scheduled agents unavailable (absence etc.): coverage counts agents × (1 − shrinkage). Default 0. */
  shrinkage?: number;
  /** Time limit in seconds for the MIP search (default 20); the LP relaxation before it always completes. */
  timeLimitSeconds?: number;
  /** Shifts running past the end of the horizon wrap to its start (a repeating week) instead of being cut. Default false. */
  cyclic?: boolean;
  /** Most break placements per shift start before the break grid is coarsened (default 64). */
  maxBreakVariants?: number;
  /** Relative gap at which HiGHS stops and calls the plan optimal (default 1e-4). */
  mipGap?: number;
}

export interface PlannedShift {
  /** Day of the horizon the shift starts on (0 = the day of required[0]). */
  day: number;
  /** Day of week: 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Start time of day, seconds since midnight. */
  start: number;
  /** Paid length in seconds. */
  length: number;
  /** Agents on this shift. */
  count: number;
  /** Index of the template in the request. */
  template: number;
  /** Breaks, `after` seconds from the shift start. */
  breaks: { after: number; length: number }[];
}

export type ScheduleStatus = "optimal" | "feasible" | "infeasible" | "time-limit";

export interface ShiftPlan {
  shifts: PlannedShift[];
  /** Σ count × length / 3600. */
  paidHours: number;
  /** The objective: Σ count × costPerHour × length / 3600 (= paidHours when all weights are 1). */
  cost: number;
  /** Productive agents per interval under the plan: on duty, not on break, × (1 − shrinkage). */
  coverage: number[];
  /** max(0, required − coverage) per interval. */
  shortfall: number[];
  /** Intervals with a requirement that no allowed shift can cover (the cause of "infeasible"). */
  uncovered: number[];
  /**
   * "optimal": proven optimal within the relative gap tolerance `mipGap` (1e-4); "time-limit": the
   * time limit stopped the search, the plan is the best found; "feasible": stopped otherwise
   * (or the MIP failed) with a feasible plan; "infeasible": some intervals are uncoverable, the
   * plan covers all the others at least cost.
   */
  status: ScheduleStatus;
  /** Relative optimality gap (cost − lowerBound) / cost, 0 below 1e-9 (float noise) and for an empty plan. */
  gap: number;
  /** Proven lower bound on `cost` (the MIP's best bound, at least the LP relaxation's). */
  lowerBound: number;
  method: string;
  /** Size of the model handed to HiGHS. */
  size: { variables: number; constraints: number };
  /** Human-readable remarks: coarsened break grids, uncoverable intervals, solver fallbacks. */
  notes: string[];
}

/** A `shifts` entry of a ccsim scenario (agentGroups.*.staffing.shifts). */
export interface ShiftSpecEntry {
  start: string;
  length: string | number;
  days: DayName[];
  count: number;
  breaks: { after: string | number; length: string | number }[];
}

const DAY = 86400;
const METHOD = "HiGHS MIP (set covering, Dantzig 1954)";
const EPS = 1e-9;
/** Most scheduled agents per interval (see validateRequest). */
const MAX_SCHEDULED = 1e15;

// ---- the solver module --------------------------------------------------------------------------

type HighsLoader = (options?: InitOptions) => Promise<Highs>;
// The package's declarations are CommonJS-flavoured while Node and Vite load its ES build, so the
// default export arrives either as the loader itself or wrapped once; accept both.
const highsExport = (highsModule as unknown as { default: HighsLoader | { default: HighsLoader } }).default;
const loadHighsRuntime: HighsLoader = typeof highsExport === "function" ? highsExport : highsExport.default;

/** The loaded WASM runtime, shared by all calls; dropped after a native failure (see `withHighs`). */
let highsRuntime: Promise<Highs> | undefined;

function loadHighs(): Promise<Highs> {
  const loading = (highsRuntime ??= loadHighsRuntime());
  loading.catch(() => {
    if (highsRuntime === loading) highsRuntime = undefined;
  });
  return loading;
}

/**
 * Runs `operation` on a fresh HiGHS model. A native abort leaves the WASM instance unusable, so
 * after any failure the runtime is reloaded and the operation retried once.
 */
async function withHighs<T>(operation: (highs: Highs, model: Model) => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const loading = loadHighs();
    const highs = await loading;
    let model: Model | undefined;
    try {
      model = highs.createModel();
      return operation(highs, model);
    } catch (err) {
      if (highsRuntime === loading) highsRuntime = undefined;
      if (attempt >= 1) throw err;
    } finally {
      try {
        model?.dispose();
      } catch {
        // the runtime is being discarded anyway
      }
    }
  }
}

// ---- validation ---------------------------------------------------------------------------------

function fail(name: string, value: unknown, expected: string): never {
  const shown = Array.isArray(value) ? `an array of ${value.length}` : typeof value === "string" ? JSON.stringify(value) : String(value);
  throw new RangeError(`${name} must be ${expected}, got ${shown}`);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function validateRequest(r: ScheduleRequest): void {
  if (!Array.isArray(r.required) || r.required.length === 0) fail("required", r.required, "a non-empty array of agents per interval");
  r.required.forEach((v, i) => {
    if (!isFiniteNumber(v) || v < 0) fail(`required[${i}]`, v, "a finite number >= 0");
  });
  const I = r.intervalSeconds;
  if (!Number.isInteger(I) || I <= 0 || DAY % I !== 0) fail("intervalSeconds", I, "a whole number of seconds dividing a day (900, 1800, 3600…)");
  if (r.startDay !== undefined && (!Number.isInteger(r.startDay) || r.startDay < 0 || r.startDay > 6)) {
    fail("startDay", r.startDay, "an integer from 0 (Monday) to 6 (Sunday)");
  }
  if (r.shrinkage !== undefined && (!isFiniteNumber(r.shrinkage) || r.shrinkage < 0 || r.shrinkage >= 1)) {
    fail("shrinkage", r.shrinkage, "a number in [0, 1)");
  }
  // HiGHS reads bounds from 1e20 on as infinite and refuses such a row lower bound with a bare
  // "passModel failed"; 1e15 keeps the scheduled agents per interval exact integers in a double.
  const kept = 1 - (r.shrinkage ?? 0);
  r.required.forEach((v, i) => {
    if (v / kept > MAX_SCHEDULED) fail(`required[${i}]`, v, "at most 1e15 scheduled agents (required / (1 − shrinkage))");
  });
  if (r.timeLimitSeconds !== undefined && (!isFiniteNumber(r.timeLimitSeconds) || r.timeLimitSeconds <= 0)) {
    fail("timeLimitSeconds", r.timeLimitSeconds, "a positive number of seconds");
  }
  if (r.mipGap !== undefined && (!isFiniteNumber(r.mipGap) || r.mipGap < 0 || r.mipGap >= 1)) fail("mipGap", r.mipGap, "a number in [0, 1)");
  if (r.maxBreakVariants !== undefined && (!Number.isInteger(r.maxBreakVariants) || r.maxBreakVariants < 1)) {
    fail("maxBreakVariants", r.maxBreakVariants, "a positive integer");
  }
  if (!Array.isArray(r.templates) || r.templates.length === 0) fail("templates", r.templates, "a non-empty array of shift templates");
  const horizon = r.required.length * I;
  r.templates.forEach((t, k) => {
    const at = `templates[${k}]`;
    if (!isFiniteNumber(t.length) || t.length <= 0 || t.length > DAY) fail(`${at}.length`, t.length, "a number of seconds in (0, 86400]");
    if (r.cyclic && t.length > horizon) fail(`${at}.length`, t.length, `at most the cyclic horizon (${horizon} s)`);
    if (!Array.isArray(t.starts) || t.starts.length === 0) fail(`${at}.starts`, t.starts, "a non-empty array of start times");
    t.starts.forEach((s, j) => {
      if (!isFiniteNumber(s) || s < 0 || s >= DAY) fail(`${at}.starts[${j}]`, s, "seconds since midnight in [0, 86400)");
    });
    (t.breaks ?? []).forEach((b, j) => {
      const bt = `${at}.breaks[${j}]`;
      if (!isFiniteNumber(b.earliest) || b.earliest < 0) fail(`${bt}.earliest`, b.earliest, "a number of seconds >= 0");
      if (!isFiniteNumber(b.latest) || b.latest < b.earliest) fail(`${bt}.latest`, b.latest, `a number of seconds >= earliest (${b.earliest})`);
      if (!isFiniteNumber(b.length) || b.length <= 0) fail(`${bt}.length`, b.length, "a positive number of seconds");
      if (b.latest + b.length > t.length) fail(`${bt}.latest`, b.latest, `at most the shift length minus the break length (${t.length - b.length} s)`);
    });
    if (t.days !== undefined) {
      if (!Array.isArray(t.days) || t.days.length === 0) fail(`${at}.days`, t.days, "a non-empty array of days 0 (Monday) … 6 (Sunday)");
      t.days.forEach((d, j) => {
        if (!Number.isInteger(d) || d < 0 || d > 6) fail(`${at}.days[${j}]`, d, "an integer from 0 (Monday) to 6 (Sunday)");
      });
    }
    if (t.costPerHour !== undefined && (!isFiniteNumber(t.costPerHour) || t.costPerHour <= 0)) {
      fail(`${at}.costPerHour`, t.costPerHour, "a positive number");
    }
  });
}

// ---- shift variants -----------------------------------------------------------------------------

interface Variant {
  day: number;
  start: number;
  template: number;
  length: number;
  breaks: { after: number; length: number }[];
  cost: number;
  /** Interval indices where an agent on this variant is productive, ascending. */
  covers: number[];
}

const mod = (a: number, m: number) => ((a % m) + m) % m;

/** Candidate break offsets of one rule for a shift starting at `start`: boundaries every `step` inside the window. */
function breakOffsets(rule: ShiftBreakRule, start: number, intervalSeconds: number, step: number): number[] {
  const first = rule.earliest + mod(-(start + rule.earliest), intervalSeconds);
  if (first > rule.latest) return [rule.earliest];
  const offsets: number[] = [];
  for (let o = first; o <= rule.latest; o += step) offsets.push(o);
  return offsets;
}

/** Non-overlapping placements of all break rules (one break each), as offset lists in rule order. */
function breakPlacements(rules: ShiftBreakRule[], start: number, intervalSeconds: number, step: number): { after: number; length: number }[][] {
  const options = rules.map((rule) => breakOffsets(rule, start, intervalSeconds, step));
  const out: { after: number; length: number }[][] = [];
  const chosen: { after: number; length: number }[] = [];
  const recurse = (k: number) => {
    if (k === rules.length) {
      const sorted = [...chosen].sort((a, b) => a.after - b.after);
      for (let j = 1; j < sorted.length; j++) if (sorted[j - 1].after + sorted[j - 1].length > sorted[j].after) return;
      out.push(sorted);
      return;
    }
    for (const after of options[k]) {
      chosen.push({ after, length: rules[k].length });
      recurse(k + 1);
      chosen.pop();
    }
  };
  recurse(0);
  return out;
}

/** The coarsest-needed grid multiplier so that a template has at most `cap` break placements per start. */
function breakGridMultiplier(rules: ShiftBreakRule[], intervalSeconds: number, cap: number): number {
  for (let k = 1; ; k++) {
    const step = intervalSeconds * k;
    // Upper bound on the candidates per rule, whatever the alignment of the shift start.
    const product = rules.reduce((p, r) => p * (Math.floor((r.latest - r.earliest) / step) + 1), 1);
    if (product <= cap) return k;
  }
}

function enumerateVariants(r: ScheduleRequest, notes: string[]): Variant[] {
  const I = r.intervalSeconds;
  const N = r.required.length;
  const horizon = N * I;
  const startDay = r.startDay ?? 0;
  const cap = r.maxBreakVariants ?? 64;
  const variants: Variant[] = [];
  r.templates.forEach((t, template) => {
    const rules = t.breaks ?? [];
    const k = breakGridMultiplier(rules, I, cap);
    if (k > 1) {
      notes.push(`templates[${template}]: breaks placed on a ${(k * I) / 60}-minute grid (instead of every interval) to keep at most ${cap} placements per shift`);
    }
    const days = new Set(t.days ?? [0, 1, 2, 3, 4, 5, 6]);
    const starts = [...new Set(t.starts)].sort((a, b) => a - b);
    const cost = ((t.costPerHour ?? 1) * t.length) / 3600;
    const placementsByPhase = new Map<number, { after: number; length: number }[][]>();
    for (let day = 0; day * DAY < horizon; day++) {
      if (!days.has((startDay + day) % 7)) continue;
      for (const start of starts) {
        const t0 = day * DAY + start;
        if (t0 >= horizon) continue;
        const phase = mod(t0, I);
        let placements = placementsByPhase.get(phase);
        if (!placements) {
          placements = breakPlacements(rules, t0, I, k * I);
          if (placements.length === 0) fail(`templates[${template}].breaks`, rules, "windows that allow the breaks without overlapping");
          placementsByPhase.set(phase, placements);
        }
        for (const breaks of placements) {
          const covers: number[] = [];
          for (let j = Math.ceil(t0 / I); (j + 1) * I <= t0 + t.length; j++) {
            const a = j * I;
            const b = a + I;
            if (breaks.some((br) => a < t0 + br.after + br.length && t0 + br.after < b)) continue;
            if (j < N) covers.push(j);
            else if (r.cyclic) covers.push(j - N);
          }
          covers.sort((x, y) => x - y);
          variants.push({ day, start, template, length: t.length, breaks, cost, covers });
        }
      }
    }
  });
  return variants;
}

/** Keeps the cheapest variant (the first on ties) for each distinct key. */
function cheapestByKey(variants: Variant[], key: (v: Variant) => string): Variant[] {
  const best = new Map<string, Variant>();
  for (const v of variants) {
    const k = key(v);
    const current = best.get(k);
    if (!current || v.cost < current.cost) best.set(k, v);
  }
  return [...best.values()];
}

// ---- solving ------------------------------------------------------------------------------------

interface SolveOutcome {
  counts: number[];
  lowerBound: number;
  status: ScheduleStatus;
  method: string;
  notes: string[];
}

/**
 * Solves min c·x s.t. A x ≥ rhs, x ∈ ℤ≥0, where column j covers rows `rows[j]` with coefficient 1.
 * Always returns a feasible x: the MIP incumbent, or else the LP relaxation rounded up (feasible
 * for a covering problem with non-negative coefficients).
 */
async function solveCovering(costs: number[], rows: number[][], rhs: number[], timeLimit: number, mipGap: number): Promise<SolveOutcome> {
  const n = costs.length;
  const m = rhs.length;
  const starts = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) starts[j + 1] = starts[j] + rows[j].length;
  const indices = Int32Array.from(rows.flat());
  const values = new Float64Array(indices.length).fill(1);
  const meetsRows = (x: number[]) => {
    const activity = new Float64Array(m);
    for (let j = 0; j < n; j++) if (x[j] > 0) for (const i of rows[j]) activity[i] += x[j];
    return rhs.every((r, i) => activity[i] >= r);
  };

  return withHighs((highs, model) => {
    const status = highs.constants.modelStatus;
    model.options.set({ output_flag: false, mip_rel_gap: mipGap, random_seed: 0 });
    model.passModel({
      numCols: n,
      numRows: m,
      colCost: costs,
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(highs.infinity),
      rowLower: rhs,
      rowUpper: new Float64Array(m).fill(highs.infinity),
      matrix: { format: "csc", numRows: m, numCols: n, starts, indices, values },
    });

    // LP relaxation, run to completion (a fraction of the MIP's time): the bound, and rounded up a
    // feasible plan — covering rows with non-negative coefficients — to fall back on and start from.
    const lp = model.run();
    if (lp.modelStatus !== status.optimal) throw new Error(`HiGHS could not solve the LP relaxation (model status ${lp.modelStatus})`);
    let lowerBound = model.getObjectiveValue();
    const rounded = Array.from(model.getSolution().colValue, (x) => Math.max(0, Math.ceil(x - EPS)));

    // HiGHS' time limit counts the run time of the model so far, so extend it by the MIP's budget.
    model.options.set("time_limit", model.getRunTime() + timeLimit);
    model.changeColsIntegrality({ kind: "range", from: 0, to: n - 1 }, new Int32Array(n).fill(highs.constants.variableType.integer));
    model.setSolution({ colValue: rounded });
    const mipStatus = model.run().modelStatus;
    let incumbent: number[] | undefined;
    if (model.info.get("primal_solution_status") === highs.constants.solutionStatus.feasible) {
      incumbent = Array.from(model.getSolution().colValue, (x) => Math.max(0, Math.round(x)));
      if (!meetsRows(incumbent)) incumbent = undefined;
    }
    const bound = Number(model.info.get("mip_dual_bound"));
    if (Number.isFinite(bound)) lowerBound = Math.max(lowerBound, bound);

    const notes: string[] = [];
    let method = METHOD;
    if (!incumbent) {
      method = "HiGHS LP relaxation rounded up (set covering, Dantzig 1954)";
      notes.push("the MIP search returned no integer plan: the LP relaxation is rounded up");
    }
    const result: ScheduleStatus =
      incumbent && mipStatus === status.optimal ? "optimal" : mipStatus === status.timeLimit ? "time-limit" : "feasible";
    const counts = incumbent ?? rounded;
    return { counts, lowerBound, status: result, method, notes };
  });
}

// ---- the public entry point ---------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, "0");
const clock = (seconds: number) => `${pad2(Math.floor(seconds / 3600) % 24)}:${pad2(Math.floor((seconds % 3600) / 60))}`;
const DAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** "day 0 (Mon) 03:00–05:00, day 1 (Tue) 03:00–04:00" for runs of consecutive interval indices. */
function describeIntervals(intervals: number[], intervalSeconds: number, startDay: number): string {
  const runs: [number, number][] = [];
  for (const i of intervals) {
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs
    .map(([a, b]) => {
      const t = a * intervalSeconds;
      const day = Math.floor(t / DAY);
      return `day ${day} (${DAY_LABELS[(startDay + day) % 7]}) ${clock(t)}–${clock((b + 1) * intervalSeconds)}`;
    })
    .join(", ");
}

/**
 * The cheapest shifts covering `request.required` (set covering, Dantzig 1954, solved by HiGHS).
 * Never fails on uncoverable intervals: it plans the rest and reports them (status "infeasible").
 */
export async function scheduleShifts(request: ScheduleRequest): Promise<ShiftPlan> {
  validateRequest(request);
  const I = request.intervalSeconds;
  const N = request.required.length;
  const startDay = request.startDay ?? 0;
  const shrinkage = request.shrinkage ?? 0;
  const notes: string[] = [];

  // Scheduled agents needed per interval; integral, since plans are.
  const rhsByInterval = request.required.map((q) => (q > 0 ? Math.ceil(q / (1 - shrinkage) - EPS) : 0));
  const variants = cheapestByKey(enumerateVariants(request, notes), (v) => v.covers.join(","));

  const coverable = new Uint8Array(N);
  for (const v of variants) for (const i of v.covers) coverable[i] = 1;
  const uncovered: number[] = [];
  const rowOf = new Int32Array(N).fill(-1);
  const rhs: number[] = [];
  for (let i = 0; i < N; i++) {
    if (rhsByInterval[i] <= 0) continue;
    if (!coverable[i]) uncovered.push(i);
    else {
      rowOf[i] = rhs.length;
      rhs.push(rhsByInterval[i]);
    }
  }
  if (uncovered.length > 0) notes.push(`no allowed shift covers ${describeIntervals(uncovered, I, startDay)}`);

  // Only variants that help some row matter; among those with the same rows keep the cheapest.
  const useful = cheapestByKey(
    variants.filter((v) => v.covers.some((i) => rowOf[i] >= 0)),
    (v) => v.covers.filter((i) => rowOf[i] >= 0).join(","),
  );
  useful.sort((a, b) => a.day - b.day || a.start - b.start || a.template - b.template || a.length - b.length);
  const columnRows = useful.map((v) => v.covers.filter((i) => rowOf[i] >= 0).map((i) => rowOf[i]));

  let outcome: SolveOutcome = { counts: [], lowerBound: 0, status: "optimal", method: METHOD, notes: [] };
  if (rhs.length > 0) {
    outcome = await solveCovering(
      useful.map((v) => v.cost),
      columnRows,
      rhs,
      request.timeLimitSeconds ?? 20,
      request.mipGap ?? 1e-4,
    );
  }
  notes.push(...outcome.notes);

  const shifts: PlannedShift[] = [];
  const headcount = new Float64Array(N);
  let paidHours = 0;
  let cost = 0;
  useful.forEach((v, j) => {
    const count = outcome.counts[j] ?? 0;
    if (count <= 0) return;
    shifts.push({
      day: v.day,
      weekday: (startDay + v.day) % 7,
      start: v.start,
      length: v.length,
      count,
      template: v.template,
      breaks: v.breaks.map((b) => ({ ...b })),
    });
    for (const i of v.covers) headcount[i] += count;
    paidHours += (count * v.length) / 3600;
    cost += count * v.cost;
  });
  const coverage = Array.from(headcount, (h) => h * (1 - shrinkage));
  const shortfall = request.required.map((q, i) => {
    const s = q - coverage[i];
    return s > 1e-7 ? s : 0;
  });
  const lowerBound = Math.min(outcome.lowerBound, cost);
  const gap = cost > 0 ? (cost - lowerBound) / cost : 0;
  return {
    shifts,
    paidHours,
    cost,
    coverage,
    shortfall,
    uncovered,
    status: uncovered.length > 0 ? "infeasible" : outcome.status,
    gap: gap > 1e-9 ? gap : 0,
    lowerBound,
    method: outcome.method,
    size: { variables: useful.length, constraints: rhs.length },
    notes,
  };
}

// ---- scenario output ----------------------------------------------------------------------------

/** A duration as the scenario files write it: "8h", "8.5h", "30m", "15m", or seconds. */
function formatDuration(seconds: number): string | number {
  if (seconds >= 3600 && seconds % 1800 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return seconds;
}

/**
 * Converts a plan into ccsim scenario `shifts` entries (staffing.shifts), grouping shifts with the
 * same start, length and breaks on days with equal counts into one entry. Scenario shifts repeat
 * weekly, so the plan must cover at most a week (days 0–6). Note the simulator rounds productive
 * agents per entry (round(count × (1 − shrinkage))), so with shrinkage its coverage can differ a
 * little from the plan's fractional `coverage`.
 */
export function planToShiftSpecs(plan: Pick<ShiftPlan, "shifts">): ShiftSpecEntry[] {
  const groups = new Map<string, { shift: PlannedShift; countByWeekday: Map<number, number> }>();
  plan.shifts.forEach((s, i) => {
    if (!Number.isInteger(s.day) || s.day < 0 || s.day > 6) {
      fail(`plan.shifts[${i}].day`, s.day, "0–6: scenario shifts repeat weekly, so a plan of at most 7 days");
    }
    if (!Number.isInteger(s.weekday) || s.weekday < 0 || s.weekday > 6) fail(`plan.shifts[${i}].weekday`, s.weekday, "an integer from 0 (Monday) to 6");
    if (!Number.isInteger(s.start / 60) || s.start < 0 || s.start >= DAY) fail(`plan.shifts[${i}].start`, s.start, "whole minutes since midnight, below 86400");
    if (!Number.isInteger(s.count) || s.count < 0) fail(`plan.shifts[${i}].count`, s.count, "a whole number >= 0");
    if (s.count === 0) return;
    const breaks = [...s.breaks].sort((a, b) => a.after - b.after);
    const key = JSON.stringify([s.start, s.length, breaks.map((b) => [b.after, b.length])]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { shift: { ...s, breaks }, countByWeekday: new Map() }));
    group.countByWeekday.set(s.weekday, (group.countByWeekday.get(s.weekday) ?? 0) + s.count);
  });

  const entries: { entry: ShiftSpecEntry; order: [number, number, number] }[] = [];
  for (const { shift, countByWeekday } of groups.values()) {
    const weekdaysByCount = new Map<number, number[]>();
    for (const [weekday, count] of [...countByWeekday].sort((a, b) => a[0] - b[0])) {
      weekdaysByCount.set(count, [...(weekdaysByCount.get(count) ?? []), weekday]);
    }
    for (const [count, weekdays] of weekdaysByCount) {
      entries.push({
        order: [shift.start, shift.length, weekdays[0]],
        entry: {
          start: clock(shift.start),
          length: formatDuration(shift.length),
          days: weekdays.map((w) => DAYS[w]),
          count,
          breaks: shift.breaks.map((b) => ({ after: formatDuration(b.after), length: formatDuration(b.length) })),
        },
      });
    }
  }
  entries.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);
  return entries.map((e) => e.entry);
}
