/**
 * The event calendar against a naive model: a list of every event ever scheduled, where the next
 * event is found by a linear scan for the least (time, rank, insertion order) among the pending
 * ones. Random operation sequences (fast-check, fixed seed) exercise ties, cancels of pending and
 * stale handles, growth, and the lazy pop (the root left empty until the next schedule or pop).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Calendar, MAX_RANK } from "../../src/sim/calendar.js";

interface ModelEvent {
  time: number;
  rank: number;
  seq: number;
  kind: number;
  subject: number;
  handle: number;
  state: "pending" | "ran" | "cancelled";
}

/** The naive calendar: every event ever scheduled, in insertion order. */
class Model {
  now = 0;
  events: ModelEvent[] = [];
  pendingCount = 0;

  schedule(time: number, rank: number, kind: number, subject: number, handle: number): void {
    this.events.push({ time, rank, seq: this.events.length, kind, subject, handle, state: "pending" });
    this.pendingCount++;
  }

  next(): ModelEvent | undefined {
    let best: ModelEvent | undefined;
    for (const e of this.events) {
      if (e.state !== "pending") continue;
      if (!best || e.time < best.time || (e.time === best.time && (e.rank < best.rank || (e.rank === best.rank && e.seq < best.seq)))) best = e;
    }
    return best;
  }
}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

/** Time offsets from `now`: repeats and zeros make equal times (ties) common. */
const OFFSETS = [0, 0, 0.5, 1, 1, 2, 3.25, 10];
const RANKS = [0, 0, 1, 2, MAX_RANK];

type Op =
  | { op: "schedule"; offset: number; rank: number }
  | { op: "cancel"; pick: number; pendingOnly: boolean }
  | { op: "pop" }
  | { op: "peek" }
  | { op: "past"; back: number }
  | { op: "bogus"; handle: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant("schedule" as const), offset: fc.constantFrom(...OFFSETS), rank: fc.constantFrom(...RANKS) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat(), pendingOnly: fc.boolean() }) },
  { weight: 5, arbitrary: fc.constant({ op: "pop" as const }) },
  { weight: 2, arbitrary: fc.constant({ op: "peek" as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("past" as const), back: fc.constantFrom(1e-9, 0.5, 1, Infinity) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("bogus" as const), handle: fc.constantFrom(-1, 0.5, NaN, 2 ** 40, 2 ** 22 - 1, 3 * 2 ** 22 + 5) }) },
);

/**
 * Runs `ops` on a calendar and on the model, checking every result and the size after each
 * step, then drains both. At most 250 operations, so no slot is reused 256 times (see the
 * generation tests below).
 */
function runAgainstModel(capacity: number, ops: readonly Op[]): void {
  const cal = new Calendar(capacity);
  const model = new Model();
  let id = 0;
  const expectNext = (where: string) => {
    const e = model.next();
    if (!e) return;
    cal.pop();
    e.state = "ran";
    model.pendingCount--;
    model.now = e.time;
    check(
      cal.now === e.time && cal.kind === e.kind && cal.subject === e.subject,
      () => `${where}: popped (${cal.now}, kind ${cal.kind}, subject ${cal.subject}), expected (${e.time}, kind ${e.kind}, subject ${e.subject})`,
    );
  };
  for (const [step, o] of ops.entries()) {
    const where = `step ${step} (${JSON.stringify(o)})`;
    switch (o.op) {
      case "schedule": {
        const time = model.now + o.offset;
        const kind = id++;
        const subject = 1000 + 7 * kind;
        const handle = cal.schedule(time, o.rank, kind, subject);
        model.schedule(time, o.rank, kind, subject, handle);
        break;
      }
      case "cancel": {
        const candidates = o.pendingOnly ? model.events.filter((e) => e.state === "pending") : model.events;
        if (candidates.length === 0) break;
        const e = candidates[o.pick % candidates.length];
        const expected = e.state === "pending";
        const got = cal.cancel(e.handle);
        check(got === expected, () => `${where}: cancel of a ${e.state} event returned ${got}`);
        if (expected) {
          e.state = "cancelled";
          model.pendingCount--;
        }
        break;
      }
      case "pop":
        expectNext(where);
        break;
      case "peek": {
        const e = model.next();
        const got = cal.peekTime();
        check(got === (e ? e.time : Infinity), () => `${where}: peekTime ${got}, expected ${e ? e.time : Infinity}`);
        break;
      }
      case "past": {
        if (model.now === 0 && o.back !== Infinity) break;
        const time = model.now - o.back; // -Infinity when back is Infinity
        let threw: unknown = null;
        try {
          cal.schedule(time, 0, -1, -1);
        } catch (error) {
          threw = error;
        }
        check(threw instanceof RangeError, () => `${where}: scheduling at ${time} before now ${model.now} did not throw a RangeError`);
        threw = null;
        try {
          cal.schedule(NaN, 0, -1, -1);
        } catch (error) {
          threw = error;
        }
        check(threw instanceof RangeError, () => `${where}: scheduling at NaN did not throw a RangeError`);
        break;
      }
      case "bogus": {
        const got = cal.cancel(o.handle);
        // A fabricated number may coincide with a live handle; only then may it cancel something.
        const live = model.events.find((e) => e.state === "pending" && e.handle === o.handle);
        check(got === !!live, () => `${where}: cancel of a never-issued handle ${o.handle} returned ${got}`);
        if (live) {
          live.state = "cancelled";
          model.pendingCount--;
        }
        break;
      }
    }
    check(cal.size === model.pendingCount, () => `${where}: size ${cal.size}, expected ${model.pendingCount}`);
  }
  while (model.pendingCount > 0) {
    expectNext("drain");
    check(cal.size === model.pendingCount, () => `drain: size ${cal.size}, expected ${model.pendingCount}`);
  }
  check(cal.peekTime() === Infinity, () => `drained calendar: peekTime ${cal.peekTime()}`);
}

