/**
 * The engine's rules at their boundaries, as exact tests on small models: replayed arrival
 * times and deterministic durations, so every expected number follows from the rules by hand
 * (worked out in the comments). Each test pins one rule of src/sim/engine.ts that the other
 * suites only exercise on average: which contact an agent takes next (skill tiers, segment
 * priority, FIFO ties, overflow thresholds), agents with several chats, email reserve, breaks
 * that push a period to its end, callbacks after shift ends, samples of leaving agents, the
 * queue integral of a run stopped early, opening-hour edges, equalities at the warm-up and the
 * service-level threshold, and day-to-day busyness.
 *
 * `plainKernel: false` keeps the plainest models on this engine (the plain kernel is tested on
 * its own); a trace callback puts a model on the engine's general path instead of its lean path.
 */
import { describe, expect, it } from "vitest";
import { gamma } from "../../src/sim/distributions.js";
import { leanPathApplies, simulate } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import { G, T, typeIndex } from "../../src/sim/stats.js";
import { scenarioOf } from "../helpers.js";
import { fixed, groupTotal, run, traced, typeTotal as total } from "./engine-rules.js";

const hour = { hours: 1 };

/** Two voice types A and B served at the same skill priority by one agent, busy 0–100 with an A call. */
function twoTypes(aTimes: number[], bTimes: number[], aExtra: Record<string, unknown> = {}, bExtra: Record<string, unknown> = {}) {
  return {
    horizon: hour,
    contactTypes: {
      a: { volume: { times: [0, ...aTimes] }, handleTime: fixed(100), ...aExtra },
      b: { volume: { times: bTimes }, handleTime: fixed(100), ...bExtra },
    },
    agentGroups: { team: { skills: { a: 1, b: 1 }, staffing: { constant: 1 } } },
  };
}

describe("the contact an agent takes next, across skills of one priority", () => {
  it("takes the longest-waiting head when the later skill's contact waited longer", () => {
    // B waits from 10, A from 20; at 100 the agent takes B (wait 90), then A at 200 (wait 180).
    const s = run(twoTypes([20], [10]));
    expect([total(s, T.waitAnswered, 0), total(s, T.waitAnswered, 1)]).toEqual([180, 90]);
  });

  it("keeps the first skill's head when it waited longer", () => {
    // A waits from 10, B from 20: A at 100 (wait 90), B at 200 (wait 180).
    const s = run(twoTypes([10], [20]));
    expect([total(s, T.waitAnswered, 0), total(s, T.waitAnswered, 1)]).toEqual([90, 180]);
  });

  it("breaks a tie of equal waits by skill order (the first skill's contact first)", () => {
    // A and B both wait from 10: A (the first skill) at 100, B at 200.
    const s = run(twoTypes([10], [10]));
    expect([total(s, T.waitAnswered, 0), total(s, T.waitAnswered, 1)]).toEqual([90, 190]);
  });

  it("takes the higher segment priority first even when it waited less", () => {
    // B's only segment has priority 5; A (priority 0) waits from 10, B from 20: B at 100.
    const s = run(twoTypes([10], [20], {}, { segments: { vip: { share: 1, priority: 5 } } }));
    expect([total(s, T.waitAnswered, 0), total(s, T.waitAnswered, 1)]).toEqual([190, 80]);
  });

  it("does not let an older contact of a lower segment priority pass a higher one", () => {
    // A's segment has priority 5 and waits from 20; B (priority 0) from 10: A at 100, B at 200.
    const s = run(twoTypes([20], [10], { segments: { vip: { share: 1, priority: 5 } } }));
    expect([total(s, T.waitAnswered, 0), total(s, T.waitAnswered, 1)]).toEqual([80, 190]);
  });

  it("lets a group take an overflow contact the moment it has waited the overflow time", () => {
    // `first` is busy 0–1000; the call at 10 may go to `backup` after 50 s, at 60. Backup's agent
    // is busy 0–60 with its own type and another own contact waits from 20; both are skill
    // priority 1 for backup at 60, and the call waited longer (from 10): backup takes it.
    const s = run({
      horizon: hour,
      contactTypes: {
        calls: { volume: { times: [0, 10] }, handleTime: fixed(1000) },
        own: { volume: { times: [0, 20] }, handleTime: fixed(60) },
      },
      agentGroups: {
        first: { skills: { calls: 1 }, staffing: { constant: 1 } },
        backup: { skills: { own: 1 }, staffing: { constant: 1 } },
      },
      routing: { overflow: [{ type: "calls", to: "backup", afterWait: 50, priority: 1 }] },
    });
    expect(total(s, T.overflowed, 0)).toBe(1);
    // The own contact then waits from 20 to 60 + 1000 = 1060.
    expect(total(s, T.waitAnswered, 1)).toBe(1040);
  });
});

