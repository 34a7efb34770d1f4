/**
 * The contact-center engine: plain event handlers over typed state, driven by one calendar.
 *
 * A contact's life: ARRIVAL (deflected by web self-service, or offered) → voice: a trunk line
 * (blocked if none) → IVR (blocked if no port; contained or transferred) → an available agent,
 * or a callback offer, or the queue (abandon timer, overflow timers) → conversation end →
 * wrap-up → the agent takes the next contact. Unresolved contacts come back as repeats; blocked
 * and abandoned customers may try again.
 *
 * Agents have capacity: a voice call or an email takes an agent whole; chats and messages
 * share up to `maxConcurrent` slots, each extra conversation slowing all of that agent's
 * conversations by `slowdown`. Emails (deferred work) are taken only when no live contact the
 * agent could serve is waiting, and only while `reserveForLive` other agents stay idle.
 *
 * Same-time events run in a fixed order (RANK), so results never depend on insertion accidents.
 */
import { Calendar } from "./calendar.js";
import { plainKernelApplies, simulatePlain } from "./plain-kernel.js";
import { gamma, type Distribution } from "./distributions.js";
import type { DutyPeriod, RunModel, TypeModel } from "./model.js";
import type { RandomStream, StreamTree } from "./random.js";
import { G, Hist, S, T, histBin, type ReplicationStats, type ReplicationStatus } from "./stats.js";

/** Same-time ordering: lower rank runs first. */
export const enum Rank {
  /** Observations see the state left by every earlier instant and nothing of this one. */
  sample = 0,
  /** Ends of conversations, wrap-ups and dials free agents and lines first. */
  release = 1,
  /** Agents coming on or going off duty. */
  schedule = 2,
  /** Customers hanging up: an agent freed at the same instant (released first) takes them instead. */
  abandon = 3,
  /** A waiting contact becoming eligible for an overflow group. */
  overflow = 4,
  ivr = 5,
  /** Redials, repeat contacts and callback re-entries. */
  reattempt = 6,
  arrival = 7,
}

/** The same-time policy by name, in order (for documentation and tests). */
export const RANKS = ["sample", "release", "schedule", "abandon", "overflow", "ivr", "reattempt", "arrival"] as const;

const enum Ev {
  Reattempt,
  IvrDone,
  Abandon,
  Overflow,
  TalkEnd,
  WrapEnd,
  DialEnd,
  AgentOn,
  AgentOff,
  IntervalEnd,
  Sample,
}

const enum State {
  Free,
  Pending,
  Ivr,
  Queued,
  Serving,
}

const enum Origin {
  Fresh,
  Retrial,
  Repeat,
}

/** One row of the per-contact trace, written when the attempt ends. */
export interface TraceRecord {
  replication: number;
  type: string;
  segment: string;
  origin: "fresh" | "retrial" | "repeat";
  arrival: number;
  /** How the attempt ended; "in-progress" and "callback-pending" for attempts the horizon cut short. */
  outcome: "blocked" | "contained" | "abandoned" | "answered" | "callback-completed" | "callback-failed" | "in-progress" | "callback-pending";
  wait: number;
  talk: number;
  group: string;
  resolved: boolean | null;
  /** When the attempt entered the IVR: its arrival (null: no IVR, or blocked). */
  ivrStart: number | null;
  /** When the attempt left the IVR (null: no IVR, blocked, or still in it). */
  ivrEnd: number | null;
  /** When the attempt was routed to the agents' queue (null: blocked, ended in the IVR or still in it). */
  queueEntry: number | null;
  /** When it left the queue: answered, hung up, or accepted a callback (null: still waiting, or never queued). */
  queueExit: number | null;
  /** The conversation with an agent (callbacks: the outbound one); talkEnd null when the run ended mid-conversation. */
  talkStart: number | null;
  talkEnd: number | null;
  /** End of the after-contact work (talkEnd when there is none). */
  wrapEnd: number | null;
  /** The agent, as "group-k" (k from 1 within its group); "" when none. */
  agent: string;
}

export interface SimulateOptions {
  /** Called once per finished attempt; only for `--trace`, it slows the run. */
  trace?: (record: TraceRecord) => void;
  /** Record contacts waiting per type and in service per group every this many seconds (staffing algorithms). */
  sampleSeconds?: number;
  /** Checked every 65,536 events: when it returns true the replication stops with status "interrupted". */
  shouldStop?: () => boolean;
  /** false: run the plainest models on this engine instead of the plain kernel (tests compare the two). */
  plainKernel?: boolean;
}

/**
 * Fields that hold times, durations or event handles start as doubles: a field first given a
 * small integer (0, -1) and later a fraction changes the object's hidden class in V8, which
 * throws away the compiled code of every handler that saw the old one (measured: about twenty
 * deoptimisations in the first second of a run). −0 is 0 in every use here.
 */
const ZERO = -0;
/** "No pending event": a handle is a non-negative number. */
const NO_EVENT = -Infinity;

class Contact {
  state = State.Free;
  type = 0;
  segment = 0;
  queue = 0;
  /** Base index of the attempt's (report interval, type) counters, or -1 before the warm-up ends. */
  slot = -1;
  /** Report interval of the attempt's arrival. */
  interval = 0;
  segmentSlot = 0;
  origin = Origin.Fresh;
  attempts = 0;
  arrival = ZERO;
  enqueued = ZERO;
  wait = ZERO;
  patience = Infinity;
  baseHandle = ZERO;
  wrap = ZERO;
  fcrDraw = ZERO;
  extraHandle = ZERO;
  isCallback = false;
  callbackTries = 0;
  holdsLine = false;
  lineSince = ZERO;
  /** When the attempt was routed to the agents (after the IVR), for the trace. */
  routedAt = ZERO;
  /** With a separate IVR time for contained calls, the containment is decided on arrival. */
  ivrContained = false;
  timer = NO_EVENT;
  overflowTimer = NO_EVENT;
  overflowStage = 0;
  prev: Contact | null = null;
  next: Contact | null = null;
  // In service:
  agent: Agent | null = null;
  endTimer = NO_EVENT;
  talkStart = ZERO;
  /** Conversation work left (seconds at full speed) as of `lastUpdate`; concurrent contacts only. */
  workLeft = ZERO;
  lastUpdate = ZERO;
  inWrap = false;
  talking = false;
  constructor(readonly id: number) {}
}

class Agent {
  onDuty = false;
  leaving = false;
  period = -1;
  dutyStart = ZERO;
  /** Seconds of break still owed: a break started late (after a conversation) ends as late. */
  owed = ZERO;
  busyStart = ZERO;
  idleSince = ZERO;
  /** Slots in use: conversations and wrap-ups. */
  load = 0;
  /** Conversations in progress (they share the agent's speed). */
  talking = 0;
  /** A voice call, email or callback holds the whole agent. */
  exclusive = false;
  /** The availability list the agent is in (its load), or -1. */
  list = -1;
  prev: Agent | null = null;
  next: Agent | null = null;
  readonly contacts: Contact[] = [];
  constructor(
    readonly id: number,
    readonly group: number,
    readonly periods: readonly DutyPeriod[],
    readonly handleFactor: number,
    readonly capacity: number,
  ) {}
}

class Queue {
  head: Contact | null = null;
  tail: Contact | null = null;
  constructor(readonly priority: number) {}
}

/** The random sources of one contact type: fresh contacts and reattempts draw from separate streams. */
interface TypeStreams {
  arrivals: RandomStream;
  closed: RandomStream;
  deflection: RandomStream;
  fresh: AttributeStreams;
  again: AttributeStreams;
  callback: RandomStream;
  retrial: RandomStream;
  repeat: RandomStream;
}
interface AttributeStreams {
  segment: RandomStream;
  patience: RandomStream;
  handle: RandomStream;
  wrap: RandomStream;
  ivr: RandomStream;
  fcr: RandomStream;
}

function attributeStreams(tree: StreamTree): AttributeStreams {
  return {
    segment: tree.fork("segment").stream(),
    patience: tree.fork("patience").stream(),
    handle: tree.fork("handle").stream(),
    wrap: tree.fork("wrap").stream(),
    ivr: tree.fork("ivr").stream(),
    fcr: tree.fork("fcr").stream(),
  };
}

/** Simulates one replication. `streams` is the replication's stream tree: streams(seed).fork(replication). */
export function simulate(model: RunModel, streams: StreamTree, replication: number, options: SimulateOptions = {}): ReplicationStats {
  // The plainest models run on a dedicated kernel with the same results (plain-kernel.ts).
  if (plainKernelApplies(model, options)) return simulatePlain(model, streams, replication, options);
  return new Simulation(model, streams, replication, options).run();
}

