/**
 * The kernel's boundary rules as exact tests: what runs first at equal times (every pair of the
 * engine's ranks, and fresh arrivals, which live outside the calendar), where a replication
 * stops (the horizon), that a calendar reuses its slots (a run of more events than the slot
 * table holds), and that a stale handle never cancels another event.
 *
 * Each rule is checked on the calendar alone and, where a reversed rule changes a result, on the
 * engine with replayed arrival times and deterministic durations, so the expected numbers
 * follow from the rules by hand (they are worked out in the comments).
 */
import { describe, expect, it } from "vitest";
import { Calendar } from "../../src/sim/calendar.js";
import { Rank, RANKS, simulate, type TraceRecord } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import { T, typeIndex, type ReplicationStats } from "../../src/sim/stats.js";
import { scenarioOf } from "../helpers.js";

/** The most slots a calendar has (calendar.ts: 2^22): more events than this must reuse slots. */
const SLOT_TABLE = 2 ** 22;

function run(input: Record<string, unknown>, trace?: TraceRecord[]): ReplicationStats {
  return simulate(compileModel(scenarioOf(input)), streams(1).fork(0), 0, trace ? { trace: (r) => trace.push(r) } : {});
}

/** A counter of the first contact type, per report interval. */
function perInterval(s: ReplicationStats, counter: T): number[] {
  return Array.from({ length: s.reportIntervals }, (_, i) => s.typeCounters[typeIndex(s, i, 0, counter)]);
}

function total(s: ReplicationStats, counter: T): number {
  return perInterval(s, counter).reduce((a, b) => a + b, 0);
}

const fixed = (mean: number) => ({ dist: "deterministic", mean });

/** The engine's ranks by name (a const enum has no runtime lookup by name). */
const RANK_OF: Record<(typeof RANKS)[number], number> = {
  sample: Rank.sample,
  release: Rank.release,
  schedule: Rank.schedule,
  abandon: Rank.abandon,
  overflow: Rank.overflow,
  ivr: Rank.ivr,
  reattempt: Rank.reattempt,
  arrival: Rank.arrival,
};

describe("same-time order on the calendar", () => {
  it("names every rank of the engine, in the order of their values", () => {
    expect(RANKS.map((name) => RANK_OF[name])).toEqual(RANKS.map((_, i) => i));
  });

  it("runs the lower rank first for every pair of the engine's ranks, whichever was scheduled first", () => {
    for (let a = 0; a < RANKS.length; a++) {
      for (let b = a + 1; b < RANKS.length; b++) {
        for (const lowFirst of [true, false]) {
          const cal = new Calendar(2);
          const order = lowFirst ? [a, b] : [b, a];
          for (const i of order) cal.schedule(7, RANK_OF[RANKS[i]], i, i);
          cal.pop();
          const first = cal.kind;
          cal.pop();
          expect([RANKS[first], RANKS[cal.kind]], `${RANKS[a]} vs ${RANKS[b]}, ${RANKS[order[0]]} scheduled first`).toEqual([RANKS[a], RANKS[b]]);
        }
      }
    }
  });

  it("runs a calendar event of every rank before a fresh arrival at the same time (popNext through that time)", () => {
    // The engine keeps fresh arrivals outside the heap and asks popNext(nextArrival, horizon):
    // an event at exactly the arrival's time must pop, one just after it must not.
    for (const name of RANKS) {
      const cal = new Calendar(2);
      cal.schedule(5, RANK_OF[name], 1, 1);
      cal.schedule(5 + 2 ** -40, RANK_OF[name], 2, 2);
      expect(cal.popNext(5, 100), `${name} at the arrival's time`).toBe(true);
      expect([cal.now, cal.kind]).toEqual([5, 1]);
      expect(cal.popNext(5, 100), `${name} just after the arrival's time`).toBe(false);
      expect(cal.size).toBe(1);
    }
  });
});

