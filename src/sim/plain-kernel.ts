/**
 * A dedicated kernel for the plainest models: one voice type answered whole by one group of
 * agents on duty for the whole horizon, Poisson arrivals at one constant rate, and none of the
 * optional features (`plainKernelApplies`). The M/M/c+M benchmark is such a model, and so is
 * every textbook queue.
 *
 * It gives exactly what the general engine gives (test/sim/plain-kernel.test.ts compares every
 * counter, histogram bin and total, bit for bit): the same random draws from the same streams in
 * the same order, the same same-time order (the calendar's ranks, then insertion order), and the
 * same floating-point operations in the same order for every sum. What it leaves out is the
 * machinery a general model needs:
 *
 * - Contacts are slots in typed arrays (struct of arrays), reused last-freed-first as the engine
 *   reuses its contact objects: the engine's end-of-run sums walk contacts in that order.
 * - The waiting queue is a ring buffer of slots. A caller who hangs up is marked in place and
 *   skipped when an agent takes the next caller.
 * - The event list holds only conversation ends, wrap-up ends and patience timers, ordered by
 *   (time, rank, insertion) exactly as the calendar orders them. A timer whose caller was answered
 *   is not cancelled: it is recognised by its key when it reaches the top, and dropped uncounted,
 *   as the calendar drops a cancelled event. Report-interval ends (rank 0, before anything else
 *   at their instant) and the next arrival (last) are kept outside it.
 * - Free agents are a ring of agent numbers, longest-idle first, as the engine's availability list.
 * - Counters are written straight into the result's flat arrays.
 */
import type { RunModel } from "./model.js";
import type { RandomStream, StreamTree } from "./random.js";
import type { SimulateOptions } from "./engine.js";
import { G, Hist, S, T, histBin, type ReplicationStats, type ReplicationStatus } from "./stats.js";

/** The calendar's ranks of the kernel's events (engine.ts `Rank`: release 1, abandon 3), packed as the calendar packs them. */
const RANK_SCALE = 2 ** 47;
export const RELEASE_RANK = 1;
export const ABANDON_RANK = 3;

const enum Ev {
  TalkEnd = 0,
  WrapEnd = 1,
  Abandon = 2,
}

const enum State {
  Free = 0,
  Queued = 1,
  Talking = 2,
  Wrapping = 3,
}

/**
 * Whether a replication can run on the plain kernel: the lean path's models (engine.ts
 * `leanPathApplies`) without retrials, shifts, breaks or partial agents, time-varying or
 * overdispersed or replayed arrivals, samples or trace; and not when `options.plainKernel` is false.
 */
export function plainKernelApplies(m: RunModel, options: SimulateOptions = {}): boolean {
  if (options.plainKernel === false || options.trace !== undefined || options.sampleSeconds !== undefined || m.types.length !== 1 || m.groups.length !== 1) return false;
  const t = m.types[0];
  const g = m.groups[0];
  return (
    t.channel === "voice" &&
    !t.concurrent &&
    !t.deferred &&
    t.ivr === null &&
    t.callback === null &&
    t.retrial === null &&
    ((g.fcr ?? t.fcr) >= 1 || t.repeatProbability === 0) &&
    t.deflection === 0 &&
    t.openSpans === null &&
    t.handleFactorByInterval === null &&
    t.overflow.length === 0 &&
    t.segmentCumShare.length === 1 &&
    g.skills.length === 1 &&
    g.skills[0].type === 0 &&
    g.skills[0].minWait === 0 &&
    constantRate(m) > 0 &&
    g.agents.every((periods) => periods.length === 1 && periods[0].start === 0 && periods[0].end >= m.horizon)
  );
}

/** The one type's arrival rate when it is the same over the whole horizon (as engine.ts `constantRateOf`), else 0. */
function constantRate(m: RunModel): number {
  const a = m.types[0].arrivals;
  const rates = a.ratePerInterval;
  if (a.replayTimes || a.overdispersion > 0 || rates.length === 0) return 0;
  for (let i = 1; i < rates.length; i++) if (rates[i] !== rates[0]) return 0;
  return rates[0];
}