class Simulation {
  private readonly cal = new Calendar(1024);
  private readonly nTypes: number;
  // Hot model fields held directly (one load instead of two on every event).
  private readonly types: readonly TypeModel[];
  private readonly groups: RunModel["groups"];
  private readonly warmup: number;
  private readonly tracing: boolean;
  /** The model takes the lean path (see `leanPathApplies`): fresh arrivals and conversation ends by the plain handlers. */
  private readonly lean: boolean;
  /** Lean path: the first-contact resolution share of the one group (its own or the type's). */
  private readonly leanFcr: number;
  private readonly nGroups: number;
  private readonly typeCounters: Float64Array;
  private readonly groupCounters: Float64Array;
  private readonly waitHist: Uint32Array;
  private readonly segmentCounters: Float64Array;
  private readonly segmentBase: Int32Array;
  private readonly pool: Contact[] = [];
  private readonly freeContacts: Contact[] = [];
  private readonly agents: Agent[] = [];
  /** Index in `agents` of each group's first agent (agents are numbered from 1 within their group in the trace). */
  private readonly firstAgentOf: Int32Array;
  /** Availability lists per (group, load): agents on duty with a free slot, longest-waiting first. */
  private readonly listHead: (Agent | null)[];
  private readonly listTail: (Agent | null)[];
  private readonly listBase: Int32Array;
  private readonly idleCount: Int32Array;
  private readonly onDutyByGroup: Int32Array;
  private readonly queues: Queue[][];
  /** Per type, the queue of each customer segment (queues are by segment priority). */
  private readonly queueOfSegment: Int32Array[];
  private readonly waitingByType: Int32Array;
  /**
   * Per type, the queue's time integral over the current report interval, kept as if every
   * contact now waiting waits to the interval's end (`queueEnd`): a contact joining adds the time
   * left, one leaving takes back what it will not wait. One addition per change, no clock kept.
   */
  private readonly queueArea: Float64Array;
  private queueEnd = ZERO;
  /** Contacts waiting in all queues (a shortcut: most agents finishing find nobody waiting). */
  private waitingTotal = 0;
  private readonly servingByGroup: Int32Array;
  private readonly rng: TypeStreams[];
  private readonly nextArrivalInterval: Int32Array;
  /**
   * Fresh arrivals live outside the calendar: each type's next arrival time, and the earliest of
   * them. Half of all events are arrivals, and this spares each a heap insertion. At equal times
   * calendar events run first (arrivals have the last rank), and types in scenario order.
   */
  private readonly nextArrival: Float64Array;
  private firstArrivalType = -1;
  private firstArrivalTime = Infinity;
  /** The report interval `now` lies in, and its start: kept by IntervalEnd events, so hot paths need no division. */
  private intervalNow = 0;
  private intervalStart = ZERO;
  private readonly replayCursor: Int32Array;
  private readonly busyness: Float64Array[];
  /** Per type: its arrival rate when it is the same in every interval (no day factor, no busyness), else 0. */
  private readonly constantRate: Float64Array;
  private readonly meanWork: Float64Array;
  private readonly isPrimary: Uint8Array;
  /** Per (group, type): how long a contact waits before the group may take it (overflow), else 0. */
  private readonly overflowDelay: Float64Array;
  private readonly samples: { every: number; waiting: Int32Array; serving: Int32Array } | null;
  private linesBusy = 0;
  private ivrBusy = 0;
  private inSystem = 0;
  private peakInSystem = 0;
  private freshArrivals = 0;
  private events = 0;
  private status: ReplicationStatus = "complete";

  constructor(
    private readonly m: RunModel,
    streams: StreamTree,
    private readonly replication: number,
    private readonly options: SimulateOptions,
  ) {
    this.nTypes = m.types.length;
    this.types = m.types;
    this.groups = m.groups;
    this.warmup = m.warmup;
    this.tracing = options.trace !== undefined;
    this.lean = leanPathApplies(m, options);
    this.leanFcr = m.groups[0]?.fcr ?? m.types[0]?.fcr ?? 1;
    this.nGroups = m.groups.length;
    this.typeCounters = new Float64Array(m.reportIntervals * this.nTypes * T.COUNT);
    this.groupCounters = new Float64Array(m.reportIntervals * this.nGroups * G.COUNT);
    this.waitHist = new Uint32Array(m.reportIntervals * this.nTypes * Hist.BINS);
    this.segmentBase = new Int32Array(this.nTypes);
    let segments = 0;
    m.types.forEach((t, i) => {
      this.segmentBase[i] = segments;
      segments += t.segmentNames.length;
    });
    this.segmentCounters = new Float64Array(segments * S.COUNT);
    this.listBase = new Int32Array(this.nGroups + 1);
    m.groups.forEach((g, i) => (this.listBase[i + 1] = this.listBase[i] + g.maxConcurrent));
    this.listHead = new Array<Agent | null>(this.listBase[this.nGroups]).fill(null);
    this.listTail = new Array<Agent | null>(this.listBase[this.nGroups]).fill(null);
    this.idleCount = new Int32Array(this.nGroups);
    this.onDutyByGroup = new Int32Array(this.nGroups);
    this.waitingByType = new Int32Array(this.nTypes);
    this.queueArea = new Float64Array(this.nTypes);
    this.servingByGroup = new Int32Array(this.nGroups);
    this.nextArrivalInterval = new Int32Array(this.nTypes);
    this.nextArrival = new Float64Array(this.nTypes).fill(Infinity);
    this.replayCursor = new Int32Array(this.nTypes);
    this.queues = m.types.map((t) => [...new Set(t.segmentPriority)].sort((a, b) => b - a).map((p) => new Queue(p)));
    this.queueOfSegment = m.types.map((t, i) => Int32Array.from(t.segmentPriority, (p) => this.queues[i].findIndex((q) => q.priority === p)));
    this.rng = m.types.map((t) => {
      const tree = streams.fork(t.name);
      return {
        arrivals: tree.fork("arrivals").stream(),
        closed: tree.fork("closed").stream(),
        deflection: tree.fork("deflection").stream(),
        fresh: attributeStreams(tree.fork("fresh")),
        again: attributeStreams(tree.fork("again")),
        callback: tree.fork("callback").stream(),
        retrial: tree.fork("retrial").stream(),
        repeat: tree.fork("repeat").stream(),
      };
    });
    this.busyness = m.types.map((t) => drawBusyness(t, streams.fork(t.name).fork("busyness").stream()));
    this.constantRate = Float64Array.from(m.types, (t, i) => constantRateOf(t.arrivals, this.busyness[i]));
    this.meanWork = Float64Array.from(m.types, (t) => t.handle.mean + t.wrapUp.mean);
    this.isPrimary = new Uint8Array(this.nGroups * this.nTypes);
    for (const t of m.types) for (const g of t.primaryGroups) this.isPrimary[g * this.nTypes + t.index] = 1;
    this.overflowDelay = new Float64Array(this.nGroups * this.nTypes);
    for (const g of m.groups) for (const sk of g.skills) this.overflowDelay[g.index * this.nTypes + sk.type] = sk.minWait;
    this.firstAgentOf = new Int32Array(this.nGroups);
    for (const g of m.groups) {
      this.firstAgentOf[g.index] = this.agents.length;
      g.agents.forEach((periods, k) => this.agents.push(new Agent(this.agents.length, g.index, periods, g.agentHandleFactors[k], g.maxConcurrent)));
    }
    for (let g = 0; g < this.nGroups; g++) {
      for (let i = 0; i < m.reportIntervals; i++) this.groupCounters[(i * this.nGroups + g) * G.COUNT + G.scheduled] = m.groups[g].scheduledSeconds[i];
    }
    const every = options.sampleSeconds;
    if (every !== undefined && !(every > 0)) throw new RangeError(`sampleSeconds must be > 0 (got ${every})`);
    const nSamples = every ? Math.ceil(m.horizon / every) : 0;
    this.samples = every ? { every, waiting: new Int32Array(nSamples * this.nTypes), serving: new Int32Array(nSamples * this.nGroups) } : null;
  }