describe("same-time order in the engine", () => {
  it("counts an arrival at an interval's end in the next interval (interval ends run before arrivals)", () => {
    // 15-minute intervals; arrivals at 100 | 900, 1000 | 1800 | 2700, 3599. If arrivals ran
    // before the interval end at 900, 1800 and 2700, offered would be 2, 1, 2, 1.
    const s = run({
      horizon: { hours: 1 },
      intervalMinutes: 15,
      contactTypes: { calls: { volume: { times: [100, 900, 1000, 1800, 2700, 3599] }, handleTime: fixed(10) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 5 } } },
    });
    expect(perInterval(s, T.offered)).toEqual([1, 2, 1, 2]);
  });

  it("observes an interval's end before a customer hangs up at that instant (interval ends run first)", () => {
    // One agent busy 0–2000; the second caller arrives at 840 with 60 s of patience and hangs up
    // at 900, the first interval's end: the queue at that end still holds the caller.
    const s = run({
      horizon: { hours: 1 },
      intervalMinutes: 15,
      contactTypes: { calls: { volume: { times: [0, 840] }, handleTime: fixed(2000), patience: fixed(60) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });
    expect(perInterval(s, T.queueAtEnd)).toEqual([1, 0, 0, 0]);
    expect(total(s, T.abandoned)).toBe(1);
  });

  it("gives an agent freed at the instant a customer's patience runs out to that customer (release before abandon)", () => {
    // One agent busy 0–100; the second caller arrives at 40 with 60 s of patience: both at 100.
    const s = run({
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { times: [0, 40] }, handleTime: fixed(100), patience: fixed(60) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });
    expect([total(s, T.answered), total(s, T.abandoned), total(s, T.waitAnswered)]).toEqual([2, 0, 60]);
  });

  it("gives an agent coming on duty at the instant a customer's patience runs out to that customer (schedule before abandon)", () => {
    // The shift starts at 00:01 = 60 s; the caller arrives at 0 with 60 s of patience.
    const s = run({
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { times: [0] }, handleTime: fixed(100), patience: fixed(60) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:01", length: "30m", days: "all", count: 1 }] } } },
    });
    expect([total(s, T.answered), total(s, T.abandoned), total(s, T.waitAnswered)]).toEqual([1, 0, 60]);
  });

  it("lets a customer hang up before an overflow group becomes eligible at the same instant (abandon before overflow)", () => {
    // The first group's one agent is busy 0–1000; the second caller (at 10) would reach the
    // idle backup group after 45 s of waiting, the moment its 45 s of patience run out.
    const s = run({
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { times: [0, 10] }, handleTime: fixed(1000), patience: fixed(45) } },
      agentGroups: {
        first: { skills: { calls: 1 }, staffing: { constant: 1 } },
        backup: { skills: {}, staffing: { constant: 1 } },
      },
      routing: { overflow: [{ type: "calls", to: "backup", afterWait: 45 }] },
    });
    expect([total(s, T.answered), total(s, T.abandoned), total(s, T.overflowed)]).toEqual([1, 1, 0]);
  });

  it("queues a redial before a fresh arrival at the same instant (reattempts before arrivals)", () => {
    // One agent busy 0–1000. The caller at 10 gives up at 510 and redials 90 s later, at 600,
    // the instant a fresh caller arrives. At 1000 the agent takes the first in the queue.
    const rows: TraceRecord[] = [];
    run(
      {
        horizon: { hours: 1 },
        contactTypes: { calls: { volume: { times: [0, 10, 600] }, handleTime: fixed(1000), patience: fixed(500), retrial: { afterAbandon: 1, delay: fixed(90), maxAttempts: 1 } } },
        agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
      },
      rows,
    );
    const takenAt1000 = rows.filter((r) => r.outcome === "answered" && r.arrival + r.wait === 1000);
    expect(takenAt1000.map((r) => [r.origin, r.arrival, r.wait])).toEqual([["retrial", 600, 400]]);
  });
});

