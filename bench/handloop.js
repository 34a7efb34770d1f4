/**
 * Baseline 1 of the speed benchmark: the minimal hand-written event loop for M/M/c+M ("MMcM").
 *
 * One FIFO queue, `agents` identical agents, Poisson arrivals (rate `lambda`), exponential handle
 * times and exponential patience; a caller still waiting when their patience runs out hangs up.
 * Exactly `calls` arrivals are generated, starting empty with no warm-up, and the loop runs until
 * the event list is empty (every caller has been answered or has abandoned, and every pending
 * timer has been popped). This is what the real engine is measured against, so it is written the
 * way an expert would write it for speed, with nothing the model does not need:
 *
 * - Event list: a binary min-heap over two parallel typed arrays (Float64Array times, Int32Array
 *   payloads = subject << 2 | kind). All events go through it, arrivals included, so "events" means
 *   the same here, in the simjs baseline and in the engine: entries popped from the event list.
 *   The event being handled stays at the root while it is handled, and the first event it schedules
 *   replaces the root with one sift-down (heapq.heapreplace) instead of a pop plus a push.
 * - Waiting callers: a ring buffer (arrival time, handle time, call index) addressed by a
 *   monotonically increasing enqueue number s (slot = s & mask), grown by doubling.
 * - Abandonment: every caller who has to wait gets a timer event carrying its enqueue number s.
 *   Timers are never cancelled (lazy deletion): when one fires, s < head means the caller already
 *   left the ring to be answered, so the timer is stale and ignored; otherwise the caller is still
 *   waiting, is counted as abandoned at their true time and marked in place (arrival = -1), and
 *   agents skip marked entries when they take the next caller. Stale timers are counted in
 *   `events` (they are popped like any other event). So
 *   events = calls (arrivals) + answered (departures) + callers who had to wait (timers).
 *   Exactness: a timer pops before any service start at a later time, so a caller is marked
 *   exactly when their patience has expired, and FIFO is preserved among the unmarked.
 * - Randomness: one seedrandom `alea` stream (the generator class the engine uses), inversion
 *   sampling -mean*log(1-u). Draw order: first inter-arrival; then, at each arrival, handle time,
 *   patience, and (if more calls are to come) the next inter-arrival. The simjs baseline draws in
 *   the same order, so both follow the identical sample path for a given seed.
 *
 * Options beyond the benchmark's: `batches` > 0 also returns per-batch outcome counts (calls
 * grouped by arrival index into `batches` equal groups) for batch-means standard errors.
 */
import seedrandom from "seedrandom";

const ARRIVAL = 0;
const DEPARTURE = 1;
const ABANDON = 2;
/** Payloads hold subject << 2 in an Int32Array. */
const MAX_CALLS = 2 ** 29 - 1;

