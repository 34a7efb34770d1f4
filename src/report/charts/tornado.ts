/**
 * Tornado chart of a one-at-a-time sensitivity analysis (experiment/sensitivity.ts): for each
 * input, a bar from the base output to the output with the input at its low value and one to its
 * high value, widest swing on top, whiskers for the 95% confidence interval of each end, and the
 * input values written at the bar ends.
 */
import type { TopLevelSpec } from "vega-lite";
import { COMPARE_METRICS } from "../../experiment/compare.js";
import { CONTACT_KPIS } from "../../experiment/kpis.js";
import type { SensitivityResult } from "../../experiment/sensitivity.js";
import { formatMoney, formatPercent, formatValue } from "../format.js";
import { INK, MUTED, PERCENT_FORMAT, baseSpec, chartTitle, chartWidth, type ChartOptions, isFiniteNumber, moneyLabelExpr } from "./common.js";

export interface TornadoOptions extends ChartOptions {
  /** Currency of a money output (a SensitivityResult does not record it; default USD). */
  currency?: string;
  /** Show at most this many inputs, widest swing first (default all). */
  maxInputs?: number;
}

const LOW = "Input at its low value";
const HIGH = "Input at its high value";
const LOW_COLOR = "#56B4E9";
const HIGH_COLOR = "#D55E00";

function inputText(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
}

/** "total cost" from an output key such as "totalCost", "total" or "serviceLevel". */
function outputName(output: string): string {
  const metric = (COMPARE_METRICS as Record<string, { label: string }>)[output];
  if (metric) return metric.label.toLowerCase();
  if (output === "total") return "total cost";
  const kpi = CONTACT_KPIS.find((k) => k.key === output);
  return kpi ? kpi.label.toLowerCase() : output;
}

