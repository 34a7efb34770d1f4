/**
 * Key performance indicators of one replication, computed from its raw counters.
 *
 * Service level, by default, counts every live contact that reached the queue and either got an
 * answer or hung up: SL = answered within T / (answered + abandoned). Contacts blocked,
 * contained in the IVR, deflected, still waiting at the end, or that accepted a callback are not
 * in the denominator. The usual variants are reported too (`serviceLevelAnswered`,
 * `serviceLevelExShortAbandons`, `serviceLevelAbandonsMet`). Outcomes belong to the interval in
 * which the attempt arrived. A KPI whose denominator is zero is `null`, never NaN.
 */
import type { Channel } from "../scenario/schema.js";
import type { RunModel } from "../sim/model.js";
import { G, HIST_BINS, LEVEL_COUNTERS, MAX_COUNTERS, N_GROUP, N_SEGMENT, N_TYPE, SEGMENT_COUNTERS, T, histQuantile, type ReplicationStats, type ReplicationStatus, type SegmentCounter } from "../sim/stats.js";

export type KpiValue = number | null;
export type KpiRecord = Record<string, KpiValue>;

export type KpiUnit = "count" | "share" | "seconds" | "hours" | "agents";

export interface KpiDefinition {
  readonly key: string;
  readonly label: string;
  readonly unit: KpiUnit;
  readonly description: string;
  /** Which direction is good, for verdicts and colours. */
  readonly better?: "higher" | "lower";
}

const ratio = (a: number, b: number): KpiValue => (b > 0 ? a / b : null);

