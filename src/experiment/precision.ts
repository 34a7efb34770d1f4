/**
 * Replications until the answer is known well enough (issue 17), as ContactCenters stops at a
 * target relative precision: run a first batch, measure the 95% confidence interval's
 * half-width relative to the mean of what the command is about, and add replications in
 * batches until it is within the target or a cap is reached.
 *
 * The batches are a pure function of the results so far, and replication i is the same
 * whichever batch, thread or process runs it, so a precision run is as reproducible as a fixed
 * one. (Stopping on the data makes the final interval slightly optimistic, as in any sequential
 * procedure; the next batch is sized with a 10% margin to keep the first look from deciding.)
 */
import { halfWidth, type Summary } from "./summary.js";

export interface PrecisionGoal {
  /** Target half-width of the 95% CI relative to the mean: 0.01 for ±1%. */
  relative: number;
  /** Never run more replications than this. */
  maxReplications: number;
}

/** One quantity whose precision is checked: a KPI of a scenario, or a paired difference. */
export interface PrecisionCheck {
  label: string;
  summary: Summary;
}

/** Half-width over |mean|, or null when it is undefined (fewer than 2 values, or a mean of 0). */
export function relativeHalfWidth(s: Summary): number | null {
  const h = halfWidth(s);
  if (h === null || s.mean === null || s.mean === 0) return null;
  return h / Math.abs(s.mean);
}

/** The least precise of the checks (an undefined precision counts as the worst). */
export function worstCheck(checks: readonly PrecisionCheck[]): { check: PrecisionCheck; relative: number | null } | null {
  let worst: { check: PrecisionCheck; relative: number | null } | null = null;
  for (const check of checks) {
    const relative = relativeHalfWidth(check.summary);
    if (!worst || relative === null || (worst.relative !== null && relative > worst.relative)) worst = { check, relative };
    if (relative === null) break;
  }
  return worst;
}

/**
 * The replication count of the next batch: what the half-width's 1/√n law says is needed, with
 * a 10% margin, at least half as many again as so far and at most four times as many (an early
 * estimate of the variance is rough), and never above the cap.
 */
export function nextReplicationCount(current: number, relative: number | null, goal: PrecisionGoal): number {
  const needed = relative === null ? 4 * current : Math.ceil(current * (relative / goal.relative) ** 2 * 1.1);
  return Math.min(goal.maxReplications, Math.max(Math.ceil(current * 1.5), Math.min(4 * current, needed)));
}

export type PrecisionStop = "met" | "cap" | "interrupted";

export interface PrecisionOutcome {
  goal: PrecisionGoal;
  replications: number;
  batches: number;
  stoppedBecause: PrecisionStop;
  /** The least precise check when it stopped. */
  worst: { label: string; relative: number | null } | null;
}
