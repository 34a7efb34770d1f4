/**
 * What every ccsim chart shares: the scenario palette (one colour per scenario, by its position
 * in the list of outcomes, so a scenario keeps its colour in every chart), the cost-category
 * colours, the typography and axis style, money and percentage axis labels, titles that wrap,
 * and the argument checks. Charts are pure functions from results to vega-lite specs; nothing
 * here renders or touches files.
 *
 * Scenario colours: Okabe & Ito (2008), "Color Universal Design", the palette readable with
 * every common colour-vision deficiency; yellow is last because it is faint on white.
 * Text widths: Adobe's Helvetica font metrics (AFM, 1/1000 em; Arial and Liberation Sans share
 * them), used to wrap titles here and to lay out text when rendering without a canvas.
 */
import type { Config, TopLevelSpec } from "vega-lite";
import type { ExperimentResult } from "../../experiment/replicate.js";
import type { CostReport } from "../../models/cost.js";
import { formatMoney, formatMoneyWithHalf } from "../format.js";
import { periodText } from "../period.js";

export const VEGA_LITE_SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v5.json";

/** Helvetica first: the widths below are Helvetica's, and Arial and Liberation Sans match them. */
export const CHART_FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif";

/** Okabe–Ito, reordered so the first scenarios get the strongest colours. */
export const SCENARIO_PALETTE: readonly string[] = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];

/** Neutral colours for marks that belong to no scenario (means, references, analytic curves). */
export const INK = "#222222";
export const MUTED = "#767676";

/** What a chart needs of one scenario's outcome (the shape of `LabelledOutcome` in report/verdict.ts). */
export interface ChartOutcome {
  label: string;
  result: ExperimentResult;
  costs: CostReport | null;
}

/** The colour of the scenario at `index` in the list of outcomes (the palette repeats after eight). */
export function scenarioColor(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`scenarioColor: index must be an integer >= 0, got ${String(index)}`);
  return SCENARIO_PALETTE[index % SCENARIO_PALETTE.length];
}

/** A colour scale that gives each scenario label its colour by position; use it in every chart. */
export function scenarioScale(labels: readonly string[]): { domain: string[]; range: string[] } {
  requireUniqueLabels("scenarioScale", labels);
  return { domain: [...labels], range: labels.map((_, i) => scenarioColor(i)) };
}

export function requireUniqueLabels(fn: string, labels: readonly string[]): void {
  const seen = new Set<string>();
  for (const label of labels) {
    if (typeof label !== "string" || label.length === 0) throw new RangeError(`${fn}: every label must be a non-empty string, got ${JSON.stringify(label)}`);
    if (seen.has(label)) throw new RangeError(`${fn}: labels must be unique, but ${JSON.stringify(label)} appears twice`);
    seen.add(label);
  }
}

/** Checks a list of outcomes: at least one, unique labels. */
export function requireOutcomes<T extends { label: string }>(fn: string, outcomes: readonly T[]): void {
  if (!Array.isArray(outcomes) || outcomes.length === 0) throw new RangeError(`${fn}: outcomes must be a non-empty array, got ${Array.isArray(outcomes) ? "[]" : typeof outcomes}`);
  requireUniqueLabels(fn, outcomes.map((o) => o.label));
}

/** The cost reports of the outcomes, all in one currency (charts cannot add dollars to euros). */
export function requireCosts(fn: string, outcomes: readonly ChartOutcome[]): { currency: string; costs: CostReport[] } {
  requireOutcomes(fn, outcomes);
  const missing = outcomes.filter((o) => !o.costs || o.costs.runs.length === 0).map((o) => o.label);
  if (missing.length) {
    throw new RangeError(`${fn}: outcome(s) ${missing.map((m) => JSON.stringify(m)).join(", ")} have no costs (their scenarios set no wages, sites or costs)`);
  }
  const costs = outcomes.map((o) => o.costs!);
  const currencies = [...new Set(costs.map((c) => c.currency))];
  if (currencies.length > 1) throw new RangeError(`${fn}: outcomes must share one currency, got ${currencies.join(", ")}`);
  return { currency: currencies[0], costs };
}

