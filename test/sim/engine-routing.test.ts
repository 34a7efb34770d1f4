/**
 * Exact rules of the general engine (src/sim/engine.ts, not the plain kernel): option checks,
 * same-time order of contact types, agent choice across groups of one skill tier (longest idle,
 * least loaded), availability lists kept per group, the callback offer's expected wait, the
 * boundaries of the service-level counters, overflow stages, segment priorities, what the
 * warm-up counts, retries of a closed center, and which random streams fresh contacts use.
 *
 * Every scenario uses replayed arrival times and deterministic durations, so the expected
 * numbers follow from the rules by hand (worked out in the comments). `plainKernel: false`
 * keeps the plainest models on the engine.
 */
import { describe, expect, it } from "vitest";
import { G, T, typeIndex } from "../../src/sim/stats.js";
import { fixed, groupTotal, run, traced, typeTotal as total } from "./engine-rules.js";

describe("options", () => {
  it("rejects a sample period that is not positive, naming it", () => {
    const input = {
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { times: [10] }, handleTime: fixed(10) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    };
    expect(() => run(input, { sampleSeconds: 0 })).toThrow("sampleSeconds must be > 0 (got 0)");
    expect(() => run(input, { sampleSeconds: -60 })).toThrow("sampleSeconds must be > 0 (got -60)");
    expect(() => run(input, { sampleSeconds: Number.NaN })).toThrow("sampleSeconds must be > 0 (got NaN)");
  });

  it("runs past 65,536 events on the engine without a shouldStop callback", () => {
    // 70,000 calls an hour, 1 s each, 200 agents: about 70,000 arrivals and 70,000 conversation
    // ends, so the every-65,536-events check is reached with no callback to ask.
    const s = run({
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { perHour: 70_000 }, handleTime: fixed(1) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 200 } } },
    });
    expect(s.status).toBe("complete");
    expect(s.events).toBeGreaterThan(65_536);
  });
});

describe("same-time arrivals of two types", () => {
  it("serves the type listed first when two types arrive at the same instant", () => {
    // One agent; a call of each type at 0, 100 s each: the first type (scenario order) is answered
    // at once, the second waits the 100 s.
    const s = run({
      horizon: { hours: 1 },
      contactTypes: {
        first: { volume: { times: [0] }, handleTime: fixed(100) },
        second: { volume: { times: [0] }, handleTime: fixed(100) },
      },
      agentGroups: { team: { skills: { first: 1, second: 1 }, staffing: { constant: 1 } } },
    });
    expect([total(s, T.waitAnswered, 0), total(s, T.waitAnswered, 1)]).toEqual([0, 100]);
  });
});

describe("choosing an agent across groups of one tier", () => {
  it("gives each call to the longest-idle agent of the tier, the first group on a tie", () => {
    // Groups a and b, one agent each, both idle since 0; 10 s calls at 0, 100, 200.
    // 0: tie (idle since 0) → a (first group). 100: a idle since 10, b since 0 → b.
    // 200: a since 10, b since 110 → a.
    const { rows } = traced({
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { times: [0, 100, 200] }, handleTime: fixed(10) } },
      agentGroups: {
        a: { skills: { calls: 1 }, staffing: { constant: 1 } },
        b: { skills: { calls: 1 }, staffing: { constant: 1 } },
      },
    });
    expect(rows.map((r) => r.agent)).toEqual(["a-1", "b-1", "a-1"]);
  });

  it("gives each chat to the least-loaded agent of the tier, whatever their idle times", () => {
    // Groups a and b, one agent each with two chat slots; 10 s chats at 0, 5, 12.
    // 0: both at load 0 since 0 → a. 5: a at load 1, b at load 0 → b (b at load 1 since 5).
    // 12: a's chat ended at 10 (a at load 0 since 10), b at load 1 since 5 → a, though b has
    // been at its load longer.
    const { rows } = traced({
      horizon: { hours: 1 },
      contactTypes: { chats: { channel: "chat", volume: { times: [0, 5, 12] }, handleTime: fixed(10), patience: "infinite" } },
      agentGroups: {
        a: { skills: { chats: 1 }, staffing: { constant: 1 }, concurrency: { max: 2 } },
        b: { skills: { chats: 1 }, staffing: { constant: 1 }, concurrency: { max: 2 } },
      },
    });
    expect(rows.map((r) => [r.agent, r.wait])).toEqual([
      ["a-1", 0],
      ["b-1", 0],
      ["a-1", 0],
    ]);
  });
});

