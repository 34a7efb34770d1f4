/**
 * The forecast's formulas on hand-computed cases: contacts reaching agents after deflection, IVR
 * containment and repeats at steady state; a mix of types pooled as rate-weighted means; the
 * share of the best skill tier; what lower tiers and overflow groups get (Erlang C's P(wait)
 * and 1 − SL(t) = C·e^(−(c − a)t/h), computed here from erlangC); and elastic staffing as the
 * fewest agents meeting the service level, over (1 − shrinkage).
 */
import { describe, expect, it } from "vitest";
import { erlangC } from "../../src/models/erlang.js";
import { bestTierShare, contactRate, elasticStaffing, pooledForecast, spillRates, traitsOf, type GroupTraits } from "../../src/sim/forecast.js";
import { compileModel } from "../../src/sim/model.js";
import { scenarioOf } from "../helpers.js";

const HOUR = 3600;
const voice: GroupTraits = { handleTimeFactor: 1, concurrency: 1, slowdown: 0, fcr: null };

/** A one-hour-interval scenario's compiled types and its parsed scenario. */
function compiled(input: Record<string, unknown>) {
  const s = scenarioOf({ horizon: { hours: 2 }, intervalMinutes: 60, ...input });
  return { s, m: compileModel(s) };
}

describe("contacts reaching agents", () => {
  const { m } = compiled({
    ivr: { menuTime: 10 },
    contactTypes: {
      calls: { volume: { perHour: 360 }, handleTime: 200, deflection: 0.1, ivr: { containment: 0.25 }, resolution: { fcr: 0.8, repeatProbability: 0.5, repeatDelay: 3600 } },
      again: { volume: { perHour: 360 }, handleTime: 200, resolution: { fcr: 0, repeatProbability: 1, repeatDelay: 3600 } },
    },
    agentGroups: { team: { skills: { calls: 1, again: 1 }, staffing: { constant: 50 } } },
  });

  it("is the arrival rate × (1 − deflection) × (1 − containment) / (1 − (1 − FCR) × repeat probability)", () => {
    // 0.1/s × 0.9 × 0.75 / (1 − 0.2 × 0.5)
    expect(contactRate(m.types[0], 0)).toBeCloseTo((0.1 * 0.9 * 0.75) / 0.9, 12);
    // A group's FCR of 0.6 instead: / (1 − 0.4 × 0.5)
    expect(contactRate(m.types[0], 1, 0.6)).toBeCloseTo((0.1 * 0.9 * 0.75) / 0.8, 12);
  });

  it("caps the repeats at 20 per fresh contact when none is ever resolved", () => {
    expect(contactRate(m.types[1], 0)).toBeCloseTo(0.1 / 0.05, 9);
  });
});

