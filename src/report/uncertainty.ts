/**
 * The stated uncertainty in words: each option's saving at the stated values (simulation noise
 * only) beside its 90% range over the assumptions, how often the recommendation holds, what
 * drives the saving, and where the decision flips.
 */
import type { Comparison } from "../experiment/compare.js";
import type { UncertaintyResult } from "../experiment/uncertainty.js";
import type { SensitivityResult } from "../experiment/sensitivity.js";
import type { DriverBreakEven } from "../experiment/propagate.js";
import { summarize } from "../experiment/summary.js";
import { trueMinus } from "./format.js";

/** What a break-even sentence needs: a driver's break-even, without how many replications found it. */
export type BreakEvenFinding = Omit<DriverBreakEven, "replications">;

const pct0 = (x: number) => `${x < 0 && Math.round(x * 100) !== 0 ? "−" : ""}${Math.abs(Math.round(x * 100))}%`;
/** Shares of a range, with a decimal when the range is narrow. */
const pctR = (x: number, lo: number, hi: number) => (Math.abs(hi - lo) < 0.03 ? pct1(x) : pct0(x));
/** A CI half-width to a precision that shows it: ± 0.5%, ± 0.04%. */
const halfText = (h: number) => (h < 0.001 ? `${(h * 100).toFixed(2)}%` : pct1(h));
const pct1 = (x: number) => `${x < 0 ? "−" : ""}${Math.abs(x * 100).toFixed(1)}%`;
const share = (x: number) => (x < 0.01 ? "under 1%" : `${Math.round(x * 100)}%`);

/** A number to the precision its range calls for: 0.62, 1.18, 27.4, 1,850. */
export function valueText(x: number, low: number, high: number): string {
  const span = Math.abs(high - low) || Math.abs(x) || 1;
  const digits = Math.max(0, Math.min(6, 2 - Math.floor(Math.log10(span))));
  return trueMinus(x.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: digits }));
}

/**
 * "Fully outsourced saves 42.0% ± 0.5% at the stated values; 18% to 51% (90% range) over the
 * stated uncertainty; cheaper than In-house in 93% of plausible cases."
 */
export function uncertaintyLines(c: Comparison, u: UncertaintyResult, breakEvens: readonly BreakEvenFinding[] = []): string[] {
  const lines: string[] = [];
  const names = u.assumptions.map((a) => a.label);
  lines.push(
    `Uncertain assumptions (${u.assumptions.length}: ${names.join(", ")}) sampled at ${u.points} plausible cases (Latin hypercube, seed ${u.seed}), ${u.innerReplications} replication${u.innerReplications === 1 ? "" : "s"} each on common random numbers.`,
  );
  for (const s of u.savings) {
    const d = c.differences.find((x) => x.option === s.option && x.metric === "totalCost");
    const rel = d?.relative;
    let stated = "";
    if (rel?.mean != null) {
      const half = rel.ci95 ? (rel.ci95[1] - rel.ci95[0]) / 2 : 0;
      stated = -rel.mean >= 0 ? `saves ${pct1(-rel.mean)} ± ${halfText(half)} at the stated values` : `costs ${pct1(rel.mean)} ± ${halfText(half)} more at the stated values`;
    }
    const [lo, hi] = s.range90;
    const p = (x: number) => pctR(x, lo, hi);
    const range = lo >= 0 ? `saves ${p(lo)} to ${p(hi)}` : hi <= 0 ? `costs ${p(-hi)} to ${p(-lo)} more` : `saves from ${p(lo)} to ${p(hi)}`;
    lines.push(`${s.option} ${stated}${stated ? "; " : ""}${range} (90% range) over the stated uncertainty; cheaper than ${s.baseline} in ${pct0(s.probabilityCheaper)} of plausible cases.`);
  }
  if (u.probabilityRecommended && c.recommended) {
    const p = u.probabilityRecommended[c.recommended] ?? 0;
    const others = Object.entries(u.probabilityRecommended)
      .filter(([l, x]) => l !== c.recommended && x > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([l, x]) => `${l} in ${pct0(x)}`);
    lines.push(`${c.recommended} is the recommendation in ${pct0(p)} of plausible cases${others.length ? ` (${others.join(", ")})` : ""}.`);
  }
  if (u.drivers && u.drivers.rows.length) {
    const top = u.drivers.rows.filter((r) => r.share >= 0.01).slice(0, 4);
    if (top.length) lines.push(`What moves the saving of ${u.drivers.option}: ${top.map((r, i) => `${r.label} (${share(r.share)}${i === 0 ? " of its spread" : ""})`).join(", ")}.`);
  }
  for (const b of breakEvens) lines.push(breakEvenSentence(b));
  return lines;
}