/** Simulates one replication of a model `plainKernelApplies` accepts; the same result as engine.ts `simulate`. */
export function simulatePlain(m: RunModel, streams: StreamTree, replication: number, options: SimulateOptions = {}): ReplicationStats {
  return new PlainKernel(m, streams, replication, options).run();
}

const ZERO = -0;

class PlainKernel {
  private readonly typeCounters: Float64Array;
  private readonly groupCounters: Float64Array;
  private readonly waitHist: Uint32Array;
  private readonly segmentCounters: Float64Array;
  private readonly horizon: number;
  private readonly warmup: number;
  private readonly rate: number;
  private readonly reportSeconds: number;
  private readonly serviceLevel: number;
  private readonly sla: number;
  private readonly shortAbandon: number;
  private readonly fcr: number;
  private readonly drawFcr: boolean;
  private readonly arrivals: RandomStream;
  private readonly patience: RandomStream;
  private readonly handle: RandomStream;
  private readonly wrap: RandomStream;
  private readonly fcrStream: RandomStream;
  private readonly t: RunModel["types"][number];

  private now = ZERO;
  private events = 0;
  private status: ReplicationStatus = "complete";
  private freshArrivals = 0;
  private nextArrival = Infinity;
  private inSystem = 0;
  private peakInSystem = 0;
  private linesBusy = 0;
  private intervalNow = 0;
  private intervalStart = ZERO;
  private queueEnd = ZERO;
  /** The queue's time integral over the current report interval (engine.ts `queueArea`; in an array, as there, so it starts at +0). */
  private readonly queueArea = new Float64Array(1);

  // Contacts by slot.
  private slots = 0;
  private cState = new Uint8Array(0);
  /** Base index of the attempt's counters, or -1 before the warm-up ends. */
  private cCounters = new Int32Array(0);
  private cInterval = new Int32Array(0);
  /** Arrival: also when the line was taken and when the caller joined the queue (no IVR). */
  private cArrival = new Float64Array(0);
  private cPatience = new Float64Array(0);
  private cHandle = new Float64Array(0);
  private cWrap = new Float64Array(0);
  private cFcrDraw = new Float64Array(0);
  private cTalkStart = new Float64Array(0);
  /** The key of the caller's patience timer while queued (a timer with another key is stale). */
  private cTimer = new Float64Array(0);
  /** Position in the waiting ring while queued. */
  private cRingPos = new Int32Array(0);
  private cAgent = new Int32Array(0);
  private freeSlots = new Int32Array(0);
  private freeCount = 0;

  // Waiting callers: a ring of slots (-1: hung up), oldest at `ringHead`.
  private ring = new Int32Array(0);
  private ringMask = 0;
  private ringHead = 0;
  private ringCount = 0;
  private waiting = 0;

  // Agents by number: all on duty from time 0; free ones in a ring, longest-idle first.
  private readonly nAgents: number;
  private readonly handleFactor: Float64Array;
  private readonly aBusyStart: Float64Array;
  /** The agent's contact slot, or -1 when free. */
  private readonly aContact: Int32Array;
  private readonly idle: Int32Array;
  private readonly idleMask: number;
  private idleHead = 0;
  private idleCount = 0;
  /** Agents come on duty at 0 one by one (each an event, as in the engine): those below this number are on duty. */
  private agentsOn = 0;

  // Event list: binary heap by (time, key), key = rank · 2^47 + insertion number; data = slot · 4 + kind.
  private hTime = new Float64Array(0);
  private hKey = new Float64Array(0);
  private hData = new Int32Array(0);
  private hSize = 0;
  /** The root was popped and not yet refilled (the next push fills it with one sift-down). */
  private hHole = false;
  private seq = 0;