describe("a mix of contact types as one forecast", () => {
  const { m } = compiled({
    ivr: { menuTime: 10 },
    contactTypes: {
      a: { volume: { perHour: 60 }, handleTime: 100, wrapUp: 10, patience: 60, ivr: { containment: 0.2, failedSelfServiceExtra: 30 } },
      b: { volume: { perHour: 60 }, handleTime: 400, wrapUp: 40, patience: 300 },
      c: { volume: { perHour: 60 }, handleTime: 50 },
      peak: { volume: { perHour: 60 }, handleTime: 100, patience: 60, handleTimeByInterval: Array.from({ length: 24 }, (_, h) => (h === 1 ? 2 : 1)) },
      chat: { channel: "chat", volume: { perHour: 60 }, handleTime: 600, patience: 120 },
    },
    agentGroups: { team: { skills: { a: 1, b: 1, c: 1, peak: 1 }, staffing: { constant: 5 } }, chatters: { skills: { chat: 1 }, concurrency: { max: 3, slowdown: 0.2 }, staffing: { constant: 5 } } },
  });
  const [a, b, c, peak, chat] = m.types;

  it("adds the rates and takes rate-weighted means of talk (with the IVR's extra and the group's factor), wrap-up and patience", () => {
    const f = pooledForecast([{ t: a, rate: 1 }, { t: b, rate: 3 }], { ...voice, handleTimeFactor: 1.5 }, 0);
    expect(f.arrivalRate).toBe(4);
    expect(f.meanTalk).toBeCloseTo((1.5 * (1 * (100 + 30) + 3 * 400)) / 4, 9);
    expect(f.meanWrap).toBeCloseTo((10 + 3 * 40) / 4, 9);
    expect(f.meanPatience).toBeCloseTo((60 + 3 * 300) / 4, 9);
    expect(f.concurrency).toBe(1);
    expect(f.slowdown).toBe(0);
  });

  it("multiplies the talk time by the type's handle-time factor of the interval", () => {
    expect(pooledForecast([{ t: peak, rate: 1 }], voice, 0).meanTalk).toBeCloseTo(100, 9);
    expect(pooledForecast([{ t: peak, rate: 1 }], voice, 1).meanTalk).toBeCloseTo(200, 9);
  });

  it("has no finite patience when one type never abandons, and leaves out types with no contacts", () => {
    expect(pooledForecast([{ t: a, rate: 1 }, { t: c, rate: 1 }], voice, 0).meanPatience).toBeNull();
    const f = pooledForecast([{ t: a, rate: 2 }, { t: c, rate: 0 }, { t: b, rate: -1 }], voice, 0);
    expect(f.arrivalRate).toBe(2);
    expect(f.meanTalk).toBeCloseTo(130, 9);
    expect(f.meanPatience).toBeCloseTo(60, 9);
  });

  it("is empty without contacts", () => {
    expect(pooledForecast([{ t: a, rate: 0 }], voice, 0)).toEqual({ arrivalRate: 0, meanTalk: 0, meanWrap: 0, meanPatience: null, concurrency: 1, slowdown: 0 });
  });

  it("takes the group's concurrency and slowdown for chat only", () => {
    const chatters = { ...voice, concurrency: 3, slowdown: 0.2 };
    expect(pooledForecast([{ t: chat, rate: 1 }], chatters, 0)).toMatchObject({ concurrency: 3, slowdown: 0.2 });
    expect(pooledForecast([{ t: a, rate: 1 }, { t: chat, rate: 1 }], chatters, 0)).toMatchObject({ concurrency: 3, slowdown: 0.2 });
    expect(pooledForecast([{ t: a, rate: 1 }], chatters, 0)).toMatchObject({ concurrency: 1, slowdown: 0 });
  });
});

describe("a group's traits", () => {
  it("reads handle-time factor, concurrency, slowdown and FCR from the group", () => {
    const { s } = compiled({
      contactTypes: { chat: { channel: "chat", volume: { perHour: 60 }, handleTime: 600 } },
      agentGroups: { team: { skills: { chat: 1 }, handleTimeFactor: 1.2, fcr: 0.7, concurrency: { max: 3, slowdown: 0.2 }, staffing: { constant: 5 } }, other: { skills: { chat: 1 }, staffing: { constant: 1 } } },
    });
    expect(traitsOf(s.agentGroups.team)).toEqual({ handleTimeFactor: 1.2, concurrency: 3, slowdown: 0.2, fcr: 0.7 });
    expect(traitsOf(s.agentGroups.other).fcr).toBeNull();
  });
});

/** Calls at 360/h with 200 s handle and no patience; first tier a and b, second tier c, d and e; f without the skill. */
const tiers = compiled({
  contactTypes: { calls: { volume: { perHour: 360 }, handleTime: { dist: "exponential", mean: 200 } } },
  agentGroups: {
    a: { skills: { calls: 1 }, staffing: { constant: 12 } },
    b: { skills: { calls: 1 }, staffing: { constant: 12 } },
    c: { skills: { calls: 2 }, staffing: { constant: 3 } },
    d: { skills: { calls: 2 }, staffing: { constant: 3 } },
    e: { skills: { calls: 2 }, staffing: { constant: 3 } },
    f: { skills: {}, staffing: { constant: 3 } },
  },
});

describe("the best tier's share", () => {
  it("splits a type evenly among the groups of its best tier and gives the others none", () => {
    const t = tiers.m.types[0];
    expect([0, 1, 2, 3, 4, 5].map((g) => bestTierShare(t, g))).toEqual([0.5, 0.5, 0, 0, 0, 0]);
    // A type no group serves gives no group a share.
    expect(bestTierShare({ ...t, primaryGroups: new Int32Array(0), primaryPriority: new Int32Array(0) }, 0)).toBe(0);
  });
});

