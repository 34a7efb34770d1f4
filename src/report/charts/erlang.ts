/**
 * Analytic queueing next to simulation: the Erlang C (M/M/n) or Erlang A (M/M/n+M) value of a
 * KPI as a line over the number of agents, and the simulated means with their 95% confidence
 * intervals from a sweep over staffing as points. Agreement is counted as the analytic value
 * falling inside the simulated interval (models/erlang.ts for the formulas).
 */
import type { TopLevelSpec } from "vega-lite";
import { sweepSeries, type SweepResult } from "../../experiment/sweep.js";
import { erlangAKpis, erlangCKpis } from "../../models/erlang.js";
import { formatPercent, formatValue } from "../format.js";
import { INK, PERCENT_FORMAT, baseSpec, chartTitle, chartWidth, type ChartOptions, isFiniteNumber, scenarioColor } from "./common.js";
import { parameterName } from "./frontier.js";

export type ErlangKpi = "serviceLevel" | "asa" | "abandonRate" | "delayProbability";

export interface ErlangComparisonOptions extends ChartOptions {
  /** Calls per second (as in models/erlang.ts). */
  arrivalRate: number;
  /** Mean handle time in seconds. */
  meanHandle: number;
  /** Service-level threshold in seconds. */
  targetSeconds: number;
  /** Mean patience in seconds for Erlang A; omitted (or Infinity) for Erlang C, where nobody abandons. */
  meanPatience?: number;
  /** The swept parameter holding the number of agents (default: the sweep's only parameter). */
  parameter?: string;
  /** KPI on y (default service level). */
  kpi?: ErlangKpi;
  /** Contact type whose simulated KPI is shown (default "all"). */
  type?: string;
}

const KPI_LABELS: Record<ErlangKpi, string> = {
  serviceLevel: "Service level",
  asa: "ASA",
  abandonRate: "Abandonment",
  delayProbability: "Probability of waiting",
};

function range(from: number, to: number): number[] {
  const step = Math.max(1, Math.ceil((to - from + 1) / 16));
  const out: number[] = [];
  for (let n = from; n <= to; n += step) out.push(n);
  return out;
}

/**
 * The analytic value of a KPI for `agents`, or null where the model has none (Erlang C with the
 * load at or above the agents: the queue grows without bound).
 */
export function analyticKpi(model: "erlangC" | "erlangA", kpi: ErlangKpi, agents: number, o: ErlangComparisonOptions): number | null {
  if (model === "erlangC") {
    const k = erlangCKpis({ arrivalRate: o.arrivalRate, meanHandle: o.meanHandle, agents, targetSeconds: o.targetSeconds });
    if (!k.stable) return null;
    return kpi === "serviceLevel" ? k.serviceLevel : kpi === "asa" ? k.asa : kpi === "delayProbability" ? k.pWait : 0;
  }
  const k = erlangAKpis({ arrivalRate: o.arrivalRate, meanHandle: o.meanHandle, meanPatience: o.meanPatience!, agents, targetSeconds: o.targetSeconds });
  return kpi === "serviceLevel" ? k.serviceLevel : kpi === "asa" ? k.asa : kpi === "delayProbability" ? k.pWait : k.abandonRate;
}