/** "Fully outsourced stops paying off if vendor FCR falls below 0.62 (95% CI 0.60–0.64; stated 0.74, range 0.65–0.82)." */
export function breakEvenSentence(b: BreakEvenFinding): string {
  const v = (x: number) => valueText(x, b.low, b.high);
  const context = `stated ${v(b.stated)}, plausible ${v(b.low)}–${v(b.high)}`;
  if (b.status !== "found" || b.value === null) {
    const why = b.status === "invalid" ? "up to the values the scenario allows" : `from ${v(b.searched[0])} to ${v(b.searched[1])}`;
    return `${b.option} against ${b.baseline} does not flip for any ${b.label} ${why} (${context}).`;
  }
  // Which way the decision flips: the sign of the difference on the stated value's side of the root.
  const root = b.value;
  const sameSide = b.evaluations.filter((x) => x.x !== root && (x.x < root) === (b.stated < root));
  const otherSide = b.evaluations.filter((x) => x.x !== root && (x.x < root) !== (b.stated < root));
  const cheaperAtStated = sameSide.length ? sameSide[0].mean < 0 : otherSide.length ? otherSide[0].mean > 0 : true;
  const verb = cheaperAtStated ? "stops paying off" : "starts paying off";
  const direction = b.stated < root ? "rises above" : "falls below";
  const ci = b.ci95 && Number.isFinite(b.ci95[0]) ? ` (95% CI ${v(b.ci95[0])}–${v(b.ci95[1])}; ${context})` : ` (${context})`;
  const inside = b.value >= b.low && b.value <= b.high ? "" : ", outside the plausible range";
  return `${b.option} ${verb} against ${b.baseline} if ${b.label} ${direction} ${v(b.value)}${inside}${ci}.`;
}

/**
 * The drivers as a tornado: the saving of the driven option at each assumption's low and high
 * end of the outer sample (mean of the points in the bottom and top fifth of that assumption),
 * so the chart shows what the sample itself saw, without more simulation.
 */
export function driversTornado(u: UncertaintyResult): SensitivityResult | null {
  if (!u.drivers) return null;
  const s = u.savings.find((x) => x.option === u.drivers!.option);
  if (!s) return null;
  const k = Math.max(1, Math.floor(u.points / 5));
  const rows = u.drivers.rows.slice(0, 6).map((d) => {
    const j = u.assumptions.findIndex((a) => a.key === d.key);
    const order = u.values.map((row, i) => [row[j], i] as const).sort((a, b) => a[0] - b[0]);
    const lowIdx = order.slice(0, k).map(([, i]) => i);
    const highIdx = order.slice(-k).map(([, i]) => i);
    const a = u.assumptions[j];
    return {
      label: d.label,
      path: d.key,
      lowValue: Number(valueText(mean(lowIdx.map((i) => u.values[i][j])), a.low, a.high).replace(/,/g, "").replace("\u2212", "-")),
      highValue: Number(valueText(mean(highIdx.map((i) => u.values[i][j])), a.low, a.high).replace(/,/g, "").replace("\u2212", "-")),
      low: summarize(lowIdx.map((i) => s.saving[i])),
      high: summarize(highIdx.map((i) => s.saving[i])),
      swing: 0,
    };
  });
  for (const r of rows) r.swing = Math.abs((r.high.mean ?? 0) - (r.low.mean ?? 0));
  return { output: `saving of ${s.option}`, unit: "share", base: summarize(s.saving), rows: rows.sort((a, b) => b.swing - a.swing) };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
