/**
 * The event calendar: one binary heap ordered by (time, rank, insertion sequence).
 *
 * Ties at equal times are broken by a named rank (the caller's table of same-time policies)
 * and then by insertion order — never at random — so a run is a pure function of its inputs.
 * An event is two integers (kind, subject) stored in typed arrays: scheduling allocates nothing
 * once the arrays have grown.
 *
 * `schedule` returns a handle; `cancel(handle)` is O(1): the event is marked and dropped when it
 * reaches the top of the heap (lazy deletion), which keeps heap moves free of bookkeeping. A
 * handle whose event has already run or been cancelled is recognised by its generation and
 * ignored, so a stale handle can never cancel someone else's event. `pop` leaves the root empty
 * and the next `schedule` fills it with one sift-down (most handlers schedule exactly one
 * follow-up event): a pop and a push for the price of one.
 */

const SLOT_BITS = 22;
/** Most events pending at once (about four million). */
const MAX_SLOTS = 2 ** SLOT_BITS;
/** Generations per slot: handles = generation · 2^22 + slot stay exact doubles (below 2^53). */
const GENERATIONS = 2 ** 31;
/** Ranks are packed above the sequence number in one exact double: rank · 2^47 + seq. */
const RANK_SCALE = 2 ** 47;
export const MAX_RANK = 63;

const enum SlotState {
  Free = 0,
  Pending = 1,
  Cancelled = 2,
}

export class Calendar {
  /** Time of the event popped last. −0 makes the field a double from the start (V8 would otherwise reshape the object at the first fractional time). */
  now = -0;
  /** Kind and subject of the event popped last. */
  kind = 0;
  subject = 0;
  /** Events scheduled and neither run nor cancelled. */
  size = 0;

  // Heap, by position: ordering keys and the slot holding the event. The arrays are replaced when
  // the calendar grows; they start empty and are set in the constructor, so that V8 knows from the
  // start that these fields change (a field written once is taken for a constant, and the code
  // compiled on that belief is thrown away when the calendar first grows, mid-run).
  private time = new Float64Array(0);
  private key = new Float64Array(0);
  private slotAt = new Int32Array(0);
  private entries = 0;
  /** The root was popped and not yet refilled. */
  private hole = false;
  // Events, by slot.
  private kindOf = new Int32Array(0);
  private subjectOf = new Int32Array(0);
  private state = new Uint8Array(0);
  private generation = new Uint32Array(0);
  private freeSlots = new Int32Array(0);
  private freeCount = 0;
  private slotsUsed = 0;
  private seq = 0;