/** KPIs of contacts: per contact type, per channel and for all types. */
export const CONTACT_KPIS: readonly KpiDefinition[] = [
  { key: "offered", label: "Offered", unit: "count", description: "Attempts that reached the center, including redials and repeat contacts." },
  { key: "closed", label: "Tried while closed", unit: "count", description: "Attempts outside opening hours (not offered; the customer tried again after opening)." },
  { key: "deflected", label: "Deflected (web)", unit: "count", description: "Would-be contacts resolved by FAQ / web self-service, not offered." },
  { key: "blocked", label: "Blocked", unit: "count", description: "Attempts that got a busy signal (no trunk line or IVR port).", better: "lower" },
  { key: "contained", label: "IVR contained", unit: "count", description: "Calls resolved by IVR self-service." },
  { key: "abandoned", label: "Abandoned", unit: "count", description: "Customers who gave up while waiting.", better: "lower" },
  { key: "answered", label: "Answered", unit: "count", description: "Live contacts connected to an agent." },
  { key: "callbacksAccepted", label: "Callbacks accepted", unit: "count", description: "Callers who left the queue for a callback." },
  { key: "inSystem", label: "Still waiting at end", unit: "count", description: "Contacts in the IVR or queue when the run ended (email: the backlog)." },
  { key: "handled", label: "Handled", unit: "count", description: "Conversations completed by agents (live contacts and callbacks)." },
  { key: "serviceLevel", label: "Service level", unit: "share", description: "Answered within the threshold / (answered + abandoned).", better: "higher" },
  { key: "serviceLevelAnswered", label: "SL (answered only)", unit: "share", description: "Answered within the threshold / answered.", better: "higher" },
  { key: "serviceLevelExShortAbandons", label: "SL (excl. short abandons)", unit: "share", description: "Answered within the threshold / (answered + abandoned − abandoned within the short-abandon time).", better: "higher" },
  { key: "serviceLevelAbandonsMet", label: "SL (abandons within T met)", unit: "share", description: "(Answered within the threshold + abandoned within it) / (answered + abandoned).", better: "higher" },
  { key: "delayProbability", label: "Probability of waiting", unit: "share", description: "Contacts that found no agent free and had to queue / (answered + abandoned).", better: "lower" },
  { key: "asa", label: "ASA", unit: "seconds", description: "Average speed of answer: mean queue wait of answered contacts.", better: "lower" },
  { key: "meanWait", label: "Mean wait", unit: "seconds", description: "Mean queue wait of answered and abandoned contacts.", better: "lower" },
  { key: "p90Wait", label: "90th percentile wait", unit: "seconds", description: "90th percentile of the queue wait of answered contacts (0 when at most 10% wait at all; else exact to 1 s below 2 minutes, to 5% above).", better: "lower" },
  { key: "p80Wait", label: "80th percentile wait", unit: "seconds", description: "80th percentile of the queue wait of answered contacts (as the 90th).", better: "lower" },
  { key: "p95Wait", label: "95th percentile wait", unit: "seconds", description: "95th percentile of the queue wait of answered contacts (as the 90th).", better: "lower" },
  { key: "waitSd", label: "Wait standard deviation", unit: "seconds", description: "Standard deviation of the queue wait of answered contacts (the population's, around the ASA)." },
  { key: "meanQueue", label: "Mean queue length", unit: "count", description: "Contacts waiting in the queue, averaged over time (the queue length integrated over the period / its length)." },
  { key: "abandonRate", label: "Abandonment", unit: "share", description: "Abandoned / (answered + abandoned).", better: "lower" },
  { key: "blockingRate", label: "Blocking", unit: "share", description: "Blocked / offered.", better: "lower" },
  { key: "containmentRate", label: "IVR containment", unit: "share", description: "Contained / (offered − blocked)." },
  { key: "aht", label: "AHT", unit: "seconds", description: "Average handle time: (conversation + wrap-up) / handled." },
  { key: "fcrRate", label: "First-contact resolution", unit: "share", description: "Resolved / handled.", better: "higher" },
  { key: "retrials", label: "Redials", unit: "count", description: "Attempts that were redials after a busy signal or abandonment." },
  { key: "repeats", label: "Repeat contacts", unit: "count", description: "Attempts by customers whose earlier contact was not resolved." },
  { key: "callbacksOffered", label: "Callbacks offered", unit: "count", description: "Callers offered a callback." },
  { key: "callbacksCompleted", label: "Callbacks completed", unit: "count", description: "Callbacks answered by the customer." },
  { key: "callbacksFailed", label: "Callbacks failed", unit: "count", description: "Callbacks given up after the last unanswered attempt.", better: "lower" },
  { key: "overflowed", label: "Overflowed", unit: "count", description: "Contacts answered by an overflow group." },
  { key: "lostCustomers", label: "Customers lost", unit: "count", description: "Blocked or abandoned customers who did not try again.", better: "lower" },
  { key: "maxQueue", label: "Longest queue", unit: "count", description: "Most contacts waiting at once." },
  { key: "lineHours", label: "Trunk hours", unit: "hours", description: "Trunk-line time held by calls." },
  { key: "ivrHours", label: "IVR hours", unit: "hours", description: "IVR port time." },
];

/** KPIs of agents: per agent group, per site and for all groups. */
export const AGENT_KPIS: readonly KpiDefinition[] = [
  { key: "scheduledHours", label: "Scheduled hours", unit: "hours", description: "Paid agent hours from the schedule, before shrinkage." },
  { key: "staffedHours", label: "Staffed hours", unit: "hours", description: "Productive agent hours on duty, including overtime." },
  { key: "busyHours", label: "Busy hours", unit: "hours", description: "Agent hours with at least one contact (talking, wrapping up or dialling)." },
  { key: "talkHours", label: "Conversation hours", unit: "hours", description: "Conversation time summed over contacts (billable handled time)." },
  { key: "overtimeHours", label: "Overtime hours", unit: "hours", description: "Hours worked past the end of shifts to finish contacts.", better: "lower" },
  { key: "handled", label: "Handled", unit: "count", description: "Conversations completed." },
  { key: "occupancy", label: "Occupancy", unit: "share", description: "Busy / staffed time." },
  { key: "utilisation", label: "Utilisation", unit: "share", description: "Busy / scheduled (paid) time." },
  { key: "agents", label: "Agents on duty", unit: "agents", description: "Mean productive agents on duty (staffed hours / elapsed hours, both from the warm-up on)." },
];

