/**
 * Cost charts: how total cost is distributed over replications per scenario, the paired
 * difference of each option against the baseline (with the wider interval independent runs
 * would have given: what common random numbers buy), and where the money goes (stacked
 * categories). Pure functions from outcomes or a comparison to vega-lite specs.
 *
 * Intervals are the ones computed upstream (Student t 95% CI of the mean, experiment/summary.ts;
 * paired differences, experiment/compare.ts); quartiles use the same quantile rule as the
 * summaries (simple-statistics `quantileSorted`).
 */
import { quantileSorted } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
import { COMPARE_METRICS, type CompareMetric, type Comparison, type PairedDifference } from "../../experiment/compare.js";
import { halfWidth } from "../../experiment/summary.js";
import { COST_CATEGORIES, COST_LABELS, type CostCategory, type CostRecord } from "../../models/cost.js";
import { formatMoney, formatPercent, formatValue } from "../format.js";
import {
  COST_CATEGORY_COLORS,
  INK,
  MUTED,
  PERCENT_FORMAT,
  baseSpec,
  chartTitle,
  chartWidth,
  isFiniteNumber,
  moneyLabelExpr,
  moneyWithHalfWidth,
  periodText,
  possessive,
  requireCosts,
  scenarioScale,
  shareOfReplicationsText,
  signedMoney,
  signedPercent,
  type ChartOptions,
  type ChartOutcome,
} from "./common.js";

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// Distribution of cost per replication

/** Per-replication cost measures that can be charted. */
export type CostMeasure = "total" | "operating" | "perOffered" | "perHandled" | "perResolved";

const MEASURE_LABELS: Record<CostMeasure, string> = {
  total: "Total cost",
  operating: "Operating cost (excl. churn)",
  perOffered: "Cost per offered contact",
  perHandled: "Cost per handled contact",
  perResolved: "Cost per resolved contact",
};

export interface CostDistributionOptions extends ChartOptions {
  /** Which cost to show (default the total). */
  measure?: CostMeasure;
}

/**
 * Cost per replication for each scenario: the replications as dots, a box for the middle half and
 * a line for the range, and the mean (◆) with its 95% confidence interval. The title says which
 * scenario is cheapest in how many replications (replications are paired by index: with common
 * random numbers replication i of every scenario saw the same customers).
 */
