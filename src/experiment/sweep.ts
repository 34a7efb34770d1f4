/**
 * Parameter sweeps: a grid of scenario variants, each run on the same seed (common random
 * numbers across points), flattened into one tidy table — a row per (point, scope, name, KPI)
 * with the statistics across replications — that charts and spreadsheets read directly.
 * Building the variants (applying `--set path=v1,v2` to a scenario file) is the loader's job;
 * this module runs them and shapes the results.
 */
import { SCOPES } from "./kpis.js";
import type { ExperimentResult } from "./replicate.js";
import type { Summary } from "./summary.js";

/** A swept input: its path in the scenario document and the values it takes. */
export interface SweepParameter {
  /** As written: "agentGroups.agents.staffing.constant". */
  text: string;
  path: (string | number)[];
  values: unknown[];
}

/** One point of the grid: a value for every parameter. */
export interface SweepPoint {
  index: number;
  values: Record<string, unknown>;
  /** "constant=12, containment=0.2" */
  label: string;
}

/** The full grid (cartesian product), first parameter varying slowest. */
export function gridPoints(parameters: readonly SweepParameter[]): SweepPoint[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const p of parameters) combos = combos.flatMap((c) => p.values.map((v) => ({ ...c, [p.text]: v })));
  return combos.map((values, index) => ({
    index,
    values,
    label: Object.entries(values)
      .map(([k, v]) => `${k.split(".").pop()}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
      .join(", "),
  }));
}

/** Statistics of one KPI at one point. */
export interface SweepRow {
  point: number;
  label: string;
  values: Record<string, unknown>;
  scope: string;
  name: string;
  kpi: string;
  n: number;
  mean: number | null;
  sd: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
}

export interface SweepResult {
  parameters: SweepParameter[];
  points: SweepPoint[];
  rows: SweepRow[];
  /** Service-level target at each point (the most demanding type's). */
  targets: number[];
  replications: number;
  seed: number;
}

/** Cost statistics per point (scope "cost", name "all"), when the scenario has costs. */
export type PointCosts = Record<string, Summary> | null;

/** Shapes the runs of every point into one tidy result. */
export function sweepResult(parameters: SweepParameter[], points: SweepPoint[], results: readonly ExperimentResult[], costs: readonly PointCosts[]): SweepResult {
  const rows: SweepRow[] = [];
  results.forEach((r, i) => {
    const p = points[i];
    const push = (scope: string, name: string, kpi: string, s: Summary) =>
      rows.push({ point: p.index, label: p.label, values: p.values, scope, name, kpi, n: s.n, mean: s.mean, sd: s.sd, ciLow: s.ci95?.[0] ?? null, ciHigh: s.ci95?.[1] ?? null, p5: s.p5, p50: s.p50, p95: s.p95 });
    for (const scope of SCOPES) {
      for (const [name, kpis] of Object.entries(r.summary[scope])) for (const [kpi, s] of Object.entries(kpis)) push(scope.replace(/s$/, ""), name, kpi, s);
    }
    const c = costs[i];
    if (c) for (const [kpi, s] of Object.entries(c)) push("cost", "all", kpi, s);
  });
  return {
    parameters,
    points,
    rows,
    targets: results.map((r) => Math.max(...Object.values(r.info.serviceLevel).map((t) => t.target), 0)),
    replications: Math.min(...results.map((r) => r.runs.length)),
    seed: results[0]?.info.seed ?? 0,
  };
}

/** The rows of one KPI across points, in point order. */
export function sweepSeries(result: SweepResult, scope: string, name: string, kpi: string): SweepRow[] {
  return result.rows.filter((r) => r.scope === scope && r.name === name && r.kpi === kpi).sort((a, b) => a.point - b.point);
}