describe("the horizon", () => {
  it("never pops an event at or after the horizon, and leaves it pending", () => {
    const cal = new Calendar(4);
    cal.schedule(10 - 2 ** -40, 0, 1, 1);
    cal.schedule(10, 0, 2, 2);
    expect(cal.popNext(Infinity, 10)).toBe(true);
    expect(cal.kind).toBe(1);
    expect(cal.popNext(Infinity, 10)).toBe(false);
    expect([cal.size, cal.peekTime()]).toEqual([1, 10]);
  });

  it("ends a replication at the horizon: later conversation ends and arrivals do not happen", () => {
    // Horizon 1 h. Calls at 3000 (ends 3200: handled), 3500 (ends 3700: answered, not handled),
    // 3600 (at the horizon: never offered).
    const s = run({
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { times: [3000, 3500, 3600] }, handleTime: fixed(200) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 2 } } },
    });
    expect([total(s, T.offered), total(s, T.answered), total(s, T.handled), total(s, T.talkTime)]).toEqual([2, 2, 1, 200]); // talk time of completed conversations
    expect(s.endTime).toBe(3600);
  });
});

describe("slot reuse", () => {
  it("runs more events than the slot table holds when few are pending at once", () => {
    const cal = new Calendar(4);
    const first = cal.schedule(0, 0, 0, 0);
    cal.pop();
    const n = SLOT_TABLE + 10;
    for (let i = 1; i <= n; i++) {
      cal.schedule(i, i & 1, 0, i);
      cal.pop();
    }
    expect([cal.now, cal.subject, cal.size]).toEqual([n, n, 0]);
    // The first handle's slot has been reused millions of times; it still cancels nothing.
    const live = cal.schedule(n + 1, 0, 0, -1);
    expect(cal.cancel(first)).toBe(false);
    expect(cal.size).toBe(1);
    expect(cal.cancel(live)).toBe(true);
  });

  // Under mutation testing (MUTATION=1) the instrumented engine takes minutes here; the calendar
  // test above kills the same mutants.
  it.skipIf(process.env.MUTATION)("completes a replication of more than 4.2 million calendar events", () => {
    // Fresh arrivals never enter the calendar; every call here schedules three events (IVR menu
    // end, conversation end, wrap-up end): 8 h at 180,000 calls an hour is about 4.3 M calendar
    // events, never more than a few hundred pending at once.
    const s = run({
      horizon: { hours: 8 },
      intervalMinutes: 60,
      ivr: { menuTime: fixed(0.05) },
      contactTypes: { calls: { volume: { perHour: 180_000 }, ivr: { containment: 0 }, handleTime: fixed(0.1), wrapUp: fixed(0.05), patience: fixed(1) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 40 } } },
      limits: { maxEvents: 10_000_000 },
    });
    expect(s.status).toBe("complete");
    const calls = total(s, T.offered);
    expect(s.events - calls).toBeGreaterThan(SLOT_TABLE + 50_000);
  });
});

describe("stale handles", () => {
  it("ignores the handle of an event that ran, after its slot went to a new event", () => {
    const cal = new Calendar(1);
    const old = cal.schedule(1, 0, 1, 1);
    cal.pop();
    const fresh = cal.schedule(2, 0, 2, 2); // the only free slot: the old one
    expect(cal.cancel(old)).toBe(false);
    expect(cal.size).toBe(1);
    cal.pop();
    expect([cal.now, cal.kind]).toEqual([2, 2]);
    expect(cal.cancel(fresh)).toBe(false);
  });

  it("ignores the handle of a cancelled event, after its slot went to a new event", () => {
    const cal = new Calendar(1);
    const old = cal.schedule(1, 0, 1, 1);
    expect(cal.cancel(old)).toBe(true);
    expect(cal.peekTime()).toBe(Infinity); // drops the cancelled event and frees its slot
    cal.schedule(3, 0, 3, 3);
    expect(cal.cancel(old)).toBe(false);
    cal.pop();
    expect([cal.now, cal.kind, cal.size]).toEqual([3, 3, 0]);
  });

  it("cancels a pending event by its handle exactly once, and the events around it still run", () => {
    const cal = new Calendar(2);
    cal.schedule(1, 0, 1, 1);
    const middle = cal.schedule(2, 0, 2, 2);
    cal.schedule(3, 0, 3, 3);
    expect(cal.cancel(middle)).toBe(true);
    expect(cal.cancel(middle)).toBe(false);
    const kinds: number[] = [];
    while (cal.size > 0) {
      cal.pop();
      kinds.push(cal.kind);
    }
    expect(kinds).toEqual([1, 3]);
  });
});