export function costDistributionChart(outcomes: readonly ChartOutcome[], options: CostDistributionOptions = {}): TopLevelSpec {
  const fn = "costDistributionChart";
  const { currency, costs } = requireCosts(fn, outcomes);
  const width = chartWidth(fn, options);
  const measure = options.measure ?? "total";
  if (!(measure in MEASURE_LABELS)) throw new RangeError(`${fn}: options.measure must be one of ${Object.keys(MEASURE_LABELS).join(", ")}, got ${JSON.stringify(measure)}`);
  const labels = outcomes.map((o) => o.label);
  const money = (x: number) => formatMoney(x, currency);

  const reps: { scenario: string; replication: number; value: number; valueText: string; jitter: number }[] = [];
  const stats: Record<string, string | number>[] = [];
  const byReplication = new Map<number, (number | null)[]>();
  outcomes.forEach((o, k) => {
    const values: number[] = [];
    for (const run of costs[k].runs) {
      const v = run.cost[measure as keyof CostRecord];
      if (!isFiniteNumber(v)) continue;
      values.push(v);
      // A deterministic jitter (golden-ratio sequence) spreads the dots across the row.
      const jitter = (((run.replication * 0.6180339887498949) % 1) - 0.5) * 1.6;
      reps.push({ scenario: o.label, replication: run.replication, value: v, valueText: money(v), jitter });
      const row = byReplication.get(run.replication) ?? new Array<number | null>(outcomes.length).fill(null);
      row[k] = v;
      byReplication.set(run.replication, row);
    }
    const s = costs[k].summary[measure as keyof CostRecord];
    if (values.length === 0 || !s || s.mean === null) return;
    const sorted = [...values].sort((a, b) => a - b);
    const half = halfWidth(s);
    stats.push({
      scenario: o.label,
      n: values.length,
      mean: s.mean,
      lo: s.ci95?.[0] ?? s.mean,
      hi: s.ci95?.[1] ?? s.mean,
      min: sorted[0],
      q1: quantileSorted(sorted, 0.25),
      median: quantileSorted(sorted, 0.5),
      q3: quantileSorted(sorted, 0.75),
      max: sorted[sorted.length - 1],
      meanText: moneyWithHalfWidth(s.mean, half, currency),
      ciText: s.ci95 ? `${money(s.ci95[0])} to ${money(s.ci95[1])}` : "needs two or more replications",
      rangeText: `${money(sorted[0])} to ${money(sorted[sorted.length - 1])}`,
      medianText: money(quantileSorted(sorted, 0.5)),
    });
  });

  // Which scenario is cheapest in each replication that every scenario completed.
  const wins = new Array<number>(outcomes.length).fill(0);
  let paired = 0;
  for (const row of byReplication.values()) {
    if (row.some((v) => v === null)) continue;
    paired++;
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k]! < row[best]!) best = k;
    wins[best]++;
  }
  const what = MEASURE_LABELS[measure];
  const period = periodText(costs[0].months);
  let title: string;
  if (outcomes.length > 1 && paired > 0) {
    const best = wins.indexOf(Math.max(...wins));
    const share = wins[best] / paired;
    const noun = measure === "total" ? "" : ` (${lowerFirst(what)})`;
    title =
      share > 0.5
        ? `${labels[best]} is the cheapest${noun} ${shareOfReplicationsText(share, paired)}`
        : `No option is the cheapest${noun} in most replications; ${labels[best]} is ${shareOfReplicationsText(share, paired)}`;
  } else {
    const s = stats[0];
    const summary = costs[0].summary[measure as keyof CostRecord];
    title = !s
      ? `${labels[0]}: no replication has a ${lowerFirst(what)}`
      : summary?.ci95
        ? `${labels[0]}: ${lowerFirst(what)} ${money(Number(s.mean))} (95% CI ${money(summary.ci95[0])}–${money(summary.ci95[1])})`
        : `${labels[0]}: ${lowerFirst(what)} ${money(Number(s.mean))} (one replication, so no confidence interval)`;
  }
  const subtitle = `${what} per replication over ${period} (${currency}). Dots: replications; box: middle half; line: range; ◆ mean with its 95% confidence interval.`;
  const heading = chartTitle(options.title ?? title, subtitle, width);

  const maxAbs = Math.max(0, ...reps.map((r) => Math.abs(r.value)));
  const x = (field: string) => ({
    field,
    type: "quantitative" as const,
    scale: { zero: false, nice: true },
    axis: { title: `${what} (${currency})`, labelExpr: moneyLabelExpr(currency, maxAbs), grid: true, tickCount: 6 },
  });
  const y = { field: "scenario", type: "nominal" as const, sort: labels, scale: { domain: labels, paddingInner: 0.3, paddingOuter: 0.2 }, title: null };
  const color = { field: "scenario", type: "nominal" as const, scale: scenarioScale(labels), legend: null };
  const statTooltip = [
    { field: "scenario", title: "Scenario" },
    { field: "meanText", title: "Mean ± 95% CI" },
    { field: "ciText", title: "95% CI" },
    { field: "medianText", title: "Median" },
    { field: "rangeText", title: "Range" },
    { field: "n", title: "Replications" },
  ];
  const BOX = 22;
  return {
    ...baseSpec(heading),
    width,
    height: { step: 50 },
    datasets: { replications: reps, stats },
    layer: [
      { data: { name: "stats" }, mark: { type: "rule", strokeWidth: 1.2 }, encoding: { y, x: x("min"), x2: { field: "max" }, color, tooltip: statTooltip } },
      {
        data: { name: "stats" },
        mark: { type: "bar", height: BOX, fillOpacity: 0.16, strokeWidth: 1.2, cornerRadius: 2 },
        encoding: { y, x: x("q1"), x2: { field: "q3" }, color, stroke: color, tooltip: statTooltip },
      },
      { data: { name: "stats" }, mark: { type: "tick", thickness: 2, size: BOX }, encoding: { y, x: x("median"), color, tooltip: statTooltip } },
      {
        data: { name: "replications" },
        mark: { type: "circle", size: 26, opacity: 0.7, stroke: "white", strokeWidth: 0.5 },
        encoding: {
          y,
          yOffset: { field: "jitter", type: "quantitative", scale: { domain: [-1.3, 1.3] } },
          x: x("value"),
          color,
          tooltip: [
            { field: "scenario", title: "Scenario" },
            { field: "replication", title: "Replication" },
            { field: "valueText", title: what },
          ],
        },
      },
      { data: { name: "stats" }, mark: { type: "rule", strokeWidth: 3.5, color: INK, strokeCap: "round" }, encoding: { y, x: x("lo"), x2: { field: "hi" }, tooltip: statTooltip } },
      {
        data: { name: "stats" },
        mark: { type: "point", shape: "diamond", filled: true, size: 110, color: INK, stroke: "white", strokeWidth: 1, opacity: 1 },
        encoding: { y, x: x("mean"), tooltip: statTooltip },
      },
      {
        data: { name: "stats" },
        mark: { type: "text", align: "left", dx: 10, fontSize: 11.5, fontWeight: "bold", color: INK },
        encoding: { y, x: x("max"), text: { field: "meanText" } },
      },
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// Paired differences against the baseline

export interface DifferenceOptions extends ChartOptions {
  /** Metric compared (default total cost). */
  metric?: CompareMetric;
  /** Currency of money metrics (a Comparison does not record it; default USD). */
  currency?: string;
  /** Relative differences (option / baseline − 1) instead of amounts; money metrics only. */
  relative?: boolean;
  /** Draw the interval independent runs would have given (default true with common random numbers). */
  showIndependent?: boolean;
}

interface DifferenceStyle {
  text: (x: number) => string;
  labelExpr: string;
  unitText: string;
}

function differenceStyle(unit: string, relative: boolean, currency: string, maxAbs: number): DifferenceStyle {
  // Signed tick labels, with a plain 0 at the baseline.
  const signedExpr = (expr: string) => `datum.value === 0 ? '0' : ${expr}`;
  if (relative) return { text: (x) => signedPercent(x, 1), labelExpr: signedExpr(`format(datum.value, '+${PERCENT_FORMAT}')`), unitText: "%" };
  switch (unit) {
    case "money":
      return { text: (x) => signedMoney(x, currency), labelExpr: moneyLabelExpr(currency, maxAbs, true), unitText: currency };
    case "share":
      return { text: (x) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x * 100).toFixed(1)} pts`, labelExpr: signedExpr("format(datum.value * 100, '+.1~f')"), unitText: "percentage points" };
    case "seconds":
      return { text: (x) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${formatValue(Math.abs(x), "seconds")}`, labelExpr: signedExpr("format(datum.value, '+,.1~f')"), unitText: "seconds" };
    default:
      return { text: (x) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${formatValue(Math.abs(x), "number")}`, labelExpr: signedExpr("format(datum.value, '+,.3~f')"), unitText: "difference" };
  }
}

/** True when a 95% CI excludes zero. */
function clearlyNonZero(lo: number, hi: number): boolean {
  return lo > 0 || hi < 0;
}

/**
 * Each option minus the baseline, per replication (common random numbers), as a dot (mean) and a
 * bar (95% CI), with a grey band for the interval independent runs would have given. The title
 * states the clearest improvement, e.g. "Offshore saves 22% vs In-house (95% CI 20–23%)".
 */
export function pairedDifferenceChart(comparison: Comparison, options: DifferenceOptions = {}): TopLevelSpec {
  const fn = "pairedDifferenceChart";
  if (!comparison || !Array.isArray(comparison.options) || comparison.options.length === 0) throw new RangeError(`${fn}: comparison must be a Comparison with at least one option`);
  const width = chartWidth(fn, options);
  const metric = options.metric ?? "totalCost";
  if (!(metric in COMPARE_METRICS)) throw new RangeError(`${fn}: options.metric must be one of ${Object.keys(COMPARE_METRICS).join(", ")}, got ${JSON.stringify(metric)}`);
  const def = COMPARE_METRICS[metric];
  const relative = options.relative === true;
  if (relative && def.unit !== "money") throw new RangeError(`${fn}: options.relative needs a money metric (relative differences are only computed for costs), got ${metric}`);
  const currency = options.currency ?? "USD";
  const labels = comparison.options.map((o) => o.label);
  const base = comparison.baseline;
  if (labels.length < 2) throw new RangeError(`${fn}: the comparison has only the baseline (${JSON.stringify(base)}); a difference needs a second option`);
  const crn = comparison.commonRandomNumbers;
  const showIndependent = (options.showIndependent ?? true) && crn && !relative;

  const all = comparison.differences.filter((d) => d.metric === metric && d.option !== base);
  if (all.length === 0) throw new RangeError(`${fn}: the comparison has no differences for ${metric}${def.unit === "money" ? " (are costs known for every option?)" : ""}`);
  const summaryOf = (d: PairedDifference) => (relative ? d.relative : d.difference);
  const usable = all.filter((d) => {
    const s = summaryOf(d);
    return s !== null && isFiniteNumber(s.mean);
  });
  const left = all.filter((d) => !usable.includes(d)).map((d) => d.option);
  const extent = (d: PairedDifference) => {
    const s = summaryOf(d)!;
    const lo = s.ci95?.[0] ?? s.mean!;
    const hi = s.ci95?.[1] ?? s.mean!;
    const ind = showIndependent && isFiniteNumber(d.independentHalfWidth) ? d.independentHalfWidth : null;
    return { mean: s.mean!, lo, hi, ilo: ind !== null ? s.mean! - ind : lo, ihi: ind !== null ? s.mean! + ind : hi, ind };
  };
  const maxAbs = Math.max(0, ...usable.map((d) => Math.max(Math.abs(extent(d).ilo), Math.abs(extent(d).ihi))));
  const style = differenceStyle(def.unit, relative, currency, maxAbs);
  const rows = usable.map((d) => {
    const e = extent(d);
    const half = (e.hi - e.lo) / 2;
    const rel = d.relative && isFiniteNumber(d.relative.mean) && !relative ? ` (${signedPercent(d.relative.mean, 1)})` : "";
    const gain = e.ind !== null && half > 0 ? e.ind / half : null;
    return {
      option: d.option,
      mean: e.mean,
      lo: e.lo,
      hi: e.hi,
      ilo: e.ilo,
      ihi: e.ihi,
      labelAt: Math.max(e.hi, e.ihi),
      label: `${style.text(e.mean)}${rel}`,
      ciText: `${style.text(e.lo)} to ${style.text(e.hi)}`,
      independentText: e.ind !== null ? `${style.text(e.mean - e.ind)} to ${style.text(e.mean + e.ind)}` : "–",
      gainText: gain !== null ? `${gain.toFixed(1)}× narrower with CRN` : "–",
      gain: gain ?? 0,
      clear: clearlyNonZero(e.lo, e.hi),
    };
  });

  // The title: the clearest improvement in the metric's good direction.
  const better = def.better;
  const metricLabel = lowerFirst(def.label);
  const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;
  const range = (d: PairedDifference, sign: 1 | -1): string => {
    const s = summaryOf(d)!;
    if (!s.ci95) return "";
    const [a, b] = sign < 0 ? [-s.ci95[1], -s.ci95[0]] : s.ci95;
    if (relative || def.unit === "money") {
      const r = d.relative;
      if (r?.ci95) {
        const [ra, rb] = sign < 0 ? [-r.ci95[1], -r.ci95[0]] : r.ci95;
        return ` (95% CI ${Math.round(ra * 100)}–${Math.round(rb * 100)}%)`;
      }
    }
    return ` (95% CI ${style.text(a).replace(/^\+/, "")} to ${style.text(b).replace(/^\+/, "")})`;
  };
  const amount = (d: PairedDifference, sign: 1 | -1): string => {
    if (def.unit === "money" && d.relative && isFiniteNumber(d.relative.mean)) return pct(d.relative.mean);
    return style.text(sign * summaryOf(d)!.mean!).replace(/^\+/, "");
  };
  let title: string;
  const clear = usable.filter((d) => rows.find((r) => r.option === d.option)!.clear);
  const good = better === undefined ? [] : clear.filter((d) => (better === "lower" ? summaryOf(d)!.mean! < 0 : summaryOf(d)!.mean! > 0));
  const verbs = def.unit === "money" ? { good: "saves", bad: "costs" } : better === "lower" ? { good: `lowers ${metricLabel} by`, bad: `raises ${metricLabel} by` } : { good: `raises ${metricLabel} by`, bad: `lowers ${metricLabel} by` };
  if (good.length) {
    const best = good.reduce((a, b) => (Math.abs(summaryOf(b)!.mean!) > Math.abs(summaryOf(a)!.mean!) ? b : a));
    const sign = better === "lower" ? -1 : 1;
    title = `${best.option} ${verbs.good} ${amount(best, sign)} vs ${base}${range(best, sign)}`;
  } else if (better !== undefined && usable.length > 0 && clear.length === usable.length) {
    const closest = usable.reduce((a, b) => (Math.abs(summaryOf(b)!.mean!) < Math.abs(summaryOf(a)!.mean!) ? b : a));
    const sign = better === "lower" ? 1 : -1;
    title =
      def.unit === "money"
        ? `Every option costs more than ${base}; the closest, ${closest.option}, costs ${amount(closest, 1)} more${range(closest, 1)}`
        : `No option improves ${metricLabel} on ${base}; the closest, ${closest.option}, ${verbs.bad} ${amount(closest, sign as 1 | -1)}`;
  } else if (better === undefined && clear.length) {
    const biggest = clear.reduce((a, b) => (Math.abs(summaryOf(b)!.mean!) > Math.abs(summaryOf(a)!.mean!) ? b : a));
    title = `${biggest.option} changes ${metricLabel} by ${style.text(summaryOf(biggest)!.mean!)} vs ${base}${range(biggest, 1)}`;
  } else {
    title = def.unit === "money" ? `No option is clearly cheaper than ${base}` : `No option clearly changes ${metricLabel} from ${base}`;
  }
  const meanGain = rows.filter((r) => r.gain > 0).map((r) => r.gain);
  const lowGain = Math.min(...meanGain);
  const highGain = Math.max(...meanGain);
  const gainText = !meanGain.length
    ? ""
    : highGain < 1.15
      ? " (about as wide: these options share little noise)"
      : highGain - lowGain >= 0.2
        ? ` (${lowGain.toFixed(1)}× to ${highGain.toFixed(1)}× wider)`
        : ` (about ${((lowGain + highGain) / 2).toFixed(1)}× wider)`;
  const what = relative ? `${def.label}, relative to ${base}` : `${def.label} minus ${base}`;
  const subtitle =
    `${what}, ${crn ? `paired by replication (common random numbers, n = ${comparison.replications})` : `independent runs (n = ${comparison.replications})`}: ` +
    `dot = mean, bar = 95% CI${showIndependent && rows.some((r) => r.independentText !== "–") ? `; grey = the 95% CI independent runs would give${gainText}` : ""}.` +
    (left.length ? ` No data: ${left.join(", ")}.` : "");
  const heading = chartTitle(options.title ?? title, subtitle, width);
  const optionLabels = labels.filter((l) => l !== base);
  const x = (field: string) => ({
    field,
    type: "quantitative" as const,
    scale: { zero: true, nice: true },
    axis: { title: `${relative ? `${def.label} vs ${base} (%)` : `${def.label} − ${base} (${style.unitText})`}`, labelExpr: style.labelExpr, grid: true, tickCount: 6 },
  });
  const y = { field: "option", type: "nominal" as const, sort: optionLabels, scale: { domain: optionLabels, paddingInner: 0.3, paddingOuter: 0.2 }, title: null };
  const color = { field: "option", type: "nominal" as const, scale: scenarioScale(labels), legend: null };
  const tooltip = [
    { field: "option", title: "Option" },
    { field: "label", title: `Difference vs ${base}` },
    { field: "ciText", title: "95% CI (paired)" },
    ...(showIndependent ? [{ field: "independentText", title: "95% CI (independent runs)" }, { field: "gainText", title: "Common random numbers" }] : []),
  ];
  return {
    ...baseSpec(heading),
    width,
    height: { step: 50 },
    data: { values: rows },
    layer: [
      { mark: { type: "rule", color: MUTED, strokeDash: [4, 3], strokeWidth: 1.2 }, encoding: { x: { datum: 0, type: "quantitative" } } },
      ...(showIndependent
        ? [{ mark: { type: "rule" as const, strokeWidth: 14, color: "#DADADA", strokeCap: "butt" as const }, encoding: { y, x: x("ilo"), x2: { field: "ihi" }, tooltip } }]
        : []),
      { mark: { type: "rule", strokeWidth: 4, strokeCap: "round" }, encoding: { y, x: x("lo"), x2: { field: "hi" }, color, tooltip } },
      { mark: { type: "circle", size: 120, opacity: 1, stroke: "white", strokeWidth: 1.5 }, encoding: { y, x: x("mean"), color, tooltip } },
      { mark: { type: "text", align: "left", dx: 12, fontSize: 11.5, fontWeight: "bold", color: INK }, encoding: { y, x: x("labelAt"), text: { field: "label" } } },
    ],
  } as TopLevelSpec;
}

/** `pairedDifferenceChart` for total cost: what each option saves or costs against the baseline. */
export function costDifferenceChart(comparison: Comparison, options: Omit<DifferenceOptions, "metric"> = {}): TopLevelSpec {
  return pairedDifferenceChart(comparison, { ...options, metric: "totalCost" });
}

// ---------------------------------------------------------------------------------------------
// Breakdown by category

export interface CostBreakdownOptions extends ChartOptions {
  /** Amounts over the simulated period (default) or per month. */
  per?: "period" | "month";
}

/**
 * Mean cost per category, stacked per scenario (categories that are zero everywhere are left
 * out; an SLA bonus is a negative amount and stacks left of zero), with the total at the end.
 */
export function costBreakdownChart(outcomes: readonly ChartOutcome[], options: CostBreakdownOptions = {}): TopLevelSpec {
  const fn = "costBreakdownChart";
  const { currency, costs } = requireCosts(fn, outcomes);
  const width = chartWidth(fn, options);
  const per = options.per ?? "period";
  if (per !== "period" && per !== "month") throw new RangeError(`${fn}: options.per must be "period" or "month", got ${JSON.stringify(per)}`);
  const labels = outcomes.map((o) => o.label);
  const money = (x: number) => formatMoney(x, currency);
  const scale = (k: number) => (per === "month" ? (costs[k].months > 0 ? 1 / costs[k].months : 0) : 1);
  const meanOf = (k: number, c: CostCategory) => {
    const m = costs[k].summary[c]?.mean;
    return isFiniteNumber(m) ? m * scale(k) : 0;
  };
  const used = COST_CATEGORIES.filter((c) => outcomes.some((_, k) => meanOf(k, c) !== 0));
  const rows: Record<string, string | number>[] = [];
  const totals: Record<string, string | number>[] = [];
  const largest: { label: string; category: CostCategory; share: number }[] = [];
  outcomes.forEach((o, k) => {
    const mean = costs[k].summary.total.mean;
    const total = isFiniteNumber(mean) ? mean * scale(k) : used.reduce((a, c) => a + meanOf(k, c), 0);
    let top: CostCategory | null = null;
    for (const c of used) {
      const amount = meanOf(k, c);
      if (amount === 0) continue;
      if (top === null || amount > meanOf(k, top)) top = c;
      rows.push({
        scenario: o.label,
        category: COST_LABELS[c],
        order: COST_CATEGORIES.indexOf(c),
        amount,
        amountText: money(amount),
        shareText: total !== 0 ? formatPercent(amount / total, 1) : "–",
      });
    }
    if (top && total > 0) largest.push({ label: o.label, category: top, share: meanOf(k, top) / total });
    const positive = used.reduce((a, c) => a + Math.max(0, meanOf(k, c)), 0);
    const half = halfWidth(costs[k].summary.total);
    totals.push({
      scenario: o.label,
      at: Math.max(positive, total, 0),
      total,
      totalText: moneyWithHalfWidth(total, half === null ? null : half * scale(k), currency),
    });
  });

  const period = periodText(costs[0].months);
  const scope = per === "month" ? "per month" : `over ${period}`;
  let title: string;
  const pctOf = (x: number) => `${Math.round(x * 100)}%`;
  if (largest.length === 0) title = "No costs in any scenario";
  else if (largest.length === 1) title = `${COST_LABELS[largest[0].category]} is ${pctOf(largest[0].share)} of ${possessive(largest[0].label)} cost ${scope}`;
  else if (largest.every((l) => l.category === largest[0].category)) {
    const shares = largest.map((l) => l.share);
    const lo = pctOf(Math.min(...shares));
    const hi = pctOf(Math.max(...shares));
    title = `${COST_LABELS[largest[0].category]} is the largest cost in every scenario (${lo === hi ? lo : `${lo}–${hi}`} of the total)`;
  } else {
    const parts = largest.slice(0, 3).map((l) => `${lowerFirst(COST_LABELS[l.category])} for ${l.label} (${pctOf(l.share)})`);
    title = `The largest cost is ${parts.join(", ")}${largest.length > 3 ? ", …" : ""}`;
  }
  const subtitle = `Mean cost ${scope} by category (${currency}), averaged over replications; the total is shown with its 95% confidence interval.`;
  const heading = chartTitle(options.title ?? title, subtitle, width);
  const categoryLabels = used.map((c) => COST_LABELS[c]);
  const maxAbs = Math.max(0, ...totals.map((t) => Math.abs(Number(t.at))), ...rows.map((r) => Math.abs(Number(r.amount))));
  const x = (field: string, stack?: "zero") => ({
    field,
    type: "quantitative" as const,
    ...(stack ? { stack } : {}),
    scale: { zero: true, nice: true },
    axis: { title: `Cost ${scope} (${currency})`, labelExpr: moneyLabelExpr(currency, maxAbs), grid: true, tickCount: 6 },
  });
  const y = { field: "scenario", type: "nominal" as const, sort: labels, scale: { domain: labels, paddingInner: 0.3, paddingOuter: 0.2 }, title: null };
  return {
    ...baseSpec(heading),
    width,
    height: { step: 44 },
    datasets: { parts: rows, totals },
    layer: [
      {
        data: { name: "parts" },
        mark: { type: "bar", height: 26, stroke: "white", strokeWidth: 0.6 },
        encoding: {
          y,
          x: x("amount", "zero"),
          color: {
            field: "category",
            type: "nominal",
            scale: { domain: categoryLabels, range: used.map((c) => COST_CATEGORY_COLORS[c]) },
            legend: { title: null, orient: "bottom", direction: "horizontal", columns: width >= 520 ? 3 : 2, symbolType: "square", labelFontSize: 11 },
          },
          order: { field: "order", type: "quantitative" },
          tooltip: [
            { field: "scenario", title: "Scenario" },
            { field: "category", title: "Category" },
            { field: "amountText", title: `Mean ${scope}` },
            { field: "shareText", title: "Share of total" },
          ],
        },
      },
      {
        data: { name: "totals" },
        mark: { type: "text", align: "left", dx: 6, fontSize: 11.5, fontWeight: "bold", color: INK },
        encoding: { y, x: x("at"), text: { field: "totalText" } },
      },
    ],
  } as TopLevelSpec;
}
