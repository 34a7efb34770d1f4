/**
 * Machine-readable results: the documented JSON document (docs/results.md) and tidy CSV tables
 * (one value per row) that open in a spreadsheet and feed charts directly. Pure functions from
 * results to text; the CLI writes them. Nothing here depends on wall-clock time, so the same
 * scenario and seed give byte-identical files however the work was split.
 */
import { csvLine, csvRound, csvTable, type CsvUnit } from "../text/csv.js";
import { AGENT_KPIS, CONTACT_KPIS, SCOPES, type KpiUnit, type KpiValue } from "../experiment/kpis.js";
import type { ExperimentResult, ScopedSummary, SeriesSummary } from "../experiment/replicate.js";
import type { Summary } from "../experiment/summary.js";
import { COST_CATEGORIES, type CostRecord, type CostReport } from "../models/cost.js";
import { clockLabel } from "./format.js";
import type { RunWarning } from "./warnings.js";

export const RESULTS_FORMAT = "ccsim.results/1";
export const VERSION = "0.1.0";


export interface ResultsDocument {
  format: typeof RESULTS_FORMAT;
  generator: string;
  /** `overrides`: the `--set path=value` texts applied on top of the file, in order (empty when none). */
  scenario: { name: string; file: string | null; overrides: string[] };
  seed: number;
  /** Replications completed, and asked for. */
  replications: number;
  requested: number;
  partial: boolean;
  statusCounts: Record<string, number>;
  horizonSeconds: number;
  warmupSeconds: number;
  reportIntervalSeconds: number;
  types: string[];
  channels: string[];
  groups: string[];
  sites: string[];
  serviceLevel: ExperimentResult["info"]["serviceLevel"];
  kpis: { contact: typeof CONTACT_KPIS; agent: typeof AGENT_KPIS };
  summary: ScopedSummary;
  /** Ratio KPIs pooled over all replications (ratio of sums, with the ratio estimator's 95% CI). */
  pooled: ExperimentResult["pooled"];
  costs: { currency: string; months: number; summary: CostReport["summary"]; bySite: CostReport["bySite"] } | null;
  intervals: { start: number[]; label: string[]; series: ReturnType<typeof columnarSeries> };
  dayProfile: { start: number[]; series: ReturnType<typeof columnarSeries> } | null;
  runs: {
    replication: number;
    status: string;
    endTime: number;
    events: number;
    peakInSystem: number;
    totals: ExperimentResult["runs"][number]["totals"];
    cost: CostRecord | null;
  }[];
  warnings: RunWarning[];
}

export function resultsDocument(result: ExperimentResult, costs: CostReport | null, file: string | null = null, warnings: RunWarning[] = [], overrides: readonly string[] = []): ResultsDocument {
  const { info } = result;
  const starts = Array.from({ length: info.reportIntervals }, (_, i) => i * info.reportIntervalSeconds);
  const perDay = 86400 / info.reportIntervalSeconds;
  return {
    format: RESULTS_FORMAT,
    generator: `ccsim ${VERSION}`,
    scenario: { name: info.name, file, overrides: [...overrides] },
    seed: info.seed,
    replications: result.runs.length,
    requested: result.requested,
    partial: result.partial,
    statusCounts: result.statusCounts as Record<string, number>,
    horizonSeconds: info.horizonSeconds,
    warmupSeconds: info.warmupSeconds,
    reportIntervalSeconds: info.reportIntervalSeconds,
    types: info.layout.types,
    channels: info.layout.channels,
    groups: info.layout.groups,
    sites: info.layout.sites,
    serviceLevel: info.serviceLevel,
    kpis: { contact: CONTACT_KPIS, agent: AGENT_KPIS },
    summary: result.summary,
    pooled: result.pooled,
    costs: costs ? { currency: costs.currency, months: costs.months, summary: costs.summary, bySite: costs.bySite } : null,
    intervals: { start: starts, label: starts.map((t) => clockLabel(t, info.startDay)), series: columnarSeries(result.intervals) },
    dayProfile: result.dayProfile ? { start: Array.from({ length: perDay }, (_, i) => i * info.reportIntervalSeconds), series: columnarSeries(result.dayProfile) } : null,
    runs: result.runs.map((r, i) => ({
      replication: r.replication,
      status: r.status,
      endTime: r.endTime,
      events: r.events,
      peakInSystem: r.peakInSystem,
      totals: r.totals,
      cost: costs?.runs[i]?.cost ?? null,
    })),
    warnings,
  };
}

/**
 * JSON with non-finite numbers turned into null, so no NaN or Infinity ever reaches a file.
 * Objects are indented for reading; lists of plain values stay on one line (series of hundreds
 * of numbers would otherwise take a line each).
 */