/** Pops everything, returning [time, kind, subject] triples. */
function drain(cal: Calendar): [number, number, number][] {
  const out: [number, number, number][] = [];
  while (cal.size > 0) {
    cal.pop();
    out.push([cal.now, cal.kind, cal.subject]);
  }
  return out;
}

describe("the event calendar", () => {
  it("agrees with a naive sorted model on 4,000 random sequences of schedule, cancel, pop and peekTime", () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 8, 1024), fc.array(opArbitrary, { maxLength: 250, size: "max" }), (capacity, ops) => {
        runAgainstModel(capacity, ops);
      }),
      { seed: 20260711, numRuns: 4000 },
    );
  });

  it("agrees with the model on sequences biased to pops with few events pending (the lazy-pop paths)", () => {
    const popHeavy: fc.Arbitrary<Op> = fc.oneof(
      { weight: 3, arbitrary: fc.record({ op: fc.constant("schedule" as const), offset: fc.constantFrom(...OFFSETS), rank: fc.constantFrom(...RANKS) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat(), pendingOnly: fc.boolean() }) },
      { weight: 4, arbitrary: fc.constant({ op: "pop" as const }) },
      { weight: 2, arbitrary: fc.constant({ op: "peek" as const }) },
    );
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 4), fc.array(popHeavy, { maxLength: 120, size: "max" }), (capacity, ops) => runAgainstModel(capacity, ops)),
      { seed: 777, numRuns: 2000 },
    );
  });

  it("agrees with the model over a long run with thousands of events pending", () => {
    // One long sequence: deep heaps and several doublings from capacity 4, checked step by step.
    const rnd = fc.sample(fc.array(fc.nat(1_000_000), { minLength: 30_000, maxLength: 30_000 }), { seed: 99, numRuns: 1 })[0];
    const cal = new Calendar(4);
    const model = new Model();
    for (let i = 0; i < rnd.length; i++) {
      const r = rnd[i];
      const phase = i < 12_000 ? 0 : 1; // fill, then a steady state with pops and cancels
      const roll = r % 10;
      if (roll < (phase === 0 ? 8 : 4)) {
        const time = model.now + (r % 997) / 10;
        const rank = r % 3;
        const handle = cal.schedule(time, rank, i, r);
        model.schedule(time, rank, i, r, handle);
      } else if (roll < 6) {
        const e = model.events[r % model.events.length];
        expect(cal.cancel(e.handle)).toBe(e.state === "pending");
        if (e.state === "pending") {
          e.state = "cancelled";
          model.pendingCount--;
        }
      } else if (model.pendingCount > 0) {
        const e = model.next()!;
        cal.pop();
        e.state = "ran";
        model.pendingCount--;
        model.now = e.time;
        expect([cal.now, cal.kind, cal.subject]).toEqual([e.time, e.kind, e.subject]);
      }
      expect(cal.size).toBe(model.pendingCount);
    }
    expect(model.pendingCount).toBeGreaterThan(1000);
    const expected = model.events
      .filter((e) => e.state === "pending")
      .sort((a, b) => a.time - b.time || a.rank - b.rank || a.seq - b.seq)
      .map((e) => [e.time, e.kind, e.subject]);
    expect(drain(cal)).toEqual(expected);
  });

  it("pops events at equal times by rank, then in insertion order", () => {
    const cal = new Calendar();
    const ranks = [2, 0, MAX_RANK, 1, 0, 2, MAX_RANK, 1, 0];
    ranks.forEach((rank, i) => cal.schedule(5, rank, rank, i));
    cal.schedule(4, MAX_RANK, 99, 99); // an earlier time wins whatever its rank
    const popped = drain(cal);
    expect(popped[0]).toEqual([4, 99, 99]);
    expect(popped.slice(1).map(([, , subject]) => subject)).toEqual([1, 4, 8, 3, 7, 0, 5, 2, 6]);
  });

  it("pops 5,000 events in time order after growing from capacity 1", () => {
    const cal = new Calendar(1);
    const times = fc.sample(fc.integer({ min: 0, max: 100 }), { seed: 5, numRuns: 5000 });
    times.forEach((t, i) => cal.schedule(t, 0, 0, i));
    expect(cal.size).toBe(5000);
    const order = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(drain(cal).map(([t, , i]) => [t, i])).toEqual(order.map(([t, i]) => [t, i]));
  });

  it("works, or refuses with a RangeError, when created with capacity 0", () => {
    // new Calendar(0) doubles 0 to 0 when it "grows", so every write to its typed arrays is lost.
    let cal: Calendar;
    try {
      cal = new Calendar(0);
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      return;
    }
    cal.schedule(2, 0, 7, 70);
    cal.schedule(1, 0, 8, 80);
    expect(drain(cal)).toEqual([
      [1, 8, 80],
      [2, 7, 70],
    ]);
  });

  describe("lazy pop (the root stays empty until the next schedule or pop)", () => {
    it("drains in order when popping repeatedly without scheduling", () => {
      const cal = new Calendar(2);
      [7, 3, 9, 1, 5, 3, 8].forEach((t, i) => cal.schedule(t, 0, 0, i));
      expect(drain(cal)).toEqual([
        [1, 0, 3],
        [3, 0, 1],
        [3, 0, 5],
        [5, 0, 4],
        [7, 0, 0],
        [8, 0, 6],
        [9, 0, 2],
      ]);
      expect(cal.peekTime()).toBe(Infinity);
    });

    it("keeps order when several events are scheduled after a pop (the first fills the hole)", () => {
      const cal = new Calendar();
      [5, 1, 3, 7].forEach((t, i) => cal.schedule(t, 0, 0, i));
      cal.pop();
      expect(cal.now).toBe(1);
      cal.schedule(6, 0, 1, 10); // fills the hole at the root, must sift down below 3 and 5
      cal.schedule(1, 0, 1, 11); // same time as now: next
      cal.schedule(2, 0, 1, 12);
      cal.schedule(3, 0, 1, 13); // ties with subject 2 at time 3, inserted later
      expect(drain(cal).map(([t, , s]) => [t, s])).toEqual([
        [1, 11],
        [2, 12],
        [3, 2],
        [3, 13],
        [5, 0],
        [6, 10],
        [7, 3],
      ]);
    });

    it("cancels correctly right after a pop, and ignores the popped event's handle", () => {
      const cal = new Calendar();
      const ha = cal.schedule(1, 0, 0, 1);
      const hb = cal.schedule(2, 0, 0, 2);
      cal.schedule(3, 0, 0, 3);
      cal.pop();
      expect(cal.subject).toBe(1);
      expect(cal.cancel(ha)).toBe(false); // already ran
      expect(cal.cancel(hb)).toBe(true); // now the smallest pending event, just below the hole
      expect(cal.size).toBe(1);
      expect(cal.peekTime()).toBe(3);
      cal.pop();
      expect([cal.now, cal.subject]).toEqual([3, 3]);
      expect(cal.size).toBe(0);
      expect(cal.peekTime()).toBe(Infinity);
    });

    it("gives the popped event's slot to the next schedule without confusing the handles", () => {
      const cal = new Calendar();
      const h1 = cal.schedule(1, 0, 0, 1);
      cal.pop();
      const h2 = cal.schedule(1, 0, 0, 2); // likely the same slot, refilling the root
      expect(h2).not.toBe(h1);
      expect(cal.cancel(h1)).toBe(false);
      expect(cal.size).toBe(1);
      expect(cal.cancel(h2)).toBe(true);
      expect(cal.cancel(h2)).toBe(false);
      expect(cal.size).toBe(0);
      expect(cal.peekTime()).toBe(Infinity);
      cal.schedule(4, 0, 0, 4);
      expect(drain(cal)).toEqual([[4, 0, 4]]);
    });

    it("skips cancelled events at the top after a pop", () => {
      const cal = new Calendar();
      const hs = [1, 2, 3, 4, 5].map((t) => cal.schedule(t, 0, 0, t));
      cal.pop();
      expect(cal.cancel(hs[1])).toBe(true);
      expect(cal.cancel(hs[2])).toBe(true);
      cal.pop();
      expect(cal.subject).toBe(4);
      cal.schedule(4, 0, 0, 40); // fills the hole; ties with nothing pending at 4
      expect(cal.cancel(hs[4])).toBe(true);
      expect(drain(cal)).toEqual([[4, 0, 40]]);
    });
  });

  describe("cancel and stale handles", () => {
    it("returns false and changes nothing for handles already cancelled or already run", () => {
      const cal = new Calendar();
      const a = cal.schedule(1, 0, 0, 1);
      const b = cal.schedule(2, 0, 0, 2);
      const c = cal.schedule(3, 0, 0, 3);
      expect(cal.cancel(b)).toBe(true);
      expect(cal.cancel(b)).toBe(false);
      cal.pop();
      expect(cal.cancel(a)).toBe(false);
      expect(cal.size).toBe(1);
      cal.pop(); // b, cancelled, is skipped; its slot is freed
      expect(cal.subject).toBe(3);
      expect(cal.cancel(b)).toBe(false);
      expect(cal.cancel(c)).toBe(false);
      const d = cal.schedule(3, 0, 0, 4); // reuses a freed slot
      expect(cal.cancel(a)).toBe(false);
      expect(cal.cancel(b)).toBe(false);
      expect(cal.cancel(c)).toBe(false);
      expect(cal.size).toBe(1);
      expect(drain(cal)).toEqual([[3, 0, 4]]);
      expect(cal.cancel(d)).toBe(false);
    });

    it("returns false for numbers that were never handles", () => {
      const cal = new Calendar();
      cal.schedule(1, 0, 0, 1);
      for (const h of [-1, 0.5, NaN, Infinity, 2 ** 22 - 1, 5, 2 ** 40, 1 + 300 * 2 ** 22]) expect(cal.cancel(h)).toBe(false);
      expect(cal.size).toBe(1);
    });

    /** One slot reused over and over: schedule, then pop, keeping one event live at a time. */
    function reuseSlot(reuses: number): { cal: Calendar; stale: number; firstMistake: number | null } {
      const cal = new Calendar(4);
      const stale = cal.schedule(0, 0, 0, -1);
      cal.pop();
      let firstMistake: number | null = null;
      for (let i = 1; i <= reuses; i++) {
        cal.schedule(i, 0, 0, i);
        if (cal.cancel(stale) && firstMistake === null) firstMistake = i;
        if (cal.size !== 1 && firstMistake === null) firstMistake = i;
        cal.pop();
        if (cal.subject !== i && firstMistake === null) firstMistake = i;
      }
      return { cal, stale, firstMistake };
    }

    it("keeps a handle stale through 255 reuses of its slot", () => {
      expect(reuseSlot(255).firstMistake).toBe(null);
    });

    it("never lets a stale handle cancel another event, however often its slot was reused", () => {
      // The module promises "a stale handle can never cancel someone else's event", and Calendar
      // is public API; generations wrap at 256, so the 256th reuse of a slot revives old handles.
      expect(reuseSlot(1000).firstMistake).toBe(null);
    });
  });

  describe("scheduling in the past", () => {
    it("throws a RangeError and leaves the calendar unchanged", () => {
      const cal = new Calendar();
      cal.schedule(5, 0, 0, 1);
      const h = cal.schedule(8, 0, 0, 2);
      cal.pop();
      expect(cal.now).toBe(5);
      expect(() => cal.schedule(4.999, 0, 0, 3)).toThrow(RangeError);
      expect(() => cal.schedule(NaN, 0, 0, 3)).toThrow(RangeError);
      expect(() => cal.schedule(-Infinity, 0, 0, 3)).toThrow(RangeError);
      expect(cal.size).toBe(1);
      expect(cal.peekTime()).toBe(8);
      cal.schedule(5, 0, 0, 4); // exactly now is allowed
      expect(cal.cancel(h)).toBe(true);
      expect(drain(cal)).toEqual([[5, 0, 4]]);
    });

    it("throws before the first pop for negative times", () => {
      const cal = new Calendar();
      expect(() => cal.schedule(-1, 0, 0, 0)).toThrow(RangeError);
      expect(cal.size).toBe(0);
      expect(cal.peekTime()).toBe(Infinity);
    });
  });
});