  run(): ReplicationStats {
    const { cal, m } = this;
    // Written once before any handler is compiled: V8 treats a field not written since
    // construction as a constant, and drops the compiled code that relied on it at the first
    // write (here the first interval's end, a day into a run: five handlers recompiled).
    this.intervalNow = 0;
    this.intervalStart = ZERO;
    this.queueEnd = Math.min(m.horizon, m.reportIntervalSeconds);
    for (const a of this.agents) this.scheduleNextDuty(a, 0);
    for (const t of m.types) this.scheduleFreshArrival(t, 0);
    // Each report interval's end is observed at rank `sample`, before anything else at that instant;
    // the last one, at the horizon, after the loop.
    for (let i = 1; i * m.reportIntervalSeconds < m.horizon; i++) cal.schedule(i * m.reportIntervalSeconds, Rank.sample, Ev.IntervalEnd, i - 1);
    if (this.samples) {
      const n = this.samples.waiting.length / this.nTypes;
      for (let k = 0; k < n; k++) cal.schedule(k * this.samples.every, Rank.sample, Ev.Sample, k);
    }
    const horizon = m.horizon;
    const maxEvents = m.maxEvents;
    const shouldStop = this.options.shouldStop;
    const lean = this.lean;
    let events = 0;
    for (;;) {
      // Calendar events first at equal times: fresh arrivals have the last rank.
      if (cal.popNext(this.firstArrivalTime, horizon)) {
        if (++events > maxEvents) {
          this.status = "event-limit";
          break;
        }
        const s = cal.subject;
        switch (cal.kind) {
          case Ev.Reattempt: this.onReattempt(this.pool[s]); break;
          case Ev.IvrDone: this.onIvrDone(this.pool[s]); break;
          case Ev.Abandon: this.onAbandon(this.pool[s]); break;
          case Ev.Overflow: this.onOverflow(this.pool[s]); break;
          case Ev.TalkEnd:
            if (lean) this.onTalkEndLean(this.pool[s]);
            else this.onTalkEnd(this.pool[s]);
            break;
          case Ev.WrapEnd: this.onWrapEnd(this.pool[s]); break;
          case Ev.DialEnd: this.onDialEnd(this.pool[s]); break;
          case Ev.AgentOn: this.onAgentOn(this.agents[s]); break;
          case Ev.AgentOff: this.onAgentOff(this.agents[s]); break;
          case Ev.IntervalEnd: this.onIntervalEnd(s); break;
          case Ev.Sample: this.onSample(s); break;
        }
      } else {
        if (this.firstArrivalTime >= horizon) break;
        if (++events > maxEvents) {
          this.status = "event-limit";
          break;
        }
        cal.advance(this.firstArrivalTime);
        if (lean) this.onFreshArrivalLean();
        else this.onFreshArrival(this.firstArrivalType);
      }
      if (this.status !== "complete") break;
      if (shouldStop !== undefined && (events & 0xffff) === 0 && shouldStop()) {
        this.status = "interrupted";
        break;
      }
    }
    if (this.status === "complete") {
      // The last interval ends at the horizon, not at the last event (the queue's integral runs to it).
      cal.advance(horizon);
      this.onIntervalEnd(m.reportIntervals - 1);
    }
    this.events = events;
    return this.finish();
  }

  // ---- arrivals ---------------------------------------------------------------------------

  /** Next arrival of a non-homogeneous Poisson process with piecewise-constant rate, by inversion. */
  private scheduleFreshArrival(t: TypeModel, from: number): void {
    this.drawNextArrival(t, from);
    const next = this.nextArrival;
    let first = 0;
    for (let i = 1; i < next.length; i++) if (next[i] < next[first]) first = i;
    this.firstArrivalType = first;
    this.firstArrivalTime = next[first];
  }

  /** Sets a type's next fresh arrival after `from` (Infinity: none within the horizon). */
  private drawNextArrival(t: TypeModel, from: number): void {
    const next = this.nextArrival;
    if (this.freshArrivals >= this.m.maxArrivals) {
      next[t.index] = Infinity;
      return;
    }
    const a = t.arrivals;
    if (a.replayTimes) {
      this.drawReplayedArrival(t, a.replayTimes, from);
      return;
    }
    const constant = this.constantRate[t.index];
    if (constant > 0) {
      // The same exponential draw as below, without walking the intervals.
      const time = from - Math.log(1 - this.rng[t.index].arrivals.next()) / constant;
      next[t.index] = time < this.m.horizon ? time : Infinity;
      return;
    }
    const width = this.m.intervalSeconds;
    const busy = this.busyness[t.index];
    const rates = a.ratePerInterval;
    const last = this.m.intervals;
    let k = this.nextArrivalInterval[t.index];
    let time = from;
    let e = -Math.log(1 - this.rng[t.index].arrivals.next());
    while (k < last) {
      const rate = busy.length ? rates[k] * busy[a.localDayOfInterval[k]] : rates[k];
      const end = (k + 1) * width;
      const room = rate * (end - time);
      if (e < room) {
        time += e / rate;
        break;
      }
      e -= room;
      time = end;
      k++;
    }
    this.nextArrivalInterval[t.index] = k;
    next[t.index] = k < last && time < this.m.horizon ? time : Infinity;
  }

  /** The next arrival of a recorded arrival stream (cold: kept out of the hot drawNextArrival). */
  private drawReplayedArrival(t: TypeModel, times: ArrayLike<number>, from: number): void {
    const k = this.replayCursor[t.index]++;
    this.nextArrival[t.index] = k < times.length ? Math.max(from, times[k]) : Infinity;
  }

  private onFreshArrival(type: number): void {
    this.freshArrivals++;
    const t = this.types[type];
    const rng = this.rng[type];
    this.scheduleFreshArrival(t, this.cal.now);
    const c = this.newContact(t, Origin.Fresh, rng.fresh);
    // Deflected contacts still drew their attributes, so the contacts that do come keep the same
    // draws whatever the deflection rate (common random numbers across automation scenarios).
    if (t.deflection > 0 && rng.deflection.next() < t.deflection) {
      if (this.cal.now >= this.warmup) this.typeCounters[this.slotNow(type) + T.deflected]++;
      this.release(c);
      return;
    }
    this.arrive(c);
  }

  private slotOf(time: number, type: number): number {
    return (Math.floor(time / this.m.reportIntervalSeconds) * this.nTypes + type) * T.COUNT;
  }

  /** The counters of a type in the current report interval. */
  private slotNow(type: number): number {
    return (this.intervalNow * this.nTypes + type) * T.COUNT;
  }

  private newContact(t: TypeModel, origin: Origin, rng: AttributeStreams): Contact {
    const c = this.freeContacts.pop() ?? this.allocContact();
    c.type = t.index;
    c.origin = origin;
    c.attempts = 0;
    c.isCallback = false;
    c.callbackTries = 0;
    c.extraHandle = 0;
    c.segment = t.segmentCumShare.length > 1 ? drawSegment(t.segmentCumShare, rng.segment) : 0;
    c.segmentSlot = (this.segmentBase[t.index] + c.segment) * S.COUNT;
    c.queue = this.queueOfSegment[t.index][c.segment];
    this.drawAttributes(c, t, rng);
    if (++this.inSystem > this.peakInSystem) this.peakInSystem = this.inSystem;
    return c;
  }

  private drawAttributes(c: Contact, t: TypeModel, rng: AttributeStreams): void {
    c.patience = t.patience ? t.patience.sample(rng.patience) : Infinity;
    c.baseHandle = t.handle.sample(rng.handle);
    c.wrap = t.wrapUp.sample(rng.wrap);
    c.fcrDraw = t.fcr < 1 ? rng.fcr.next() : 0;
  }

  private allocContact(): Contact {
    const c = new Contact(this.pool.length);
    this.pool.push(c);
    return c;
  }

  private release(c: Contact): void {
    c.state = State.Free;
    c.agent = null;
    this.inSystem--;
    this.freeContacts.push(c);
  }