/** The KPIs kept per report interval (the rest only as totals). */
export const INTERVAL_CONTACT_KPIS = [
  "offered", "blocked", "contained", "abandoned", "answered", "serviceLevel", "delayProbability", "asa", "meanWait", "p90Wait",
  "abandonRate", "aht", "callbacksOffered", "callbacksAccepted", "callbacksCompleted", "callbacksFailed", "retrials", "repeats", "inQueueAtEnd", "meanQueue",
] as const;
export const INTERVAL_AGENT_KPIS = ["agents", "scheduledHours", "staffedHours", "overtimeHours", "handled", "occupancy", "utilisation"] as const;

/** Contact KPIs from summed counters; `elapsedSeconds` (from the warm-up on) is the period the time-average queue is over. */
export function contactKpis(k: ArrayLike<number>, hist: ArrayLike<number>, histOffset = 0, elapsedSeconds = 0): KpiRecord {
  const reached = k[T.answered] + k[T.abandoned];
  const asa = ratio(k[T.waitAnswered], k[T.answered]);
  // The histogram holds the waits of exactly the answered contacts; the zero waits among them are counted apart.
  const quantile = (q: number) => histQuantile(hist, histOffset, q, k[T.answered], k[T.answeredNoWait]);
  return {
    offered: k[T.offered],
    deflected: k[T.deflected],
    closed: k[T.closed],
    blocked: k[T.blocked],
    contained: k[T.contained],
    abandoned: k[T.abandoned],
    answered: k[T.answered],
    callbacksAccepted: k[T.callbacksAccepted],
    inSystem: k[T.inSystem],
    handled: k[T.handled],
    serviceLevel: ratio(k[T.answeredWithin], reached),
    serviceLevelAnswered: ratio(k[T.answeredWithin], k[T.answered]),
    serviceLevelExShortAbandons: ratio(k[T.answeredWithin], reached - k[T.abandonedShort]),
    serviceLevelAbandonsMet: ratio(k[T.answeredWithin] + k[T.abandonedWithin], reached),
    delayProbability: ratio(k[T.queued], reached),
    asa,
    meanWait: ratio(k[T.waitAnswered] + k[T.waitAbandoned], reached),
    p90Wait: quantile(0.9),
    abandonRate: ratio(k[T.abandoned], reached),
    blockingRate: ratio(k[T.blocked], k[T.offered]),
    containmentRate: ratio(k[T.contained], k[T.offered] - k[T.blocked]),
    aht: ratio(k[T.talkTime] + k[T.wrapTime], k[T.handled]),
    fcrRate: ratio(k[T.resolved], k[T.handled]),
    retrials: k[T.retrials],
    repeats: k[T.repeats],
    callbacksOffered: k[T.callbacksOffered],
    callbacksCompleted: k[T.callbacksCompleted],
    callbacksFailed: k[T.callbacksFailed],
    overflowed: k[T.overflowed],
    lostCustomers: k[T.lostBlocked] + k[T.lostAbandoned],
    maxQueue: k[T.maxQueue],
    lineHours: k[T.lineTime] / 3600,
    ivrHours: k[T.ivrTime] / 3600,
    inQueueAtEnd: k[T.queueAtEnd],
    // Added last, so the order of the older keys in results.json and summary.csv is unchanged.
    p80Wait: quantile(0.8),
    p95Wait: quantile(0.95),
    waitSd: asa === null ? null : Math.sqrt(Math.max(0, k[T.waitAnsweredSq] / k[T.answered] - asa * asa)),
    // A level like the counts: 0 over a period wholly in the warm-up (nothing counted), never undefined.
    meanQueue: elapsedSeconds > 0 ? k[T.queueArea] / elapsedSeconds : 0,
  };
}

