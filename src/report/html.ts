/**
 * A standalone HTML report for people without Jupyter: the verdict first, then the charts as
 * inline SVG, then the comparison, KPI and cost tables, per-scenario details and warnings. One
 * file, no scripts, no fonts or images fetched, printable. `buildReport` takes outcomes that have
 * already run (no simulation happens here) and renders the charts; `htmlReport` only assembles
 * the page from pieces, so it is a pure function of its input.
 */
import type { TopLevelSpec } from "vega-lite";
import { COMPARE_METRICS, type CompareMetric, type Comparison } from "../experiment/compare.js";
import { AGENT_KPIS, ALL, CONTACT_KPIS, type KpiDefinition } from "../experiment/kpis.js";
import { halfWidth, type Summary } from "../experiment/summary.js";
import type { PooledValue } from "../experiment/pooled.js";
import { COST_CATEGORIES, COST_LABELS, type CostReport } from "../models/cost.js";
import { costBreakdownChart, costDifferenceChart, costDistributionChart } from "./charts/cost.js";
import { periodText, requireOutcomes, scenarioColor, type ChartOutcome } from "./charts/common.js";
import { serviceProfileChart } from "./charts/service.js";
import { formatMoney, formatMoneyWithHalf, formatPercent, formatRange, formatValue } from "./format.js";
import { renderSvg } from "./render.js";
import { HEADLINE_AGENT_KPIS, HEADLINE_CONTACT_KPIS, POOLED_HEADLINE, cell, pooledCell, pooledLabel } from "./table.js";
import { compareOutcomes, verdict } from "./verdict.js";
import type { MoneyPer } from "./period.js";
import type { UncertaintyResult } from "../experiment/uncertainty.js";
import { driversTornado, uncertaintyLines, valueText, type BreakEvenFinding } from "./uncertainty.js";
import { tornadoChart } from "./charts/tornado.js";
import type { RunWarning } from "./warnings.js";

/** One scenario that has run: what `ccsim report` loads for each file. */
export interface ReportOutcome extends ChartOutcome {
  /** The scenario file, shown in the report. */
  file?: string | null;
  warnings?: readonly RunWarning[];
}

export interface ReportInput {
  outcomes: readonly ReportOutcome[];
  /** The comparison of the outcomes (first = baseline); computed from them when omitted. */
  comparison?: Comparison | null;
  /** Page title; default from the scenario labels. */
  title?: string;
  /** The `--set path=value` texts every option was run with: shown under the title. */
  overrides?: readonly string[];
  /** More charts after the standard ones (a sweep frontier, a tornado, Erlang curves). */
  figures?: readonly { spec: TopLevelSpec; caption?: string }[];
  /** Footer line, e.g. "ccsim 0.1.0, 2026-11-24" (the report reads no clock). */
  generatedBy?: string;
  /** State money in the verdict per week, month or year (default: the horizon's own period). */
  per?: MoneyPer;
  /** The stated uncertainty propagated through the comparison (cli/uncertainty.ts). */
  uncertainty?: { result: UncertaintyResult; breakEvens: readonly BreakEvenFinding[] } | null;
}

/** A figure already rendered. */
export interface ReportFigure {
  svg: string;
  caption?: string;
}

/** Everything on the page, rendered: what `htmlReport` assembles. */
export interface ReportPage {
  title: string;
  /** Lines under the title. */
  meta: string[];
  /** Verdict sentences, most important first: the summary at the top of the page. */
  verdict: string[];
  /** The one chart of the summary (the paired cost differences, when there are costs). */
  summaryFigure?: ReportFigure | null;
  /** The uncertain assumptions and their ranges, for the summary. */
  assumptions?: { label: string; stated: string; range: string }[];
  /** More findings, shown under the summary's heading "More findings" in the details. */
  findings?: string[];
  /** Warnings, each with the scenario it belongs to. */
  warnings: { scenario: string; message: string }[];
  figures: ReportFigure[];
  /** HTML sections (tables), already escaped. */
  sections: { heading: string; html: string }[];
  footer: string;
}

// ---------------------------------------------------------------------------------------------
// HTML helpers

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A table: header cells and rows of plain text (escaped here); the first column is the row label. */
function table(header: readonly string[], rows: readonly (readonly string[])[], headerHtml?: readonly string[], textColumns = 1): string {
  const left = (i: number) => (i < textColumns ? ' class="text"' : "");
  const head = (headerHtml ?? header.map(escapeHtml)).map((h, i) => `<th scope="col"${left(i)}>${h}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td${left(i)}>${escapeHtml(c)}</td>`)).join("")}</tr>`)
    .join("\n");
  return `<div class="table"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

