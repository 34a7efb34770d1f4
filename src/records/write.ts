/**
 * Simulated calls as call records (docs/records.md): the engine's per-attempt trace turned into
 * the rows an ACD export has, so fitting and backtesting can be tested on data with a known truth.
 *
 * Dating: time 0 of replication 0 is midnight of the scenario's `startDay` in the week of Monday
 * 2024-01-01 on the center's clock. Each further replication is another independent period of
 * the same scenario, dated after the one before it by the horizon rounded up to whole weeks, so
 * days of the week stay right and periods never overlap. Call ids are `replication-n` (both from 1).
 */
import { DAYS } from "../scenario/basics.js";
type DayName = (typeof DAYS)[number];
import type { TraceRecord } from "../sim/engine.js";
import type { CallRecord, Outcome } from "./format.js";

const DAY = 86400;

/** Seconds from the records' epoch at which replication `replication` starts. */
export function periodStart(startDay: DayName, horizonSeconds: number, replication: number): number {
  const weeks = Math.max(1, Math.ceil(horizonSeconds / (7 * DAY)));
  return DAYS.indexOf(startDay) * DAY + replication * weeks * 7 * DAY;
}

/** The records outcome of a trace row (see OUTCOMES in format.ts for their meaning). */
export function outcomeOf(r: TraceRecord): Outcome {
  switch (r.outcome) {
    case "answered": return "answered";
    case "abandoned": return "abandoned";
    case "blocked": return "blocked";
    case "contained": return "ivr_only";
    case "callback-completed":
    case "callback-failed":
    case "callback-pending":
      return "callback";
    // Cut short by the end of the run: a call already talking was answered; the rest are censored.
    case "in-progress": return r.talkStart !== null ? "answered" : "unfinished";
  }
}

/**
 * Turns trace rows into records, numbering each replication's attempts in the order they ended.
 * One instance per run; `startDay` and the horizon come from the scenario.
 */
export class RecordMaker {
  private replication = -1;
  private count = 0;
  private offset = 0;

  constructor(
    private readonly startDay: DayName,
    private readonly horizonSeconds: number,
  ) {}

  record(r: TraceRecord): CallRecord {
    if (r.replication !== this.replication) {
      this.replication = r.replication;
      this.count = 0;
      this.offset = periodStart(this.startDay, this.horizonSeconds, r.replication);
    }
    const at = (t: number | null) => (t === null ? null : t + this.offset);
    const outcome = outcomeOf(r);
    return {
      callId: `${r.replication + 1}-${++this.count}`,
      type: r.type,
      arrival: this.offset + r.arrival,
      ivrStart: at(r.ivrStart),
      ivrEnd: at(r.ivrEnd),
      queueEntry: at(r.queueEntry),
      queueExit: at(r.queueExit),
      outcome,
      talkStart: at(r.talkStart),
      talkEnd: at(r.talkEnd),
      wrapEnd: at(r.wrapEnd),
      agent: r.agent,
      group: r.group,
    };
  }
}