export function agentKpis(k: ArrayLike<number>, elapsedSeconds: number): KpiRecord {
  return {
    scheduledHours: k[G.scheduled] / 3600,
    staffedHours: k[G.staffed] / 3600,
    busyHours: k[G.busy] / 3600,
    talkHours: k[G.talk] / 3600,
    overtimeHours: k[G.overtime] / 3600,
    handled: k[G.handled],
    occupancy: ratio(k[G.busy], k[G.staffed]),
    utilisation: ratio(k[G.busy], k[G.scheduled]),
    agents: ratio(k[G.staffed], elapsedSeconds),
  };
}

/** KPIs by scope: contact types, channels, agent groups and sites, each with an "all" entry where it helps. */
export interface ScopedKpis {
  types: Record<string, KpiRecord>;
  channels: Record<string, KpiRecord>;
  groups: Record<string, KpiRecord>;
  sites: Record<string, KpiRecord>;
}
export type Scope = keyof ScopedKpis;
export const SCOPES: readonly Scope[] = ["types", "channels", "groups", "sites"];
export const ALL = "all";

/** Which rows of a replication's counters make up each reported scope. */
export interface ScopeLayout {
  types: string[];
  groups: string[];
  /** Channel of each type, and the channels in use (in a fixed order). */
  typeChannel: Channel[];
  channels: Channel[];
  /** Site index of each group, and site names. */
  groupSite: number[];
  sites: string[];
}

export function scopeLayout(m: RunModel): ScopeLayout {
  const channelOrder: Channel[] = ["voice", "chat", "messaging", "email"];
  const used = new Set(m.types.map((t) => t.channel));
  return {
    types: m.types.map((t) => t.name),
    groups: m.groups.map((g) => g.name),
    typeChannel: m.types.map((t) => t.channel),
    channels: channelOrder.filter((c) => used.has(c)),
    groupSite: m.groups.map((g) => g.site),
    sites: m.sites.map((s) => s.name),
  };
}

/** How each contact counter combines over intervals: summed, the maximum, or the level at the end. */
const enum Combine {
  Sum = 0,
  Max = 1,
  Level = 2,
}
const COMBINE = (() => {
  const kinds = new Uint8Array(N_TYPE);
  for (const f of MAX_COUNTERS) kinds[f] = Combine.Max;
  for (const f of LEVEL_COUNTERS) kinds[f] = Combine.Level;
  return kinds;
})();

/**
 * Counters of one replication summed over a set of report intervals, per reported row: contact
 * rows are the types, then the channels, then "all"; agent rows the groups, then the sites, then
 * "all". One instance is reused for every interval of a series, so summing allocates nothing.
 */
class ScopeSums {
  private readonly nT: number;
  private readonly nG: number;
  private readonly rowsT: number;
  private readonly rowsG: number;
  /** The three contact rows (type, channel, all) each type adds to; likewise for groups. */
  private readonly typeRows: Int32Array;
  private readonly groupRows: Int32Array;
  private readonly types: Float64Array;
  private readonly hists: Float64Array;
  private readonly groups: Float64Array;
  private elapsed = 0;

  /** `warmup`: elapsed time (for agents on duty and the mean queue) counts from here, as the counters do. */
  constructor(
    private readonly layout: ScopeLayout,
    private readonly warmup = 0,
  ) {
    this.nT = layout.types.length;
    this.nG = layout.groups.length;
    this.rowsT = this.nT + layout.channels.length + 1;
    this.rowsG = this.nG + layout.sites.length + 1;
    this.typeRows = Int32Array.from(layout.typeChannel.flatMap((c, t) => [t, this.nT + layout.channels.indexOf(c), this.rowsT - 1]));
    this.groupRows = Int32Array.from(layout.groupSite.flatMap((site, g) => [g, this.nG + site, this.rowsG - 1]));
    this.types = new Float64Array(this.rowsT * N_TYPE);
    this.hists = new Float64Array(this.rowsT * HIST_BINS);
    this.groups = new Float64Array(this.rowsG * N_GROUP);
  }

