/**
 * The cost–service frontier of a parameter sweep: each grid point at its mean service level (x)
 * and mean cost (y) with 95% confidence intervals on both, labelled by its parameter values, the
 * service-level target as a rule, and the cheapest point meeting the target on average
 * highlighted (the same rule as `recommended` in experiment/compare.ts).
 */
import type { TopLevelSpec } from "vega-lite";
import { sweepSeries, type SweepPoint, type SweepResult, type SweepRow } from "../../experiment/sweep.js";
import { formatMoney, formatPercent } from "../format.js";
import {
  INK,
  MUTED,
  PERCENT_FORMAT,
  baseSpec,
  chartTitle,
  chartWidth,
  type ChartOptions,
  isFiniteNumber,
  moneyLabelExpr,
  scenarioColor,
} from "./common.js";

export type FrontierCost = "total" | "operating" | "perOffered" | "perHandled" | "perResolved";

const COST_NAMES: Record<FrontierCost, string> = {
  total: "Total cost",
  operating: "Operating cost",
  perOffered: "Cost per offered contact",
  perHandled: "Cost per handled contact",
  perResolved: "Cost per resolved contact",
};

export interface FrontierOptions extends ChartOptions {
  /** Currency of the costs (a SweepResult does not record it; default USD). */
  currency?: string;
  /** Contact type whose service level is on x (default "all"). */
  type?: string;
  /** Which cost is on y (default the total). */
  cost?: FrontierCost;
  /** The service-level target; default the sweep's (the most demanding type's at each point). */
  target?: number;
  /** How a point is labelled; default its parameter value(s). */
  pointLabel?: (point: SweepPoint) => string;
}

/** A sweep parameter's short name: "agentGroups.agents.staffing.constant" → "constant". */
export function parameterName(text: string): string {
  return text.split(".").pop() ?? text;
}

function valueText(v: unknown): string {
  return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
}

/** The default label of a point: the value alone for one parameter, "a=1, b=2" for several. */
export function defaultPointLabel(sweep: SweepResult, point: SweepPoint): string {
  if (sweep.parameters.length === 1) return valueText(point.values[sweep.parameters[0].text]);
  return point.label;
}

function rowsByPoint(rows: readonly SweepRow[]): Map<number, SweepRow> {
  return new Map(rows.map((r) => [r.point, r]));
}