describe("what lower tiers and overflow groups get", () => {
  const t = tiers.m.types[0];
  const traits = Object.values(tiers.s.agentGroups).map(traitsOf);
  // The load of 0.1/s × 200 s = 20 erlangs on the first tier's a + b = 10 + 12 agents.
  const productive = (g: number) => [[10, 10], [12, 12], [3, 3], [3, 3], [3, 3], [0, 0]][g];

  it("gives a lower tier the calls that find the tiers above busy (P(wait)), split among its groups", () => {
    const [spill] = spillRates({ types: tiers.m.types, traits, productive }, 2, 0, []);
    expect(spill.t).toBe(t);
    expect(spill.rate).toBeCloseTo((0.1 * erlangC(22, 20)) / 3, 12);
  });

  it("gives all of the calls when the staffing above is not known", () => {
    // a alone (30 agents) could carry the 20 erlangs, but b's staffing is not known.
    const [spill] = spillRates({ types: tiers.m.types, traits, productive: (g) => (g === 1 ? null : g === 0 ? [30, 30] : productive(g)) }, 3, 1, []);
    expect(spill.rate).toBeCloseTo(0.1 / 3, 12);
  });

  it("forecasts the tiers above with their own traits, not the lower tier's", () => {
    const slow = traits.map((g, i) => (i === 2 ? { ...g, handleTimeFactor: 1.5 } : g));
    const [spill] = spillRates({ types: tiers.m.types, traits: slow, productive }, 2, 0, []);
    expect(spill.rate).toBeCloseTo((0.1 * erlangC(22, 20)) / 3, 12);
  });

  it("gives all of a type's calls to its overflow group when no group serves it first", () => {
    const t0 = tiers.m.types[0];
    const alone = { ...t0, primaryGroups: new Int32Array(0), primaryPriority: new Int32Array(0) };
    const [spill] = spillRates({ types: [alone], traits, productive }, 5, 0, [{ type: 0, afterWait: 30 }]);
    expect(spill.rate).toBeCloseTo(0.1, 12);
  });

  it("gives an overflow group the calls not answered within its wait, 1 − SL(t) = C·e^(−(c − a)t/h)", () => {
    const ctx = { types: tiers.m.types, traits, productive };
    const [spill] = spillRates(ctx, 5, 0, [{ type: 0, afterWait: 30 }]);
    // Every primary group comes before an overflow group: 10 + 12 + 3 × 3 = 31 agents.
    expect(spill.rate).toBeCloseTo(0.1 * erlangC(31, 20) * Math.exp((-(31 - 20) * 30) / 200), 12);
    // The best tier itself gets no overflow, and nor does a group without a rule.
    expect(spillRates(ctx, 0, 0, [{ type: 0, afterWait: 30 }])).toEqual([]);
    expect(spillRates(ctx, 5, 0, [])).toEqual([]);
  });

  it("gives nothing in an interval without calls", () => {
    const quiet = compiled({
      contactTypes: { calls: { volume: { daily: 360, intraday: [1, ...Array(23).fill(0)] }, handleTime: 200 } },
      agentGroups: { a: { skills: { calls: 1 }, staffing: { constant: 12 } }, c: { skills: { calls: 2 }, staffing: { constant: 3 } } },
    });
    const ctx = { types: quiet.m.types, traits: [voice, voice], productive: () => [12, 12] };
    expect(spillRates(ctx, 1, 0, []).length).toBe(1);
    expect(spillRates(ctx, 1, 1, [])).toEqual([]);
  });
});

