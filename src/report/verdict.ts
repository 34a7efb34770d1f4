/**
 * Comparisons in plain words: the options' numbers side by side, paired differences with their
 * confidence intervals, and a short verdict computed from them (never typed by hand), e.g.
 * "Hybrid saves 12% (95% CI 9–15%) at the same service level".
 */
import { COMPARE_METRICS, compareOptions, type CompareMetric, type CompareOption, type Comparison, type OptionSummary, type PairedDifference } from "../experiment/compare.js";
import type { IntervalTargetCheck } from "../experiment/interval-target.js";
import type { ExperimentResult } from "../experiment/replicate.js";
import { halfWidth, type Summary } from "../experiment/summary.js";
import type { CostReport } from "../models/cost.js";
import { intervalTargetCheck } from "../experiment/interval-target.js";
import { clock, intervalNoun } from "./charts/service.js";
import { DAY_LABELS, formatMoney, formatMoneyWithHalf, formatNumber, formatPercent, formatRange, formatValue, formatWithHalf } from "./format.js";
import { moneyPeriod, type MoneyPer, type MoneyPeriod } from "./period.js";
import { renderTable } from "./table.js";

export interface LabelledOutcome {
  label: string;
  result: ExperimentResult;
  costs: CostReport | null;
  /** Where the scenario requires its service-level target (default over the horizon). */
  scenario?: { serviceLevel: { per?: "horizon" | "interval" } };
}

export interface VerdictOptions {
  /** State money per week, month or year (default: the horizon's own period). */
  per?: MoneyPer;
  /** Some assumptions are uncertain: the intervals below are at their stated values. */
  uncertain?: boolean;
}