describe("agents with several conversations", () => {
  /** One agent with two chat slots; calls (100 s) at skill 1, chats of 1000 s (`long`) and 100 s (`short`) at skill 2. */
  const blended = (calls: number[], long: number[], short: number[], staffing: Record<string, unknown> = { constant: 1 }) => ({
    horizon: hour,
    contactTypes: {
      calls: { volume: { times: calls }, handleTime: fixed(100) },
      long: { channel: "chat", volume: { times: long }, handleTime: fixed(1000), patience: "infinite" },
      short: { channel: "chat", volume: { times: short }, handleTime: fixed(100), patience: "infinite" },
    },
    agentGroups: { team: { skills: { calls: 1, long: 2, short: 2 }, concurrency: { max: 2 }, staffing } },
  });

  it("takes nothing beside a voice call taken from the queue", () => {
    // Calls at 0 and 10 (100 s each), a chat at 20: the agent ends call 1 at 100 and takes
    // call 2 whole; the chat waits until call 2 ends at 200 (wait 180).
    const s = run(blended([0, 10], [], [20]));
    expect(total(s, T.waitAnswered, 2)).toBe(180);
    expect(total(s, T.waitAnswered, 0)).toBe(90);
  });

  it("takes no voice call while a chat is still in progress", () => {
    // Chats at 0 (1000 s) and 5 (100 s) fill the agent; the call at 10 waits. At 105 one chat
    // ends, but a voice call needs the whole agent: it is answered at 1000 (wait 990).
    const s = run(blended([10], [0], [5]));
    expect([total(s, T.answered, 1), total(s, T.answered, 2)]).toEqual([1, 1]);
    expect(total(s, T.waitAnswered, 0)).toBe(990);
  });

  it("fills every free chat slot at once when an agent comes on duty", () => {
    // Chats at 0 and 10 wait for the shift starting at 60: both are taken then (waits 60 + 50).
    const s = run(blended([], [], [0, 10], { shifts: [{ start: "00:01", length: "30m", days: "all", count: 1 }] }));
    expect(total(s, T.waitAnswered, 2)).toBe(110);
  });

  it("keeps a leaving agent on duty until the last of its chats ends", () => {
    // Shift 0–600; chats at 500 (200 s, ends 700) and 510 (300 s, ends 810). The agent leaves
    // at 810: staffed 810 s, of which 210 s overtime.
    const s = run({
      horizon: hour,
      contactTypes: {
        first: { channel: "chat", volume: { times: [500] }, handleTime: fixed(200), patience: "infinite" },
        second: { channel: "chat", volume: { times: [510] }, handleTime: fixed(300), patience: "infinite" },
      },
      agentGroups: { team: { skills: { first: 1, second: 1 }, concurrency: { max: 2 }, staffing: { shifts: [{ start: "00:00", length: "10m", days: "all", count: 1 }] } } },
    });
    expect([groupTotal(s, G.staffed), groupTotal(s, G.overtime)]).toEqual([810, 210]);
  });

  it("offers a full chat agent to no one (not even another group's contacts)", () => {
    // The chat agent holds two chats from 0 and 10; `phones` has no agent, so the call at 100
    // is never answered.
    const s = run({
      horizon: hour,
      contactTypes: {
        chat: { channel: "chat", volume: { times: [0, 10] }, handleTime: fixed(1000), patience: "infinite" },
        calls: { volume: { times: [100] }, handleTime: fixed(100) },
      },
      agentGroups: {
        chatters: { skills: { chat: 1 }, concurrency: { max: 2 }, staffing: { constant: 1 } },
        phones: { skills: { calls: 1 }, staffing: { constant: 0 } },
      },
    });
    expect([total(s, T.answered, 0), total(s, T.answered, 1)]).toEqual([2, 0]);
  });
});