describe("what reaches a group when the tiers above serve several types", () => {
  // Calls (0.1/s, 200 s) first to a and b, then c; sales (0.05/s, 200 s) first to a and c; f gets sales' overflow only.
  const two = compiled({
    contactTypes: {
      calls: { volume: { perHour: 360 }, handleTime: { dist: "exponential", mean: 200 } },
      sales: { volume: { perHour: 180 }, handleTime: { dist: "exponential", mean: 200 } },
    },
    agentGroups: {
      a: { skills: { calls: 1, sales: 1 }, staffing: { constant: 20 } },
      b: { skills: { calls: 1 }, staffing: { constant: 20 } },
      c: { skills: { calls: 2, sales: 1 }, staffing: { constant: 5 } },
      f: { skills: {}, staffing: { constant: 3 } },
    },
  });
  const traits = Object.values(two.s.agentGroups).map(traitsOf);
  const productive = (g: number) => [[20, 20], [20, 20], [5, 5], [0, 0]][g];

  it("pools the tiers above with their own best-tier load of other types", () => {
    const spill = spillRates({ types: two.m.types, traits, productive }, 2, 0, []);
    // c is calls' lower tier: a and b (40 agents) carry all of calls (20 erlangs) and a's half of sales (5 erlangs).
    expect(spill.map((x) => x.t.name)).toEqual(["calls"]);
    expect(erlangC(40, 25)).toBeLessThan(0.05);
    expect(spill[0].rate).toBeCloseTo(0.1 * erlangC(40, 25), 12);
  });

  it("gives an overflow group only the types its rules name", () => {
    const spill = spillRates({ types: two.m.types, traits, productive }, 3, 0, [{ type: 1, afterWait: 10 }]);
    expect(spill.map((x) => x.t.name)).toEqual(["sales"]);
  });
});

describe("elastic staffing", () => {
  /** The fewest agents n with SL(20 s) = 1 − C(n, a)·e^(−(n − a)·20/h) ≥ 0.8, by Erlang C. */
  const fewest = (a: number, h: number) => {
    let n = Math.floor(a) + 1;
    while (1 - erlangC(n, a) * Math.exp((-(n - a) * 20) / h) < 0.8) n++;
    return n;
  };

  it("schedules the fewest agents meeting the service level by Erlang C, over (1 − shrinkage), and none without calls", () => {
    const { s, m } = compiled({
      contactTypes: { calls: { volume: { daily: 360, intraday: [1, ...Array(23).fill(0)] }, handleTime: 200 } },
      agentGroups: { vendor: { skills: { calls: 1 }, shrinkage: 0.25, staffing: { elastic: { serviceLevel: 0.8, thresholdSeconds: 20, model: "erlangC" } } } },
      sites: { inhouse: { type: "inhouse" } },
    });
    const plan = elasticStaffing({ types: m.types, traits: [traitsOf(s.agentGroups.vendor)], productive: () => null, intervals: 2 }, 0, s.agentGroups.vendor, []);
    expect(plan).toEqual([Math.ceil(fewest(20, 200) / 0.75), 0]);
  });

  it("staffs a whole number of agents exactly, without rounding up a binary error", () => {
    const { s, m } = compiled({
      contactTypes: { calls: { volume: { perHour: 306 }, handleTime: 200 } },
      agentGroups: { vendor: { skills: { calls: 1 }, shrinkage: 0.3, staffing: { elastic: { serviceLevel: 0.8, thresholdSeconds: 20, model: "erlangC" } } } },
    });
    // 17 erlangs need 21 productive agents; 21 / (1 − 0.3) is 30.000000000000004 in binary: 30 scheduled, not 31.
    expect(fewest(17, 200)).toBe(21);
    expect(21 / (1 - 0.3)).toBeGreaterThan(30);
    const plan = elasticStaffing({ types: m.types, traits: [traitsOf(s.agentGroups.vendor)], productive: () => null, intervals: 2 }, 0, s.agentGroups.vendor, []);
    expect(plan).toEqual([30, 30]);
  });

  it("ignores patience by Erlang C and counts it by Erlang A", () => {
    const spec = (model: string) =>
      compiled({
        contactTypes: { calls: { volume: { perHour: 360 }, handleTime: 200, patience: { dist: "exponential", mean: 60 } } },
        agentGroups: { vendor: { skills: { calls: 1 }, staffing: { elastic: { serviceLevel: 0.8, thresholdSeconds: 20, model } } } },
      });
    const plan = (model: string) => {
      const { s, m } = spec(model);
      return elasticStaffing({ types: m.types, traits: [traitsOf(s.agentGroups.vendor)], productive: () => null, intervals: 1 }, 0, s.agentGroups.vendor, [])[0];
    };
    expect(plan("erlangC")).toBe(fewest(20, 200));
    // Abandonment shortens the queue: Erlang A needs fewer agents for the same target.
    expect(plan("erlangA")).toBeLessThan(fewest(20, 200));
  });
});