  /** An attempt reaches the center. */
  private arrive(c: Contact): void {
    const m = this.m;
    const now = this.cal.now;
    const t = m.types[c.type];
    if (t.openSpans !== null && !this.isOpen(t.openSpans, now)) {
      this.deferUntilOpen(c, t.openSpans, now);
      return;
    }
    c.arrival = now;
    c.interval = this.intervalNow;
    c.slot = now >= m.warmup ? this.slotNow(c.type) : -1;
    if (c.slot >= 0) {
      const k = this.typeCounters;
      k[c.slot + T.offered]++;
      k[c.slot + (c.origin === Origin.Fresh ? T.fresh : c.origin === Origin.Retrial ? T.retrials : T.repeats)]++;
      this.segmentCounters[c.segmentSlot + S.offered]++;
    }
    if (this.inSystem > m.maxInSystem) this.status = "overloaded";
    if (t.channel === "voice") {
      if (this.linesBusy >= m.trunkLines || (t.ivr && this.ivrBusy >= m.ivrPorts)) {
        this.endAttempt(c, T.blocked);
        return;
      }
      this.linesBusy++;
      c.holdsLine = true;
      c.lineSince = now;
      if (t.ivr) {
        this.ivrBusy++;
        c.state = State.Ivr;
        const rng = c.origin === Origin.Fresh ? this.rng[c.type].fresh : this.rng[c.type].again;
        if (t.ivr.containedTime !== null) {
          this.enterIvrDecided(c, t.ivr, rng.ivr, now);
          return;
        }
        this.cal.schedule(now + t.ivr.menuTime.sample(rng.ivr), Rank.ivr, Ev.IvrDone, c.id);
        return;
      }
    }
    this.route(c);
  }

  private isOpen(spans: Float64Array, now: number): boolean {
    return spanIndex(spans, now) >= 0;
  }

  /**
   * A closed center: the customer tries again at a uniformly random time in the first three hours
   * of the next opening (or the whole opening, if shorter), or never when that is past the horizon.
   */
  private deferUntilOpen(c: Contact, spans: Float64Array, now: number): void {
    if (now >= this.warmup) this.typeCounters[this.slotNow(c.type) + T.closed]++;
    const k = nextOpening(spans, now);
    const at = k < 0 ? Infinity : spans[k] + Math.min(3 * 3600, spans[k + 1] - spans[k]) * this.rng[c.type].closed.next();
    if (at >= this.m.horizon) {
      this.release(c);
      return;
    }
    c.state = State.Pending;
    this.cal.schedule(at, Rank.reattempt, Ev.Reattempt, c.id);
  }

  /**
   * IVR-only calls with their own IVR time: whether the IVR resolves the call is drawn on
   * arrival (it decides how long the call stays), then the time from containedTime or menuTime.
   */
  private enterIvrDecided(c: Contact, ivr: NonNullable<TypeModel["ivr"]>, u: RandomStream, now: number): void {
    c.ivrContained = u.next() < this.containmentAt(ivr, now);
    const time = c.ivrContained ? ivr.containedTime!.sample(u) : ivr.menuTime.sample(u);
    this.cal.schedule(now + time, Rank.ivr, Ev.IvrDone, c.id);
  }

  /** The containment share for an arrival at `time` (a profile is read by the interval of arrival). */
  private containmentAt(ivr: NonNullable<TypeModel["ivr"]>, time: number): number {
    const profile = ivr.containmentByInterval;
    if (profile === null) return ivr.containment;
    return profile[Math.min(profile.length - 1, Math.floor(time / this.m.intervalSeconds))];
  }

  private onIvrDone(c: Contact): void {
    this.ivrBusy--;
    this.addContactTime(c, T.ivrTime, c.arrival);
    const ivr = this.types[c.type].ivr!;
    if (ivr.containment > 0) {
      const rng = c.origin === Origin.Fresh ? this.rng[c.type].fresh : this.rng[c.type].again;
      if (ivr.containedTime !== null ? c.ivrContained : rng.ivr.next() < this.containmentAt(ivr, c.arrival)) {
        this.endAttempt(c, T.contained);
        return;
      }
      if (ivr.failedExtra) c.extraHandle = ivr.failedExtra.sample(rng.ivr);
    }
    this.route(c);
  }

  private onReattempt(c: Contact): void {
    if (c.isCallback) {
      // A scheduled or retried callback enters the virtual queue.
      c.enqueued = this.cal.now;
      const agent = this.availableAgent(this.types[c.type]);
      if (agent) this.startService(agent, c);
      else this.enqueue(c, false);
      return;
    }
    this.arrive(c);
  }

  // ---- routing and queueing ---------------------------------------------------------------

  private route(c: Contact): void {
    const t = this.types[c.type];
    c.enqueued = this.cal.now;
    c.routedAt = c.enqueued;
    const agent = this.availableAgent(t);
    if (agent) {
      this.startService(agent, c);
      return;
    }
    const cb = t.callback;
    if (cb && this.expectedWait(t) > cb.offerWhenWaitAbove) {
      this.count(c, T.callbacksOffered);
      if (this.rng[c.type].callback.next() < cb.acceptProbability) {
        this.count(c, T.callbacksAccepted);
        this.releaseLine(c);
        c.isCallback = true;
        if (cb.scheduledDelay) {
          c.state = State.Pending;
          this.cal.schedule(this.cal.now + cb.scheduledDelay.sample(this.rng[c.type].callback), Rank.reattempt, Ev.Reattempt, c.id);
        } else this.enqueue(c, false);
        return;
      }
    }
    this.enqueue(c, true);
  }

  /** Expected wait announced on arrival: (contacts ahead + 1) × mean work / agents on duty. */
  private expectedWait(t: TypeModel): number {
    let agents = 0;
    for (const g of t.primaryGroups) agents += this.onDutyByGroup[g];
    return agents === 0 ? Infinity : ((this.waitingByType[t.index] + 1) * this.meanWork[t.index]) / agents;
  }

  /**
   * The agent that takes a new contact of this type now, or null. Groups are tried in tiers of
   * skill priority (the groups for which this type is priority 1 first); within a tier, a
   * whole-agent contact goes to the longest-idle free agent, a chat to the least-loaded agent with
   * a free slot, longest at that load first.
   */
  private availableAgent(t: TypeModel): Agent | null {
    const groups = t.primaryGroups;
    const tiers = t.primaryPriority;
    let best: Agent | null = null;
    let bestLoad = 0;
    for (let i = 0; i < groups.length; i++) {
      if (best && tiers[i] !== tiers[i - 1]) break;
      const a = this.agentOf(groups[i], t);
      if (a && (!best || a.load < bestLoad || (a.load === bestLoad && a.idleSince < best.idleSince))) {
        best = a;
        bestLoad = a.load;
      }
    }
    return best;
  }

  /** The agent of one group that would take a contact of this type, or null. */
  private agentOf(group: number, t: TypeModel): Agent | null {
    const base = this.listBase[group];
    if (!t.concurrent) {
      const a = this.listHead[base];
      if (a && t.deferred && this.idleCount[group] - 1 < this.groups[group].reserveForLive) return null;
      return a;
    }
    const levels = this.listBase[group + 1] - base;
    for (let k = 0; k < levels; k++) {
      const a = this.listHead[base + k];
      if (a) return a;
    }
    return null;
  }

  private enqueue(c: Contact, live: boolean): void {
    const q = this.queues[c.type][c.queue];
    c.state = State.Queued;
    c.prev = q.tail;
    c.next = null;
    if (q.tail) q.tail.next = c;
    else q.head = c;
    q.tail = c;
    this.creditQueue(c.type, 1);
    const waiting = ++this.waitingByType[c.type];
    this.waitingTotal++;
    if (c.slot >= 0 && waiting > this.typeCounters[c.slot + T.maxQueue]) this.typeCounters[c.slot + T.maxQueue] = waiting;
    if (live && c.patience !== Infinity) c.timer = this.cal.schedule(this.cal.now + c.patience, Rank.abandon, Ev.Abandon, c.id);
    const overflow = this.types[c.type].overflow;
    c.overflowStage = 0;
    if (overflow.length > 0) c.overflowTimer = this.cal.schedule(Math.max(this.cal.now, c.enqueued + overflow[0].afterWait), Rank.overflow, Ev.Overflow, c.id);
  }

  private unlink(c: Contact): void {
    const q = this.queues[c.type][c.queue];
    if (c.prev) c.prev.next = c.next;
    else q.head = c.next;
    if (c.next) c.next.prev = c.prev;
    else q.tail = c.prev;
    c.prev = c.next = null;
    this.creditQueue(c.type, -1);
    this.waitingByType[c.type]--;
    this.waitingTotal--;
    if (c.timer >= 0) this.cal.cancel(c.timer);
    if (c.overflowTimer >= 0) this.cal.cancel(c.overflowTimer);
    c.timer = c.overflowTimer = NO_EVENT;
  }

