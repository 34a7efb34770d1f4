/**
 * Comparisons in plain words: the options' numbers side by side, paired differences with their
 * confidence intervals, and a short verdict computed from them (never typed by hand), e.g.
 * "Hybrid saves 12% (95% CI 9–15%) at the same service level".
 */
import { COMPARE_METRICS, compareOptions, type CompareMetric, type CompareOption, type Comparison, type PairedDifference } from "../experiment/compare.js";
import type { ExperimentResult } from "../experiment/replicate.js";
import { halfWidth, type Summary } from "../experiment/summary.js";
import type { CostReport } from "../models/cost.js";
import { formatMoney, formatPercent, formatValue } from "./format.js";
import { renderTable } from "./table.js";

export interface LabelledOutcome {
  label: string;
  result: ExperimentResult;
  costs: CostReport | null;
}

/** The per-replication values an option is compared on. */
export function compareOptionOf(o: LabelledOutcome): CompareOption {
  const runs = o.result.runs;
  const cost = (f: (c: NonNullable<CostReport["runs"][number]>["cost"]) => number | null) => (o.costs ? o.costs.runs.map((r) => f(r.cost)) : undefined);
  const targets = Object.values(o.result.info.serviceLevel).map((t) => t.target);
  return {
    label: o.label,
    name: o.result.info.name,
    target: targets.length ? Math.max(...targets) : 0.8,
    values: {
      totalCost: cost((c) => c.total),
      operatingCost: cost((c) => c.operating),
      costPerHandled: cost((c) => c.perHandled),
      costPerResolved: cost((c) => c.perResolved),
      serviceLevel: runs.map((r) => r.totals.types.all.serviceLevel),
      abandonRate: runs.map((r) => r.totals.types.all.abandonRate),
      asa: runs.map((r) => r.totals.types.all.asa),
      fcrRate: runs.map((r) => r.totals.types.all.fcrRate),
      occupancy: runs.map((r) => r.totals.groups.all.occupancy),
    },
  };
}