/** Options every chart accepts. */
export interface ChartOptions {
  /** Width of the plotting area in pixels (default 560). */
  width?: number;
  /** Replaces the computed title (which states the finding). */
  title?: string;
}

export const DEFAULT_WIDTH = 560;

/** The plotting width from the options, checked. */
export function chartWidth(fn: string, options: { width?: number }): number {
  const width = options.width ?? DEFAULT_WIDTH;
  if (!isFiniteNumber(width) || width < 120 || width > 4000) throw new RangeError(`${fn}: options.width must be a number of pixels from 120 to 4000, got ${String(options.width)}`);
  return width;
}

export function isFiniteNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

// ---------------------------------------------------------------------------------------------
// Cost categories: one hue family per kind of cost (people blue, premises green, telephony and
// automation purple, vendor orange, churn red), darker for the larger, usual categories.

export const COST_CATEGORY_COLORS: Readonly<Record<string, string>> = {
  labour: "#1F4E79",
  premiums: "#4A7FB0",
  supervision: "#8DB6DD",
  hiring: "#C6DBEF",
  facilities: "#2E7D4F",
  technology: "#86C49A",
  telephony: "#6A51A3",
  investments: "#BCA9DA",
  vendorFees: "#D9730D",
  vendorSla: "#F2A65A",
  transition: "#F8D3A6",
  churn: "#B2182B",
};

// ---------------------------------------------------------------------------------------------
// Text

/** Helvetica advance widths for ASCII 32..126, in 1/1000 em. */
const HELVETICA_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, //        p-z { | } ~
];
/** Widths of the non-ASCII characters the charts print. */
const OTHER_WIDTHS: Record<string, number> = { "–": 556, "—": 1000, "−": 584, "±": 584, "×": 584, "…": 1000, "€": 556, "£": 556, "¥": 556, "◆": 800, "●": 600, "·": 278, " ": 278, "’": 222 };

/** Width in pixels of one line of text in Helvetica (bold is about 6% wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? HELVETICA_WIDTHS[code - 32] : OTHER_WIDTHS[ch] ?? 600;
  }
  return (units / 1000) * fontSize * (bold ? 1.06 : 1);
}

/** Greedy word wrap to a width in pixels; a single long word stays whole. */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

export const TITLE_FONT_SIZE = 15;
export const SUBTITLE_FONT_SIZE = 11.5;

/** A left-aligned title stating the finding, and a subtitle saying what is drawn, both wrapped to the chart width. */
export function chartTitle(text: string, subtitle: string | undefined, width: number) {
  const lines = (s: string, size: number, bold: boolean) => {
    const wrapped = wrapText(s, Math.max(width, 240), size, bold);
    return wrapped.length === 1 ? wrapped[0] : wrapped;
  };
  return {
    text: lines(text, TITLE_FONT_SIZE, true),
    ...(subtitle ? { subtitle: lines(subtitle, SUBTITLE_FONT_SIZE, false) } : {}),
    anchor: "start" as const,
  };
}

/** Typography and axes shared by every chart: quiet grid, no frame, readable sizes. */
export function chartConfig(): Config {
  return {
    font: CHART_FONT,
    background: "white",
    padding: 10,
    view: { stroke: null },
    title: {
      fontSize: TITLE_FONT_SIZE,
      fontWeight: "bold",
      color: "#111111",
      subtitleFontSize: SUBTITLE_FONT_SIZE,
      subtitleColor: "#555555",
      subtitlePadding: 4,
      anchor: "start",
      offset: 14,
      lineHeight: 19,
      subtitleLineHeight: 15,
    },
    axis: {
      labelFontSize: 11,
      labelColor: "#333333",
      titleFontSize: 12,
      titleFontWeight: "normal",
      titleColor: "#333333",
      gridColor: "#E8E8E8",
      domainColor: "#888888",
      tickColor: "#888888",
      labelLimit: 360,
      titlePadding: 8,
    },
    axisBand: { grid: false, ticks: false, domain: false, labelPadding: 8, labelFontSize: 12 },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 360, symbolStrokeWidth: 2 },
    text: { fontSize: 11, color: "#333333" },
    concat: { spacing: 18 },
  };
}