  private onAbandon(c: Contact): void {
    c.timer = NO_EVENT;
    this.unlink(c);
    const wait = this.cal.now - c.enqueued;
    if (c.slot >= 0) {
      const t = this.types[c.type];
      const k = this.typeCounters;
      k[c.slot + T.queued]++;
      k[c.slot + T.waitAbandoned] += wait;
      if (wait <= t.serviceLevelSeconds) k[c.slot + T.abandonedWithin]++;
      if (wait <= this.m.shortAbandon) k[c.slot + T.abandonedShort]++;
    }
    this.endAttempt(c, T.abandoned, wait);
  }

  /** The contact has waited long enough for the next overflow group. */
  private onOverflow(c: Contact): void {
    c.overflowTimer = NO_EVENT;
    const rules = this.types[c.type].overflow;
    const rule = rules[c.overflowStage++];
    if (c.overflowStage < rules.length) {
      c.overflowTimer = this.cal.schedule(Math.max(this.cal.now, c.enqueued + rules[c.overflowStage].afterWait), Rank.overflow, Ev.Overflow, c.id);
    }
    const a = this.agentOf(rule.group, this.types[c.type]);
    if (a) this.startService(a, c);
  }

  /** Ends a live attempt that will not reach an agent now; decides whether the customer tries again. */
  private endAttempt(c: Contact, outcome: number, wait = 0): void {
    this.count(c, outcome);
    if (c.slot >= 0 && outcome !== T.contained) this.segmentCounters[c.segmentSlot + (outcome === T.blocked ? S.blocked : S.abandoned)]++;
    this.releaseLine(c);
    if (this.tracing) this.traceEnded(c, outcome, wait);
    if (outcome === T.contained) {
      this.release(c);
      return;
    }
    const t = this.types[c.type];
    const r = t.retrial;
    if (r && c.attempts < r.maxAttempts) {
      const p = outcome === T.blocked ? r.afterBlocked : r.afterAbandon;
      if (p > 0 && this.rng[c.type].retrial.next() < p) {
        c.attempts++;
        c.origin = Origin.Retrial;
        c.state = State.Pending;
        this.drawAttributes(c, t, this.rng[c.type].again);
        this.cal.schedule(this.cal.now + r.delay.sample(this.rng[c.type].retrial), Rank.reattempt, Ev.Reattempt, c.id);
        return;
      }
    }
    // The customer gives up for good (counted for the cost of poor service).
    const lost = outcome === T.blocked ? T.lostBlocked : T.lostAbandoned;
    this.count(c, lost);
    if (c.slot >= 0) this.segmentCounters[c.segmentSlot + (outcome === T.blocked ? S.lostBlocked : S.lostAbandoned)]++;
    this.release(c);
  }

  private releaseLine(c: Contact): void {
    if (c.holdsLine) {
      this.linesBusy--;
      c.holdsLine = false;
      this.addContactTime(c, T.lineTime, c.lineSince);
    }
  }

  // ---- service ----------------------------------------------------------------------------

  private startService(a: Agent, c: Contact): void {
    const queued = c.state === State.Queued;
    if (queued) this.unlink(c);
    const now = this.cal.now;
    const t = this.types[c.type];
    c.state = State.Serving;
    c.agent = a;
    c.inWrap = false;
    this.occupy(a, c, !t.concurrent);
    this.servingByGroup[a.group]++;
    if (c.isCallback) {
      this.dialCallback(c, t);
      return;
    }
    const wait = now - c.enqueued;
    c.wait = wait;
    const primary = this.isPrimary[a.group * this.nTypes + c.type] === 1;
    if (c.slot >= 0) {
      const k = this.typeCounters;
      k[c.slot + T.answered]++;
      if (queued) k[c.slot + T.queued]++;
      k[c.slot + T.waitAnswered] += wait;
      k[c.slot + T.waitAnsweredSq] += wait * wait;
      if (wait === 0) k[c.slot + T.answeredNoWait]++;
      if (wait <= t.serviceLevelSeconds) k[c.slot + T.answeredWithin]++;
      this.waitHist[(c.interval * this.nTypes + c.type) * Hist.BINS + histBin(wait)]++;
      if (!primary) k[c.slot + T.overflowed]++;
      const g = (c.interval * this.nGroups + a.group) * G.COUNT;
      this.groupCounters[g + G.answered]++;
      // A group's SLA clock starts when it may take the contact (an overflow vendor is not blamed for the wait before).
      if (wait - this.overflowDelay[a.group * this.nTypes + c.type] <= this.groups[a.group].slaThreshold) this.groupCounters[g + G.answeredWithinSla]++;
    }
    this.startTalk(a, c);
  }

  /** The agent calls the customer back; the conversation starts if they answer (onDialEnd). */
  private dialCallback(c: Contact, t: TypeModel): void {
    this.count(c, T.callbackDials);
    const dial = t.callback!.dialTime.sample(this.rng[c.type].callback);
    if (c.slot >= 0) this.typeCounters[c.slot + T.dialTime] += dial;
    c.endTimer = this.cal.schedule(this.cal.now + dial, Rank.release, Ev.DialEnd, c.id);
  }

  private startTalk(a: Agent, c: Contact): void {
    const now = this.cal.now;
    const profile = this.types[c.type].handleFactorByInterval;
    const base = profile === null ? c.baseHandle : c.baseHandle * profile[Math.min(profile.length - 1, Math.floor(now / this.m.intervalSeconds))];
    const work = (base + c.extraHandle) * a.handleFactor;
    c.talkStart = now;
    c.talking = true;
    a.talking++;
    if (a.exclusive || this.groups[a.group].slowdown === 0) {
      c.endTimer = this.cal.schedule(now + work, Rank.release, Ev.TalkEnd, c.id);
      return;
    }
    // A new conversation slows the agent's others: settle their progress first.
    c.workLeft = work;
    c.lastUpdate = now;
    this.respeed(a, a.talking - 1);
  }

  /**
   * Conversations of a concurrent agent progress at 1 / (1 + slowdown × (talking − 1)). When the
   * number talking changes, each conversation's remaining work is settled at the old speed and
   * its end rescheduled at the new one.
   */
  private respeed(a: Agent, talkingBefore: number): void {
    const now = this.cal.now;
    const slowdown = this.groups[a.group].slowdown;
    const oldSpeed = 1 / (1 + slowdown * Math.max(0, talkingBefore - 1));
    const newSpeed = 1 / (1 + slowdown * Math.max(0, a.talking - 1));
    for (const c of a.contacts) {
      if (!c.talking) continue;
      if (c.endTimer >= 0) {
        c.workLeft = Math.max(0, c.workLeft - (now - c.lastUpdate) * oldSpeed);
        this.cal.cancel(c.endTimer);
      }
      c.lastUpdate = now;
      c.endTimer = this.cal.schedule(now + c.workLeft / newSpeed, Rank.release, Ev.TalkEnd, c.id);
    }
  }

  private onDialEnd(c: Contact): void {
    c.endTimer = NO_EVENT;
    const a = c.agent!;
    const cb = this.types[c.type].callback!;
    if (this.rng[c.type].callback.next() < cb.answerProbability) {
      this.count(c, T.callbacksCompleted);
      this.startTalk(a, c);
      return;
    }
    this.vacate(a, c);
    c.agent = null;
    if (++c.callbackTries < cb.maxAttempts) {
      c.state = State.Pending;
      this.cal.schedule(this.cal.now + cb.retryDelay.sample(this.rng[c.type].callback), Rank.reattempt, Ev.Reattempt, c.id);
    } else {
      this.count(c, T.callbacksFailed);
      if (this.tracing) this.trace(c, "callback-failed", 0, 0, a, null, c.routedAt, null, null);
      this.release(c);
    }
    this.afterSlotFreed(a);
  }

