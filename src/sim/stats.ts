/**
 * Streaming statistics of one replication: flat counter tables per (report interval, contact
 * type) and per (report interval, agent group), plus wait-time histograms for quantiles.
 * Memory depends on the horizon and the model, never on the number of contacts simulated.
 *
 * Contact outcomes are attributed to the interval in which the attempt arrived; agent times
 * are split across the intervals they span.
 */

/**
 * Counters per (report interval, contact type); sums unless noted. Const enums, so compiled
 * code indexes the flat tables with literal numbers (no property lookups on the hot path).
 */
export const enum T {
  /** would-be fresh contacts resolved by web self-service before contacting (not offered) */
  deflected = 0,
  /** attempts that reached the center (fresh + retrials + repeats) */
  offered = 1,
  fresh = 2,
  retrials = 3,
  repeats = 4,
  /** busy signal: no trunk line or IVR port free */
  blocked = 5,
  /** blocked and did not try again */
  lostBlocked = 6,
  /** abandoned and did not try again */
  lostAbandoned = 7,
  /** resolved by IVR self-service */
  contained = 8,
  /** hung up while waiting in the queue */
  abandoned = 9,
  /** live calls connected to an agent */
  answered = 10,
  /** answered or abandoned live contacts that had to queue (no agent free on arrival) */
  queued = 11,
  /** live calls that left the queue for a callback */
  callbacksAccepted = 12,
  /** still in IVR or queue when the run ended */
  inSystem = 13,
  /** answered with wait <= the service-level threshold */
  answeredWithin = 14,
  /** abandoned with wait <= the threshold */
  abandonedWithin = 15,
  /** abandoned within the short-abandon time */
  abandonedShort = 16,
  /** total queue wait of answered calls (s) */
  waitAnswered = 17,
  /** total queue wait of abandoned calls (s) */
  waitAbandoned = 18,
  /** agent conversations completed (live and callbacks) */
  handled = 19,
  talkTime = 20,
  wrapTime = 21,
  /** handled and resolved on this contact */
  resolved = 22,
  unresolved = 23,
  callbacksOffered = 24,
  /** callbacks the customer answered */
  callbacksCompleted = 25,
  /** callbacks given up after the last unanswered attempt */
  callbacksFailed = 26,
  callbackDials = 27,
  /** answered by an overflow group */
  overflowed = 28,
  /** trunk-line seconds held (arrival to hang-up) */
  lineTime = 29,
  /** IVR port seconds */
  ivrTime = 30,
  /** outbound callback dialling seconds */
  dialTime = 31,
  /** talk seconds of completed callbacks (outbound minutes) */
  callbackTalk = 32,
  /** the most contacts of this type waiting at once, among arrivals of the interval (a maximum) */
  maxQueue = 33,
  /** contacts of this type waiting at the end of the interval (a level, not a sum) */
  queueAtEnd = 34,
  /** attempts while the center was closed for this type (not offered; the customer tries again after opening) */
  closed = 35,
  /** answered with no wait at all (exactly 0 s): kept apart from the histogram, whose first bin is [0, 1) s */
  answeredNoWait = 36,
  /** sum of the squared queue waits of answered calls (s²), for the wait's standard deviation */
  waitAnsweredSq = 37,
  /** contact-seconds spent waiting in the queue within the interval (the queue length integrated over time, from the warm-up on) */
  queueArea = 38,
  /** The number of counters. */
  COUNT = 39,
}

/** Counters per (report interval, agent group), in agent-seconds unless noted. */
export const enum G {
  /** paid time from the schedule, before shrinkage */
  scheduled = 0,
  /** productive agents on duty (including overtime) */
  staffed = 1,
  /** with at least one contact: talking, wrapping up or dialling */
  busy = 2,
  /** conversation time summed over contacts (billable "handled minutes"; can exceed busy time with concurrency) */
  talk = 3,
  /** work past the end of a shift */
  overtime = 4,
  /** conversations completed (count) */
  handled = 5,
  /** live contacts this group answered (count) */
  answered = 6,
  /** of those, answered within the group's SLA threshold (count) */
  answeredWithinSla = 7,
  /** The number of counters. */
  COUNT = 8,
}

export const N_TYPE = T.COUNT;
export const N_GROUP = G.COUNT;

/**
 * Wait-time histogram: 1-second bins up to 120 s, then bins growing by 5%, so quantiles
 * are exact to 1 s below two minutes and to 5% above (beyond ~34 hours all fall in the last bin).
 */