/** The frame of every spec: schema, config, description (the title, for screen readers). */
export function baseSpec(title: ReturnType<typeof chartTitle>): Pick<TopLevelSpec, "$schema" | "config" | "description" | "title"> {
  const plain = (t: string | string[]) => (Array.isArray(t) ? t.join(" ") : t);
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    description: plain(title.text) + (title.subtitle ? `. ${plain(title.subtitle)}` : ""),
    title,
    config: chartConfig(),
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers on axes

/** How an amount is written in a currency (en-US conventions, as in report/format.ts): "$", "CHF ". */
export function currencyAffixes(currency: string): { prefix: string; suffix: string } {
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat("en-US", { style: "currency", currency }).formatToParts(1);
  } catch {
    throw new RangeError(`currency must be an ISO 4217 code such as USD or EUR, got ${JSON.stringify(currency)}`);
  }
  const first = parts.findIndex((p) => p.type === "integer");
  let last = -1;
  parts.forEach((p, i) => {
    if (p.type === "integer" || p.type === "fraction" || p.type === "decimal" || p.type === "group") last = i;
  });
  return {
    prefix: parts.slice(0, first).map((p) => p.value).join(""),
    suffix: parts.slice(last + 1).map((p) => p.value).join(""),
  };
}

/** Divisor and unit letter that keep money axis labels short: $9,500 / $95k / $9.5M. */
export function moneyUnit(maxAbs: number): { divisor: number; unit: string } {
  if (maxAbs >= 1e6) return { divisor: 1e6, unit: "M" };
  if (maxAbs >= 1e4) return { divisor: 1e3, unit: "k" };
  return { divisor: 1, unit: "" };
}

/**
 * A vega expression labelling an axis value as money, "−$2.5k" or "+$300" with `signed`.
 * `maxAbs` (the largest amount on the axis) picks the unit.
 */
export function moneyLabelExpr(currency: string, maxAbs: number, signed = false): string {
  const { prefix, suffix } = currencyAffixes(currency);
  const { divisor, unit } = moneyUnit(Number.isFinite(maxAbs) ? Math.abs(maxAbs) : 0);
  const digits = divisor === 1 && Math.abs(maxAbs) >= 100 ? ",.0f" : ",.2~f";
  const sign = signed ? "(datum.value < 0 ? '−' : datum.value > 0 ? '+' : '')" : "(datum.value < 0 ? '−' : '')";
  return `${sign} + ${JSON.stringify(prefix)} + format(abs(datum.value) / ${divisor}, '${digits}') + ${JSON.stringify(unit + suffix)}`;
}

/** Percent axis labels: "80%", "82.5%". */
export const PERCENT_FORMAT = ".1~%";

/** A signed amount for text marks: "+$1,200", "−$35.50", "$0.00". */
export function signedMoney(value: number, currency: string): string {
  return `${value > 0 ? "+" : value < 0 ? "−" : ""}${formatMoney(Math.abs(value), currency)}`;
}

/** "mean ± half" with the half-width written to the mean's precision: "$9,075 ± $173". */
export function moneyWithHalfWidth(mean: number, half: number | null, currency: string): string {
  return formatMoneyWithHalf(mean, half, currency);
}

/** The period that costs cover, in days or weeks: "2 days", "1 week" (moved to ../period.ts). */
export { periodText };

/** A signed percentage: "+3%", "−21.9%". */
export function signedPercent(value: number, digits = 0): string {
  return `${value > 0 ? "+" : value < 0 ? "−" : ""}${(Math.abs(value) * 100).toFixed(digits)}%`;
}

/** "in all 10 replications" / "in 97% of 30 replications". */
export function shareOfReplicationsText(share: number, n: number): string {
  if (share >= 1) return n === 1 ? "in the one replication" : `in all ${n} replications`;
  if (share <= 0) return `in none of ${n} replications`;
  return `in ${Math.round(share * 100)}% of ${n} replications`;
}

/** A label's possessive for titles: "In-house's", "Ops'" . */
export function possessive(label: string): string {
  return /s$/i.test(label) ? `${label}’` : `${label}’s`;
}