  private onTalkEnd(c: Contact): void {
    c.endTimer = NO_EVENT;
    const a = c.agent!;
    const now = this.cal.now;
    const t = this.types[c.type];
    const g = this.groups[a.group];
    const talk = now - c.talkStart;
    c.talking = false;
    this.releaseLine(c);
    const fcr = g.fcr ?? t.fcr;
    const resolved = fcr >= 1 || c.fcrDraw < fcr;
    if (c.slot >= 0) {
      const k = this.typeCounters;
      k[c.slot + T.handled]++;
      k[c.slot + T.talkTime] += talk;
      k[c.slot + T.wrapTime] += c.wrap;
      if (c.isCallback) k[c.slot + T.callbackTalk] += talk;
      k[c.slot + (resolved ? T.resolved : T.unresolved)]++;
      this.segmentCounters[c.segmentSlot + S.handled]++;
      if (!resolved) this.segmentCounters[c.segmentSlot + S.unresolved]++;
    }
    if (now >= this.warmup) this.groupCounters[(this.intervalNow * this.nGroups + a.group) * G.COUNT + G.handled]++;
    this.addSpanToNow(c.talkStart, a.group, G.talk);
    if (this.tracing) this.trace(c, c.isCallback ? "callback-completed" : "answered", c.isCallback ? 0 : c.wait, talk, a, resolved, c.isCallback ? c.routedAt : c.routedAt + c.wait, c.talkStart, now);
    const before = a.talking--;
    if (!a.exclusive && g.slowdown > 0 && a.talking > 0) this.respeed(a, before);
    if (!resolved && t.repeatProbability > 0 && (t.repeatProbability >= 1 || this.rng[c.type].repeat.next() < t.repeatProbability)) this.spawnRepeat(c, t);
    if (c.wrap > 0) {
      c.inWrap = true;
      c.endTimer = this.cal.schedule(now + c.wrap, Rank.release, Ev.WrapEnd, c.id);
      return;
    }
    this.finishService(a, c);
  }

  /** The unresolved customer comes back later as a new contact of the same type and segment. */
  private spawnRepeat(c: Contact, t: TypeModel): void {
    const r = this.freeContacts.pop() ?? this.allocContact();
    if (++this.inSystem > this.peakInSystem) this.peakInSystem = this.inSystem;
    r.type = c.type;
    r.segment = c.segment;
    r.segmentSlot = c.segmentSlot;
    r.queue = c.queue;
    r.origin = Origin.Repeat;
    r.attempts = 0;
    r.isCallback = false;
    r.callbackTries = 0;
    r.extraHandle = 0;
    r.state = State.Pending;
    const delay = t.repeatDelay.sample(this.rng[c.type].repeat);
    this.drawAttributes(r, t, this.rng[c.type].again);
    this.cal.schedule(this.cal.now + delay, Rank.reattempt, Ev.Reattempt, r.id);
  }

  private onWrapEnd(c: Contact): void {
    c.endTimer = NO_EVENT;
    this.finishService(c.agent!, c);
  }

  /** The contact leaves its agent (after the conversation, or after wrap-up). */
  private finishService(a: Agent, c: Contact): void {
    this.vacate(a, c);
    c.inWrap = false;
    this.release(c);
    this.afterSlotFreed(a);
  }

  // ---- the lean path -----------------------------------------------------------------------
  //
  // For the plainest models (`leanPathApplies`: one voice type answered whole by one group, none
  // of the optional features on), fresh arrivals and conversation ends run these handlers
  // instead of the general chain (onFreshArrival → newContact → arrive → route → availableAgent
  // → startService → occupy → startTalk, and onTalkEnd → finishService → vacate → fill →
  // nextContactFor). They do the same operations in the same order, with every branch the model
  // cannot take left out, so the results are bit-identical (test/sim/lean-path.test.ts compares
  // both paths counter by counter). Every other event (abandonment, wrap-up end, retrials, duty,
  // interval ends) runs the general handlers on the same state.

  private onFreshArrivalLean(): void {
    this.freshArrivals++;
    const t = this.types[0];
    const now = this.cal.now;
    this.drawNextArrival(t, now);
    this.firstArrivalTime = this.nextArrival[0];
    // newContact: one segment (0), one queue (0).
    const c = this.freeContacts.pop() ?? this.allocContact();
    c.type = 0;
    c.origin = Origin.Fresh;
    c.attempts = 0;
    c.isCallback = false;
    c.callbackTries = 0;
    c.extraHandle = 0;
    c.segment = 0;
    c.segmentSlot = 0;
    c.queue = 0;
    this.drawAttributes(c, t, this.rng[0].fresh);
    if (++this.inSystem > this.peakInSystem) this.peakInSystem = this.inSystem;
    // arrive: always open, a voice call without IVR.
    c.arrival = now;
    c.interval = this.intervalNow;
    c.slot = now >= this.warmup ? this.intervalNow * T.COUNT : -1;
    if (c.slot >= 0) {
      const k = this.typeCounters;
      k[c.slot + T.offered]++;
      k[c.slot + T.fresh]++;
      this.segmentCounters[S.offered]++;
    }
    if (this.inSystem > this.m.maxInSystem) this.status = "overloaded";
    if (this.linesBusy >= this.m.trunkLines) {
      this.endAttempt(c, T.blocked);
      return;
    }
    this.linesBusy++;
    c.holdsLine = true;
    c.lineSince = now;
    // route: the longest-idle agent of the one group, else the queue (no callback offer).
    c.enqueued = now;
    c.routedAt = now;
    const a = this.listHead[0];
    if (a !== null) this.serveLean(a, c, false);
    else this.enqueue(c, true);
  }

  /** startService, occupy and startTalk for a whole-agent contact of the one type and group. */
  private serveLean(a: Agent, c: Contact, queued: boolean): void {
    if (queued) this.unlink(c);
    const now = this.cal.now;
    c.state = State.Serving;
    c.agent = a;
    c.inWrap = false;
    if (a.load === 0) a.busyStart = now;
    a.contacts.push(c);
    a.load++;
    a.exclusive = true;
    if (a.list >= 0) this.unlist(a);
    this.servingByGroup[0]++;
    const wait = now - c.enqueued;
    c.wait = wait;
    if (c.slot >= 0) {
      const k = this.typeCounters;
      k[c.slot + T.answered]++;
      if (queued) k[c.slot + T.queued]++;
      k[c.slot + T.waitAnswered] += wait;
      k[c.slot + T.waitAnsweredSq] += wait * wait;
      if (wait === 0) k[c.slot + T.answeredNoWait]++;
      if (wait <= this.types[0].serviceLevelSeconds) k[c.slot + T.answeredWithin]++;
      this.waitHist[c.interval * Hist.BINS + histBin(wait)]++;
      const g = c.interval * G.COUNT;
      this.groupCounters[g + G.answered]++;
      // The group's own skill has no overflow delay (wait − 0 is wait).
      if (wait <= this.groups[0].slaThreshold) this.groupCounters[g + G.answeredWithinSla]++;
    }
    const work = (c.baseHandle + c.extraHandle) * a.handleFactor;
    c.talkStart = now;
    c.talking = true;
    a.talking++;
    c.endTimer = this.cal.schedule(now + work, Rank.release, Ev.TalkEnd, c.id);
  }

  private onTalkEndLean(c: Contact): void {
    c.endTimer = NO_EVENT;
    const a = c.agent!;
    const now = this.cal.now;
    const talk = now - c.talkStart;
    c.talking = false;
    this.releaseLine(c);
    const fcr = this.leanFcr;
    const resolved = fcr >= 1 || c.fcrDraw < fcr;
    if (c.slot >= 0) {
      const k = this.typeCounters;
      k[c.slot + T.handled]++;
      k[c.slot + T.talkTime] += talk;
      k[c.slot + T.wrapTime] += c.wrap;
      k[c.slot + (resolved ? T.resolved : T.unresolved)]++;
      this.segmentCounters[S.handled]++;
      if (!resolved) this.segmentCounters[S.unresolved]++;
    }
    if (now >= this.warmup) this.groupCounters[this.intervalNow * G.COUNT + G.handled]++;
    this.addSpanToNow(c.talkStart, 0, G.talk);
    a.talking--;
    if (c.wrap > 0) {
      c.inWrap = true;
      c.endTimer = this.cal.schedule(now + c.wrap, Rank.release, Ev.WrapEnd, c.id);
      return;
    }
    // finishService and vacate: the agent held only this contact.
    this.servingByGroup[0]--;
    a.contacts.pop();
    a.load--;
    a.exclusive = false;
    this.addSpanToNow(a.busyStart, 0, G.busy);
    c.inWrap = false;
    this.release(c);
    if (a.leaving) {
      this.goOffDuty(a);
      return;
    }
    // fill: the oldest waiting contact (one queue), else back to the free agents.
    const next = this.waitingTotal === 0 ? null : this.queues[0][0].head;
    if (next !== null) this.serveLean(a, next, true);
    else this.relist(a);
  }

  // ---- agents -----------------------------------------------------------------------------

  /** Puts a contact on an agent; a whole-agent contact takes every slot. */
  private occupy(a: Agent, c: Contact, whole: boolean): void {
    if (a.load === 0) a.busyStart = this.cal.now;
    a.contacts.push(c);
    a.load++;
    if (whole) {
      // The agent is no longer available to anyone (the same as relist, in fewer instructions).
      a.exclusive = true;
      if (a.list >= 0) this.unlist(a);
    } else this.relist(a);
  }