describe("availability lists per group", () => {
  it("never gives a chat to an agent of a neighbouring group", () => {
    // Groups x, chatters, y (in that order); only chatters serve chats, one agent with one slot.
    // Chats of 1000 s at 0 and 1: the second waits for the chatter (999 s), although the agents
    // of x and y are idle the whole time.
    const s = run({
      horizon: { hours: 1 },
      contactTypes: {
        calls: { volume: { times: [3000] }, handleTime: fixed(10) },
        chats: { channel: "chat", volume: { times: [0, 1] }, handleTime: fixed(1000), patience: "infinite" },
      },
      agentGroups: {
        x: { skills: { calls: 1 }, staffing: { constant: 1 } },
        chatters: { skills: { chats: 1 }, staffing: { constant: 1 } },
        y: { skills: { calls: 1 }, staffing: { constant: 1 } },
      },
    });
    expect([total(s, T.answered, 1), total(s, T.waitAnswered, 1)]).toEqual([2, 999]);
    expect([groupTotal(s, G.answered, 0), groupTotal(s, G.answered, 1), groupTotal(s, G.answered, 2)]).toEqual([1, 2, 0]);
  });

  it("keeps a group's idle agent available when an agent of the group before it comes on duty later", () => {
    // Group a (calls) starts at 00:30; group b (orders) is on from 0. An order at 2000 s, after
    // a's agent came on, goes straight to b's idle agent.
    const s = run({
      horizon: { hours: 1 },
      contactTypes: {
        calls: { volume: { times: [3000] }, handleTime: fixed(10) },
        orders: { volume: { times: [2000] }, handleTime: fixed(10) },
      },
      agentGroups: {
        a: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:30", length: "30m", days: "all", count: 1 }] } },
        b: { skills: { orders: 1 }, staffing: { constant: 1 } },
      },
    });
    expect([total(s, T.answered, 1), total(s, T.answeredNoWait, 1)]).toEqual([1, 1]);
  });

  it("counts no staffed time for an agent whose shift starts at the horizon", () => {
    // Group late's only shift starts at 01:00, the end of the 1-hour horizon: never on duty.
    const s = run({
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { times: [10] }, handleTime: fixed(10) } },
      agentGroups: {
        team: { skills: { calls: 1 }, staffing: { constant: 1 } },
        late: { skills: { calls: 2 }, staffing: { shifts: [{ start: "01:00", length: "30m", days: "all", count: 1 }] } },
      },
    });
    expect(groupTotal(s, G.staffed, 0)).toBe(3600);
    expect(groupTotal(s, G.staffed, 1)).toBe(0);
  });
});

describe("the callback offer", () => {
  // Expected wait = (waiting ahead + 1) × (mean handle + mean wrap-up) / agents on duty.
  const offered = (agents: number, times: number[], threshold: number): number =>
    total(
      run({
        horizon: { hours: 1 },
        contactTypes: {
          calls: { volume: { times }, handleTime: fixed(100), wrapUp: fixed(50), callback: { offerWhenWaitAbove: threshold, acceptProbability: 1 } },
        },
        agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: agents } } },
      }),
      T.callbacksOffered,
    );

  it("offers a callback when the expected wait exceeds the threshold, counting wrap-up in the work", () => {
    // One agent busy with the call at 0; the call at 10 expects (0 + 1) × 150 / 1 = 150 s > 100.
    expect(offered(1, [0, 10], 100)).toBe(1);
  });

  it("offers none when the expected wait only equals the threshold", () => {
    // (0 + 1) × 150 / 1 = 150, not above 150.
    expect(offered(1, [0, 10], 150)).toBe(0);
  });

  it("offers a callback when no agent is on duty, even for work of no duration", () => {
    // The only shift starts at 00:30; the call at 10 finds no agent on duty: the expected wait is
    // infinite (not 0 × 1 / 0), above any threshold.
    const s = run({
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { times: [10] }, handleTime: fixed(0), callback: { offerWhenWaitAbove: 10, acceptProbability: 1 } } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:30", length: "30m", days: "all", count: 1 }] } } },
    });
    expect(total(s, T.callbacksOffered)).toBe(1);
  });

  it("divides the expected wait by the agents on duty", () => {
    // Two agents busy with the calls at 0 and 1; the call at 2 expects 1 × 150 / 2 = 75 s ≤ 100.
    expect(offered(2, [0, 1, 2], 100)).toBe(0);
  });
});