/** Scenario column headers with their chart colour. */
function scenarioHeaders(first: string, labels: readonly string[], allLabels: readonly string[]): string[] {
  return [
    escapeHtml(first),
    ...labels.map((l) => `<span class="swatch" style="background:${scenarioColor(allLabels.indexOf(l))}"></span>${escapeHtml(l)}`),
  ];
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, "Liberation Sans", sans-serif; color: #1b1b1b; background: #fff;
  max-width: 1080px; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; margin: 2.6rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05rem; margin: 1.8rem 0 .4rem; }
p { margin: .4rem 0; }
.meta { color: #555; margin: 0; font-size: .92rem; }
.verdict { margin: 1.6rem 0; padding: .9rem 1.2rem; background: #f3f7fb; border-left: 5px solid #0072B2; border-radius: 2px; }
.verdict p:first-child { font-size: 1.08rem; font-weight: 600; }
.warnings { margin: 1.2rem 0; padding: .7rem 1.2rem; background: #fff7e6; border-left: 5px solid #E69F00; border-radius: 2px; }
.warnings ul { margin: .3rem 0; padding-left: 1.2rem; }
figure { margin: 2rem 0; break-inside: avoid; page-break-inside: avoid; }
/* Charts keep their drawn size (text at least 11 px) and scroll inside their box on narrow screens. */
figure { overflow-x: auto; }
figure svg { display: block; max-width: none; height: auto; }
figcaption { color: #555; font-size: .9rem; margin-top: .3rem; }
.table { overflow-x: auto; margin: .6rem 0 1.4rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: .88rem; }
th, td { padding: .32rem .75rem; text-align: right; border-bottom: 1px solid #e6e6e6; white-space: nowrap; }
thead th { border-bottom: 2px solid #9a9a9a; font-weight: 600; vertical-align: bottom; }
tbody th, .text { text-align: left; }
tbody th { font-weight: normal; white-space: normal; min-width: 9rem; }
.summary { border: 1px solid #d9e2ec; border-radius: 4px; padding: .2rem 1.1rem 1rem; margin: 1.2rem 0 2rem; }
.summary h2 { margin-top: 1rem; }
.summary .verdict { margin: .8rem 0; }
.summary figure { margin: 1rem 0 .5rem; }
.assumptions td, .assumptions th { white-space: normal; }
tbody tr:last-child th, tbody tr:last-child td { border-bottom: 1px solid #9a9a9a; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .4em; border-radius: 2px; vertical-align: -0.05em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.note { color: #555; font-size: .9rem; }
footer { margin: 3rem 0 1rem; color: #777; font-size: .85rem; border-top: 1px solid #ddd; padding-top: .6rem; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .table, table, .verdict, .warnings { break-inside: avoid; page-break-inside: avoid; }
  .table, figure { overflow: visible; }
  figure svg { max-width: 100%; }
  .summary { break-after: page; page-break-after: always; border: none; padding: 0; }
}
`;

/** The page: a pure function of its (already rendered) pieces. */
export function htmlReport(page: ReportPage): string {
  const verdictHtml = page.verdict.length ? `<section class="verdict" aria-label="Verdict">\n${page.verdict.map((v) => `<p>${escapeHtml(v)}</p>`).join("\n")}\n</section>` : "";
  const warningsHtml = page.warnings.length
    ? `<section class="warnings" aria-label="Warnings">\n<p><strong>Warnings</strong></p>\n<ul>\n${page.warnings
        .map((w) => `<li><strong>${escapeHtml(w.scenario)}:</strong> ${escapeHtml(w.message)}</li>`)
        .join("\n")}\n</ul>\n</section>`
    : "";
  const figureHtml = (f: ReportFigure) => `<figure>\n${f.svg}\n${f.caption ? `<figcaption>${escapeHtml(f.caption)}</figcaption>\n` : ""}</figure>`;
  const figuresHtml = page.figures.map(figureHtml).join("\n");
  const assumptionsHtml = page.assumptions?.length
    ? `<div class="assumptions">${table(["Uncertain assumption", "Stated", "Plausible range"], page.assumptions.map((a) => [a.label, a.stated, a.range]))}</div>`
    : "";
  const summaryHtml = `<section class="summary" aria-label="Summary">
<h2>Summary</h2>
${verdictHtml}
${page.summaryFigure ? figureHtml(page.summaryFigure) : ""}
${assumptionsHtml}
</section>`;
  const findingsHtml = page.findings?.length ? `<h2>More findings</h2>\n<ul class="findings">\n${page.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join("\n")}\n</ul>` : "";
  const sectionsHtml = page.sections.map((s) => `<h2>${escapeHtml(s.heading)}</h2>\n${s.html}`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(page.title)}</h1>
</header>
<main>
${summaryHtml}
${warningsHtml}
${findingsHtml}
${page.figures.length ? `<h2>Charts</h2>\n${figuresHtml}` : ""}
${sectionsHtml}
<h2>Runs</h2>
${page.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`).join("\n")}
</main>
<footer>${escapeHtml(page.footer)}</footer>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Tables

/** "$10,339 ± $10": the half-width written to the mean's precision (cents only below $1,000). */
function money(s: Summary | undefined, currency: string, scale = 1): string {
  if (!s || s.mean === null) return "–";
  const half = halfWidth(s);
  return formatMoneyWithHalf(s.mean * scale, half === null ? null : half * scale, currency);
}

function metricCell(s: Summary | undefined, metric: CompareMetric, currency: string): string {
  if (!s || s.mean === null) return "–";
  const unit = COMPARE_METRICS[metric].unit;
  if (unit === "money") return money(s, currency);
  return cell(s, unit);
}

/** KPI rows (side by side per scenario or per scope); rows that are zero or missing everywhere are left out. */
function kpiRows(
  keys: readonly string[],
  defs: readonly KpiDefinition[],
  columns: readonly (Record<string, Summary> | undefined)[],
  pooled: readonly (Record<string, PooledValue> | undefined)[] = [],
): string[][] {
  const rows: string[][] = [];
  for (const key of keys) {
    const def = defs.find((d) => d.key === key);
    if (!def) continue;
    const summaries = columns.map((c) => c?.[key]);
    const empty = summaries.every((s) => !s || s.mean === null || (s.mean === 0 && (def.unit === "count" || def.unit === "hours")));
    if (empty) continue;
    rows.push([def.label, ...summaries.map((s) => cell(s, def.unit))]);
    // The ratio of totals over all replications, as an ACD report of the whole period shows it.
    if (pooled.length > 0 && POOLED_HEADLINE.has(key)) rows.push([pooledLabel(def.label), ...pooled.map((p) => pooledCell(p?.[key], def.unit))]);
  }
  return rows;
}

function comparisonSection(c: Comparison, currency: string, allLabels: readonly string[]): string {
  const labels = c.options.map((o) => o.label);
  const metrics = Object.keys(c.options[0].metrics) as CompareMetric[];
  const rows = [
    ...metrics.map((m) => [COMPARE_METRICS[m].label, ...c.options.map((o) => metricCell(o.metrics[m], m, currency))]),
    ["Meets its service-level target", ...c.options.map((o) => `${o.meetsTarget ? "yes" : "no"} (${formatPercent(o.shareOfReplicationsMeetingTarget, 0)} of replications)`)],
    ...(c.probabilityCheapest ? [["Cheapest in (share of replications)", ...c.options.map((o) => formatPercent(c.probabilityCheapest![o.label] ?? 0, 0))]] : []),
  ];
  let html = table(["", ...labels], rows, scenarioHeaders("Mean ± 95% CI half-width", labels, allLabels));
  const diffs = c.differences.filter((d) => d.difference.mean !== null);
  if (diffs.length) {
    const sign = (x: number) => (x > 0 ? "+" : x < 0 ? "−" : "");
    const fmt = (metric: CompareMetric, x: number | null) => {
      if (x === null) return "–";
      const unit = COMPARE_METRICS[metric].unit;
      if (unit === "money") return `${sign(x)}${formatMoney(Math.abs(x), currency)}`;
      if (unit === "share") return `${sign(x)}${Math.abs(x * 100).toFixed(2)} pts`;
      return `${sign(x)}${formatValue(Math.abs(x), unit)}`;
    };
    const range = (metric: CompareMetric, [lo, hi]: readonly [number, number]) => {
      const unit = COMPARE_METRICS[metric].unit;
      return formatRange(lo, hi, unit === "share" ? "points" : unit, { currency, signed: true });
    };
    const diffRows = diffs.map((d) => {
      const s = d.difference;
      const half = halfWidth(s);
      return [
        `${d.option} − ${d.baseline}`,
        COMPARE_METRICS[d.metric].label,
        fmt(d.metric, s.mean),
        s.ci95 ? range(d.metric, s.ci95) : "–",
        d.relative?.mean != null ? `${d.relative.mean > 0 ? "+" : d.relative.mean < 0 ? "−" : ""}${Math.abs(d.relative.mean * 100).toFixed(1)}%` : "",
        half !== null && half > 0 && d.independentHalfWidth ? `${(d.independentHalfWidth / half).toFixed(1)}×` : "",
      ];
    });
    html += `\n<h3>Paired differences against ${escapeHtml(c.baseline)}</h3>\n`;
    html += table(["Option", "Metric", "Mean", "95% CI", "Relative", "CRN gain"], diffRows, undefined, 2);
    html += `\n<p class="note">${
      c.commonRandomNumbers
        ? "Differences are paired by replication: replication i of every option saw the same customers (common random numbers). CRN gain: how much wider the 95% interval would be with independent runs of the same length."
        : "Options were run independently (no common random numbers)."
    }</p>`;
  }
  return html;
}

function serviceSection(outcomes: readonly ReportOutcome[]): string {
  const labels = outcomes.map((o) => o.label);
  const contacts = kpiRows(HEADLINE_CONTACT_KPIS, CONTACT_KPIS, outcomes.map((o) => o.result.summary.types[ALL]), outcomes.map((o) => o.result.pooled.types[ALL]));
  const agents = kpiRows(HEADLINE_AGENT_KPIS, AGENT_KPIS, outcomes.map((o) => o.result.summary.groups[ALL]), outcomes.map((o) => o.result.pooled.groups[ALL]));
  return (
    `<h3>All contacts</h3>\n${table(["", ...labels], contacts, scenarioHeaders("Mean ± 95% CI half-width", labels, labels))}\n` +
    `<h3>All agents</h3>\n${table(["", ...labels], agents, scenarioHeaders("Mean ± 95% CI half-width", labels, labels))}`
  );
}

function costSection(outcomes: readonly ReportOutcome[], costs: readonly CostReport[]): string {
  const labels = outcomes.map((o) => o.label);
  const currency = costs[0].currency;
  const rows: string[][] = [];
  for (const c of COST_CATEGORIES) {
    if (costs.every((r) => (r.summary[c].mean ?? 0) === 0)) continue;
    rows.push([COST_LABELS[c], ...costs.map((r) => money(r.summary[c], currency))]);
  }
  rows.push([COST_LABELS.total, ...costs.map((r) => money(r.summary.total, currency))]);
  if (costs.some((r) => r.summary.churn.mean)) rows.push([COST_LABELS.operating, ...costs.map((r) => money(r.summary.operating, currency))]);
  rows.push(["Total per month", ...costs.map((r) => (r.months > 0 ? money(r.summary.total, currency, 1 / r.months) : "–"))]);
  rows.push(["Per offered contact", ...costs.map((r) => money(r.summary.perOffered, currency))]);
  rows.push(["Per handled contact", ...costs.map((r) => money(r.summary.perHandled, currency))]);
  rows.push(["Per resolved contact", ...costs.map((r) => money(r.summary.perResolved, currency))]);
  const periods = [...new Set(costs.map((r) => periodText(r.months)))];
  return (
    table(["", ...labels], rows, scenarioHeaders(`${currency}, over ${periods.join(" / ")}`, labels, labels)) +
    `\n<p class="note">Mean over replications ± half-width of its 95% confidence interval. Costs count from the end of the warm-up.</p>`
  );
}

function detailSection(o: ReportOutcome): string {
  const info = o.result.info;
  const types = info.layout.types;
  const typeScopes = types.length > 1 ? [ALL, ...types] : types;
  const groups = info.layout.groups;
  const groupScopes = groups.length > 1 ? [ALL, ...groups] : groups;
  let html = `<h3>${escapeHtml(o.label)}${o.file ? ` <span class="note">(${escapeHtml(o.file)})</span>` : ""}</h3>\n`;
  html += table(["Contacts", ...typeScopes], kpiRows(HEADLINE_CONTACT_KPIS, CONTACT_KPIS, typeScopes.map((t) => o.result.summary.types[t]), typeScopes.map((t) => o.result.pooled.types[t])));
  if (info.layout.channels.length > 1) {
    html += table(["Channels", ...info.layout.channels], kpiRows(HEADLINE_CONTACT_KPIS, CONTACT_KPIS, info.layout.channels.map((c) => o.result.summary.channels[c]), info.layout.channels.map((c) => o.result.pooled.channels[c])));
  }
  html += table(["Agents", ...groupScopes], kpiRows(HEADLINE_AGENT_KPIS, AGENT_KPIS, groupScopes.map((g) => o.result.summary.groups[g]), groupScopes.map((g) => o.result.pooled.groups[g])));
  return html;
}

// ---------------------------------------------------------------------------------------------
// The report

function describeRun(o: ReportOutcome): string {
  const info = o.result.info;
  const n = o.result.runs.length;
  const span = periodText((info.horizonSeconds - info.warmupSeconds) / (30.4375 * 86400));
  const named = info.name && info.name !== o.label ? `${o.label}: ${info.name}` : o.label;
  return `${named}${o.file ? ` (${o.file})` : ""}: ${n} replication${n === 1 ? "" : "s"}${o.result.partial ? ` of ${o.result.requested} (interrupted)` : ""}, seed ${info.seed}, ${span} counted`;
}

/** One sentence for a single scenario (a comparison needs two). */
function singleVerdict(o: ReportOutcome): string[] {
  const all = o.result.summary.types[ALL];
  const sl = all?.serviceLevel;
  const targets = Object.values(o.result.info.serviceLevel).map((t) => t.target);
  const target = targets.length ? Math.max(...targets) : null;
  const parts: string[] = [];
  if (sl && sl.mean !== null) {
    const meets = target !== null ? (sl.mean >= target ? "meets" : "misses") : null;
    parts.push(`service level ${cell(sl, "share")}${meets && target !== null ? ` (${meets} the ${formatPercent(target, 0)} target)` : ""}`);
  }
  const ab = all?.abandonRate;
  if (ab && ab.mean !== null) parts.push(`abandonment ${cell(ab, "share")}`);
  if (o.costs) parts.push(`total cost ${money(o.costs.summary.total, o.costs.currency)} over ${periodText(o.costs.months)}`);
  return parts.length ? [`${o.label}: ${parts.join(", ")}.`] : [];
}

/** Plot width of the report's own charts: the page is 1000 px wide, labels take the rest. */
const REPORT_CHART_WIDTH = 680;

/**
 * The report as an HTML string: renders the standard charts (cost distribution, paired cost
 * differences, cost breakdown when costs are known; service through the day always) and any extra
 * figures, computes the comparison when it is not given, and assembles the page.
 */
export async function buildReport(input: ReportInput): Promise<string> {
  const fn = "buildReport";
  if (!input || typeof input !== "object") throw new RangeError(`${fn}: input must be an object with outcomes`);
  const outcomes = input.outcomes;
  requireOutcomes(fn, outcomes);
  const labels = outcomes.map((o) => o.label);
  const withCosts = outcomes.every((o) => o.costs !== null && o.costs.runs.length > 0);
  const currencies = [...new Set(outcomes.flatMap((o) => (o.costs ? [o.costs.currency] : [])))];
  const costsComparable = withCosts && currencies.length === 1;
  const currency = currencies[0] ?? "USD";
  const comparison = input.comparison ?? (outcomes.length > 1 ? compareOutcomes(outcomes) : null);

  const specs: { spec: TopLevelSpec; caption?: string }[] = [];
  if (costsComparable) {
    specs.push({ spec: costDistributionChart(outcomes, { width: REPORT_CHART_WIDTH }) });
    if (comparison && comparison.options.length > 1 && comparison.differences.some((d) => d.metric === "totalCost")) {
      specs.push({ spec: costDifferenceChart(comparison, { currency, width: REPORT_CHART_WIDTH }) });
    }
    specs.push({ spec: costBreakdownChart(outcomes, { width: REPORT_CHART_WIDTH }) });
  }
  specs.push({ spec: serviceProfileChart(outcomes, { width: REPORT_CHART_WIDTH }) });
  const tornado = input.uncertainty ? driversTornado(input.uncertainty.result) : null;
  if (tornado && tornado.rows.length) {
    specs.push({
      spec: tornadoChart(tornado, { width: REPORT_CHART_WIDTH, title: `What moves the saving of ${tornado.output.replace(/^saving of /, "")}` }),
      caption: "Saving at the low and high fifth of each assumption's sampled values (the other assumptions vary too).",
    });
  }
  specs.push(...(input.figures ?? []));
  const figures: ReportFigure[] = [];
  for (const s of specs) figures.push({ svg: await renderSvg(s.spec), caption: s.caption });
  // The summary's one chart: the paired cost differences when there are costs, else the service profile.
  const summaryIndex = costsComparable && comparison && comparison.options.length > 1 && comparison.differences.some((d) => d.metric === "totalCost") ? 1 : 0;
  const summaryFigure = figures.length > summaryIndex ? figures.splice(summaryIndex, 1)[0] : null;

  const sections: ReportPage["sections"] = [];
  if (comparison && comparison.options.length > 1) sections.push({ heading: "Comparison", html: comparisonSection(comparison, currency, labels) });
  sections.push({ heading: "Service and staffing", html: serviceSection(outcomes) });
  if (costsComparable) sections.push({ heading: "Costs", html: costSection(outcomes, outcomes.map((o) => o.costs!)) });
  sections.push({ heading: outcomes.length > 1 ? "Details by scenario" : "Details", html: outcomes.map(detailSection).join("\n") });
  sections.push({
    heading: "How to read this report",
    html:
      `<p>Every number is a distribution over independent replications of the simulation: tables give the mean ± the half-width of its 95% confidence interval (Student t), ` +
      `charts draw the replications, their spread and the interval of the mean. Service level counts contacts answered within the threshold among those answered or abandoned.</p>` +
      (outcomes.length > 1
        ? `<p>Options are compared with common random numbers: replication i of each scenario draws the same arrivals, patience and handle times wherever the scenarios agree, so differences are measured much more precisely than the spread of each option suggests. The first scenario is the baseline.</p>`
        : "") +
      (!costsComparable && outcomes.some((o) => o.costs) ? `<p>Costs are left out of the charts: ${withCosts ? "the scenarios use different currencies" : "some scenarios have no costs"}.</p>` : ""),
  });

  const warnings: ReportPage["warnings"] = [];
  for (const o of outcomes) {
    if (o.result.partial) warnings.push({ scenario: o.label, message: `only ${o.result.runs.length} of ${o.result.requested} replications completed (the run was interrupted)` });
    for (const w of o.warnings ?? []) warnings.push({ scenario: o.label, message: w.message });
  }
  const u = input.uncertainty ?? null;
  const verdictLines =
    comparison && comparison.options.length > 1
      ? [...verdict(comparison, currency, { per: input.per, uncertain: u !== null }), ...(u ? uncertaintyLines(comparison, u.result, u.breakEvens) : [])]
      : singleVerdict(outcomes[0]);
  // The summary keeps the recommendation, the recommended option's saving (stated and over the
  // uncertainty) and the break-evens; the other options' sentences go to the details.
  const rec = comparison?.recommended ?? null;
  const inSummary = (line: string, i: number) =>
    i === 0 || (rec !== null && line.startsWith(`${rec} `)) || line.startsWith("Uncertain assumptions") || line.startsWith("What moves") || !comparison || comparison.options.length < 2;
  const summaryLines = verdictLines.filter(inSummary);
  const findings = verdictLines.filter((l, i) => !inSummary(l, i));
  const assumptions = u
    ? u.result.assumptions.map((a) => ({ label: a.label, stated: valueText(a.stated, a.low, a.high), range: `${valueText(a.low, a.low, a.high)} to ${valueText(a.high, a.low, a.high)} (${a.dist}${a.dist === "normal" || a.dist === "lognormal" ? ", 5th–95th percentile" : ""})` }))
    : [];
  const page: ReportPage = {
    title: input.title ?? (outcomes.length === 1 ? `${outcomes[0].label}: simulation report` : `${outcomes.length} options compared`),
    meta: [...outcomes.map(describeRun), ...(input.overrides?.length ? [`With ${input.overrides.map((o) => `--set ${o}`).join(", ")} on top of the scenario file${outcomes.length === 1 ? "" : "s"}.`] : [])],
    verdict: summaryLines,
    summaryFigure,
    assumptions,
    findings,
    warnings,
    figures,
    sections,
    footer: input.generatedBy ?? "Generated by ccsim, a discrete-event contact-center simulator and cost model.",
  };
  return htmlReport(page);
}