  private vacate(a: Agent, c: Contact): void {
    this.servingByGroup[a.group]--;
    const contacts = a.contacts;
    if (contacts.length > 1) contacts[contacts.indexOf(c)] = contacts[contacts.length - 1];
    contacts.pop();
    a.load--;
    if (a.load === 0) {
      a.exclusive = false;
      this.addSpanToNow(a.busyStart, a.group, G.busy);
    }
  }

  /** After a slot frees: leave if the shift is over, else fill free slots with waiting contacts. */
  private afterSlotFreed(a: Agent): void {
    if (a.leaving) {
      if (a.load === 0) this.goOffDuty(a);
      return;
    }
    this.fill(a);
  }

  /** Takes waiting contacts while the agent has room, then files the agent by its load. */
  private fill(a: Agent): void {
    for (;;) {
      const c = this.nextContactFor(a);
      if (!c) break;
      this.startService(a, c);
      if (a.exclusive || a.load >= a.capacity) break;
    }
    this.relist(a);
  }

  /**
   * The contact an agent takes next: live contacts before emails; then the best skill priority
   * (1 first), the higher customer segment priority, and the longest-waiting (FIFO). Overflow
   * skills only see contacts that have waited past their threshold. A busy agent with free chat
   * slots only takes chats and messages.
   */
  private nextContactFor(a: Agent): Contact | null {
    if (this.waitingTotal === 0) return null;
    const now = this.cal.now;
    const group = this.groups[a.group];
    const types = this.types;
    const whole = a.load === 0;
    let best: Contact | null = null;
    let bestSkill = 0;
    let bestPrio = 0;
    let bestDeferred = false;
    for (const skill of group.skills) {
      const t = types[skill.type];
      if (best && (t.deferred !== bestDeferred || skill.priority > bestSkill)) break;
      if (!t.concurrent && !whole) continue;
      if (t.deferred && this.idleCount[a.group] - (a.list === 0 ? 1 : 0) < group.reserveForLive) continue;
      for (const q of this.queues[skill.type]) {
        const c = q.head;
        if (!c || (skill.minWait > 0 && now - c.enqueued < skill.minWait)) continue;
        if (!best || q.priority > bestPrio || (q.priority === bestPrio && c.enqueued < best.enqueued)) {
          best = c;
          bestSkill = skill.priority;
          bestPrio = q.priority;
          bestDeferred = t.deferred;
        }
        break; // queues are sorted by priority: a lower one cannot beat this head
      }
    }
    return best;
  }

  /** Files the agent in the availability list of its load (or none when full, exclusive, off duty or leaving). */
  private relist(a: Agent): void {
    const want = a.onDuty && !a.leaving && !a.exclusive && a.load < a.capacity ? a.load : -1;
    if (want === a.list) return;
    if (a.list >= 0) this.unlist(a);
    if (want < 0) return;
    const key = this.listBase[a.group] + want;
    a.list = want;
    a.idleSince = this.cal.now;
    a.prev = this.listTail[key];
    a.next = null;
    if (a.prev) a.prev.next = a;
    else this.listHead[key] = a;
    this.listTail[key] = a;
    if (want === 0) this.idleCount[a.group]++;
  }

  private unlist(a: Agent): void {
    const key = this.listBase[a.group] + a.list;
    if (a.prev) a.prev.next = a.next;
    else this.listHead[key] = a.next;
    if (a.next) a.next.prev = a.prev;
    else this.listTail[key] = a.prev;
    if (a.list === 0) this.idleCount[a.group]--;
    a.prev = a.next = null;
    a.list = -1;
  }

  /** The agent's next period on duty, pushed back by break time owed (a period the debt covers whole is skipped, and pays it down). */
  private scheduleNextDuty(a: Agent, now: number): void {
    const periods = a.periods;
    let p = a.period + 1;
    let on = 0;
    for (; p < periods.length; p++) {
      on = Math.max(now, periods[p].start + a.owed);
      if (on < periods[p].end) break;
      a.owed = Math.max(0, a.owed - (periods[p].end - periods[p].start));
    }
    a.owed = 0;
    a.period = p;
    if (p < periods.length) this.cal.schedule(on, Rank.schedule, Ev.AgentOn, a.id);
  }

  private onAgentOn(a: Agent): void {
    a.onDuty = true;
    a.dutyStart = this.cal.now;
    this.onDutyByGroup[a.group]++;
    this.cal.schedule(a.periods[a.period].end, Rank.schedule, Ev.AgentOff, a.id);
    this.fill(a);
  }

  private onAgentOff(a: Agent): void {
    a.leaving = true;
    this.relist(a);
    if (a.load === 0) this.goOffDuty(a);
  }

  private goOffDuty(a: Agent): void {
    const now = this.cal.now;
    const period = a.periods[a.period];
    this.addSpanToNow(a.dutyStart, a.group, G.staffed);
    if (period.endsShift && now > period.end) this.addSpanToNow(period.end, a.group, G.overtime);
    // The shift-end rule: an agent finishes the contact in hand and leaves (overtime). A break
    // instead starts when the contact is done and keeps its length.
    if (!period.endsShift) a.owed = now - period.end;
    a.onDuty = false;
    a.leaving = false;
    this.onDutyByGroup[a.group]--;
    this.scheduleNextDuty(a, now);
  }

  // ---- observations and statistics ----------------------------------------------------------

  /** End of report interval i: the queue's time integral over it, and the backlog left for the next one. */
  private onIntervalEnd(i: number): void {
    const base = i * this.nTypes * T.COUNT;
    const now = this.cal.now;
    this.queueEnd = Math.min(this.m.horizon, now + this.m.reportIntervalSeconds);
    const from = now > this.warmup ? now : this.warmup;
    const ahead = this.queueEnd > from ? this.queueEnd - from : 0;
    for (let t = 0; t < this.nTypes; t++) {
      this.typeCounters[base + t * T.COUNT + T.queueArea] = this.queueArea[t];
      this.typeCounters[base + t * T.COUNT + T.queueAtEnd] = this.waitingByType[t];
      // Contacts still waiting wait on into the next interval (from the warm-up on).
      this.queueArea[t] = this.waitingByType[t] * ahead;
    }
    this.intervalNow = i + 1;
    this.intervalStart = now;
  }

  /** A contact joins (+1) or leaves (−1) a queue: the time from now to the interval's end, from the warm-up on. */
  private creditQueue(type: number, sign: number): void {
    const now = this.cal.now;
    const from = now > this.warmup ? now : this.warmup;
    if (this.queueEnd > from) this.queueArea[type] += sign * (this.queueEnd - from);
  }

  private onSample(k: number): void {
    const s = this.samples!;
    for (let t = 0; t < this.nTypes; t++) s.waiting[k * this.nTypes + t] = this.waitingByType[t];
    for (let g = 0; g < this.nGroups; g++) s.serving[k * this.nGroups + g] = this.servingByGroup[g];
    // Only agents on duty count: those finishing contacts past the end of their duty period are
    // leaving whatever the staffing says (the iterative staffing algorithm sizes from the rest).
    for (const a of this.agents) if (a.leaving) s.serving[k * this.nGroups + a.group] -= a.load;
  }

  /**
   * Adds the time since `since` (from the warm-up on) to a contact's counter: telephony is billed
   * for what happens after the warm-up even for a call that arrived before it (then charged to
   * the first counted interval).
   */
  private addContactTime(c: Contact, counter: T, since: number, now = this.cal.now): void {
    const warmup = this.warmup;
    if (now <= warmup) return;
    const slot = c.slot >= 0 ? c.slot : this.slotOf(warmup, c.type);
    this.typeCounters[slot + counter] += now - Math.max(since, warmup);
  }

  private count(c: Contact, counter: number): void {
    if (c.slot >= 0) this.typeCounters[c.slot + counter]++;
  }

  /** Adds [start, now) to a group counter: within the current interval (the common case) without a division, else split by addSpan. */
  private addSpanToNow(start: number, group: number, counter: number): void {
    if (start >= this.intervalStart && start >= this.warmup) this.groupCounters[(this.intervalNow * this.nGroups + group) * G.COUNT + counter] += this.cal.now - start;
    else this.addSpan(start, this.cal.now, group, counter);
  }