/** Which inputs move the output the most. */
export function tornadoChart(sensitivity: SensitivityResult, options: TornadoOptions = {}): TopLevelSpec {
  const fn = "tornadoChart";
  if (!sensitivity || !Array.isArray(sensitivity.rows)) throw new RangeError(`${fn}: sensitivity must be a SensitivityResult (output, unit, base, rows)`);
  const width = chartWidth(fn, options);
  const maxInputs = options.maxInputs ?? Infinity;
  if (!(maxInputs === Infinity || (Number.isInteger(maxInputs) && maxInputs >= 1))) throw new RangeError(`${fn}: options.maxInputs must be a whole number >= 1, got ${String(options.maxInputs)}`);
  const currency = options.currency ?? "USD";
  const unit = sensitivity.unit;
  const fmt = (x: number) => (unit === "money" ? formatMoney(x, currency) : unit === "share" ? formatPercent(x, 1) : unit === "seconds" ? formatValue(x, "seconds") : formatValue(x, "count"));
  const name = outputName(sensitivity.output);
  const baseMean = sensitivity.base.mean;

  const usable = sensitivity.rows.filter((r) => isFiniteNumber(r.low.mean) && isFiniteNumber(r.high.mean));
  const skipped = sensitivity.rows.filter((r) => !usable.includes(r)).map((r) => r.label);
  const shown = [...usable].sort((a, b) => b.swing - a.swing || a.label.localeCompare(b.label)).slice(0, maxInputs === Infinity ? undefined : maxInputs);
  const reference = isFiniteNumber(baseMean) ? baseMean : shown.length ? (shown[0].low.mean! + shown[0].high.mean!) / 2 : 0;
  const bars = shown.flatMap((r) =>
    (["low", "high"] as const).map((side) => {
      const s = r[side];
      const value = s.mean!;
      const lo = s.ci95?.[0] ?? value;
      const hi = s.ci95?.[1] ?? value;
      return {
        input: r.label,
        path: r.path,
        side: side === "low" ? LOW : HIGH,
        from: reference,
        to: value,
        lo,
        hi,
        right: value >= reference,
        // Written outside the whisker so it never sits on the bar or the interval.
        labelAt: value >= reference ? Math.max(hi, value) : Math.min(lo, value),
        valueText: inputText(side === "low" ? r.lowValue : r.highValue),
        outputText: fmt(value),
        ciText: s.ci95 ? `${fmt(lo)} to ${fmt(hi)}` : "–",
      };
    }),
  );
  const labels = shown.map((r) => r.label);
  let title: string;
  if (shown.length === 0) title = `No input has an effect on ${name} to show`;
  else {
    const top = shown[0];
    const [a, b] = [top.low.mean!, top.high.mean!].sort((x, y) => x - y);
    title = `${top.label} moves ${name} the most: ${fmt(a)} to ${fmt(b)}${isFiniteNumber(baseMean) ? ` (base ${fmt(baseMean)})` : ""}`;
  }
  const subtitle =
    `Each input moved to its low and its high value with everything else at base (common random numbers); bars run from the base ${name} to ${name} at that value, ` +
    `whiskers show 95% confidence intervals, numbers are the input values.` +
    (skipped.length ? ` No data: ${skipped.join(", ")}.` : "");
  const heading = chartTitle(options.title ?? title, subtitle, width);
  const maxAbs = Math.max(Math.abs(reference), ...bars.map((b) => Math.max(Math.abs(b.lo), Math.abs(b.hi))));
  const axisTitle = `${name.charAt(0).toUpperCase()}${name.slice(1)} (${unit === "money" ? currency : unit === "share" ? "%" : unit === "seconds" ? "seconds" : "count"})`;
  const x = (field: string) => ({
    field,
    type: "quantitative" as const,
    scale: { zero: false, nice: true, padding: 30 },
    axis: {
      title: axisTitle,
      grid: true,
      tickCount: 6,
      ...(unit === "money" ? { labelExpr: moneyLabelExpr(currency, maxAbs) } : unit === "share" ? { format: PERCENT_FORMAT } : { format: ",.4~g" }),
    },
  });
  const y = { field: "input", type: "nominal" as const, sort: labels, scale: { domain: labels, paddingInner: 0.25, paddingOuter: 0.15 }, title: null };
  const color = { field: "side", type: "nominal" as const, scale: { domain: [LOW, HIGH], range: [LOW_COLOR, HIGH_COLOR] }, legend: { title: null, orient: "top" as const, direction: "horizontal" as const, offset: 22 } };
  // Low and high get their own half of the row, so bars and labels never overlap.
  const yOffset = { field: "side", type: "nominal" as const, scale: { domain: [LOW, HIGH], paddingInner: 0.08 } };
  const tooltip = [
    { field: "input", title: "Input" },
    { field: "path", title: "Scenario path" },
    { field: "valueText", title: "Input value" },
    { field: "outputText", title: `${name} (mean)` },
    { field: "ciText", title: "95% CI" },
  ];
  return {
    ...baseSpec(heading),
    width,
    height: { step: 21 },
    data: { values: bars },
    layer: [
      { mark: { type: "bar", opacity: 0.9 }, encoding: { y, yOffset, x: x("from"), x2: { field: "to" }, color, tooltip } },
      { mark: { type: "rule", color: INK, strokeWidth: 1.2 }, encoding: { y, yOffset, x: x("lo"), x2: { field: "hi" }, tooltip } },
      { transform: [{ filter: "datum.right" }], mark: { type: "text", align: "left", dx: 5, fontSize: 11, color: "#333333" }, encoding: { y, yOffset, x: x("labelAt"), text: { field: "valueText" } } },
      { transform: [{ filter: "!datum.right" }], mark: { type: "text", align: "right", dx: -5, fontSize: 11, color: "#333333" }, encoding: { y, yOffset, x: x("labelAt"), text: { field: "valueText" } } },
      ...(isFiniteNumber(baseMean)
        ? [
            { data: { values: [{ base: baseMean }] }, mark: { type: "rule" as const, color: MUTED, strokeWidth: 1.3, strokeDash: [4, 3] }, encoding: { x: { field: "base", type: "quantitative" as const } } },
            {
              data: { values: [{ base: baseMean, text: `base ${fmt(baseMean)}` }] },
              mark: { type: "text" as const, y: -6, baseline: "bottom" as const, fontSize: 11, color: MUTED },
              encoding: { x: { field: "base", type: "quantitative" as const }, text: { field: "text" } },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
}
