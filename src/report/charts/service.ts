/**
 * Service through the day: service level, ASA and abandonment (or other per-interval KPIs) per
 * report interval, one panel per KPI, scenarios overlaid in their colours. The line is the mean
 * over replications, the band the 5th–95th percentile of the replications' values (how much an
 * ordinary day varies, not the uncertainty of the mean), and the service-level target a dashed rule.
 *
 * Runs of two days or more are shown as a day profile (each interval of the day pooled over the
 * days simulated, `ExperimentResult.dayProfile`); shorter runs interval by interval after the
 * warm-up. Intervals without contacts (closed hours) have no value and break the line.
 */
import type { TopLevelSpec } from "vega-lite";
import { CONTACT_KPIS } from "../../experiment/kpis.js";
import type { ExperimentResult } from "../../experiment/replicate.js";
import type { BandSummary } from "../../experiment/summary.js";
import { DAY_LABELS, formatNumber, formatPercent, formatValue } from "../format.js";
import { INK, PERCENT_FORMAT, baseSpec, chartTitle, chartWidth, type ChartOptions, isFiniteNumber, requireOutcomes, scenarioScale } from "./common.js";

/** KPIs kept per report interval (experiment/kpis.ts `INTERVAL_CONTACT_KPIS`). */
export const PROFILE_KPIS = ["serviceLevel", "asa", "abandonRate", "delayProbability", "offered", "answered", "abandoned", "aht"] as const;
export type ProfileKpi = (typeof PROFILE_KPIS)[number];

export interface ServiceProfileOptions extends ChartOptions {
  /** Panels, top to bottom (default service level, ASA, abandonment). */
  kpis?: readonly ProfileKpi[];
  /** Contact types (default) or channels. */
  scope?: "types" | "channels";
  /** A contact type or channel; default "all" for types, the first channel for channels. */
  name?: string;
  /** "auto" (default): the day profile when every outcome has one, else intervals. */
  source?: "auto" | "dayProfile" | "intervals";
  /** Height of each panel in pixels (default 150). */
  panelHeight?: number;
}

/** The outcome fields this chart reads. */
export interface ProfileOutcome {
  label: string;
  result: ExperimentResult;
}

const UNIT_OF: Record<ProfileKpi, "share" | "seconds" | "count"> = {
  serviceLevel: "share",
  asa: "seconds",
  abandonRate: "share",
  delayProbability: "share",
  offered: "count",
  answered: "count",
  abandoned: "count",
  aht: "seconds",
};

export function intervalNoun(seconds: number): string {
  switch (seconds) {
    case 900:
      return "quarter-hour";
    case 1800:
      return "half-hour";
    case 3600:
      return "hour";
    case 86400:
      return "day";
    default:
      return seconds % 60 === 0 ? `${seconds / 60}-minute interval` : "interval";
  }
}