export function runHandLoop({ calls = 1e6, lambda = 0.32, agents = 100, meanHandle = 300, meanPatience = 120, seed = 1, batches = 0 } = {}) {
  validateOptions({ calls, lambda, agents, meanHandle, meanPatience, seed, batches });
  const rng = seedrandom.alea(String(seed));
  const meanInterarrival = 1 / lambda;

  // --- event list: binary min-heap on time -------------------------------------------------
  let heapTime = new Float64Array(1024);
  let heapData = new Int32Array(1024);
  let heapSize = 0;

  function push(time, payload) {
    if (heapSize === heapTime.length) {
      const t = new Float64Array(heapSize * 2); t.set(heapTime); heapTime = t;
      const d = new Int32Array(heapSize * 2); d.set(heapData); heapData = d;
    }
    let i = heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = heapTime[parent];
      if (parentTime <= time) break;
      heapTime[i] = parentTime;
      heapData[i] = heapData[parent];
      i = parent;
    }
    heapTime[i] = time;
    heapData[i] = payload;
  }

  /** Puts (time, payload) at the root and sifts it down: replaces the root event. */
  function replaceTop(time, payload) {
    const size = heapSize;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let childTime = heapTime[child];
      const right = child + 1;
      if (right < size && heapTime[right] < childTime) { child = right; childTime = heapTime[right]; }
      if (childTime >= time) break;
      heapTime[i] = childTime;
      heapData[i] = heapData[child];
      i = child;
    }
    heapTime[i] = time;
    heapData[i] = payload;
  }

  function removeTop() {
    const last = --heapSize;
    if (last > 0) replaceTop(heapTime[last], heapData[last]);
  }

  // --- FIFO of waiting callers: ring buffer addressed by enqueue number ----------------------
  let ringMask = 1023;
  let ringArrival = new Float64Array(1024); // -1 marks a caller who abandoned
  let ringHandle = new Float64Array(1024);
  let ringCall = new Int32Array(1024);
  let head = 0; // enqueue number of the oldest entry still in the ring
  let tail = 0; // next enqueue number

  function growRing() {
    const capacity = (ringMask + 1) * 2;
    const mask = capacity - 1;
    const arrival = new Float64Array(capacity);
    const handle = new Float64Array(capacity);
    const call = new Int32Array(capacity);
    for (let s = head; s < tail; s++) {
      arrival[s & mask] = ringArrival[s & ringMask];
      handle[s & mask] = ringHandle[s & ringMask];
      call[s & mask] = ringCall[s & ringMask];
    }
    ringArrival = arrival; ringHandle = handle; ringCall = call; ringMask = mask;
  }

  // --- outcome counters ------------------------------------------------------------------------
  let answered = 0, abandoned = 0, answeredWithin20 = 0, waitAnsweredSum = 0, events = 0;
  const perBatch = batches > 0 ? newBatchCounters(batches) : null;
  const batchOf = (call) => Math.floor((call * batches) / calls);

  // --- the loop ----------------------------------------------------------------------------------
  let freeAgents = agents;
  let arrived = 0;
  push(-meanInterarrival * Math.log(1 - rng()), ARRIVAL);

  while (heapSize > 0) {
    const now = heapTime[0];
    const payload = heapData[0];
    events++;
    const kind = payload & 3;

    if (kind === ARRIVAL) {
      const call = arrived++;
      const handle = -meanHandle * Math.log(1 - rng());
      const patience = -meanPatience * Math.log(1 - rng());
      if (arrived < calls) replaceTop(now - meanInterarrival * Math.log(1 - rng()), ARRIVAL);
      else removeTop();
      if (freeAgents > 0) {
        freeAgents--;
        answered++;
        answeredWithin20++;
        push(now + handle, DEPARTURE);
        if (perBatch !== null) perBatch.answered[batchOf(call)]++;
      } else {
        if (tail - head > ringMask) growRing();
        const s = tail++;
        const slot = s & ringMask;
        ringArrival[slot] = now;
        ringHandle[slot] = handle;
        ringCall[slot] = call;
        push(now + patience, (s << 2) | ABANDON);
        if (perBatch !== null) perBatch.waited[batchOf(call)]++;
      }
    } else if (kind === DEPARTURE) {
      // The agent takes the oldest caller still waiting, skipping those who abandoned.
      let next = -1;
      while (head < tail) {
        const slot = head++ & ringMask;
        if (ringArrival[slot] >= 0) { next = slot; break; }
      }
      if (next < 0) {
        freeAgents++;
        removeTop();
      } else {
        const wait = now - ringArrival[next];
        answered++;
        waitAnsweredSum += wait;
        if (wait <= 20) answeredWithin20++;
        replaceTop(now + ringHandle[next], DEPARTURE);
        if (perBatch !== null) {
          const b = batchOf(ringCall[next]);
          perBatch.answered[b]++;
          perBatch.waitAnsweredSum[b] += wait;
        }
      }
    } else {
      removeTop();
      const s = payload >>> 2;
      if (s >= head) {
        // Still in the ring: patience ran out before an agent reached them.
        const slot = s & ringMask;
        ringArrival[slot] = -1;
        abandoned++;
        if (perBatch !== null) perBatch.abandoned[batchOf(ringCall[slot])]++;
      } // else: stale timer of a caller who was answered (lazy deletion)
    }
  }

  const result = { calls: arrived, answered, abandoned, events, waitAnsweredSum, answeredWithin20 };
  if (perBatch !== null) result.batches = perBatch;
  return result;
}

function newBatchCounters(batches) {
  return {
    answered: new Float64Array(batches),
    abandoned: new Float64Array(batches),
    waited: new Float64Array(batches), // callers who found no free agent
    waitAnsweredSum: new Float64Array(batches),
  };
}

/** Shared by both baselines: throws a RangeError naming the bad option. */
export function validateOptions({ calls, lambda, agents, meanHandle, meanPatience, seed, batches }) {
  if (!Number.isInteger(calls) || calls < 1 || calls > MAX_CALLS) throw new RangeError(`calls must be a whole number from 1 to ${MAX_CALLS} (got ${calls})`);
  if (!Number.isInteger(agents) || agents < 1) throw new RangeError(`agents must be a whole number of at least 1 (got ${agents})`);
  for (const [name, value] of [["lambda", lambda], ["meanHandle", meanHandle], ["meanPatience", meanPatience]]) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a finite number above 0 (got ${value})`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number (got ${seed})`);
  if (!Number.isInteger(batches) || batches < 0 || batches > calls) throw new RangeError(`batches must be a whole number from 0 to calls (got ${batches})`);
}