export function toJson(value: unknown, indent = 2): string {
  return [...jsonParts(value, indent)].join("");
}

/**
 * toJson's text in pieces, in order, for writing to a file as they come: the results of 1,200
 * replications are 15 MB of JSON, and building them as one string took four times that.
 */
export function* jsonParts(value: unknown, indent = 2): Generator<string> {
  const scalar = (v: unknown) => JSON.stringify(typeof v === "number" && !Number.isFinite(v) ? null : v);
  function* write(v: unknown, depth: number): Generator<string> {
    if (v === null || typeof v !== "object") return yield scalar(v) ?? "null";
    const pad = " ".repeat(indent * (depth + 1));
    const end = " ".repeat(indent * depth);
    if (Array.isArray(v)) {
      if (v.length === 0) return yield "[]";
      if (v.every((x) => x === null || typeof x !== "object")) return yield `[${v.map(scalar).join(", ")}]`;
      for (let i = 0; i < v.length; i++) {
        yield `${i === 0 ? "[\n" : ",\n"}${pad}`;
        yield* write(v[i], depth + 1);
      }
      return yield `\n${end}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return yield "{}";
    for (let i = 0; i < entries.length; i++) {
      yield `${i === 0 ? "{\n" : ",\n"}${pad}${JSON.stringify(entries[i][0])}: `;
      yield* write(entries[i][1], depth + 1);
    }
    yield `\n${end}}`;
  }
  yield* write(value, 0);
  yield "\n";
}

/** Per-interval statistics as columns: series[scope][name][kpi] = { mean: [...], lo: [...], … }. */
export function columnarSeries(series: SeriesSummary): Record<string, Record<string, Record<string, Record<string, (number | null)[]>>>> {
  const out: Record<string, Record<string, Record<string, Record<string, (number | null)[]>>>> = {};
  for (const [scope, byName] of Object.entries(series)) {
    out[scope] = {};
    for (const [name, byKpi] of Object.entries(byName)) {
      out[scope][name] = {};
      for (const [kpi, bands] of Object.entries(byKpi)) {
        const cols: Record<string, (number | null)[]> = { n: [], mean: [], sd: [], lo: [], hi: [], p5: [], p50: [], p95: [] };
        for (const b of bands) for (const k of Object.keys(cols)) cols[k].push(b[k as keyof typeof b]);
        out[scope][name][kpi] = cols;
      }
    }
  }
  return out;
}

type Cell = string | number | boolean | null;

/** A CSV table through the one shared writer (RFC 4180 quoting, formula cells neutralised). */
export function csv(header: string[], rows: Cell[][]): string {
  return csvTable(header, rows);
}

const CSV_UNIT_OF: Record<KpiUnit, CsvUnit> = { share: "fraction", seconds: "s", hours: "h", count: "count", agents: "agents" };
const KPI_UNITS = new Map<string, CsvUnit>([...CONTACT_KPIS, ...AGENT_KPIS].map((d) => [d.key, CSV_UNIT_OF[d.unit]]));
// Computed per interval only, not a headline KPI with a definition.
KPI_UNITS.set("inQueueAtEnd", "count");

/** The unit of a KPI's numbers in a CSV: money for scope "cost", else the KPI's own (docs/results.md). */
export function csvUnitOf(scope: string, kpi: string): CsvUnit {
  if (scope === "cost") return "money";
  return KPI_UNITS.get(kpi) ?? "number";
}

/** What the `unit` column says: the currency code for money, else the unit's name. */
export function unitLabel(unit: CsvUnit, currency: string): string {
  return unit === "money" ? currency : unit;
}

/**
 * A CSV row's unit and its statistics rounded to that unit (the `unit` column, then n, mean, …):
 * `n` stays an exact count; everything else is in the row's unit.
 */
function statisticCells(unit: CsvUnit, currency: string, n: number, values: readonly (number | null)[]): Cell[] {
  return [unitLabel(unit, currency), n, ...values.map((v) => csvRound(v, unit))];
}

export const SUMMARY_HEADER = ["scenario", "scope", "name", "kpi", "unit", "n", "mean", "sd", "ci_low", "ci_high", "p5", "p50", "p95", "pooled", "pooled_ci_low", "pooled_ci_high"];

interface SummaryRow {
  scope: string;
  name: string;
  kpi: string;
  s: Summary;
}

/** (scope, name, kpi, summary) of every summarised value, costs included under scope "cost". */
function summaryEntries(result: ExperimentResult, costs: CostReport | null): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const scope of SCOPES) {
    for (const [name, kpis] of Object.entries(result.summary[scope])) {
      for (const [kpi, s] of Object.entries(kpis)) rows.push({ scope: scope.replace(/s$/, ""), name, kpi, s });
    }
  }
  if (costs) {
    for (const [kpi, s] of Object.entries(costs.summary)) rows.push({ scope: "cost", name: "all", kpi, s });
    for (const [site, byCategory] of Object.entries(costs.bySite)) {
      for (const c of COST_CATEGORIES) rows.push({ scope: "cost", name: site, kpi: c, s: byCategory[c] });
    }
  }
  return rows;
}

/**
 * One row per (scope, name, KPI) with its unit, mean, CI and percentiles across replications,
 * and for ratio KPIs the pooled value (ratio of sums) with its CI; empty for the rest.
 */
export function summaryCsv(result: ExperimentResult, costs: CostReport | null): string {
  const scopeOf = new Map(SCOPES.map((s) => [s.replace(/s$/, ""), s]));
  const currency = costs?.currency ?? "USD";
  return csv(
    SUMMARY_HEADER,
    summaryEntries(result, costs).map(({ scope, name, kpi, s }) => {
      const full = scopeOf.get(scope);
      const p = full ? result.pooled[full][name]?.[kpi] : undefined;
      const unit = csvUnitOf(scope, kpi);
      return [
        result.info.name, scope, name, kpi,
        ...statisticCells(unit, currency, s.n, [s.mean, s.sd, s.ci95?.[0] ?? null, s.ci95?.[1] ?? null, s.p5, s.p50, s.p95, p?.value ?? null, p?.ci95?.[0] ?? null, p?.ci95?.[1] ?? null]),
      ];
    }),
  );
}

export const INTERVALS_HEADER = ["scenario", "interval", "start_s", "start", "scope", "name", "kpi", "unit", "n", "mean", "sd", "ci_low", "ci_high", "p5", "p50", "p95"];

/** One row per (interval, scope, name, KPI): its unit, mean, CI and the 5th–95th percentile band. */
export function intervalsCsv(result: ExperimentResult): string {
  return [...intervalsCsvParts(result)].join("");
}

/** intervalsCsv's text in pieces: the header, then one per series (a week's is 128 series, 43,000 rows). */
export function* intervalsCsvParts(result: ExperimentResult): Generator<string> {
  const { info } = result;
  yield csvLine(INTERVALS_HEADER);
  for (const scope of SCOPES) {
    for (const [name, byKpi] of Object.entries(result.intervals[scope])) {
      for (const [kpi, bands] of Object.entries(byKpi)) {
        const short = scope.replace(/s$/, "");
        const unit = csvUnitOf(short, kpi);
        yield bands
          .map((b, i) => {
            const start = i * info.reportIntervalSeconds;
            return csvLine([info.name, i, start, clockLabel(start, info.startDay), short, name, kpi, ...statisticCells(unit, "USD", b.n, [b.mean, b.sd, b.lo, b.hi, b.p5, b.p50, b.p95])]);
          })
          .join("");
      }
    }
  }
}

export const REPLICATIONS_HEADER = ["scenario", "replication", "status", "scope", "name", "kpi", "unit", "value"];

/**
 * One row per (replication, scope, name, KPI) with the replication's value in its unit; costs
 * under scope "cost". Built a replication at a time, never as one list of rows: 1,200
 * replications of a week are 480,000 rows, and holding them as cell arrays took about 100 MB.
 */
export function replicationsCsv(result: ExperimentResult, costs: CostReport | null): string {
  return [...replicationsCsvParts(result, costs)].join("");
}

/** replicationsCsv's text in pieces: the header, then one per replication. */
export function* replicationsCsvParts(result: ExperimentResult, costs: CostReport | null): Generator<string> {
  const currency = costs?.currency ?? "USD";
  yield csvLine(REPLICATIONS_HEADER);
  for (let i = 0; i < result.runs.length; i++) {
    const r = result.runs[i];
    const lines: string[] = [];
    for (const scope of SCOPES) {
      const short = scope.replace(/s$/, "");
      for (const [name, kpis] of Object.entries(r.totals[scope])) {
        for (const [kpi, v] of Object.entries(kpis)) {
          const unit = csvUnitOf(short, kpi);
          lines.push(csvLine([result.info.name, r.replication, r.status, short, name, kpi, unitLabel(unit, currency), csvRound(v as KpiValue, unit)]));
        }
      }
    }
    const c = costs?.runs[i];
    if (c) for (const [kpi, v] of Object.entries(c.cost)) lines.push(csvLine([result.info.name, r.replication, r.status, "cost", "all", kpi, currency, csvRound(v, "money")]));
    yield lines.join("");
  }
}