  /** Sums the counters of `members` (report intervals, ascending); end-of-interval levels come from the last. */
  sum(s: ReplicationStats, members: readonly number[]): this {
    const { nT, nG, typeRows, groupRows, types, hists, groups } = this;
    types.fill(0);
    hists.fill(0);
    groups.fill(0);
    this.elapsed = 0;
    const last = members[members.length - 1];
    for (const i of members) {
      const start = i * s.reportIntervalSeconds;
      this.elapsed += Math.max(0, Math.min(s.endTime, start + s.reportIntervalSeconds) - Math.max(start, this.warmup));
      for (let t = 0; t < nT; t++) {
        const src = (i * nT + t) * N_TYPE;
        const h = (i * nT + t) * HIST_BINS;
        for (let r = 3 * t; r < 3 * t + 3; r++) {
          const dst = typeRows[r] * N_TYPE;
          for (let f = 0; f < N_TYPE; f++) {
            const v = s.typeCounters[src + f];
            const kind = COMBINE[f];
            if (kind === Combine.Sum) types[dst + f] += v;
            else if (kind === Combine.Max) types[dst + f] = Math.max(types[dst + f], v);
            else if (i === last) types[dst + f] += v;
          }
        }
        // The histogram holds the answered contacts' waits, mostly short: stop once all are seen.
        const h0 = typeRows[3 * t] * HIST_BINS;
        const h1 = typeRows[3 * t + 1] * HIST_BINS;
        const h2 = typeRows[3 * t + 2] * HIST_BINS;
        let unseen = s.typeCounters[src + T.answered];
        for (let b = 0; b < HIST_BINS && unseen > 0; b++) {
          const n = s.waitHist[h + b];
          if (n === 0) continue;
          unseen -= n;
          hists[h0 + b] += n;
          hists[h1 + b] += n;
          hists[h2 + b] += n;
        }
      }
      for (let g = 0; g < nG; g++) {
        const src = (i * nG + g) * N_GROUP;
        for (let r = 3 * g; r < 3 * g + 3; r++) {
          const dst = groupRows[r] * N_GROUP;
          for (let f = 0; f < N_GROUP; f++) groups[dst + f] += s.groupCounters[src + f];
        }
      }
    }
    return this;
  }

  /** The scope entry each contact row and each agent row reports. */
  get contactRows(): [Scope, string][] {
    const { layout } = this;
    return [...layout.types.map((n): [Scope, string] => ["types", n]), ...layout.channels.map((n): [Scope, string] => ["channels", n]), ["types", ALL]];
  }
  get agentRows(): [Scope, string][] {
    const { layout } = this;
    return [...layout.groups.map((n): [Scope, string] => ["groups", n]), ...layout.sites.map((n): [Scope, string] => ["sites", n]), ["groups", ALL]];
  }

  contactRow(row: number): KpiRecord {
    return contactKpis(this.types.subarray(row * N_TYPE, (row + 1) * N_TYPE), this.hists, row * HIST_BINS, this.elapsed);
  }

  agentRow(row: number): KpiRecord {
    return agentKpis(this.groups.subarray(row * N_GROUP, (row + 1) * N_GROUP), this.elapsed);
  }

  /** The KPIs of the summed counters, by scope. */
  kpis(): ScopedKpis {
    const out: ScopedKpis = { types: {}, channels: {}, groups: {}, sites: {} };
    this.contactRows.forEach(([scope, name], row) => (out[scope][name] = this.contactRow(row)));
    this.agentRows.forEach(([scope, name], row) => (out[scope][name] = this.agentRow(row)));
    return out;
  }
}

/**
 * KPIs of one replication over report intervals [from, to): counters summed per type, channel
 * and all types (maxima as maxima, end-of-interval levels from the last interval), per group,
 * site and all groups.
 */
