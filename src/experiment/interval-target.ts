/**
 * The service-level target interval by interval: in how many report intervals (of the day
 * profile when the run covers two days or more, else of the run after the warm-up) the mean
 * service level over replications falls below the target, and the lowest one. A weekly average
 * of 88% can hide a morning at 50%; the verdict says so, and a scenario may require the target
 * in every interval (`serviceLevel.per: interval`).
 */
import type { ExperimentResult } from "./replicate.js";

export interface IntervalTargetCheck {
  /** "dayProfile": intervals of the day pooled over the days; "intervals": each interval of the run. */
  source: "dayProfile" | "intervals";
  intervalSeconds: number;
  /** Day of week of time 0, and the run's length: to name an interval of a run of several days. */
  startDay: number;
  horizonSeconds: number;
  /** Intervals with contacts (a service level defined). */
  intervals: number;
  /** Intervals whose mean service level is below the target. */
  missed: number;
  /** The lowest mean service level among the missed intervals, with its start and end in seconds from time 0 (or from midnight for the day profile). */
  lowest: { serviceLevel: number; startSeconds: number; endSeconds: number } | null;
}

/** Checks the mean service level (all contact types) of each interval against `target`. */
export function intervalTargetCheck(result: ExperimentResult, target: number): IntervalTargetCheck {
  const info = result.info;
  const source = result.dayProfile ? "dayProfile" : "intervals";
  const series = (source === "dayProfile" ? result.dayProfile! : result.intervals).types.all?.serviceLevel ?? [];
  const seconds = info.reportIntervalSeconds;
  const first = source === "dayProfile" ? 0 : Math.floor(info.warmupSeconds / seconds);
  let intervals = 0;
  let missed = 0;
  let lowest: IntervalTargetCheck["lowest"] = null;
  series.forEach((b, i) => {
    if (i < first || b.mean === null || !Number.isFinite(b.mean)) return;
    intervals++;
    // The same tolerance as the chart's title, so the sentence and the chart count alike.
    if (b.mean < target - 1e-12) {
      missed++;
      if (lowest === null || b.mean < lowest.serviceLevel) lowest = { serviceLevel: b.mean, startSeconds: i * seconds, endSeconds: (i + 1) * seconds };
    }
  });
  return { source, intervalSeconds: seconds, startDay: info.startDay, horizonSeconds: info.horizonSeconds, intervals, missed, lowest };
}