  constructor(
    private readonly m: RunModel,
    streams: StreamTree,
    private readonly replication: number,
    private readonly options: SimulateOptions,
  ) {
    const t = m.types[0];
    const g = m.groups[0];
    this.t = t;
    this.horizon = m.horizon;
    this.warmup = m.warmup;
    this.rate = constantRate(m);
    this.reportSeconds = m.reportIntervalSeconds;
    this.serviceLevel = t.serviceLevelSeconds;
    this.sla = g.slaThreshold;
    this.shortAbandon = m.shortAbandon;
    this.fcr = g.fcr ?? t.fcr;
    this.drawFcr = t.fcr < 1;
    this.typeCounters = new Float64Array(m.reportIntervals * T.COUNT);
    this.groupCounters = new Float64Array(m.reportIntervals * G.COUNT);
    this.waitHist = new Uint32Array(m.reportIntervals * Hist.BINS);
    this.segmentCounters = new Float64Array(S.COUNT);
    for (let i = 0; i < m.reportIntervals; i++) this.groupCounters[i * G.COUNT + G.scheduled] = g.scheduledSeconds[i];
    // The engine's streams (engine.ts `rng`): the same paths give the same draws.
    const tree = streams.fork(t.name);
    const fresh = tree.fork("fresh");
    this.arrivals = tree.fork("arrivals").stream();
    this.patience = fresh.fork("patience").stream();
    this.handle = fresh.fork("handle").stream();
    this.wrap = fresh.fork("wrap").stream();
    this.fcrStream = fresh.fork("fcr").stream();
    this.nAgents = g.agents.length;
    this.handleFactor = Float64Array.from(g.agentHandleFactors);
    this.aBusyStart = new Float64Array(this.nAgents);
    this.aContact = new Int32Array(this.nAgents).fill(-1);
    let ringSize = 1;
    while (ringSize < this.nAgents) ringSize *= 2;
    this.idle = new Int32Array(ringSize);
    this.idleMask = ringSize - 1;
    this.growContacts(1024);
    this.growRing(1024);
    this.growHeap(1024);
  }

  run(): ReplicationStats {
    const horizon = this.horizon;
    const maxEvents = this.m.maxEvents;
    const shouldStop = this.options.shouldStop;
    const reportSeconds = this.reportSeconds;
    // As engine.ts `run`: fields written once before the loop is compiled.
    this.intervalNow = 0;
    this.intervalStart = ZERO;
    this.queueEnd = Math.min(horizon, reportSeconds);
    this.drawNextArrival(0);
    let nextIntervalEnd = reportSeconds < horizon ? reportSeconds : Infinity;
    let events = 0;
    // Every agent comes on duty at 0 (rank `schedule`, before any arrival at 0), in order, and
    // joins the free agents: the engine's AgentOn events, counted as events.
    // (A horizon is longer than 0.)
    const agentsToCome = this.nAgents;
    for (;;) {
      if (this.agentsOn < agentsToCome) {
        this.now = 0;
        if (++events > maxEvents) {
          this.status = "event-limit";
          break;
        }
        this.idle[(this.idleHead + this.idleCount++) & this.idleMask] = this.agentsOn++;
      } else {
        if (this.hHole) this.settle();
        const top = this.hSize > 0 ? this.hTime[0] : Infinity;
        const arrival = this.nextArrival;
        if (nextIntervalEnd <= top && nextIntervalEnd <= arrival && nextIntervalEnd < horizon) {
          if (++events > maxEvents) {
            this.now = nextIntervalEnd;
            this.status = "event-limit";
            break;
          }
          this.now = nextIntervalEnd;
          this.onIntervalEnd(this.intervalNow);
          const next = (this.intervalNow + 1) * reportSeconds;
          nextIntervalEnd = next < horizon ? next : Infinity;
        } else if (top <= arrival && top < horizon) {
          const data = this.hData[0];
          const slot = data >> 2;
          const kind = data & 3;
          if (kind === Ev.Abandon && this.hKey[0] !== this.cTimer[slot]) {
            // A patience timer of a caller who was answered: dropped, as the calendar drops a cancelled event.
            this.hHole = true;
            continue;
          }
          this.now = top;
          this.hHole = true;
          if (++events > maxEvents) {
            this.status = "event-limit";
            break;
          }
          if (kind === Ev.TalkEnd) this.onTalkEnd(slot);
          else if (kind === Ev.WrapEnd) this.onWrapEnd(slot);
          else this.onAbandon(slot);
        } else {
          if (arrival >= horizon) break;
          if (++events > maxEvents) {
            this.status = "event-limit";
            break;
          }
          this.now = arrival;
          this.onArrival();
          if (this.status !== "complete") break;
        }
      }
      if (shouldStop !== undefined && (events & 0xffff) === 0 && shouldStop()) {
        this.status = "interrupted";
        break;
      }
    }
    if (this.status === "complete") {
      this.now = horizon;
      this.onIntervalEnd(this.m.reportIntervals - 1);
    }
    this.events = events;
    return this.finish();
  }

