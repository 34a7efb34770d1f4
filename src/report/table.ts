/** The readable tables printed by `ccsim run`: mean ± half-width of the 95% confidence interval. */
import { AGENT_KPIS, ALL, CONTACT_KPIS, type KpiDefinition } from "../experiment/kpis.js";
import type { ExperimentResult } from "../experiment/replicate.js";
import { halfWidth, type Summary } from "../experiment/summary.js";
import type { PooledValue } from "../experiment/pooled.js";
import { COST_CATEGORIES, COST_LABELS, type CostReport } from "../models/cost.js";
import { formatMoneyWithHalf, formatWithHalf } from "./format.js";
import { periodText } from "./period.js";

/** The KPIs shown in the table (rows that are zero everywhere are dropped); JSON and CSV carry all. */
export const HEADLINE_CONTACT_KPIS = [
  "offered", "closed", "deflected", "blocked", "contained", "answered", "abandoned", "callbacksAccepted", "inSystem",
  "serviceLevel", "asa", "p80Wait", "p90Wait", "p95Wait", "waitSd", "abandonRate", "aht", "fcrRate", "retrials", "repeats",
] as const;
export const HEADLINE_AGENT_KPIS = ["agents", "scheduledHours", "staffedHours", "overtimeHours", "handled", "occupancy", "utilisation"] as const;
/** Counts that only matter when they happen. */
const SHOW_IF_NONZERO = new Set(["closed", "deflected", "blocked", "contained", "callbacksAccepted", "inSystem", "retrials", "repeats", "overtimeHours"]);

/** Mean ± CI half-width in one unit: "15.8 ± 4.5 min", "93.9 ± 1.2%". */
export function cell(s: Summary | undefined, unit: KpiDefinition["unit"]): string {
  if (!s || s.mean === null) return "–";
  return formatWithHalf(s.mean, halfWidth(s), unit);
}

/** A pooled ratio (ratio of sums over all replications) ± half-width of its CI, like `cell`. */
export function pooledCell(p: PooledValue | undefined, unit: KpiDefinition["unit"]): string {
  if (!p || p.value === null) return "–";
  return formatWithHalf(p.value, p.ci95 ? (p.ci95[1] - p.ci95[0]) / 2 : null, unit);
}

/** The label of a KPI's pooled row in the tables. */
export const pooledLabel = (label: string) => `${label}, pooled`;

/** The headline KPIs that get a pooled row under their row. */
export const POOLED_HEADLINE = new Set(["serviceLevel", "asa", "abandonRate", "aht", "occupancy"]);

export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function section(
  result: ExperimentResult,
  title: string,
  scopeNames: string[],
  pick: (name: string) => Record<string, Summary> | undefined,
  keys: readonly string[],
  defs: readonly KpiDefinition[],
  pooled: (name: string) => Record<string, PooledValue> | undefined,
): string {
  const rows: string[][] = [];
  for (const key of keys) {
    const def = defs.find((d) => d.key === key)!;
    const summaries = scopeNames.map((n) => pick(n)?.[key]);
    if (SHOW_IF_NONZERO.has(key) && summaries.every((s) => !s || !s.mean)) continue;
    rows.push([def.label, ...summaries.map((s) => cell(s, def.unit))]);
    if (POOLED_HEADLINE.has(key)) rows.push([pooledLabel(def.label), ...scopeNames.map((n) => pooledCell(pooled(n)?.[key], def.unit))]);
  }
  void result;
  return renderTable([title, ...scopeNames], rows);
}

/** `overrides`: the --set texts the scenario was run with, named in the title so that a table never passes for the file alone. */
/** " (with --set a=1, --set b=2)", or "" without overrides. */
export function withOverrides(overrides: readonly string[]): string {
  return overrides.length ? ` (with ${overrides.map((o) => `--set ${o}`).join(", ")})` : "";
}

export function kpiTable(result: ExperimentResult, costs: CostReport | null = null, file?: string, overrides: readonly string[] = []): string {
  const { info } = result;
  const types = info.layout.types;
  const typeScopes = types.length > 1 ? [ALL, ...types] : types;
  const groups = info.layout.groups;
  const groupScopes = groups.length > 1 ? [ALL, ...groups] : groups;
  const n = result.runs.length;
  const title = `${info.name}${file ? ` (${file})` : ""}${withOverrides(overrides)} — ${n} replication${n === 1 ? "" : "s"}, seed ${info.seed}${result.partial ? `  PARTIAL: ${n} of ${result.requested} replications (interrupted)` : ""}`;
  const parts = [
    title,
    "mean ± half-width of the 95% confidence interval; \"pooled\": totals over all replications (Σ/Σ), as an ACD report of the period",
    "",
    section(result, "Contacts", typeScopes, (t) => result.summary.types[t], HEADLINE_CONTACT_KPIS, CONTACT_KPIS, (t) => result.pooled.types[t]),
  ];
  if (info.layout.channels.length > 1) {
    parts.push("", section(result, "Channels", info.layout.channels, (c) => result.summary.channels[c], HEADLINE_CONTACT_KPIS, CONTACT_KPIS, (c) => result.pooled.channels[c]));
  }
  parts.push("", section(result, "Agents", groupScopes, (g) => result.summary.groups[g], HEADLINE_AGENT_KPIS, AGENT_KPIS, (g) => result.pooled.groups[g]));
  if (costs) parts.push("", costTable(costs));
  const stopped = Object.entries(result.statusCounts).filter(([status]) => status !== "complete");
  if (stopped.length) parts.push("", `warning: replications stopped early: ${stopped.map(([s, k]) => `${k} ${s}`).join(", ")} (see docs/errors.md)`);
  return parts.join("\n");
}

/** Cost per category and per contact, mean ± CI half-width; categories that are zero are left out. */
export function costTable(costs: CostReport): string {
  const money = (s: Summary | undefined) => (!s || s.mean === null ? "–" : formatMoneyWithHalf(s.mean, halfWidth(s), costs.currency));
  const rows: string[][] = [];
  for (const c of COST_CATEGORIES) {
    const s = costs.summary[c];
    if (s.mean === 0 && (s.sd ?? 0) === 0) continue;
    rows.push([COST_LABELS[c], money(s)]);
  }
  rows.push([COST_LABELS.total, money(costs.summary.total)]);
  if (costs.summary.churn.mean) rows.push([COST_LABELS.operating, money(costs.summary.operating)]);
  rows.push(["per offered contact", money(costs.summary.perOffered)]);
  rows.push(["per handled contact", money(costs.summary.perHandled)]);
  rows.push(["per resolved contact", money(costs.summary.perResolved)]);
  return renderTable([`Costs over ${periodText(costs.months)} (${costs.currency})`, "amount"], rows);
}
