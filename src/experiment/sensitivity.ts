/**
 * One-at-a-time sensitivity (the data behind a tornado chart): each input is moved to a low and a
 * high value with everything else at its base, on common random numbers, and the change in an
 * output (total cost by default) is recorded. Inputs are ranked by the width of their swing.
 */
import type { Summary } from "./summary.js";

export interface SensitivityInput {
  /** Shown on the chart: "Agent wage". */
  label: string;
  /** Scenario path, as for `--set`. */
  path: string;
  low: unknown;
  high: unknown;
}

export interface SensitivityRow {
  label: string;
  path: string;
  lowValue: unknown;
  highValue: unknown;
  /** The output at the low and high values (mean and CI across replications). */
  low: Summary;
  high: Summary;
  /** |high.mean − low.mean|, for ranking. */
  swing: number;
}

export interface SensitivityResult {
  output: string;
  unit: "money" | "share" | "seconds" | "count";
  base: Summary;
  rows: SensitivityRow[];
}

/** Orders rows by swing, widest first. */
export function rankSensitivity(output: string, unit: SensitivityResult["unit"], base: Summary, rows: Omit<SensitivityRow, "swing">[]): SensitivityResult {
  const ranked = rows
    .map((r) => ({ ...r, swing: Math.abs((r.high.mean ?? 0) - (r.low.mean ?? 0)) }))
    .sort((a, b) => b.swing - a.swing || a.label.localeCompare(b.label));
  return { output, unit, base, rows: ranked };
}