describe("availability lists of several groups", () => {
  it("keeps another group's idle agents available when an agent takes a waiting call", () => {
    // `second`'s agent takes b at 0 and the b waiting from 10 at 100 (out of the queue, while
    // not in any list); `first`'s agent stays idle throughout, so the call a at 200 is answered at once.
    const s = run({
      horizon: hour,
      contactTypes: {
        a: { volume: { times: [200] }, handleTime: fixed(100) },
        b: { volume: { times: [0, 10] }, handleTime: fixed(100) },
      },
      agentGroups: {
        first: { skills: { a: 1 }, staffing: { constant: 1 } },
        second: { skills: { b: 1 }, staffing: { constant: 1 } },
      },
    });
    expect([total(s, T.answered, 0), total(s, T.waitAnswered, 0), total(s, T.answered, 1), total(s, T.waitAnswered, 1)]).toEqual([1, 0, 2, 90]);
  });
});

describe("models the lean path must not take", () => {
  it("runs a second contact type that no group serves (it arrives and waits)", () => {
    // The one group serves only a; b's caller at 5 is offered and never answered.
    const model = compileModel(
      scenarioOf({
        horizon: hour,
        contactTypes: { a: { volume: { times: [0] }, handleTime: fixed(10) }, b: { volume: { times: [5] }, handleTime: fixed(10) } },
        agentGroups: { team: { skills: { a: 1 }, staffing: { constant: 1 } } },
      }),
    );
    expect(leanPathApplies(model)).toBe(false);
    const s = simulate(model, streams(1).fork(0), 0, { plainKernel: false });
    expect([total(s, T.answered, 0), total(s, T.offered, 1), total(s, T.answered, 1), total(s, T.inSystem, 1)]).toEqual([1, 1, 0, 1]);
  });

  it("runs a type whose one group has no skill (the call arrives and waits)", () => {
    const model = compileModel(
      scenarioOf({
        horizon: hour,
        contactTypes: { a: { volume: { times: [0] }, handleTime: fixed(10) } },
        agentGroups: { team: { skills: {}, staffing: { constant: 1 } } },
      }),
    );
    expect(leanPathApplies(model)).toBe(false);
    const s = simulate(model, streams(1).fork(0), 0, { plainKernel: false });
    expect([total(s, T.offered), total(s, T.answered), total(s, T.inSystem)]).toEqual([1, 0, 1]);
  });

  it("declines a model with an overflow rule, as its contract says (even one into the type's own group)", () => {
    // The rule is a no-op here (the group already serves the type), so results cannot tell the
    // paths apart; the predicate's documented condition is all there is to check.
    const model = compileModel(
      scenarioOf({
        horizon: hour,
        contactTypes: { a: { volume: { times: [0] }, handleTime: fixed(10) } },
        agentGroups: { team: { skills: { a: 1 }, staffing: { constant: 1 } } },
        routing: { overflow: [{ type: "a", to: "team", afterWait: 30 }] },
      }),
    );
    expect(leanPathApplies(model)).toBe(false);
  });
});

describe("email reserve: idle agents are those with no contact at all", () => {
  /** Chats of 1000 s (`long`) and 100 s (`short`), emails of 100 s, agents with two chat slots and a reserve of 1. */
  const emailTeam = (agents: number, long: number[], short: number[], emails: number[]) => ({
    horizon: hour,
    contactTypes: {
      long: { channel: "chat", volume: { times: long }, handleTime: fixed(1000), patience: "infinite" },
      short: { channel: "chat", volume: { times: short }, handleTime: fixed(100), patience: "infinite" },
      email: { channel: "email", volume: { times: emails }, handleTime: fixed(100) },
    },
    agentGroups: { team: { skills: { long: 1, short: 1, email: 2 }, concurrency: { max: 2 }, reserveForLive: 1, staffing: { constant: agents } } },
  });

  it("does not count an agent with one chat as idle", () => {
    // Two agents; A takes the chat at 0 (until 1000), B is the only idle one: the email at 100
    // would leave nobody idle, so it waits until A's chat ends at 1000 (B still idle): wait 900.
    const s = run(emailTeam(2, [0], [], [100]));
    expect(total(s, T.waitAnswered, 2)).toBe(900);
  });

  it("counts an agent idle again after its chats end", () => {
    // Three agents. Chats at 0 (A, 1000 s), 10 (B, 100 s), 20 (C, 100 s), 30 (A again, 1000 s).
    // A is full from 30. B and C are idle again from 110 and 120: two idle agents, so the email
    // at 200 may take one (one stays for live contacts) and is answered at once.
    const s = run(emailTeam(3, [0, 30], [10, 20], [200]));
    expect([total(s, T.answered, 2), total(s, T.waitAnswered, 2)]).toEqual([1, 0]);
  });
});

