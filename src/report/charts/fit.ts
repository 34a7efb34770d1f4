/**
 * Charts of a fit and a backtest: data against fit, so a reader sees where the fitted model is
 * right and where it is not. Pure functions from `FitResult` / `BacktestResult` to vega-lite.
 *
 * - dailyVolumeChart: calls per day against the fitted mean, with the band the fitted
 *   overdispersion allows (mean ± 2 sd of a gamma–Poisson day);
 * - handleTimeQuantileChart: quantiles of talk time, data against the lognormal (Q–Q);
 * - patienceChart: Kaplan–Meier survival with its 95% band against the parametric fits;
 * - backtestKpiChart: one KPI across the day, observed points against the simulated mean and
 *   the simulation's 99% interval.
 */
import type { TopLevelSpec } from "vega-lite";
import { KPI_LABELS, intervalLabel, type BacktestResult } from "../../fit/backtest.js";
import type { TypeFit, FitResult } from "../../fit/fit.js";
import type { BacktestKpi } from "../../fit/observed.js";
import { INK, MUTED, PERCENT_FORMAT, SCENARIO_PALETTE, baseSpec, chartTitle, chartWidth, type ChartOptions } from "./common.js";

export interface FitChartOptions extends ChartOptions {
  /** Plot height in pixels. */
  height?: number;
}

const DATA = SCENARIO_PALETTE[0];
const FIT = SCENARIO_PALETTE[1];

export function dailyVolumeChart(fit: FitResult, type: TypeFit, options: FitChartOptions = {}): TopLevelSpec {
  const width = chartWidth("dailyVolumeChart", options);
  const a = type.arrivals;
  const c = a.overdispersion?.value ?? 0;
  const rows = a.dailyCounts.map((n, d) => {
    const weekday = (fit.calendar.startWeekday + d) % 7;
    const mu = a.daily * (a.dayOfWeek ? a.dayOfWeek[weekday] : 1);
    const sd = Math.sqrt(mu + c * c * mu * mu);
    return { day: d + 1, observed: n, fitted: mu, low: Math.max(0, mu - 2 * sd), high: mu + 2 * sd };
  });
  return {
    ...baseSpec(chartTitle(options.title ?? `${type.name}: calls per day against the fit`, `Dots: the records. Line: daily volume × day-of-week factor; band: ±2 sd with overdispersion ${c.toFixed(3)}.`, width)),
    width,
    height: options.height ?? 220,
    data: { values: rows },
    encoding: { x: { field: "day", type: "quantitative", title: "Day of the records", axis: { tickMinStep: 1 } } },
    layer: [
      { mark: { type: "area", opacity: 0.2, color: FIT }, encoding: { y: { field: "low", type: "quantitative", title: "Calls" }, y2: { field: "high" } } },
      { mark: { type: "line", color: FIT }, encoding: { y: { field: "fitted", type: "quantitative" } } },
      { mark: { type: "point", filled: true, color: DATA }, encoding: { y: { field: "observed", type: "quantitative" }, tooltip: [{ field: "day" }, { field: "observed" }, { field: "fitted", format: ".0f" }] } },
    ],
  } as TopLevelSpec;
}

export function handleTimeQuantileChart(type: TypeFit, options: FitChartOptions = {}): TopLevelSpec {
  const width = chartWidth("handleTimeQuantileChart", options);
  const h = type.handle;
  const rows = (h?.quantiles ?? []).map((q) => ({ p: `${Math.round(q.p * 100)}%`, data: q.data, fit: q.fit }));
  const max = Math.max(1, ...rows.map((r) => Math.max(r.data, r.fit)));
  return {
    ...baseSpec(chartTitle(options.title ?? `${type.name}: talk time quantiles, data against the lognormal`, h ? `Points on the diagonal fit. Lognormal mean ${h.mean.toFixed(0)} s, cv ${h.cv.toFixed(2)}; KS D ${h.ks.d.toFixed(3)}, AD ${h.ad.toFixed(1)}.` : "No talk times in the records.", width)),
    width,
    height: options.height ?? width * 0.6,
    layer: [
      { data: { values: [{ x: 0, y: 0 }, { x: max, y: max }] }, mark: { type: "line", color: MUTED, strokeDash: [4, 4] }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } },
      {
        data: { values: rows },
        mark: { type: "point", filled: true, color: DATA, size: 60 },
        encoding: {
          x: { field: "fit", type: "quantitative", title: "Lognormal quantile (s)" },
          y: { field: "data", type: "quantitative", title: "Data quantile (s)" },
          tooltip: [{ field: "p", title: "quantile" }, { field: "data", format: ".0f" }, { field: "fit", format: ".0f" }],
        },
      },
      { data: { values: rows }, mark: { type: "text", dx: 8, align: "left", color: INK }, encoding: { x: { field: "fit", type: "quantitative" }, y: { field: "data", type: "quantitative" }, text: { field: "p" } } },
    ],
  } as TopLevelSpec;
}