  /** Adds the time span [start, end) to a group counter, split across report intervals, from the warm-up on. */
  private addSpan(start: number, end: number, group: number, counter: number): void {
    const m = this.m;
    const len = m.reportIntervalSeconds;
    let t = Math.max(start, m.warmup);
    const stop = Math.min(end, m.horizon);
    while (t < stop) {
      const i = Math.floor(t / len);
      const next = Math.min(stop, (i + 1) * len);
      this.groupCounters[(i * this.nGroups + group) * G.COUNT + counter] += next - t;
      t = next;
    }
  }

  /** The trace row of an attempt that ended without reaching an agent. */
  private traceEnded(c: Contact, outcome: number, wait: number): void {
    if (outcome === T.blocked) this.trace(c, "blocked", 0, 0, null, null, null, null, null);
    else if (outcome === T.contained) this.trace(c, "contained", 0, 0, null, true, null, null, null);
    else this.trace(c, "abandoned", wait, 0, null, null, this.cal.now, null, null);
  }

  /**
   * One trace row. The IVR and queue times follow from the outcome and the contact's state;
   * `queueExit` is given for attempts that reached the queue and left it, `talkStart`/`talkEnd`
   * for conversations (talkEnd null when the run ended during one).
   */
  private trace(c: Contact, outcome: TraceRecord["outcome"], wait: number, talk: number, agent: Agent | null, resolved: boolean | null, queueExit: number | null, talkStart: number | null, talkEnd: number | null): void {
    const trace = this.options.trace;
    if (!trace || c.slot < 0) return;
    const t = this.types[c.type];
    const blocked = outcome === "blocked";
    const inIvr = outcome === "in-progress" && c.state === State.Ivr;
    const contained = outcome === "contained";
    const group = agent ? agent.group : -1;
    trace({
      replication: this.replication,
      type: t.name,
      segment: t.segmentNames[c.segment],
      origin: c.origin === Origin.Fresh ? "fresh" : c.origin === Origin.Retrial ? "retrial" : "repeat",
      arrival: c.arrival,
      outcome,
      wait,
      talk,
      group: group >= 0 ? this.groups[group].name : "",
      resolved,
      ivrStart: t.ivr === null || blocked ? null : c.arrival,
      ivrEnd: t.ivr === null || blocked || inIvr ? null : contained ? this.cal.now : c.routedAt,
      queueEntry: blocked || contained || inIvr ? null : c.routedAt,
      queueExit,
      talkStart,
      talkEnd,
      wrapEnd: talkEnd === null ? null : talkEnd + c.wrap,
      agent: agent ? `${this.groups[group].name}-${agent.id - this.firstAgentOf[group] + 1}` : "",
    });
  }

  /** The trace row of an attempt the end of the run cut short (every attempt gets exactly one row). */
  private traceUnfinished(c: Contact, end: number): void {
    if (c.state === State.Free || c.inWrap) return;
    if (c.isCallback) {
      this.trace(c, "callback-pending", 0, c.talking ? end - c.talkStart : 0, c.agent, null, c.routedAt, c.talking ? c.talkStart : null, null);
      return;
    }
    if (c.state === State.Ivr) this.trace(c, "in-progress", 0, 0, null, null, null, null, null);
    else if (c.state === State.Queued) this.trace(c, "in-progress", end - c.enqueued, 0, null, null, null, null, null);
    else if (c.state === State.Serving && c.talking) this.trace(c, "in-progress", c.wait, end - c.talkStart, c.agent!, null, c.routedAt + c.wait, c.talkStart, null);
  }

  /** Closes open agent time spans and counts the attempts still in the system. */
  private finish(): ReplicationStats {
    const end = this.status === "complete" ? this.m.horizon : this.cal.now;
    // A run stopped early: the queue's integral up to where it stopped (contacts still waiting were credited to the interval's end).
    if (this.status !== "complete") {
      const from = end > this.warmup ? end : this.warmup;
      const ahead = this.queueEnd > from ? this.queueEnd - from : 0;
      for (let t = 0; t < this.nTypes; t++) this.typeCounters[this.slotNow(t) + T.queueArea] = this.queueArea[t] - this.waitingByType[t] * ahead;
    }
    for (const a of this.agents) {
      if (a.load > 0) this.addSpan(a.busyStart, end, a.group, G.busy);
      if (a.onDuty) this.addSpan(a.dutyStart, end, a.group, G.staffed);
      for (const c of a.contacts) if (c.talking) this.addSpan(c.talkStart, end, a.group, G.talk);
    }
    for (const c of this.pool) {
      if (c.state === State.Ivr || (c.state === State.Queued && !c.isCallback)) this.count(c, T.inSystem);
      // Lines and IVR ports still held at the end are billed up to the end.
      if (c.state === State.Ivr) this.addContactTime(c, T.ivrTime, c.arrival, end);
      if (c.holdsLine) this.addContactTime(c, T.lineTime, c.lineSince, end);
      if (this.tracing) this.traceUnfinished(c, end);
    }
    const m = this.m;
    return {
      replication: this.replication,
      status: this.status,
      endTime: end,
      events: this.events,
      types: m.types.map((t) => t.name),
      groups: m.groups.map((g) => g.name),
      reportIntervalSeconds: m.reportIntervalSeconds,
      reportIntervals: m.reportIntervals,
      typeCounters: this.typeCounters,
      groupCounters: this.groupCounters,
      waitHist: this.waitHist,
      segments: m.types.map((t) => t.segmentNames),
      segmentCounters: this.segmentCounters,
      samples: this.samples,
      peakInSystem: this.peakInSystem,
    };
  }
}

/**
 * Whether a replication can take the lean path: one voice contact type answered whole by one
 * group with a single skill and no overflow, and no IVR, callbacks, repeats, deflection, opening
 * hours, customer segments, handle-time profile or trace. Retrials, trunk lines, wrap-up, FCR
 * draws, shifts and breaks, warm-up and samples are all still general (they use the general
 * handlers or the same state).
 */
export function leanPathApplies(m: RunModel, options: SimulateOptions = {}): boolean {
  if (options.trace !== undefined || m.types.length !== 1 || m.groups.length !== 1) return false;
  const t = m.types[0];
  const g = m.groups[0];
  return (
    t.channel === "voice" &&
    !t.concurrent &&
    !t.deferred &&
    t.ivr === null &&
    t.callback === null &&
    // No repeat contacts: every contact is resolved, or the unresolved never call again.
    ((g.fcr ?? t.fcr) >= 1 || t.repeatProbability === 0) &&
    t.deflection === 0 &&
    t.openSpans === null &&
    t.handleFactorByInterval === null &&
    t.overflow.length === 0 &&
    t.segmentCumShare.length <= 1 &&
    g.skills.length === 1 &&
    g.skills[0].type === 0 &&
    g.skills[0].minWait === 0
  );
}

/** A customer segment drawn by its cumulative shares. */
function drawSegment(cumShare: ArrayLike<number>, u: RandomStream): number {
  const x = u.next();
  let segment = 0;
  while (segment < cumShare.length - 1 && x >= cumShare[segment]) segment++;
  return segment;
}

/** Index of the open span containing `time`, or -1 (spans are sorted [start, end) pairs). */
function spanIndex(spans: Float64Array, time: number): number {
  let lo = 0;
  let hi = spans.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (time < spans[2 * mid]) hi = mid - 1;
    else if (time >= spans[2 * mid + 1]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index (into `spans`) of the first open span starting after `time`, or -1. */
function nextOpening(spans: Float64Array, time: number): number {
  for (let k = 0; k < spans.length; k += 2) if (spans[k] > time) return k;
  return -1;
}

/** A type's arrival rate when it is one rate over the whole horizon, else 0. */
function constantRateOf(a: TypeModel["arrivals"], busyness: Float64Array): number {
  const rates = a.ratePerInterval;
  if (a.replayTimes || busyness.length > 0 || rates.length === 0) return 0;
  for (let i = 1; i < rates.length; i++) if (rates[i] !== rates[0]) return 0;
  return rates[0];
}

/** Gamma(mean 1, cv) busyness factor per customer-local day; empty when there is no overdispersion. */
function drawBusyness(t: TypeModel, u: RandomStream): Float64Array {
  const cv = t.arrivals.overdispersion;
  if (cv <= 0) return new Float64Array(0);
  const factors = new Float64Array(t.arrivals.localDays);
  const factor: Distribution = gamma(1, cv);
  for (let d = 0; d < factors.length; d++) factors[d] = factor.sample(u);
  return factors;
}