/** Erlang C or A as a line over agents, simulated means with 95% CIs as points. */
export function erlangComparisonChart(sweep: SweepResult, options: ErlangComparisonOptions): TopLevelSpec {
  const fn = "erlangComparisonChart";
  if (!sweep || !Array.isArray(sweep.points) || !Array.isArray(sweep.rows)) throw new RangeError(`${fn}: sweep must be a SweepResult (points and rows)`);
  if (!options || typeof options !== "object") throw new RangeError(`${fn}: options with arrivalRate, meanHandle and targetSeconds are required`);
  for (const key of ["arrivalRate", "meanHandle", "targetSeconds"] as const) {
    const v = options[key];
    if (!isFiniteNumber(v) || v < 0) throw new RangeError(`${fn}: options.${key} must be a finite number >= 0, got ${String(v)}`);
  }
  const patience = options.meanPatience;
  if (patience !== undefined && !(patience === Infinity || (isFiniteNumber(patience) && patience >= 0))) {
    throw new RangeError(`${fn}: options.meanPatience must be a number of seconds >= 0 or Infinity, got ${String(patience)}`);
  }
  const model: "erlangC" | "erlangA" = patience === undefined || patience === Infinity ? "erlangC" : "erlangA";
  const modelName = model === "erlangC" ? "Erlang C" : "Erlang A";
  const width = chartWidth(fn, options);
  const kpi = options.kpi ?? "serviceLevel";
  if (!(kpi in KPI_LABELS)) throw new RangeError(`${fn}: options.kpi must be one of ${Object.keys(KPI_LABELS).join(", ")}, got ${JSON.stringify(kpi)}`);
  const parameter = options.parameter ?? (sweep.parameters.length === 1 ? sweep.parameters[0].text : undefined);
  if (parameter === undefined) throw new RangeError(`${fn}: the sweep has ${sweep.parameters.length} parameters; options.parameter must name the one that is the number of agents`);
  if (!sweep.parameters.some((p) => p.text === parameter)) throw new RangeError(`${fn}: options.parameter ${JSON.stringify(parameter)} is not a parameter of the sweep (${sweep.parameters.map((p) => p.text).join(", ")})`);
  const type = options.type ?? "all";
  const rows = sweepSeries(sweep, "type", type, kpi);
  if (rows.length === 0) throw new RangeError(`${fn}: the sweep has no ${kpi} for contact type ${JSON.stringify(type)}`);
  const share = kpi !== "asa";

  const simulated = [];
  for (const r of rows) {
    const agents = r.values[parameter];
    if (typeof agents !== "number" || !Number.isInteger(agents) || agents < 0) {
      throw new RangeError(`${fn}: parameter ${parameter} must take whole numbers of agents, got ${JSON.stringify(agents)} at point ${r.point}`);
    }
    if (!isFiniteNumber(r.mean)) continue;
    const lo = r.ciLow ?? r.mean;
    const hi = r.ciHigh ?? r.mean;
    const analytic = analyticKpi(model, kpi, agents, options);
    const f = (x: number) => (share ? formatPercent(x, 1) : formatValue(x, "seconds"));
    simulated.push({
      agents,
      series: "Simulation (mean, 95% CI)",
      mean: r.mean,
      lo,
      hi,
      agrees: analytic !== null && analytic >= lo - 1e-12 && analytic <= hi + 1e-12,
      meanText: f(r.mean),
      ciText: `${f(lo)} to ${f(hi)}`,
      analyticText: analytic === null ? "unstable (load ≥ agents)" : f(analytic),
    });
  }
  const agentValues = simulated.map((s) => s.agents);
  const minAgents = agentValues.length ? Math.max(1, Math.min(...agentValues) - 1) : 1;
  const maxAgents = agentValues.length ? Math.max(...agentValues) + 1 : 2;
  const analytic = [];
  let unstableUpTo = -1;
  for (let n = minAgents; n <= maxAgents; n++) {
    const v = analyticKpi(model, kpi, n, options);
    if (v === null || !isFiniteNumber(v)) {
      unstableUpTo = n;
      continue;
    }
    analytic.push({ agents: n, value: v, series: `${modelName} (analytic)`, text: share ? formatPercent(v, 1) : formatValue(v, "seconds") });
  }
  const agreeing = simulated.filter((s) => s.agrees).length;
  const n = simulated.length;
  const title =
    n === 0
      ? `No simulated ${KPI_LABELS[kpi].toLowerCase()} to compare with ${modelName}`
      : agreeing === n
        ? `Simulation agrees with ${modelName} at ${n === 1 ? "the one staffing level" : `all ${n} staffing levels`}`
        : agreeing === 0
          ? `Simulation and ${modelName} differ at every staffing level`
          : `Simulation agrees with ${modelName} at ${agreeing} of ${n} staffing levels`;
  const load = options.arrivalRate * options.meanHandle;
  const subtitle =
    `${KPI_LABELS[kpi]}${kpi === "serviceLevel" ? ` (answered within ${options.targetSeconds} s)` : ""}${type === "all" ? "" : ` of ${type}`} by number of agents; ` +
    `offered load ${load.toFixed(2)} Erlangs${model === "erlangA" ? `, mean patience ${formatValue(patience!, "seconds")}` : ", no abandonment"}. ` +
    `Agreement: the analytic value lies inside the simulation's 95% confidence interval (${sweep.replications} replications per point).` +
    (unstableUpTo >= minAgents && model === "erlangC" ? ` Erlang C has no steady state at ${unstableUpTo} agents or fewer.` : "");
  const heading = chartTitle(options.title ?? title, subtitle, width);
  const seriesNames = [`${modelName} (analytic)`, "Simulation (mean, 95% CI)"];
  const color = {
    field: "series",
    type: "nominal" as const,
    scale: { domain: seriesNames, range: [INK, scenarioColor(0)] },
    legend: { title: null, orient: "top" as const, direction: "horizontal" as const },
  };
  const x = (field: string) => ({
    field,
    type: "quantitative" as const,
    scale: { domain: [minAgents - 0.3, maxAgents + 0.3], nice: false, zero: false },
    axis: { title: `Agents (${parameterName(parameter)})`, values: range(minAgents, maxAgents), format: "d", grid: true },
  });
  const y = (field: string) => ({
    field,
    type: "quantitative" as const,
    scale: share ? { domain: [0, 1] } : { zero: true, nice: true },
    axis: { title: share ? `${KPI_LABELS[kpi]} (%)` : `${KPI_LABELS[kpi]} (seconds)`, ...(share ? { format: PERCENT_FORMAT } : { format: ",.0f" }), grid: true },
  });
  const tooltip = [
    { field: "agents", title: "Agents" },
    { field: "meanText", title: "Simulated (mean)" },
    { field: "ciText", title: "95% CI" },
    { field: "analyticText", title: modelName },
  ];
  return {
    ...baseSpec(heading),
    width,
    height: Math.round(width * 0.55),
    datasets: { analytic, simulated },
    layer: [
      {
        data: { name: "analytic" },
        mark: { type: "line", strokeWidth: 2, point: { filled: true, size: 18 } },
        encoding: { x: x("agents"), y: y("value"), color, tooltip: [{ field: "agents", title: "Agents" }, { field: "text", title: modelName }] },
      },
      { data: { name: "simulated" }, mark: { type: "rule", strokeWidth: 2 }, encoding: { x: x("agents"), y: y("lo"), y2: { field: "hi" }, color, tooltip } },
      {
        data: { name: "simulated" },
        mark: { type: "point", shape: "circle", size: 90, filled: false, strokeWidth: 2, opacity: 1 },
        encoding: { x: x("agents"), y: y("mean"), color, tooltip },
      },
    ],
  } as TopLevelSpec;
}