  /** As engine.ts `drawNextArrival` at a constant rate. */
  private drawNextArrival(from: number): void {
    if (this.freshArrivals >= this.m.maxArrivals) {
      this.nextArrival = Infinity;
      return;
    }
    const time = from - Math.log(1 - this.arrivals.next()) / this.rate;
    this.nextArrival = time < this.horizon ? time : Infinity;
  }

  // ---- the three handlers and arrivals: engine.ts's lean handlers, operation for operation ----

  private onArrival(): void {
    const now = this.now;
    this.freshArrivals++;
    this.drawNextArrival(now);
    const c = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    const t = this.t;
    this.cPatience[c] = t.patience ? t.patience.sample(this.patience) : Infinity;
    this.cHandle[c] = t.handle.sample(this.handle);
    this.cWrap[c] = t.wrapUp.sample(this.wrap);
    this.cFcrDraw[c] = this.drawFcr ? this.fcrStream.next() : 0;
    if (++this.inSystem > this.peakInSystem) this.peakInSystem = this.inSystem;
    this.cArrival[c] = now;
    this.cInterval[c] = this.intervalNow;
    const slot = now >= this.warmup ? this.intervalNow * T.COUNT : -1;
    this.cCounters[c] = slot;
    const k = this.typeCounters;
    if (slot >= 0) {
      k[slot + T.offered]++;
      k[slot + T.fresh]++;
      this.segmentCounters[S.offered]++;
    }
    if (this.inSystem > this.m.maxInSystem) this.status = "overloaded";
    if (this.linesBusy >= this.m.trunkLines) {
      // Blocked, and no retrials: lost.
      if (slot >= 0) {
        k[slot + T.blocked]++;
        this.segmentCounters[S.blocked]++;
        k[slot + T.lostBlocked]++;
        this.segmentCounters[S.lostBlocked]++;
      }
      this.release(c);
      return;
    }
    this.linesBusy++;
    if (this.idleCount > 0) {
      const a = this.idle[this.idleHead];
      this.idleHead = (this.idleHead + 1) & this.idleMask;
      this.idleCount--;
      this.serve(a, c, false);
    } else this.enqueue(c);
  }

  private enqueue(c: number): void {
    const now = this.now;
    this.cState[c] = State.Queued;
    if (this.ringCount > this.ringMask) this.growRing(2 * (this.ringMask + 1));
    const pos = (this.ringHead + this.ringCount++) & this.ringMask;
    this.ring[pos] = c;
    this.cRingPos[c] = pos;
    this.creditQueue(1);
    const waiting = ++this.waiting;
    const slot = this.cCounters[c];
    if (slot >= 0 && waiting > this.typeCounters[slot + T.maxQueue]) this.typeCounters[slot + T.maxQueue] = waiting;
    const patience = this.cPatience[c];
    this.cTimer[c] = patience !== Infinity ? this.schedule(now + patience, ABANDON_RANK, c * 4 + Ev.Abandon) : -1;
  }