export function scopedKpis(s: ReplicationStats, layout: ScopeLayout, from: number, to: number, warmup = 0): ScopedKpis {
  return new ScopeSums(layout, warmup).sum(s, Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k)).kpis();
}

/**
 * Per report interval, a few KPIs per scope entry: series[scope][name][kpi][interval], NaN where
 * the KPI is undefined (a zero denominator). All series of one replication are views into one
 * buffer: compact to keep for hundreds of replications, and moved between threads whole.
 */
export type IntervalSeries = Record<Scope, Record<string, Record<string, Float64Array>>>;

/** Calls `f` with every series of a set and the record holding it (under the key `kpi`). */
export function forEachSeries(series: IntervalSeries, f: (values: Float64Array, kpi: string, byKpi: Record<string, Float64Array>) => void): void {
  for (const byName of Object.values(series)) for (const byKpi of Object.values(byName)) for (const [kpi, values] of Object.entries(byKpi)) f(values, kpi, byKpi);
}

/** The interval KPIs of each scope entry, over each set of report intervals in `intervals`. */
export function intervalSeries(s: ReplicationStats, layout: ScopeLayout, intervals: readonly (readonly number[])[], warmup = 0): IntervalSeries {
  const series: IntervalSeries = { types: {}, channels: {}, groups: {}, sites: {} };
  const sums = new ScopeSums(layout, warmup);
  const n = intervals.length;
  const { contactRows, agentRows } = sums;
  const buffer = new Float64Array((contactRows.length * INTERVAL_CONTACT_KPIS.length + agentRows.length * INTERVAL_AGENT_KPIS.length) * n);
  let at = 0;
  // Per row, its series in the order of INTERVAL_*_KPIS; values are read by position, not key.
  const seriesOf = (rows: [Scope, string][], keys: readonly string[]) =>
    rows.map(([scope, name]) => keys.map((key) => ((series[scope][name] ??= {})[key] = buffer.subarray(at, (at += n)))));
  const contactSeries = seriesOf(contactRows, INTERVAL_CONTACT_KPIS);
  const agentSeries = seriesOf(agentRows, INTERVAL_AGENT_KPIS);
  intervals.forEach((members, i) => {
    sums.sum(s, members);
    contactSeries.forEach((out, row) => {
      const values = Object.values(sums.contactRow(row));
      for (let k = 0; k < out.length; k++) out[k][i] = values[CONTACT_POSITION[k]] ?? NaN;
    });
    agentSeries.forEach((out, row) => {
      const values = Object.values(sums.agentRow(row));
      for (let k = 0; k < out.length; k++) out[k][i] = values[AGENT_POSITION[k]] ?? NaN;
    });
  });
  return series;
}

/** Where each interval KPI sits among the values of a KPI record. */
const CONTACT_POSITION = (() => {
  const keys = Object.keys(contactKpis(new Float64Array(N_TYPE), new Float64Array(HIST_BINS)));
  return INTERVAL_CONTACT_KPIS.map((k) => keys.indexOf(k));
})();
const AGENT_POSITION = (() => {
  const keys = Object.keys(agentKpis(new Float64Array(N_GROUP), 0));
  return INTERVAL_AGENT_KPIS.map((k) => keys.indexOf(k));
})();

/**
 * Raw quantities the cost model needs, per replication: agent time and counts per group and
 * report interval (vendor SLAs are measured per interval), and totals per type and segment.
 */
export interface CostDrivers {
  /** [group][interval] seconds or counts. */
  staffedSeconds: number[][];
  talkSeconds: number[][];
  overtimeSeconds: number[][];
  handled: number[][];
  answered: number[][];
  answeredWithinSla: number[][];
  /** [type][interval] abandoned contacts (the denominator of vendor SLAs for types a vendor serves alone). */
  abandoned: number[][];
  /** Totals per type (seconds). */
  lineSeconds: number[];
  ivrSeconds: number[];
  outboundSeconds: number[];
  /** [type][segment] totals. */
  segments: Record<SegmentCounter, number>[][];
}