/** The per-replication values an option is compared on. */
export function compareOptionOf(o: LabelledOutcome): CompareOption {
  const runs = o.result.runs;
  const cost = (f: (c: NonNullable<CostReport["runs"][number]>["cost"]) => number | null) => (o.costs ? o.costs.runs.map((r) => f(r.cost)) : undefined);
  const targets = Object.values(o.result.info.serviceLevel).map((t) => t.target);
  const thresholds = [...new Set(Object.values(o.result.info.serviceLevel).map((t) => t.thresholdSeconds))];
  const target = targets.length ? Math.max(...targets) : 0.8;
  return {
    label: o.label,
    name: o.result.info.name,
    target,
    thresholdSeconds: thresholds.length === 1 ? thresholds[0] : null,
    targetPer: o.scenario?.serviceLevel.per ?? "horizon",
    intervalCheck: o.result.runs.length ? intervalTargetCheck(o.result, target) : null,
    countedSeconds: o.result.info.horizonSeconds - o.result.info.warmupSeconds,
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

/** The money period of a comparison: its horizon's own, or `per`. */
export function comparisonPeriod(c: Comparison, per?: MoneyPer): MoneyPeriod {
  return moneyPeriod(c.countedSeconds ?? 7 * 86400, per);
}

/** "80/20", or "80%" when the contact types' thresholds differ. */
function targetName(o: OptionSummary): string {
  return o.thresholdSeconds !== null ? `${Math.round(o.target * 100)}/${o.thresholdSeconds}` : pct(o.target);
}

/** "08:00–08:30" (day profile, or a run of a day), "Mon 08:00–08:30" (a run of several days). */
function whenText(check: IntervalTargetCheck): string {
  const { startSeconds, endSeconds } = check.lowest!;
  const span = `${clock(startSeconds / 3600)}–${clock(endSeconds / 3600)}`;
  if (check.source === "dayProfile" || check.horizonSeconds <= 86400) return span;
  return `${DAY_LABELS[(((check.startDay + Math.floor(startSeconds / 86400)) % 7) + 7) % 7]} ${span}`;
}

/** "8 of 28 half-hours, lowest 50% at 08:00–08:30". */
function missesText(check: IntervalTargetCheck): string {
  const noun = intervalNoun(check.intervalSeconds);
  const of = check.source === "dayProfile" ? `${noun}s of the day` : `${noun}s`;
  return `${check.missed} of ${check.intervals} ${of}, lowest ${formatPercent(check.lowest!.serviceLevel, 0)} at ${whenText(check)}`;
}

/**
 * The target in words with how the option does against it: "the 80/20 weekly target (88.5%) but
 * misses it in 8 of 28 half-hours, lowest 50% at 08:00–08:30".
 */
export function targetStatement(o: OptionSummary, period: MoneyPeriod): string {
  const name = targetName(o);
  const overall = formatPercent(o.metrics.serviceLevel.mean, 1);
  const check = o.intervalCheck;
  const noun = check ? intervalNoun(check.intervalSeconds) : "interval";
  if (o.targetPer === "interval") {
    const head = `the ${name} target in every ${noun} (${overall} overall)`;
    return check && check.missed > 0 ? `${head} — it misses it in ${missesText(check)}` : head;
  }
  const head = `${period.target(name)} (${overall})`;
  if (!check || check.intervals === 0) return head;
  if (check.missed === 0) return `${head}, in every ${noun} too`;
  return `${head} but misses it in ${missesText(check)}`;
}

/** Sentences, most important first: the recommendation, then each option against the baseline. */
export function verdict(c: Comparison, currency = "USD", options: VerdictOptions = {}): string[] {
  const lines: string[] = [];
  const period = comparisonPeriod(c, options.per);
  const statement = (o: OptionSummary) => targetStatement(o, period);
  const byLabel = new Map(c.options.map((o) => [o.label, o]));
  const hasCosts = c.probabilityCheapest !== null;
  if (hasCosts) {
    if (c.recommended) {
      const rec = byLabel.get(c.recommended)!;
      const p = c.probabilityCheapest![c.recommended] ?? 0;
      const meeting = c.options.filter((o) => o.meetsTarget).length;
      lines.push(
        `Recommendation: ${c.recommended} — the cheapest option that meets ${statement(rec)}${meeting > 1 ? "" : " (the only one that does)"}; it is the cheapest of all options in ${pct(p)} of the ${c.replications} replications${options.uncertain ? " at the stated values" : ""}.`,
      );
    } else lines.push(`No option meets its service-level target${c.options.some((o) => o.targetPer === "interval") ? " as required" : " on average"}; the cheapest is ${cheapest(c)}.`);
  }
  const base = byLabel.get(c.baseline)!;
  for (const o of c.options) {
    if (o.label === c.baseline) continue;
    const parts: string[] = [];
    const cost = find(c, o.label, "totalCost");
    if (cost?.relative?.mean != null) {
      const r = cost.relative;
      const [lo, hi] = r.ci95 ?? [r.mean!, r.mean!];
      const money = (x: number) => `${wholeMoney(x * period.factor, currency)} ${period.label}`;
      if (clear(r)) {
        parts.push(
          r.mean! < 0
            ? `${o.label} saves ${pctIn(-r.mean!, lo, hi)} (95% CI ${pctIn(-hi, lo, hi)}–${pctIn(-lo, lo, hi)}, ${money(-cost.difference.mean!)})`
            : `${o.label} costs ${pctIn(r.mean!, lo, hi)} more (95% CI ${pctIn(lo, lo, hi)}–${pctIn(hi, lo, hi)}, ${money(cost.difference.mean!)})`,
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
    // Without costs there is no money clause for the changes to hang on: they are the sentence's verbs.
    const costless = cost?.relative?.mean == null;
    const tradeOff = costless || worse === savings;
    const change = (what: string, up: boolean, from: string, to: string) =>
      tradeOff ? `${what} ${up ? "rises" : "falls"} from ${from} to ${to}` : `${what} ${up ? "rising" : "falling"} from ${from} to ${to}`;
    const service: string[] = [];
    if (slMoves && slBase !== null && slOpt !== null) service.push(change("service level", slUp, pct(slBase), pct(slOpt)));
    if (abMoves) service.push(change("abandonment", abUp, formatPercent(base.metrics.abandonRate.mean, 1), formatPercent(o.metrics.abandonRate.mean, 1)));
    if (costless) parts.push(service.length === 0 ? "keeps the same service level" : `— ${service.join(" and ")}`);
    else if (service.length === 0) parts.push("at the same service level");
    else parts.push(`${tradeOff ? "but" : "with"} ${service.join(" and ")}`);
    let sentence = parts.join(" ");
    if (!o.meetsOverall) sentence += `; it misses ${period.target(targetName(o))} (met in ${pct(o.shareOfReplicationsMeetingTarget)} of replications)`;
    else if (!o.meetsTarget && o.intervalCheck) sentence += `; it misses the ${targetName(o)} target, required in every ${intervalNoun(o.intervalCheck.intervalSeconds)}, in ${missesText(o.intervalCheck)}`;
    lines.push(sentence + ".");
  }
  if (!base.meetsOverall) lines.push(`${c.baseline} misses ${period.target(targetName(base))} (${formatPercent(base.metrics.serviceLevel.mean, 1)} on average).`);
  else if (!base.meetsTarget && base.intervalCheck) lines.push(`${c.baseline} misses the ${targetName(base)} target, required in every ${intervalNoun(base.intervalCheck.intervalSeconds)}, in ${missesText(base.intervalCheck)}.`);
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

/** Metrics that are amounts over the horizon (scaled to the money period); per-contact costs are rates. */
const AMOUNTS: readonly CompareMetric[] = ["totalCost", "operatingCost"];

function metricCell(s: Summary | undefined, metric: CompareMetric, currency: string, factor: number): string {
  if (!s || s.mean === null) return "–";
  const unit = COMPARE_METRICS[metric].unit;
  const k = AMOUNTS.includes(metric) ? factor : 1;
  const half = halfWidth(s);
  return unit === "money" ? formatMoneyWithHalf(s.mean * k, half === null ? null : half * k, currency) : formatWithHalf(s.mean, half, unit);
}

/** "yes", "no", or "no: 8 of 28 half-hours below" when the target is required per interval. */
function meetsCell(o: OptionSummary): string {
  const share = `(${pct(o.shareOfReplicationsMeetingTarget)} of reps)`;
  if (o.meetsTarget || !o.meetsOverall || !o.intervalCheck) return `${o.meetsTarget ? "yes" : "no"} ${share}`;
  return `no: ${o.intervalCheck.missed} of ${o.intervalCheck.intervals} ${intervalNoun(o.intervalCheck.intervalSeconds)}s below`;
}

/** The comparison as tables: options side by side, then paired differences against the baseline. */
export function comparisonTable(c: Comparison, currency = "USD", options: VerdictOptions = {}): string {
  const period = comparisonPeriod(c, options.per);
  const metrics = Object.keys(c.options[0].metrics) as CompareMetric[];
  const sideBySide = renderTable(
    ["", ...c.options.map((o) => o.label)],
    [
      ...metrics.map((m) => [`${COMPARE_METRICS[m].label}${AMOUNTS.includes(m) ? ` ${period.label}` : ""}`, ...c.options.map((o) => metricCell(o.metrics[m], m, currency, period.factor))]),
      ["Meets SL target", ...c.options.map(meetsCell)],
      ...(c.probabilityCheapest ? [["P(cheapest)", ...c.options.map((o) => pct(c.probabilityCheapest![o.label] ?? 0))]] : []),
    ],
  );
  const rows = c.differences.map((d) => {
    const unit = COMPARE_METRICS[d.metric].unit;
    const k = AMOUNTS.includes(d.metric) ? period.factor : 1;
    const f = (x: number | null) => (x === null ? "–" : unit === "money" ? formatMoney(x * k, currency) : unit === "share" ? `${formatNumber(x * 100, 2)} pts` : formatValue(x, unit));
    const s = d.difference;
    const rangeUnit = unit === "share" ? "points" : unit;
    return [
      `${d.option} − ${d.baseline}`,
      `${COMPARE_METRICS[d.metric].label}${AMOUNTS.includes(d.metric) ? ` ${period.label}` : ""}`,
      f(s.mean),
      s.ci95 ? formatRange(s.ci95[0] * k, s.ci95[1] * k, rangeUnit, { currency }) : "–",
      d.relative?.mean != null ? `${signedPct(d.relative.mean)}` : "",
      crnGain(halfWidth(s), d.independentHalfWidth),
    ];
  });
  const diffs = renderTable(["Paired difference", "metric", "mean", "95% CI", "relative", "CRN gain"], rows);
  return [sideBySide, "", diffs, "", "CRN gain: how much wider the interval would be with independent runs (same replications)."].join("\n");
}