export function patienceChart(type: TypeFit, options: FitChartOptions = {}): TopLevelSpec {
  const width = chartWidth("patienceChart", options);
  const p = type.patience;
  const km = p.kaplanMeier;
  const tMax = km.length ? km[km.length - 1].time : 600;
  const kmRows = km.map((s) => ({ time: s.time, survival: s.survival, lower: s.lower, upper: s.upper }));
  const grid = Array.from({ length: 61 }, (_, i) => (i * tMax) / 60);
  const fitRows = p.fits.flatMap((f) => grid.map((t) => ({ time: t, survival: f.survival(t), fit: `${f.family}${f === p.best ? " (best)" : ""}` })));
  return {
    ...baseSpec(chartTitle(options.title ?? `${type.name}: patience, Kaplan–Meier against the parametric fits`, `${p.events} abandoned waits, ${p.censored} answered waits as censored observations; band: 95% (Greenwood).`, width)),
    width,
    height: options.height ?? 240,
    layer: [
      { data: { values: kmRows }, mark: { type: "area", interpolate: "step-after", opacity: 0.2, color: DATA }, encoding: { x: { field: "time", type: "quantitative", title: "Wait (s)" }, y: { field: "lower", type: "quantitative", title: "Share still willing to wait", axis: { format: PERCENT_FORMAT } }, y2: { field: "upper" } } },
      { data: { values: kmRows }, mark: { type: "line", interpolate: "step-after", color: DATA }, encoding: { x: { field: "time", type: "quantitative" }, y: { field: "survival", type: "quantitative" } } },
      { data: { values: fitRows }, mark: { type: "line", strokeDash: [5, 3] }, encoding: { x: { field: "time", type: "quantitative" }, y: { field: "survival", type: "quantitative" }, color: { field: "fit", type: "nominal", title: "Fit", scale: { range: [FIT, SCENARIO_PALETTE[2], SCENARIO_PALETTE[3]] } } } },
    ],
  } as TopLevelSpec;
}

const SHARES: readonly BacktestKpi[] = ["abandonRate", "serviceLevel", "delayProbability"];

export function backtestKpiChart(b: BacktestResult, kpi: BacktestKpi, options: FitChartOptions = {}): TopLevelSpec {
  const width = chartWidth("backtestKpiChart", options);
  const k = b.kpis.find((x) => x.kpi === kpi);
  if (!k) throw new RangeError(`backtestKpiChart: no KPI ${kpi} in the backtest`);
  const rows = k.byInterval.flatMap((c, i) => (c ? [{ interval: intervalLabel(i, b.intervalSeconds).slice(0, 5), observed: c.observed, mean: c.mean, low: c.range[0], high: c.range[1], inside: c.inside ? "inside" : "outside" }] : []));
  const w = k.whole;
  const share = SHARES.includes(kpi);
  const f = (x: number) => (share ? `${(100 * x).toFixed(1)}%` : x.toFixed(kpi === "asa" ? 1 : 0));
  const title = `${KPI_LABELS[kpi]}: observed ${f(w.observed)}, simulated ${f(w.mean)} — ${w.inside ? "inside" : "outside"} the simulation's 99% interval`;
  const y = { type: "quantitative" as const, title: KPI_LABELS[kpi], ...(share ? { axis: { format: PERCENT_FORMAT } } : {}) };
  return {
    ...baseSpec(chartTitle(options.title ?? title, `Across the day, days pooled. Dots: the records (hollow: outside); line: simulated mean over ${b.replications} replications; band: 99% of replications.`, width)),
    width,
    height: options.height ?? 200,
    data: { values: rows },
    encoding: { x: { field: "interval", type: "ordinal", title: "Interval of the day", axis: { labelAngle: -90 } } },
    layer: [
      { mark: { type: "area", opacity: 0.2, color: FIT }, encoding: { y: { field: "low", ...y }, y2: { field: "high" } } },
      { mark: { type: "line", color: FIT }, encoding: { y: { field: "mean", ...y } } },
      {
        mark: { type: "point", color: DATA, size: 50 },
        encoding: {
          y: { field: "observed", ...y },
          fill: { field: "inside", type: "nominal", scale: { domain: ["inside", "outside"], range: [DATA, "white"] }, title: "Observed" },
          tooltip: [{ field: "interval" }, { field: "observed", format: share ? ".1%" : ".1f" }, { field: "mean", format: share ? ".1%" : ".1f" }],
        },
      },
    ],
  } as TopLevelSpec;
}