  /** A caller leaves the queue (answered or hung up). */
  private leaveQueue(c: number): void {
    this.creditQueue(-1);
    // Nobody left waiting: the ring holds only callers who hung up.
    if (--this.waiting === 0) this.ringCount = 0;
    this.cTimer[c] = -1;
  }

  /** As engine.ts `creditQueue`. */
  private creditQueue(sign: number): void {
    const now = this.now;
    const from = now > this.warmup ? now : this.warmup;
    if (this.queueEnd > from) this.queueArea[0] += sign * (this.queueEnd - from);
  }

  private serve(a: number, c: number, queued: boolean): void {
    if (queued) this.leaveQueue(c);
    const now = this.now;
    this.cState[c] = State.Talking;
    this.cAgent[c] = a;
    this.aContact[a] = c;
    this.aBusyStart[a] = now;
    const wait = now - this.cArrival[c];
    const slot = this.cCounters[c];
    if (slot >= 0) {
      const k = this.typeCounters;
      k[slot + T.answered]++;
      if (queued) k[slot + T.queued]++;
      k[slot + T.waitAnswered] += wait;
      k[slot + T.waitAnsweredSq] += wait * wait;
      if (wait === 0) k[slot + T.answeredNoWait]++;
      if (wait <= this.serviceLevel) k[slot + T.answeredWithin]++;
      const interval = this.cInterval[c];
      this.waitHist[interval * Hist.BINS + histBin(wait)]++;
      const gc = interval * G.COUNT;
      this.groupCounters[gc + G.answered]++;
      if (wait <= this.sla) this.groupCounters[gc + G.answeredWithinSla]++;
    }
    // (handle + extra handle time, none here) × the agent's factor, as the engine computes it.
    const work = (this.cHandle[c] + 0) * this.handleFactor[a];
    this.cTalkStart[c] = now;
    this.schedule(now + work, RELEASE_RANK, c * 4 + Ev.TalkEnd);
  }

  private onTalkEnd(c: number): void {
    const now = this.now;
    const a = this.cAgent[c];
    const talkStart = this.cTalkStart[c];
    const talk = now - talkStart;
    this.linesBusy--;
    this.addContactTime(c, T.lineTime, this.cArrival[c], now);
    const fcr = this.fcr;
    // With FCR 1 the draw is 0 when not drawn, and below 1 when it is: resolved either way.
    const resolved = this.cFcrDraw[c] < fcr;
    const slot = this.cCounters[c];
    if (slot >= 0) {
      const k = this.typeCounters;
      k[slot + T.handled]++;
      k[slot + T.talkTime] += talk;
      k[slot + T.wrapTime] += this.cWrap[c];
      k[slot + (resolved ? T.resolved : T.unresolved)]++;
      this.segmentCounters[S.handled]++;
      if (!resolved) this.segmentCounters[S.unresolved]++;
    }
    if (now >= this.warmup) this.groupCounters[this.intervalNow * G.COUNT + G.handled]++;
    this.addSpanToNow(talkStart, G.talk);
    const wrap = this.cWrap[c];
    if (wrap > 0) {
      this.cState[c] = State.Wrapping;
      this.schedule(now + wrap, RELEASE_RANK, c * 4 + Ev.WrapEnd);
      return;
    }
    this.finishService(a, c);
  }

  private onWrapEnd(c: number): void {
    this.finishService(this.cAgent[c], c);
  }

  /** The agent is done with the contact: takes the oldest caller still waiting, else joins the free agents. */
  private finishService(a: number, c: number): void {
    this.addSpanToNow(this.aBusyStart[a], G.busy);
    this.aContact[a] = -1;
    this.release(c);
    if (this.waiting > 0) {
      let next = this.ring[this.ringHead];
      while (next < 0) {
        this.ringHead = (this.ringHead + 1) & this.ringMask;
        this.ringCount--;
        next = this.ring[this.ringHead];
      }
      this.ringHead = (this.ringHead + 1) & this.ringMask;
      this.ringCount--;
      this.serve(a, next, true);
      return;
    }
    this.idle[(this.idleHead + this.idleCount++) & this.idleMask] = a;
  }