export const enum Hist {
  LINEAR = 120,
  BINS = 320,
}
export const HIST_LINEAR = Hist.LINEAR;
const HIST_GROWTH = Math.log(1.05);
export const HIST_BINS = Hist.BINS;

export function histBin(wait: number): number {
  if (wait < Hist.LINEAR) return wait < 0 ? 0 : Math.floor(wait);
  const b = Hist.LINEAR + Math.floor(Math.log(wait / Hist.LINEAR) / HIST_GROWTH);
  return b < Hist.BINS ? b : Hist.BINS - 1;
}

function binLower(b: number): number {
  return b < HIST_LINEAR ? b : HIST_LINEAR * Math.exp((b - HIST_LINEAR) * HIST_GROWTH);
}

/**
 * The q-quantile of a histogram slice holding `total` counts, interpolated within the bin; null
 * when empty. `zeros` of the counts (in the first bin) are exactly 0: a quantile among them is 0,
 * and the rest of the first bin is spread over (0, 1) s.
 */
export function histQuantile(hist: ArrayLike<number>, offset: number, q: number, total: number, zeros = 0): number | null {
  if (total === 0) return null;
  const rank = q * total;
  if (rank <= zeros) return 0;
  let cum = zeros;
  for (let b = 0; b < HIST_BINS; b++) {
    const n = b === 0 ? hist[offset] - zeros : hist[offset + b];
    if (n > 0 && cum + n >= rank) {
      const lo = binLower(b);
      const hi = binLower(b + 1);
      return lo + ((rank - cum) / n) * (hi - lo);
    }
    cum += n;
  }
  return binLower(HIST_BINS - 1);
}

/** Totals per (contact type, customer segment), for costs that depend on who was served badly. */
export const enum S {
  offered = 0,
  blocked = 1,
  abandoned = 2,
  lostBlocked = 3,
  lostAbandoned = 4,
  handled = 5,
  unresolved = 6,
  COUNT = 7,
}
/** Names of the segment counters, in the order of `S`. */
export const SEGMENT_COUNTERS = ["offered", "blocked", "abandoned", "lostBlocked", "lostAbandoned", "handled", "unresolved"] as const;
export type SegmentCounter = (typeof SEGMENT_COUNTERS)[number];
export const N_SEGMENT = S.COUNT;

/** Counters that hold maxima or levels, combined across intervals by max or last value rather than sums. */
export const MAX_COUNTERS: ReadonlySet<number> = new Set([T.maxQueue as number]);
export const LEVEL_COUNTERS: ReadonlySet<number> = new Set([T.queueAtEnd as number]);

/** How a replication ended. */
export type ReplicationStatus = "complete" | "overloaded" | "event-limit" | "interrupted";

/** Raw results of one replication; everything else is computed from these. */
export interface ReplicationStats {
  readonly replication: number;
  readonly status: ReplicationStatus;
  /** Simulated time at which the replication ended (the horizon unless it stopped early). */
  readonly endTime: number;
  readonly events: number;
  readonly types: readonly string[];
  readonly groups: readonly string[];
  readonly reportIntervalSeconds: number;
  readonly reportIntervals: number;
  /** [interval][type][counter], flattened. */
  readonly typeCounters: Float64Array;
  /** [interval][group][counter], flattened. */
  readonly groupCounters: Float64Array;
  /** Wait histograms of answered calls: [interval][type][bin], flattened. */
  readonly waitHist: Uint32Array;
  /** Segment names per type, and their totals: [type][segment][counter], flattened in that order. */
  readonly segments: readonly (readonly string[])[];
  readonly segmentCounters: Float64Array;
  /** With `sampleSeconds`: contacts waiting per type, [sample][type], and in service with agents on duty (not past their period's end) per group, [sample][group]. */
  readonly samples: { readonly every: number; readonly waiting: Int32Array; readonly serving: Int32Array } | null;
  /** Largest number of contacts in the system at once (all types, including pending redials and callbacks). */
  readonly peakInSystem: number;
}

export function typeIndex(s: { types: readonly string[] }, interval: number, type: number, counter: T): number {
  return (interval * s.types.length + type) * N_TYPE + counter;
}

export function groupIndex(s: { groups: readonly string[] }, interval: number, group: number, counter: G): number {
  return (interval * s.groups.length + group) * N_GROUP + counter;
}