describe("duty periods and breaks", () => {
  it("skips a period that a late break pushes exactly to its end", () => {
    // One shift 0–3600 with a 10-minute break at 600: duty 0–600 and 1200–3600. The call at 0
    // lasts 3000 s, so the break starts at 3000 and would end at 3600, the end of the shift:
    // the agent does not come back, and the call at 3100 is never answered.
    const s = run({
      horizon: { hours: 2 },
      contactTypes: { calls: { volume: { times: [0, 3100] }, handleTime: fixed(3000) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:00", length: "1h", days: "all", count: 1, breaks: [{ after: "10m", length: "10m" }] }] } } },
    });
    expect(total(s, T.answered)).toBe(1);
  });

  it("counts no agent on duty for the announced wait once the shift is over", () => {
    // The only agent works 0–600. A call at 1000 finds nobody on duty: the announced wait is
    // infinite, so a callback is offered (and declined: acceptProbability 0).
    const s = run({
      horizon: hour,
      contactTypes: {
        calls: { volume: { times: [1000] }, handleTime: fixed(100), callback: { offerWhenWaitAbove: "60s", acceptProbability: 0 } },
      },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:00", length: "10m", days: "all", count: 1 }] } } },
    });
    expect(total(s, T.callbacksOffered)).toBe(1);
  });

  it("samples a leaving agent's contacts as not in service, in its own group's column", () => {
    // `late` works 0–600 and takes the call at 500 (until 800) because `early` has nobody.
    // Samples every 100 s: at 600 the agent is still on duty (samples run first), at 700 it is
    // leaving, at 800 the call ends after the sample (releases run after samples).
    const s = run(
      {
        horizon: hour,
        contactTypes: { calls: { volume: { times: [500] }, handleTime: fixed(300) } },
        agentGroups: {
          early: { skills: { calls: 1 }, staffing: { constant: 0 } },
          late: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:00", length: "10m", days: "all", count: 1 }] } },
        },
      },
      { sampleSeconds: 100 },
    );
    const serving = s.samples!.serving;
    expect([4, 5, 6, 7, 8, 9].map((k) => serving[k * 2 + 1])).toEqual([0, 0, 1, 0, 0, 0]);
    expect(Array.from(serving).filter((_, i) => i % 2 === 0).every((v) => v === 0)).toBe(true);
  });
});

describe("a run stopped early", () => {
  // maxEvents 1: the arrival at 100 runs, the one at 200 hits the limit with the clock at 100.
  const stopped = (warmup: string) =>
    run({
      horizon: hour,
      intervalMinutes: 15,
      warmup,
      contactTypes: { calls: { volume: { times: [100, 200] }, handleTime: fixed(100) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 0 } } },
      limits: { maxEvents: 1 },
    });

  it("keeps the queue integral from the warm-up on when it stops before the warm-up ends", () => {
    // Warm-up 600 s: the caller waiting from 100 counts from 600, and the run stopped at 100,
    // so nothing was waited in counted time: 300 s credited ahead (600–900), all taken back.
    const s = stopped("600s");
    expect([s.status, s.endTime]).toEqual(["event-limit", 100]);
    expect(s.typeCounters[typeIndex(s, 0, 0, T.queueArea)]).toBe(0);
  });

  it("takes back nothing when the warm-up ends after the interval", () => {
    // Warm-up 1000 s, past the first interval's end (900): nothing was credited, nothing taken back.
    const s = stopped("1000s");
    expect(s.status).toBe("event-limit");
    expect(s.typeCounters[typeIndex(s, 0, 0, T.queueArea)]).toBe(0);
  });
});

describe("equalities at thresholds", () => {
  const warmupModel = {
    horizon: hour,
    warmup: "100s",
    contactTypes: { calls: { volume: { times: [0] }, handleTime: fixed(100) } },
    agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
  };

  it("counts a conversation ending exactly at the warm-up's end as handled by the group (lean path)", () => {
    expect(leanPathApplies(compileModel(scenarioOf(warmupModel)))).toBe(true);
    expect(groupTotal(run(warmupModel), G.handled)).toBe(1);
  });

  it("counts a conversation ending exactly at the warm-up's end as handled by the group (general path)", () => {
    expect(groupTotal(traced(warmupModel).stats, G.handled)).toBe(1);
  });

  it("counts a wait exactly at the service-level threshold as within it (lean path)", () => {
    // The agent is busy 0–100; the caller at 80 waits exactly 20 s, the threshold.
    const s = run({
      horizon: hour,
      serviceLevel: { thresholdSeconds: 20 },
      contactTypes: { calls: { volume: { times: [0, 80] }, handleTime: fixed(100) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });
    expect([total(s, T.answered), total(s, T.answeredWithin), groupTotal(s, G.answeredWithinSla)]).toEqual([2, 2, 2]);
  });

  for (const path of ["lean", "general"] as const) {
    it(`leaves every contact unresolved with a group FCR of 0 (${path} path)`, () => {
      // The type resolves everything (fcr 1, so no draw is made), the group overrides it with 0.
      const model = {
        horizon: hour,
        contactTypes: { calls: { volume: { times: [0, 10] }, handleTime: fixed(100), resolution: { repeatProbability: 0 } } },
        agentGroups: { team: { skills: { calls: 1 }, fcr: 0, staffing: { constant: 2 } } },
      };
      const s = path === "lean" ? run(model) : traced(model).stats;
      expect([total(s, T.handled), total(s, T.resolved), total(s, T.unresolved)]).toEqual([2, 0, 2]);
    });
  }
});

describe("opening hours at their edges", () => {
  const opening = (times: number[]) =>
    run({
      horizon: { hours: 24 },
      contactTypes: { calls: { volume: { times }, handleTime: fixed(100), openHours: { from: "08:00", to: "18:00" } } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });

  it("takes a contact arriving exactly at the opening time", () => {
    const s = opening([8 * 3600]);
    expect([total(s, T.closed), total(s, T.offered), total(s, T.waitAnswered)]).toEqual([0, 1, 0]);
  });

  it("turns away a contact arriving exactly at the closing time", () => {
    // The customer tries again after the next opening, past this one-day horizon.
    const s = opening([18 * 3600]);
    expect([total(s, T.closed), total(s, T.offered)]).toEqual([1, 0]);
  });
});

describe("the trace of a callback in wrap-up at the horizon", () => {
  it("writes no unfinished row for a completed callback whose wrap-up the horizon cuts", () => {
    // Handle 1500 s, wrap-up 400 s, dialling 10 s, one agent. Call 1 at 0: talk 0–1500, wrap to
    // 1900. Call 2 at 10 is offered a callback (announced wait 1900 s > 60 s) and accepts; at 1900
    // the agent dials, the customer answers at 1910, talks to 3410 and wraps up past the horizon.
    const { rows } = traced({
      horizon: hour,
      contactTypes: {
        calls: {
          volume: { times: [0, 10] },
          handleTime: fixed(1500),
          wrapUp: fixed(400),
          callback: { offerWhenWaitAbove: "60s", acceptProbability: 1, answerProbability: 1, dialTime: fixed(10) },
        },
      },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
    });
    expect(rows.map((r) => [r.outcome, r.talkStart, r.talkEnd])).toEqual([
      ["answered", 0, 1500],
      ["callback-completed", 1910, 3410],
    ]);
  });
});

describe("day-to-day busyness", () => {
  it("multiplies a constant hourly rate by the day's busyness factor", () => {
    // perHour 600 over one day with overdispersion 0.8: the day's factor b is the first gamma(1,
    // 0.8) draw of the type's busyness stream, and the count is Poisson(600 × 24 × b). For seed 3
    // b is far from 1, so a rate without it (mean 14,400) is many standard deviations away.
    const seed = 3;
    const b = gamma(1, 0.8).sample(streams(seed).fork(0).fork("calls").fork("busyness").stream());
    const mean = 600 * 24 * b;
    expect(Math.abs(b - 1)).toBeGreaterThan(0.2);
    const s = run(
      {
        horizon: { hours: 24 },
        contactTypes: { calls: { volume: { perHour: 600, overdispersion: 0.8 }, handleTime: fixed(1) } },
        agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 1 } } },
      },
      {},
      seed,
    );
    // 5 standard deviations of a Poisson count.
    expect(Math.abs(total(s, T.offered) - mean)).toBeLessThan(5 * Math.sqrt(mean));
  });
});