export function compareOutcomes(outcomes: readonly LabelledOutcome[], commonRandomNumbers = true): Comparison {
  return compareOptions(outcomes.map(compareOptionOf), commonRandomNumbers);
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
/** A share with enough digits to tell its interval's ends apart: 12%, 0.4%, 12.3%. */
function pctIn(x: number, lo: number, hi: number): string {
  const digits = Math.abs(hi - lo) < 0.02 || Math.abs(x) < 0.02 ? 1 : 0;
  return `${(x * 100).toFixed(digits)}%`;
}
const wholeMoney = (x: number, currency: string) => formatMoney(Math.round(x), currency).replace(/\.00$/, "");

function find(c: Comparison, option: string, metric: CompareMetric): PairedDifference | undefined {
  return c.differences.find((d) => d.option === option && d.metric === metric);
}

/** True when the paired difference is clearly non-zero (its 95% CI excludes 0). */
function clear(s: Summary | null | undefined): boolean {
  return !!s?.ci95 && (s.ci95[0] > 0 || s.ci95[1] < 0);
}

/** Sentences, most important first: the recommendation, then each option against the baseline. */
export function verdict(c: Comparison, currency = "USD"): string[] {
  const lines: string[] = [];
  const byLabel = new Map(c.options.map((o) => [o.label, o]));
  const hasCosts = c.probabilityCheapest !== null;
  if (hasCosts) {
    if (c.recommended) {
      const p = c.probabilityCheapest![c.recommended] ?? 0;
      const meeting = c.options.filter((o) => o.meetsTarget).length;
      lines.push(
        `Recommendation: ${c.recommended} — the cheapest option that meets its service-level target${meeting > 1 ? "" : " (the only one that does)"}; it is the cheapest of all options in ${pct(p)} of the ${c.replications} replications.`,
      );
    } else lines.push(`No option meets its service-level target on average; the cheapest is ${cheapest(c)}.`);
  }
  const base = byLabel.get(c.baseline)!;
  for (const o of c.options) {
    if (o.label === c.baseline) continue;
    const parts: string[] = [];
    const cost = find(c, o.label, "totalCost");
    if (cost?.relative?.mean != null) {
      const r = cost.relative;
      const [lo, hi] = r.ci95 ?? [r.mean!, r.mean!];
      if (clear(r)) {
        parts.push(
          r.mean! < 0
            ? `${o.label} saves ${pctIn(-r.mean!, lo, hi)} (95% CI ${pctIn(-hi, lo, hi)}–${pctIn(-lo, lo, hi)}, ${wholeMoney(-cost.difference.mean!, currency)})`
            : `${o.label} costs ${pctIn(r.mean!, lo, hi)} more (95% CI ${pctIn(lo, lo, hi)}–${pctIn(hi, lo, hi)}, ${wholeMoney(cost.difference.mean!, currency)})`,
        );
      } else parts.push(`${o.label} costs about the same as ${c.baseline} (95% CI ${signedPct(lo)} to ${signedPct(hi)})`);
    } else parts.push(`${o.label}`);
    const sl = find(c, o.label, "serviceLevel");
    const ab = find(c, o.label, "abandonRate");
    const slBase = base.metrics.serviceLevel.mean;
    const slOpt = o.metrics.serviceLevel.mean;
    const slMoves = sl && clear(sl.difference) && Math.abs(sl.difference.mean!) >= 0.005;
    const abMoves = ab && clear(ab.difference) && Math.abs(ab.difference.mean!) >= 0.005;
    const slUp = !!slMoves && sl!.difference.mean! > 0;
    const abUp = !!abMoves && ab!.difference.mean! > 0;
    const worse = (slMoves && !slUp) || abUp;
    const savings = cost?.relative?.mean != null && clear(cost.relative) && cost.relative.mean < 0;
    // A trade-off reads "but service level falls …"; a change in the same direction as the cost
    // reads "with service level rising …".
    const tradeOff = worse === savings;
    const change = (what: string, up: boolean, from: string, to: string) =>
      tradeOff ? `${what} ${up ? "rises" : "falls"} from ${from} to ${to}` : `${what} ${up ? "rising" : "falling"} from ${from} to ${to}`;
    const service: string[] = [];
    if (slMoves && slBase !== null && slOpt !== null) service.push(change("service level", slUp, pct(slBase), pct(slOpt)));
    if (abMoves) service.push(change("abandonment", abUp, formatPercent(base.metrics.abandonRate.mean, 1), formatPercent(o.metrics.abandonRate.mean, 1)));
    if (service.length === 0) parts.push("at the same service level");
    else parts.push(`${tradeOff ? "but" : "with"} ${service.join(" and ")}`);
    let sentence = parts.join(" ");
    if (!o.meetsTarget) sentence += `; it misses the ${pct(o.target)} service-level target (met in ${pct(o.shareOfReplicationsMeetingTarget)} of replications)`;
    lines.push(sentence + ".");
  }
  if (!base.meetsTarget) lines.push(`${c.baseline} misses its ${pct(base.target)} service-level target (${formatPercent(base.metrics.serviceLevel.mean, 1)} on average).`);
  return lines;
}

/** How much wider independent runs' interval would be; "–" when either is undefined or the paired one is zero. */
function crnGain(paired: number | null, independent: number | null): string {
  if (paired === null || independent === null || !(paired > 0)) return "–";
  return `${(independent / paired).toFixed(1)}×`;
}

function signedPct(x: number): string {
  const v = Math.abs(x) < 0.01 ? (Math.abs(x) * 100).toFixed(1) : String(Math.abs(Math.round(x * 100)));
  return `${x >= 0 ? "+" : "−"}${v}%`;
}

function cheapest(c: Comparison): string {
  return c.options.reduce((a, b) => ((b.metrics.totalCost?.mean ?? Infinity) < (a.metrics.totalCost?.mean ?? Infinity) ? b : a)).label;
}

function metricCell(s: Summary | undefined, metric: CompareMetric, currency: string): string {
  if (!s || s.mean === null) return "–";
  const unit = COMPARE_METRICS[metric].unit;
  const half = halfWidth(s);
  const f = (x: number) => (unit === "money" ? formatMoney(x, currency) : formatValue(x, unit));
  return half !== null && half > 0 ? `${f(s.mean)} ±${f(half)}` : f(s.mean);
}

/** The comparison as tables: options side by side, then paired differences against the baseline. */
export function comparisonTable(c: Comparison, currency = "USD"): string {
  const metrics = Object.keys(c.options[0].metrics) as CompareMetric[];
  const sideBySide = renderTable(
    ["", ...c.options.map((o) => o.label)],
    [
      ...metrics.map((m) => [COMPARE_METRICS[m].label, ...c.options.map((o) => metricCell(o.metrics[m], m, currency))]),
      ["Meets SL target", ...c.options.map((o) => `${o.meetsTarget ? "yes" : "no"} (${pct(o.shareOfReplicationsMeetingTarget)} of reps)`)],
      ...(c.probabilityCheapest ? [["P(cheapest)", ...c.options.map((o) => pct(c.probabilityCheapest![o.label] ?? 0))]] : []),
    ],
  );
  const rows = c.differences.map((d) => {
    const unit = COMPARE_METRICS[d.metric].unit;
    const f = (x: number | null) => (x === null ? "–" : unit === "money" ? formatMoney(x, currency) : unit === "share" ? `${(x * 100).toFixed(2)} pts` : formatValue(x, unit));
    const s = d.difference;
    return [
      `${d.option} − ${d.baseline}`,
      COMPARE_METRICS[d.metric].label,
      f(s.mean),
      s.ci95 ? `${f(s.ci95[0])} to ${f(s.ci95[1])}` : "–",
      d.relative?.mean != null ? `${signedPct(d.relative.mean)}` : "",
      crnGain(halfWidth(s), d.independentHalfWidth),
    ];
  });
  const diffs = renderTable(["Paired difference", "metric", "mean", "95% CI", "relative", "CRN gain"], rows);
  return [sideBySide, "", diffs, "", "CRN gain: how much wider the interval would be with independent runs (same replications)."].join("\n");
}