describe("service-level boundaries", () => {
  it("counts an abandon after exactly the threshold as within it and as short", () => {
    // One agent busy 0–1000; the caller at 10 hangs up at 30 after 20 s = threshold = shortAbandon.
    const s = run({
      horizon: { hours: 1 },
      serviceLevel: { thresholdSeconds: 20, shortAbandon: 20 },
      contactTypes: { calls: { volume: { times: [0, 10] }, handleTime: fixed(1000), patience: fixed(20) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });
    expect([total(s, T.abandoned), total(s, T.abandonedWithin), total(s, T.abandonedShort)]).toEqual([1, 1, 1]);
  });

  for (const trace of [false, true]) {
    it(`counts an answer after exactly the threshold as within it, for the type and the group (${trace ? "general path" : "lean path"})`, () => {
      // One agent; 20 s calls at 0 and 0: the second is answered at 20 after 20 s = threshold.
      const s = run(
        {
          horizon: { hours: 1 },
          serviceLevel: { thresholdSeconds: 20 },
          contactTypes: { calls: { volume: { times: [0, 0] }, handleTime: fixed(20) } },
          agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
        },
        trace ? { trace: () => {} } : {},
      );
      expect([total(s, T.answered), total(s, T.answeredWithin), groupTotal(s, G.answeredWithinSla, 0)]).toEqual([2, 2, 2]);
    });
  }

  it("starts an overflow group's SLA clock when it may take the contact, for the second type too", () => {
    // Group first serves both types, its one agent busy 0–1000 with the first type's call; the
    // second type's call at 10 overflows to backup after 30 s (at 40). Backup's clock starts at
    // 40: 0 s ≤ 20 is within its SLA; the type's own wait (30 s) is not within 20.
    const s = run({
      horizon: { hours: 1 },
      serviceLevel: { thresholdSeconds: 20 },
      contactTypes: {
        first: { volume: { times: [0] }, handleTime: fixed(1000) },
        second: { volume: { times: [10] }, handleTime: fixed(100) },
      },
      agentGroups: {
        first: { skills: { first: 1, second: 1 }, staffing: { constant: 1 } },
        backup: { skills: {}, staffing: { constant: 1 } },
      },
      routing: { overflow: [{ type: "second", to: "backup", afterWait: 30 }] },
    });
    expect([total(s, T.answered, 1), total(s, T.answeredWithin, 1), total(s, T.waitAnswered, 1)]).toEqual([1, 0, 30]);
    expect([groupTotal(s, G.answered, 1), groupTotal(s, G.answeredWithinSla, 1)]).toEqual([1, 1]);
  });
});

describe("overflow stages", () => {
  it("makes a waiting call eligible for the second overflow group at its own wait", () => {
    // Group first's agent is busy 0–1000. The call at 5 overflows to b at 35 (b busy to 1035).
    // The call at 10 finds b busy at 40 and reaches c at 70, after 60 s.
    const { rows } = traced({
      horizon: { hours: 1 },
      contactTypes: { calls: { volume: { times: [0, 5, 10] }, handleTime: fixed(1000) } },
      agentGroups: {
        first: { skills: { calls: 1 }, staffing: { constant: 1 } },
        b: { skills: {}, staffing: { constant: 1 } },
        c: { skills: {}, staffing: { constant: 1 } },
      },
      routing: {
        overflow: [
          { type: "calls", to: "b", afterWait: 30 },
          { type: "calls", to: "c", afterWait: 60 },
        ],
      },
    });
    expect(rows.map((r) => [r.arrival, r.agent, r.wait])).toEqual([
      [0, "first-1", 0],
      [5, "b-1", 30],
      [10, "c-1", 60],
    ]);
  });
});

describe("segment priorities", () => {
  for (const order of [["low", "high"], ["high", "low"]]) {
    it(`serves the higher-priority segment first whichever is listed first (${order.join(", ")})`, () => {
      // One agent busy 0–100 with the call at 0; calls at 1..12 queue. Each release takes the
      // highest-priority waiting call, first come first served within a priority: after the
      // first call, all "high" calls in arrival order, then all "low" ones.
      const priority: Record<string, number> = { low: 0, high: 5 };
      const { rows } = traced({
        horizon: { hours: 2 },
        contactTypes: {
          calls: {
            volume: { times: Array.from({ length: 13 }, (_, i) => i) },
            handleTime: fixed(100),
            segments: Object.fromEntries(order.map((name) => [name, { share: 0.5, priority: priority[name] }])),
          },
        },
        agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
      });
      const queued = rows.filter((r) => r.arrival > 0);
      const byAnswer = [...queued].sort((a, b) => a.talkStart! - b.talkStart!);
      const expected = [...queued.filter((r) => r.segment === "high"), ...queued.filter((r) => r.segment === "low")];
      expect(new Set(queued.map((r) => r.segment)).size, "both segments drawn (seed 1)").toBe(2);
      expect(byAnswer.map((r) => r.arrival)).toEqual(expected.map((r) => r.arrival));
    });
  }
});

describe("the warm-up", () => {
  it("counts deflected contacts from the warm-up's end on, including one arriving at it", () => {
    // Everyone is deflected; warm-up 900 s: of 0, 900, 1000, the last two count.
    const s = run({
      horizon: { hours: 1 },
      intervalMinutes: 15,
      warmup: 900,
      contactTypes: { calls: { volume: { times: [0, 900, 1000] }, deflection: 1, handleTime: fixed(10) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });
    expect([total(s, T.deflected), total(s, T.offered)]).toEqual([2, 0]);
  });

  it("counts attempts while closed from the warm-up's end on, including one arriving at it", () => {
    // Open 01:00–02:00 only (one day's window in a 3-hour horizon), warm-up 7200 s. The attempt
    // at 0 is closed before the warm-up's end (not counted; it retries within 01:00–02:00); the
    // one at 7200, the closing instant, is closed and counted (the next opening is past the horizon).
    const s = run({
      horizon: { hours: 3 },
      warmup: 7200,
      contactTypes: { calls: { volume: { times: [0, 7200] }, openHours: { from: "01:00", to: "02:00" }, handleTime: fixed(10) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });
    expect(total(s, T.closed)).toBe(1);
  });
});

describe("a closed center", () => {
  it("brings every closed attempt back within the next opening when it is shorter than three hours", () => {
    // Open 01:00–02:00; 20 attempts in the first 20 s are closed once each and retry at a uniform
    // time within 01:00–02:00 (the whole one-hour opening): each is then offered.
    const s = run({
      horizon: { hours: 4 },
      contactTypes: {
        calls: { volume: { times: Array.from({ length: 20 }, (_, i) => i) }, openHours: { from: "01:00", to: "02:00" }, handleTime: fixed(10) },
      },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 20 } } },
    });
    expect([total(s, T.closed), total(s, T.offered)]).toEqual([20, 20]);
  });
});

describe("the IVR", () => {
  it("adds no failed-self-service time when the IVR contains nobody", () => {
    // Containment 0: nobody tries self-service, so the 30 s extra never applies: talk 100 s.
    const s = run({
      horizon: { hours: 1 },
      ivr: { menuTime: fixed(10) },
      contactTypes: { calls: { volume: { times: [0] }, ivr: { containment: 0, failedSelfServiceExtra: fixed(30) }, handleTime: fixed(100) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });
    expect([total(s, T.handled), total(s, T.talkTime)]).toEqual([1, 100]);
  });

  for (const containedTime of [false, true]) {
    it(`decides fresh calls' containment from the fresh streams only: redials do not change it (${containedTime ? "own contained time" : "menu time"})`, () => {
      // Fresh calls every 20 s, 10 s in the IVR, half contained; the one agent is busy for
      // 100,000 s with the first routed call, and waiting callers hang up after 5 s. With redials
      // (after 30 s) the redials pass the IVR between fresh calls; the fresh calls' outcomes
      // must be the ones of the run without redials (common random numbers).
      const outcomes = (afterAbandon: number) => {
        const { rows } = traced({
          horizon: { hours: 1 },
          ivr: { menuTime: fixed(10) },
          contactTypes: {
            calls: {
              volume: { times: Array.from({ length: 60 }, (_, i) => 20 * i) },
              ivr: { containment: 0.5, ...(containedTime ? { containedTime: fixed(10) } : {}) },
              handleTime: fixed(100_000),
              patience: fixed(5),
              retrial: { afterAbandon, delay: fixed(30), maxAttempts: 3 },
            },
          },
          agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
        });
        return { fresh: rows.filter((r) => r.origin === "fresh").map((r) => [r.arrival, r.outcome === "contained"]), redials: rows.filter((r) => r.origin === "retrial").length };
      };
      const withRedials = outcomes(1);
      const without = outcomes(0);
      expect(withRedials.redials).toBeGreaterThan(5);
      expect(without.redials).toBe(0);
      expect(withRedials.fresh).toEqual(without.fresh);
    });
  }
});

describe("contacts that arrived before the warm-up's end", () => {
  it("charges their line time after the warm-up to the first counted interval of their own type", () => {
    // 15-minute intervals, warm-up 900 s. The second type's call at 800 talks 800–1000 on a
    // line: the 100 s after the warm-up go to interval 1 (the first counted), type 1.
    const s = run({
      horizon: { hours: 1 },
      intervalMinutes: 15,
      warmup: 900,
      contactTypes: {
        first: { volume: { times: [3000] }, handleTime: fixed(10) },
        second: { volume: { times: [800] }, handleTime: fixed(200) },
      },
      agentGroups: { team: { skills: { first: 1, second: 1 }, staffing: { constant: 1 } } },
    });
    expect([0, 1, 2, 3].map((i) => s.typeCounters[typeIndex(s, i, 1, T.lineTime)])).toEqual([0, 100, 0, 0]);
  });

  it("counts no dialling time for a callback to a customer who called before the warm-up's end", () => {
    // Warm-up 1800 s. The agent is busy 0–100; the caller at 10 expects a 100 s wait (> 10 s),
    // accepts a callback and is dialled at 100 for 20 s: all before the warm-up's end, so no
    // dialling (and, with no IVR, no IVR time) is counted.
    const s = run({
      horizon: { hours: 1 },
      warmup: 1800,
      contactTypes: {
        calls: { volume: { times: [0, 10] }, handleTime: fixed(100), callback: { offerWhenWaitAbove: 10, acceptProbability: 1, answerProbability: 1, dialTime: fixed(20) } },
      },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });
    expect([total(s, T.dialTime), total(s, T.ivrTime), total(s, T.callbackDials)]).toEqual([0, 0, 0]);
  });
});

describe("redial decisions", () => {
  it("draws no redial decision for an outcome nobody redials after: earlier abandons do not change later busy-signal redials", () => {
    // Four trunk lines, one agent, 5 s of patience; half of the callers who get a busy signal
    // redial 3 s later, nobody redials after hanging up. Run A has three callers (10, 20, 30) who
    // hang up early on; run B has not. By 1000 both are empty, and the burst of calls 1000–1009
    // (blocked ones deciding to redial by the redial stream) must go the same way in both.
    const late = Array.from({ length: 10 }, (_, i) => 1000 + i);
    const afterBurst = (early: number[]) =>
      traced({
        horizon: { hours: 1 },
        trunks: { lines: 4 },
        contactTypes: {
          calls: { volume: { times: [...early, ...late] }, handleTime: fixed(100), patience: fixed(5), retrial: { afterBlocked: 0.5, afterAbandon: 0, delay: fixed(3), maxAttempts: 5 } },
        },
        agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
      }).rows.filter((r) => r.arrival >= 1000).map((r) => [r.arrival, r.origin, r.outcome]);
    const a = afterBurst([0, 10, 20, 30]);
    const b = afterBurst([0]);
    expect(a.filter((r) => r[2] === "blocked").length, "busy signals in the burst").toBeGreaterThan(3);
    expect(a.filter((r) => r[1] === "retrial").length, "redials in the burst").toBeGreaterThan(0);
    expect(a).toEqual(b);
  });
});