/** "07:30" from hours (modulo a day). */
export function clock(hours: number): string {
  const minutes = Math.round(hours * 60);
  const inDay = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(inDay / 60)).padStart(2, "0")}:${String(inDay % 60).padStart(2, "0")}`;
}

interface ProfilePoint {
  scenario: string;
  start: number;
  end: number;
  x: number;
  mean: number;
  lo: number;
  hi: number;
  p5: number;
  p95: number;
  segment: number;
  isolated: boolean;
  when: string;
  meanText: string;
  bandText: string;
  ciText: string;
}

/**
 * Service level, ASA and abandonment (by default) per interval across the day, for one or more
 * scenarios, with the p5–p95 band, the mean line and the service-level target.
 */
export function serviceProfileChart(outcomes: readonly ProfileOutcome[], options: ServiceProfileOptions = {}): TopLevelSpec {
  const fn = "serviceProfileChart";
  requireOutcomes(fn, outcomes);
  const kpis: readonly ProfileKpi[] = options.kpis ?? ["serviceLevel", "asa", "abandonRate"];
  if (!kpis || typeof kpis.length !== "number" || kpis.length === 0) throw new RangeError(`${fn}: options.kpis must be a non-empty list of ${PROFILE_KPIS.join(", ")}`);
  for (const k of kpis) if (!PROFILE_KPIS.includes(k)) throw new RangeError(`${fn}: options.kpis must contain only ${PROFILE_KPIS.join(", ")}, got ${JSON.stringify(k)}`);
  const scope = options.scope ?? "types";
  if (scope !== "types" && scope !== "channels") throw new RangeError(`${fn}: options.scope must be "types" or "channels", got ${JSON.stringify(scope)}`);
  const width = chartWidth(fn, options);
  const panelHeight = options.panelHeight ?? 150;
  if (!isFiniteNumber(panelHeight) || panelHeight < 40 || panelHeight > 2000) throw new RangeError(`${fn}: options.panelHeight must be a number of pixels from 40 to 2000, got ${String(options.panelHeight)}`);
  const sourceOption = options.source ?? "auto";
  if (!["auto", "dayProfile", "intervals"].includes(sourceOption)) throw new RangeError(`${fn}: options.source must be "auto", "dayProfile" or "intervals", got ${JSON.stringify(sourceOption)}`);
  const source: "dayProfile" | "intervals" =
    sourceOption === "auto" ? (outcomes.every((o) => o.result.dayProfile !== null) ? "dayProfile" : "intervals") : sourceOption;
  if (source === "dayProfile") {
    const missing = outcomes.filter((o) => o.result.dayProfile === null).map((o) => o.label);
    if (missing.length) throw new RangeError(`${fn}: options.source is "dayProfile" but ${missing.join(", ")} ran less than two whole days (no day profile)`);
  }
  const first = outcomes[0].result.info;
  const name = options.name ?? (scope === "types" ? "all" : first.layout.channels[0]);
  for (const o of outcomes) {
    const names = scope === "types" ? ["all", ...o.result.info.layout.types] : o.result.info.layout.channels;
    if (!names.includes(name)) throw new RangeError(`${fn}: options.name ${JSON.stringify(name)} is not a ${scope === "types" ? "contact type" : "channel"} of ${o.label} (has ${names.join(", ")})`);
  }
  const labels = outcomes.map((o) => o.label);

  // The service-level target of what is shown: the type's, or the most demanding one's.
  const targetOf = (r: ExperimentResult) => {
    const info = r.info;
    const types =
      scope === "types" ? (name === "all" ? info.layout.types : [name]) : info.layout.types.filter((_, i) => info.layout.typeChannel[i] === name);
    const targets = types.map((t) => info.serviceLevel[t]?.target).filter(isFiniteNumber);
    return targets.length ? Math.max(...targets) : null;
  };
  const thresholdOf = (r: ExperimentResult) => {
    const info = r.info;
    const types = scope === "types" && name !== "all" ? [name] : info.layout.types;
    const ts = [...new Set(types.map((t) => info.serviceLevel[t]?.thresholdSeconds).filter(isFiniteNumber))];
    return ts.length === 1 ? ts[0] : null;
  };
  const target = targetOf(outcomes[0].result);
  const threshold = thresholdOf(outcomes[0].result);

  const points: Record<ProfileKpi, ProfilePoint[]> = Object.fromEntries(kpis.map((k) => [k, []])) as unknown as Record<ProfileKpi, ProfilePoint[]>;
  const spans: number[] = [];
  let pooledDays = 0;
  for (const o of outcomes) {
    const info = o.result.info;
    const seconds = info.reportIntervalSeconds;
    const series = source === "dayProfile" ? o.result.dayProfile![scope][name] : o.result.intervals[scope][name];
    const firstInterval = source === "dayProfile" ? 0 : Math.floor(info.warmupSeconds / seconds);
    // Pooled days per slot of the day profile: counts are divided by them (per-day means).
    const perDay = Math.round(86400 / seconds);
    const firstCounted = Math.floor(info.warmupSeconds / seconds);
    const daysInSlot = (slot: number) => {
      let n = 0;
      for (let i = slot; i < info.reportIntervals; i += perDay) if (i >= firstCounted) n++;
      return n;
    };
    if (source === "dayProfile") pooledDays = Math.max(pooledDays, daysInSlot(0));
    for (const kpi of kpis) {
      const bands: readonly BandSummary[] = series?.[kpi] ?? [];
      let segment = 0;
      let previousDefined = false;
      const rows: ProfilePoint[] = [];
      bands.forEach((b, i) => {
        if (i < firstInterval) return;
        if (!isFiniteNumber(b.mean)) {
          if (previousDefined) segment++;
          previousDefined = false;
          return;
        }
        previousDefined = true;
        const divisor = source === "dayProfile" && UNIT_OF[kpi] === "count" ? Math.max(1, daysInSlot(i)) : 1;
        const v = (x: number | null) => (isFiniteNumber(x) ? x / divisor : b.mean! / divisor);
        const start = (i * seconds) / 3600;
        const end = ((i + 1) * seconds) / 3600;
        const mean = b.mean / divisor;
        const f = (x: number) => (UNIT_OF[kpi] === "share" ? formatPercent(x, 1) : UNIT_OF[kpi] === "seconds" ? formatValue(x, "seconds") : formatNumber(x, x >= 100 ? 0 : 1));
        const when =
          source === "dayProfile" || info.horizonSeconds <= 86400
            ? `${clock(start)}–${clock(end)}`
            : `${DAY_LABELS[(((info.startDay + Math.floor(start / 24)) % 7) + 7) % 7]} ${clock(start)}–${clock(end)}`;
        rows.push({
          scenario: o.label,
          start,
          end,
          x: (start + end) / 2,
          mean,
          lo: v(b.lo),
          hi: v(b.hi),
          p5: v(b.p5),
          p95: v(b.p95),
          segment,
          isolated: false,
          when,
          meanText: f(mean),
          bandText: `${f(v(b.p5))} to ${f(v(b.p95))}`,
          ciText: isFiniteNumber(b.lo) && isFiniteNumber(b.hi) ? `${f(b.lo / divisor)} to ${f(b.hi / divisor)}` : "–",
        });
      });
      for (const row of rows) row.isolated = rows.filter((r) => r.segment === row.segment).length === 1;
      points[kpi].push(...rows);
      for (const r of rows) spans.push(r.start, r.end);
    }
  }

  // The time axis: hours from midnight (day profile) or from the start of the run.
  const lo = spans.length ? Math.floor(Math.min(...spans)) : 0;
  const hi = spans.length ? Math.ceil(Math.max(...spans)) : 24;
  const span = Math.max(1, hi - lo);
  // Day-and-time labels are long: fewer ticks when the run spans days.
  const multiDay = source === "intervals" && hi - lo > 24;
  const step = [1, 2, 3, 4, 6, 12, 24, 48, 168].find((s) => span / s <= (multiDay ? 6 : 10)) ?? 168;
  const from = Math.floor(lo / step) * step;
  const to = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = from; t <= to + 1e-9; t += step) ticks.push(t);
  const hhmm = "format(floor(datum.value % 24), '02d') + ':' + format(round((datum.value % 1) * 60), '02d')";
  const days = JSON.stringify(DAY_LABELS);
  const xLabel = multiDay ? `${days}[(floor(datum.value / 24) + ${first.startDay}) % 7] + ' ' + ${hhmm}` : hhmm;
  const noun = intervalNoun(first.reportIntervalSeconds);

  // The title: how often the mean service level misses its target.
  const scopeText = scope === "types" ? (name === "all" ? "All contacts" : `${name} contacts`) : `${name} channel`;
  let title: string;
  if (kpis.includes("serviceLevel") && target !== null) {
    const pct = `${Math.round(target * 1000) / 10}%`;
    const counts = outcomes.map((o) => {
      const rows = points.serviceLevel.filter((p) => p.scenario === o.label);
      const missed = rows.filter((p) => p.mean < target - 1e-12);
      const worst = missed.reduce<ProfilePoint | null>((w, p) => (w === null || p.mean < w.mean ? p : w), null);
      return { label: o.label, n: rows.length, missed: missed.length, worst };
    });
    const nounOfDay = source === "dayProfile" ? `${noun}s of the day` : `${noun}s`;
    if (counts.length === 1) {
      const c = counts[0];
      title =
        c.missed === 0
          ? `Service level meets the ${pct} target in every ${noun} with contacts (${c.n})`
          : `Service level misses the ${pct} target in ${c.missed} of ${c.n} ${nounOfDay} (lowest ${formatPercent(c.worst!.mean, 0)} at ${c.worst!.when})`;
    } else if (counts.every((c) => c.missed === 0)) title = `Every scenario meets the ${pct} service-level target in every ${noun}`;
    else {
      const parts = counts.map((c, i) => (i === 0 ? `${c.missed} of ${c.n} ${nounOfDay} for ${c.label}` : `${c.missed} for ${c.label}`));
      title = `Service level misses the ${pct} target in ${parts.join(", ")}`;
    }
  } else {
    const names = kpis.map((k) => CONTACT_KPIS.find((d) => d.key === k)?.label ?? k);
    title = `${names.slice(0, -1).join(", ")}${names.length > 1 ? " and " : ""}${names[names.length - 1]} by ${noun}`;
  }
  const sourceText =
    source === "dayProfile"
      ? `each ${noun} of the day pooled over the ${pooledDays} day${pooledDays === 1 ? "" : "s"} simulated${kpis.some((k) => UNIT_OF[k] === "count") ? " (counts per day)" : ""}`
      : `each ${noun} of the run${first.warmupSeconds > 0 ? " after the warm-up" : ""}`;
  const subtitle = `${scopeText}, ${sourceText}. Line: mean over replications; band: 5th–95th percentile of replications${kpis.includes("serviceLevel") && target !== null ? "; dashed: target" : ""}.`;
  const heading = chartTitle(options.title ?? title, subtitle, width);

  const color = { field: "scenario", type: "nominal" as const, scale: scenarioScale(labels), legend: outcomes.length > 1 ? { title: null, orient: "top" as const, direction: "horizontal" as const, symbolType: "stroke", symbolStrokeWidth: 3, symbolOpacity: 1 } : null };
  const panels = kpis.map((kpi, index) => {
    const unit = UNIT_OF[kpi];
    const def = CONTACT_KPIS.find((d) => d.key === kpi)!;
    const yTitle =
      kpi === "serviceLevel" && threshold !== null
        ? `Service level (% within ${threshold} s)`
        : unit === "share"
          ? `${def.label} (%)`
          : unit === "seconds"
            ? `${def.label} (seconds)`
            : `${def.label} (${source === "dayProfile" ? "per day" : `per ${noun}`})`;
    const yScale = unit === "share" && (kpi === "serviceLevel" || kpi === "delayProbability") ? { domain: [0, 1] } : { zero: true, nice: true };
    const y = (field: string) => ({
      field,
      type: "quantitative" as const,
      scale: yScale,
      axis: { title: yTitle, ...(unit === "share" ? { format: PERCENT_FORMAT } : { format: ",.0f" }), tickCount: 5, titleFontSize: 11.5 },
    });
    const x = (field: string) => ({
      field,
      type: "quantitative" as const,
      scale: { domain: [from, to], nice: false, zero: false },
      axis: { title: index === kpis.length - 1 ? (source === "dayProfile" ? "Time of day" : "Time") : null, values: ticks, labelExpr: xLabel, grid: true, labelFlush: true },
    });
    const tooltip = [
      { field: "scenario", title: "Scenario" },
      { field: "when", title: "Interval" },
      { field: "meanText", title: `${def.label} (mean)` },
      { field: "ciText", title: "95% CI of the mean" },
      { field: "bandText", title: "5th–95th percentile" },
    ];
    const detail = { field: "segment", type: "nominal" as const };
    const layers: object[] = [
      { mark: { type: "area", opacity: outcomes.length > 1 ? 0.14 : 0.22, interpolate: "monotone" }, encoding: { x: x("x"), y: y("p5"), y2: { field: "p95" }, color, detail } },
      { mark: { type: "line", strokeWidth: 2, interpolate: "monotone" }, encoding: { x: x("x"), y: y("mean"), color, detail, tooltip } },
      { transform: [{ filter: "datum.isolated" }], mark: { type: "circle", size: 30, opacity: 1 }, encoding: { x: x("x"), y: y("mean"), color, tooltip } },
      // Invisible wide points so the tooltip finds every interval.
      { mark: { type: "circle", size: 120, opacity: 0 }, encoding: { x: x("x"), y: y("mean"), tooltip } },
    ];
    if (kpi === "serviceLevel" && target !== null) {
      layers.push(
        { data: { values: [{ target }] }, mark: { type: "rule", color: INK, strokeDash: [5, 4], strokeWidth: 1.3 }, encoding: { y: { field: "target", type: "quantitative" } } },
        {
          data: { values: [{ target, label: `target ${formatPercent(target, 0)}` }] },
          mark: { type: "text", align: "right", baseline: "bottom", dy: -3, fontSize: 11, color: INK, fontWeight: "bold" },
          encoding: { x: { datum: to, type: "quantitative" }, y: { field: "target", type: "quantitative" }, text: { field: "label" } },
        },
      );
    }
    return { width, height: panelHeight, data: { values: points[kpi] }, layer: layers };
  });
  return {
    ...baseSpec(heading),
    vconcat: panels,
    resolve: { scale: { color: "shared", x: "shared" } },
  } as TopLevelSpec;
}