  private onAbandon(c: number): void {
    this.ring[this.cRingPos[c]] = -1;
    this.leaveQueue(c);
    const now = this.now;
    const wait = now - this.cArrival[c];
    const slot = this.cCounters[c];
    const k = this.typeCounters;
    if (slot >= 0) {
      k[slot + T.queued]++;
      k[slot + T.waitAbandoned] += wait;
      if (wait <= this.serviceLevel) k[slot + T.abandonedWithin]++;
      if (wait <= this.shortAbandon) k[slot + T.abandonedShort]++;
      k[slot + T.abandoned]++;
      this.segmentCounters[S.abandoned]++;
    }
    this.linesBusy--;
    this.addContactTime(c, T.lineTime, this.cArrival[c], now);
    // No retrials: the customer is lost.
    if (slot >= 0) {
      k[slot + T.lostAbandoned]++;
      this.segmentCounters[S.lostAbandoned]++;
    }
    this.release(c);
  }

  private release(c: number): void {
    this.cState[c] = State.Free;
    this.inSystem--;
    this.freeSlots[this.freeCount++] = c;
  }

  private newSlot(): number {
    if (this.slots === this.cState.length) this.growContacts(2 * this.slots);
    return this.slots++;
  }

  // ---- statistics: engine.ts's functions of the same names ------------------------------------

  private onIntervalEnd(i: number): void {
    const base = i * T.COUNT;
    const now = this.now;
    this.queueEnd = Math.min(this.horizon, now + this.reportSeconds);
    const from = now > this.warmup ? now : this.warmup;
    const ahead = this.queueEnd > from ? this.queueEnd - from : 0;
    this.typeCounters[base + T.queueArea] = this.queueArea[0];
    this.typeCounters[base + T.queueAtEnd] = this.waiting;
    this.queueArea[0] = this.waiting * ahead;
    this.intervalNow = i + 1;
    this.intervalStart = now;
  }

  private addContactTime(c: number, counter: number, since: number, now: number): void {
    const warmup = this.warmup;
    if (now <= warmup) return;
    const slot = this.cCounters[c];
    const base = slot >= 0 ? slot : Math.floor(warmup / this.reportSeconds) * T.COUNT;
    this.typeCounters[base + counter] += now - Math.max(since, warmup);
  }

  private addSpanToNow(start: number, counter: number): void {
    if (start >= this.intervalStart && start >= this.warmup) this.groupCounters[this.intervalNow * G.COUNT + counter] += this.now - start;
    else this.addSpan(start, this.now, counter);
  }

  private addSpan(start: number, end: number, counter: number): void {
    const len = this.reportSeconds;
    let t = Math.max(start, this.warmup);
    const stop = Math.min(end, this.horizon);
    while (t < stop) {
      const i = Math.floor(t / len);
      const next = Math.min(stop, (i + 1) * len);
      this.groupCounters[i * G.COUNT + counter] += next - t;
      t = next;
    }
  }

  /** As engine.ts `finish`: open agent spans, lines and waiting callers at the end, in the engine's order. */
  private finish(): ReplicationStats {
    const end = this.status === "complete" ? this.horizon : this.now;
    if (this.status !== "complete") {
      const from = end > this.warmup ? end : this.warmup;
      const ahead = this.queueEnd > from ? this.queueEnd - from : 0;
      this.typeCounters[this.intervalNow * T.COUNT + T.queueArea] = this.queueArea[0] - this.waiting * ahead;
    }
    for (let a = 0; a < this.nAgents; a++) {
      const c = this.aContact[a];
      if (c >= 0) this.addSpan(this.aBusyStart[a], end, G.busy);
      if (a < this.agentsOn) this.addSpan(0, end, G.staffed);
      if (c >= 0 && this.cState[c] === State.Talking) this.addSpan(this.cTalkStart[c], end, G.talk);
    }
    for (let c = 0; c < this.slots; c++) {
      const state = this.cState[c];
      if (state === State.Queued && this.cCounters[c] >= 0) this.typeCounters[this.cCounters[c] + T.inSystem]++;
      if (state === State.Queued || state === State.Talking) this.addContactTime(c, T.lineTime, this.cArrival[c], end);
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
      samples: null,
      peakInSystem: this.peakInSystem,
    };
  }