/** Mean service level (x) against mean cost (y) for every point of a sweep, with the cheapest point that meets the target highlighted. */
export function costServiceFrontierChart(sweep: SweepResult, options: FrontierOptions = {}): TopLevelSpec {
  const fn = "costServiceFrontierChart";
  if (!sweep || !Array.isArray(sweep.points) || !Array.isArray(sweep.rows)) throw new RangeError(`${fn}: sweep must be a SweepResult (points and rows)`);
  if (sweep.points.length === 0) throw new RangeError(`${fn}: the sweep has no points`);
  const width = chartWidth(fn, options);
  const currency = options.currency ?? "USD";
  const type = options.type ?? "all";
  const costKey = options.cost ?? "total";
  if (!(costKey in COST_NAMES)) throw new RangeError(`${fn}: options.cost must be one of ${Object.keys(COST_NAMES).join(", ")}, got ${JSON.stringify(costKey)}`);
  if (options.target !== undefined && !(isFiniteNumber(options.target) && options.target >= 0 && options.target <= 1)) {
    throw new RangeError(`${fn}: options.target must be a share from 0 to 1, got ${String(options.target)}`);
  }
  const slRows = rowsByPoint(sweepSeries(sweep, "type", type, "serviceLevel"));
  if (slRows.size === 0) throw new RangeError(`${fn}: the sweep has no service level for contact type ${JSON.stringify(type)}`);
  const costRows = rowsByPoint(sweepSeries(sweep, "cost", "all", costKey));
  if (costRows.size === 0) throw new RangeError(`${fn}: the sweep has no costs (its scenario sets no wages, sites or costs)`);
  const label = (p: SweepPoint) => (options.pointLabel ? options.pointLabel(p) : defaultPointLabel(sweep, p));
  const money = (x: number) => formatMoney(x, currency);

  const points = [];
  const missing: string[] = [];
  for (const p of sweep.points) {
    const sl = slRows.get(p.index);
    const cost = costRows.get(p.index);
    const target = options.target ?? sweep.targets[p.index];
    if (!sl || !cost || !isFiniteNumber(sl.mean) || !isFiniteNumber(cost.mean) || !isFiniteNumber(target)) {
      missing.push(label(p));
      continue;
    }
    points.push({
      point: p.index,
      label: label(p),
      sl: sl.mean,
      slLo: sl.ciLow ?? sl.mean,
      slHi: sl.ciHigh ?? sl.mean,
      cost: cost.mean,
      costLo: cost.ciLow ?? cost.mean,
      costHi: cost.ciHigh ?? cost.mean,
      target,
      meets: sl.mean >= target,
      status: sl.mean >= target ? "Meets the target" : "Misses the target",
      chosen: false,
      slText: `${formatPercent(sl.mean, 1)}${isFiniteNumber(sl.ciLow) && isFiniteNumber(sl.ciHigh) ? ` (95% CI ${formatPercent(sl.ciLow, 1)}–${formatPercent(sl.ciHigh, 1)})` : ""}`,
      costText: `${money(cost.mean)}${isFiniteNumber(cost.ciLow) && isFiniteNumber(cost.ciHigh) ? ` (95% CI ${money(cost.ciLow)}–${money(cost.ciHigh)})` : ""}`,
    });
  }
  const eligible = points.filter((p) => p.meets);
  const chosen = eligible.length ? eligible.reduce((a, b) => (b.cost < a.cost ? b : a)) : null;
  if (chosen) chosen.chosen = true;
  const targets = [...new Set(points.map((p) => p.target))];
  const target = targets.length === 1 ? targets[0] : null;
  const pct = (x: number) => formatPercent(x, Number.isInteger(Math.round(x * 1000) / 10) ? 0 : 1);
  const single = sweep.parameters.length === 1 ? parameterName(sweep.parameters[0].text) : null;
  const named = (l: string) => (single && !options.pointLabel ? `${single} = ${l}` : l);
  let title: string;
  if (chosen) {
    const ci = chosen.slLo < chosen.slHi ? `, 95% CI ${formatPercent(chosen.slLo, 1)}–${formatPercent(chosen.slHi, 1)}` : "";
    title = `Cheapest setting that meets the ${target !== null ? pct(target) : "service-level"} target: ${named(chosen.label)} at ${money(chosen.cost)} (service level ${formatPercent(chosen.sl, 1)}${ci})`;
  }
  else if (points.length) {
    const best = points.reduce((a, b) => (b.sl > a.sl ? b : a));
    title = `No setting meets the ${target !== null ? pct(target) : ""} service-level target (best ${formatPercent(best.sl, 1)} at ${named(best.label)})`.replace("the  service", "the service");
  } else title = "No point of the sweep has both a service level and a cost";
  const swept = sweep.parameters.map((p) => p.text).join(" × ");
  const subtitle =
    `${COST_NAMES[costKey]} (${currency}) against service level${type === "all" ? "" : ` of ${type}`} at each point of the sweep over ${swept}` +
    ` (${sweep.replications} replications each, common random numbers); bars: 95% confidence intervals; a point meets the target when its mean does.` +
    (missing.length ? ` Left out (no data): ${missing.join(", ")}.` : "");
  const heading = chartTitle(options.title ?? title, subtitle, width);

  const maxAbs = Math.max(0, ...points.map((p) => Math.abs(p.costHi)));
  // Service level lives in [0, 1]: the axis is padded to the next 5% but never beyond.
  const slExtent = [...points.flatMap((p) => [p.slLo, p.slHi]), ...(target !== null ? [target] : [])];
  const slDomain = slExtent.length
    ? [Math.max(0, Math.floor((Math.min(...slExtent) - 0.01) * 20) / 20), Math.min(1, Math.ceil((Math.max(...slExtent) + 0.01) * 20) / 20)]
    : [0, 1];
  const x = (field: string) => ({
    field,
    type: "quantitative" as const,
    scale: { domain: slDomain, nice: false, zero: false },
    axis: { title: `Service level${type === "all" ? "" : ` (${type})`} (%)`, format: PERCENT_FORMAT, grid: true, tickCount: 6 },
  });
  const y = (field: string) => ({
    field,
    type: "quantitative" as const,
    scale: { zero: false, nice: true, padding: 12 },
    axis: { title: `${COST_NAMES[costKey]} (${currency})`, labelExpr: moneyLabelExpr(currency, maxAbs), grid: true, tickCount: 6 },
  });
  const color = {
    field: "status",
    type: "nominal" as const,
    scale: { domain: ["Meets the target", "Misses the target"], range: [scenarioColor(0), MUTED] },
    legend: { title: null, orient: "top" as const, direction: "horizontal" as const },
  };
  const tooltip = [
    { field: "label", title: single ?? "Point" },
    { field: "slText", title: "Service level" },
    { field: "costText", title: COST_NAMES[costKey] },
    { field: "status", title: "Target" },
  ];
  const layers: object[] = [];
  if (target !== null) {
    layers.push(
      { data: { values: [{ target }] }, mark: { type: "rule", color: INK, strokeDash: [5, 4], strokeWidth: 1.3 }, encoding: { x: { field: "target", type: "quantitative" } } },
      {
        data: { values: [{ target, text: `target ${pct(target)}` }] },
        mark: { type: "text", align: "left", baseline: "top", dx: 5, y: 2, fontSize: 11, fontWeight: "bold", color: INK },
        encoding: { x: { field: "target", type: "quantitative" }, text: { field: "text" } },
      },
    );
  }
  if (sweep.parameters.length === 1 && points.length > 1) {
    layers.push({ mark: { type: "line", color: "#C8C8C8", strokeWidth: 1.5 }, encoding: { x: x("sl"), y: y("cost"), order: { field: "point", type: "quantitative" } } });
  }
  layers.push(
    { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { x: x("slLo"), x2: { field: "slHi" }, y: y("cost"), color, tooltip } },
    { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { x: x("sl"), y: y("costLo"), y2: { field: "costHi" }, color, tooltip } },
    { mark: { type: "circle", size: 70, opacity: 1, stroke: "white", strokeWidth: 1 }, encoding: { x: x("sl"), y: y("cost"), color, tooltip } },
    { transform: [{ filter: "datum.chosen" }], mark: { type: "point", size: 380, strokeWidth: 2.5, color: INK, opacity: 1 }, encoding: { x: x("sl"), y: y("cost") } },
    { mark: { type: "text", align: "left", baseline: "bottom", dx: 7, dy: -5, fontSize: 11, color: "#333333" }, encoding: { x: x("sl"), y: y("cost"), text: { field: "label" } } },
  );
  if (chosen) {
    layers.push({
      transform: [{ filter: "datum.chosen" }],
      mark: { type: "text", align: "left", baseline: "top", dx: 12, dy: 8, fontSize: 11.5, fontWeight: "bold", color: INK },
      encoding: { x: x("sl"), y: y("cost"), text: { value: `cheapest meeting the target: ${money(chosen.cost)}` } },
    });
  }
  return {
    ...baseSpec(heading),
    width,
    height: Math.round(width * 0.62),
    data: { values: points },
    layer: layers,
  } as TopLevelSpec;
}