export function costDrivers(s: ReplicationStats): CostDrivers {
  const nT = s.types.length;
  const nG = s.groups.length;
  const R = s.reportIntervals;
  const perGroup = (f: number) => Array.from({ length: nG }, (_, g) => Array.from({ length: R }, (_, i) => s.groupCounters[(i * nG + g) * N_GROUP + f]));
  const typeTotal = (f: number) => Array.from({ length: nT }, (_, t) => {
    let sum = 0;
    for (let i = 0; i < R; i++) sum += s.typeCounters[(i * nT + t) * N_TYPE + f];
    return sum;
  });
  const dial = typeTotal(T.dialTime);
  const callbackTalk = typeTotal(T.callbackTalk);
  let slot = 0;
  return {
    staffedSeconds: perGroup(G.staffed),
    talkSeconds: perGroup(G.talk),
    overtimeSeconds: perGroup(G.overtime),
    handled: perGroup(G.handled),
    answered: perGroup(G.answered),
    answeredWithinSla: perGroup(G.answeredWithinSla),
    abandoned: Array.from({ length: nT }, (_, t) => Array.from({ length: R }, (_, i) => s.typeCounters[(i * nT + t) * N_TYPE + T.abandoned])),
    lineSeconds: typeTotal(T.lineTime),
    ivrSeconds: typeTotal(T.ivrTime),
    outboundSeconds: dial.map((d, t) => d + callbackTalk[t]),
    segments: s.segments.map((names) =>
      names.map(() => {
        const base = slot++ * N_SEGMENT;
        return Object.fromEntries(SEGMENT_COUNTERS.map((k, i) => [k, s.segmentCounters[base + i]])) as Record<SegmentCounter, number>;
      }),
    ),
  };
}

/** What one replication yields: KPIs, their interval series, and the cost drivers. */
export interface ReplicationResult {
  replication: number;
  status: ReplicationStatus;
  /** Simulated seconds; less than the horizon when the replication was stopped early. */
  endTime: number;
  events: number;
  peakInSystem: number;
  totals: ScopedKpis;
  /** Per report interval of the horizon. */
  intervals: IntervalSeries;
  /** Per report interval of the day, pooled over the days of the horizon (null for runs shorter than two days). */
  dayProfile: IntervalSeries | null;
  drivers: CostDrivers;
}

/** Reduces a replication's raw statistics to its result; `detail: "totals"` skips the interval series. */
export function replicationResult(s: ReplicationStats, m: RunModel, detail: "intervals" | "totals" = "intervals"): ReplicationResult {
  const layout = scopeLayout(m);
  const perDay = 86400 / s.reportIntervalSeconds;
  const first = Math.floor(m.warmup / s.reportIntervalSeconds);
  const wholeDays = Number.isInteger(perDay) && s.reportIntervals >= 2 * perDay;
  return {
    replication: s.replication,
    status: s.status,
    endTime: s.endTime,
    events: s.events,
    peakInSystem: s.peakInSystem,
    totals: scopedKpis(s, layout, first, s.reportIntervals, m.warmup),
    intervals: detail === "intervals" ? intervalSeries(s, layout, Array.from({ length: s.reportIntervals }, (_, i) => [i]), m.warmup) : emptySeries(),
    dayProfile:
      detail === "intervals" && wholeDays
        ? intervalSeries(
            s,
            layout,
            Array.from({ length: perDay }, (_, slot) => Array.from({ length: Math.ceil((s.reportIntervals - slot) / perDay) }, (_, d) => d * perDay + slot).filter((i) => i >= first && i < s.reportIntervals)),
            m.warmup,
          )
        : null,
    drivers: costDrivers(s),
  };
}

function emptySeries(): IntervalSeries {
  return { types: {}, channels: {}, groups: {}, sites: {} };
}