  // ---- the event list ----------------------------------------------------------------------

  /** Adds an event; returns its key (for a patience timer's staleness test). */
  private schedule(time: number, rank: number, data: number): number {
    const key = rank * RANK_SCALE + this.seq++;
    if (this.hHole) {
      this.hHole = false;
      this.siftDown(0, time, key, data);
    } else {
      if (this.hSize === this.hTime.length) this.growHeap(2 * this.hSize);
      this.siftUp(this.hSize++, time, key, data);
    }
    return key;
  }

  /** Fills an empty root with the last entry. */
  private settle(): void {
    this.hHole = false;
    const last = --this.hSize;
    // With no entry left (last = 0) this writes the root's own values back onto it.
    this.siftDown(0, this.hTime[last], this.hKey[last], this.hData[last]);
  }

  private siftUp(pos: number, time: number, key: number, data: number): void {
    const times = this.hTime;
    const keys = this.hKey;
    const datas = this.hData;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && keys[parent] < key)) break;
      times[pos] = pt;
      keys[pos] = keys[parent];
      datas[pos] = datas[parent];
      pos = parent;
    }
    times[pos] = time;
    keys[pos] = key;
    datas[pos] = data;
  }

  private siftDown(pos: number, time: number, key: number, data: number): void {
    const times = this.hTime;
    const keys = this.hKey;
    const datas = this.hData;
    const n = this.hSize;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      let ct = times[child];
      let ck = keys[child];
      const right = child + 1;
      if (right < n) {
        const rt = times[right];
        if (rt < ct || (rt === ct && keys[right] < ck)) {
          child = right;
          ct = rt;
          ck = keys[right];
        }
      }
      if (time < ct || (time === ct && key < ck)) break;
      times[pos] = ct;
      keys[pos] = ck;
      datas[pos] = datas[child];
      pos = child;
    }
    times[pos] = time;
    keys[pos] = key;
    datas[pos] = data;
  }

  // ---- growth ------------------------------------------------------------------------------

  private growContacts(n: number): void {
    const grow = <A extends Float64Array | Int32Array | Uint8Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(n);
      b.set(a);
      return b;
    };
    this.cState = grow(this.cState);
    this.cCounters = grow(this.cCounters);
    this.cInterval = grow(this.cInterval);
    this.cArrival = grow(this.cArrival);
    this.cPatience = grow(this.cPatience);
    this.cHandle = grow(this.cHandle);
    this.cWrap = grow(this.cWrap);
    this.cFcrDraw = grow(this.cFcrDraw);
    this.cTalkStart = grow(this.cTalkStart);
    this.cTimer = grow(this.cTimer);
    this.cRingPos = grow(this.cRingPos);
    this.cAgent = grow(this.cAgent);
    this.freeSlots = grow(this.freeSlots);
  }

  /** Doubles the waiting ring, keeping the callers still waiting in order from position 0. */
  private growRing(n: number): void {
    const ring = new Int32Array(n);
    let kept = 0;
    for (let k = 0; k < this.ringCount; k++) {
      const c = this.ring[(this.ringHead + k) & this.ringMask];
      if (c < 0) continue;
      ring[kept] = c;
      this.cRingPos[c] = kept++;
    }
    this.ringCount = kept;
    this.ring = ring;
    this.ringMask = n - 1;
    this.ringHead = 0;
  }

  private growHeap(n: number): void {
    const time = new Float64Array(n);
    const key = new Float64Array(n);
    const data = new Int32Array(n);
    time.set(this.hTime);
    key.set(this.hKey);
    data.set(this.hData);
    this.hTime = time;
    this.hKey = key;
    this.hData = data;
  }
}