  constructor(capacity = 1024) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_SLOTS) throw new RangeError(`a calendar's capacity must be a whole number from 1 to ${MAX_SLOTS} (got ${capacity})`);
    this.time = new Float64Array(capacity);
    this.key = new Float64Array(capacity);
    this.slotAt = new Int32Array(capacity);
    this.kindOf = new Int32Array(capacity);
    this.subjectOf = new Int32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.generation = new Uint32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
  }

  /** Schedules an event; returns its handle. A time before `now` (or NaN) is a bug and throws. */
  schedule(time: number, rank: number, kind: number, subject: number): number {
    if (!(time >= this.now) || (rank & MAX_RANK) !== rank) throw scheduleError(time, rank, this.now);
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    this.kindOf[slot] = kind;
    this.subjectOf[slot] = subject;
    this.state[slot] = SlotState.Pending;
    this.size++;
    const key = rank * RANK_SCALE + this.seq++;
    if (this.hole) {
      this.hole = false;
      this.siftDown(0, time, key, slot);
    } else this.siftUp(this.entries++, time, key, slot);
    return this.generation[slot] * MAX_SLOTS + slot;
  }

  /** Cancels a pending event; false if the handle's event has already run or been cancelled. */
  cancel(handle: number): boolean {
    const slot = handle % MAX_SLOTS;
    if (slot >= this.slotsUsed || (handle - slot) / MAX_SLOTS !== this.generation[slot] || this.state[slot] !== SlotState.Pending) return false;
    this.state[slot] = SlotState.Cancelled;
    this.size--;
    return true;
  }

  /** Time of the next event (Infinity when none is pending). */
  peekTime(): number {
    this.dropCancelled();
    return this.entries > 0 ? this.time[0] : Infinity;
  }

  /**
   * Pops the next event (as `pop`) if its time is at most `through` and before `before`; else
   * false and nothing changes. One call per event instead of peekTime + pop, and no number
   * returned that compiled code would have to box.
   */
  popNext(through: number, before: number): boolean {
    this.dropCancelled();
    if (this.entries === 0) return false;
    const time = this.time[0];
    if (time > through || time >= before) return false;
    this.takeRoot();
    return true;
  }

  /** Exposes the (live) root event as `now`, `kind`, `subject` and leaves the root empty. */
  private takeRoot(): void {
    const slot = this.slotAt[0];
    this.now = this.time[0];
    this.kind = this.kindOf[slot];
    this.subject = this.subjectOf[slot];
    this.release(slot);
    this.size--;
    this.hole = true;
  }

  /** Moves the clock to `time` (for an event kept outside the calendar); never backwards. */
  advance(time: number): void {
    if (!(time >= this.now)) throw new RangeError(`cannot move the clock back from ${this.now} to ${time}`);
    this.now = time;
  }

  /** Removes the next event and exposes it as `now`, `kind`, `subject`. Call only when size > 0. */
  pop(): void {
    this.dropCancelled();
    this.takeRoot();
  }

  /** Settles an empty root, and discards cancelled events that have reached the top. */
  private dropCancelled(): void {
    if (this.hole) this.settle();
    while (this.entries > 0 && this.state[this.slotAt[0]] === SlotState.Cancelled) {
      this.release(this.slotAt[0]);
      this.settle();
    }
  }

  /** Fills an empty root with the last entry. */
  private settle(): void {
    this.hole = false;
    const last = --this.entries;
    if (last > 0) this.siftDown(0, this.time[last], this.key[last], this.slotAt[last]);
  }

  private release(slot: number): void {
    this.state[slot] = SlotState.Free;
    this.generation[slot] = (this.generation[slot] + 1) % GENERATIONS;
    this.freeSlots[this.freeCount++] = slot;
  }

  private newSlot(): number {
    if (this.slotsUsed === this.kindOf.length) this.grow();
    return this.slotsUsed++;
  }

  private grow(): void {
    if (this.kindOf.length >= MAX_SLOTS) throw new RangeError(`more than ${MAX_SLOTS} events pending at once`);
    const n = Math.min(this.kindOf.length * 2, MAX_SLOTS);
    const grow = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.time = grow(this.time);
    this.key = grow(this.key);
    this.slotAt = grow(this.slotAt);
    this.kindOf = grow(this.kindOf);
    this.subjectOf = grow(this.subjectOf);
    this.state = grow(this.state);
    this.generation = grow(this.generation);
    this.freeSlots = grow(this.freeSlots);
  }

  private siftUp(pos: number, time: number, key: number, slot: number): void {
    const times = this.time;
    const keys = this.key;
    const slots = this.slotAt;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && keys[parent] < key)) break;
      times[pos] = pt;
      keys[pos] = keys[parent];
      slots[pos] = slots[parent];
      pos = parent;
    }
    times[pos] = time;
    keys[pos] = key;
    slots[pos] = slot;
  }

  private siftDown(pos: number, time: number, key: number, slot: number): void {
    const times = this.time;
    const keys = this.key;
    const slots = this.slotAt;
    const n = this.entries;
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
      slots[pos] = slots[child];
      pos = child;
    }
    times[pos] = time;
    keys[pos] = key;
    slots[pos] = slot;
  }
}

/**
 * Why `schedule` refused. Kept out of `schedule` so that its bytecode stays small enough for V8 to
 * inline it into every handler: a call that is not inlined boxes its time argument and handle.
 */
function scheduleError(time: number, rank: number, now: number): RangeError {
  if (!(time >= now)) return new RangeError(`cannot schedule an event at ${time}, before the current time ${now}`);
  return new RangeError(`a rank must be a whole number from 0 to ${MAX_RANK} (got ${rank})`);
}
