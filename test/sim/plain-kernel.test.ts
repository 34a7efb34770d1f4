/**
 * The plain kernel (plain-kernel.ts) must give exactly what the general engine gives. A trace
 * callback sends a model through the general handlers (and `plainKernel: false` through the
 * engine's lean path), so each model here runs through all three and
 * every counter, histogram bin and total must be bit-identical, for several seeds and
 * replications. The models are the ones the kernel takes, each with one feature it handles
 * switched on, and each run stopped every way a run can stop.
 */
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/scenario/schema.js";
import { RANKS, leanPathApplies, simulate } from "../../src/sim/engine.js";
import type { RunModel } from "../../src/sim/model.js";
import { compileModel } from "../../src/sim/model.js";
import { ABANDON_RANK, RELEASE_RANK, plainKernelApplies, simulatePlain } from "../../src/sim/plain-kernel.js";
import { streams } from "../../src/sim/random.js";
import type { ReplicationStats } from "../../src/sim/stats.js";
import { bundledScenario, scenarioOf } from "../helpers.js";

const base = (calls: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, team: Record<string, unknown> = {}) => ({
  horizon: { hours: 6 },
  intervalMinutes: 30,
  contactTypes: { calls: { volume: { perHour: 180 }, handleTime: { dist: "exponential", mean: 280 }, patience: { dist: "exponential", mean: 150 }, ...calls } },
  agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 14 }, ...team } },
  ...extra,
});

const CASES: Record<string, Record<string, unknown>> = {
  "M/M/c+M": base(),
  "overloaded queue, hourly report intervals": base({ volume: { perHour: 400 } }, { reportIntervalMinutes: 60 }),
  "a long queue (the waiting ring grows)": base({ volume: { perHour: 3000 }, patience: { dist: "exponential", mean: 3600 } }, {}, { staffing: { constant: 3 } }),
  "warm-up, report intervals longer than calls": base({}, { warmup: "2h", intervalMinutes: 15, reportIntervalMinutes: 15 }),
  "warm-up not on an interval edge": base({ handleTime: { dist: "exponential", mean: 900 } }, { warmup: "95m", reportIntervalMinutes: 30 }),
  "wrap-up and first-contact resolution without repeats": base({ wrapUp: { dist: "uniform", min: 10, max: 60 }, resolution: { fcr: 0.7, repeatProbability: 0 } }),
  "a group's own resolution rate": base({ resolution: { repeatProbability: 0 } }, {}, { fcr: 0.6 }),
  "trunk lines": base({}, { trunks: { lines: 16 } }),
  "no patience (nobody hangs up)": base({ patience: undefined, volume: { perHour: 170 } }),
  "constant handle and patience times (ties at equal times)": base({ handleTime: { dist: "deterministic", mean: 240 }, patience: { dist: "deterministic", mean: 60 }, volume: { perHour: 220 } }, {}, { staffing: { constant: 12 } }),
  "constant wrap-up and handle times on a minute grid": base({ handleTime: { dist: "deterministic", mean: 300 }, wrapUp: { dist: "deterministic", mean: 60 } }, { intervalMinutes: 15, reportIntervalMinutes: 15 }),
  "no agents": base({}, {}, { staffing: { constant: 0 } }),
  "callers from before the warm-up still waiting at the end": base({ patience: undefined }, { warmup: "1h" }, { staffing: { constant: 0 } }),
  "ramp-up handle factors": base({}, { sites: { home: { type: "inhouse", hiring: { attritionPerYear: 2, rampWeeks: 8, rampHandleTimeFactor: 1.4 } } } }, { site: "home", handleTimeFactor: 1.1 }),
  "arrival limit": base({}, { horizon: { hours: 6, maxArrivals: 500 } }),
  "in-system limit (overloaded)": base({ volume: { perHour: 2000 }, patience: { dist: "exponential", mean: 7200 } }, { limits: { maxInSystem: 300 } }),
};

const BUNDLED = ["mmc.yaml", "mmcm.yaml", "erlang-b.yaml"];


/** Everything a replication's KPIs are computed from. */
function outputs(s: ReplicationStats) {
  return {
    replication: s.replication,
    status: s.status,
    endTime: s.endTime,
    events: s.events,
    peakInSystem: s.peakInSystem,
    types: s.types,
    groups: s.groups,
    reportIntervalSeconds: s.reportIntervalSeconds,
    reportIntervals: s.reportIntervals,
    segments: s.segments,
    samples: s.samples,
    typeCounters: Array.from(s.typeCounters),
    groupCounters: Array.from(s.groupCounters),
    waitHist: Array.from(s.waitHist),
    segmentCounters: Array.from(s.segmentCounters),
  };
}

const general = { trace: () => {} };

function expectSame(model: RunModel, seed: number, replication: number, options: { shouldStop?: () => boolean } = {}): ReplicationStats {
  const kernel = simulatePlain(model, streams(seed).fork(replication), replication, options);
  const engine = simulate(model, streams(seed).fork(replication), replication, { ...general, ...options });
  // toStrictEqual tells -0 from 0 and NaN from NaN by Object.is: bit-identical results.
  expect(outputs(kernel)).toStrictEqual(outputs(engine));
  // And the engine's lean path, which these models take without the kernel.
  expect(outputs(simulate(model, streams(seed).fork(replication), replication, { ...options, plainKernel: false }))).toStrictEqual(outputs(kernel));
  return kernel;
}

function expectSameEverywhere(scenario: Scenario): void {
  const model = compileModel(scenario);
  expect(plainKernelApplies(model)).toBe(true);
  expect(leanPathApplies(model)).toBe(true);
  for (const [seed, replication] of [[7, 0], [7, 1], [2026, 3]]) {
    const full = expectSame(model, seed, replication);
    expect(full.events).toBeGreaterThan(0);
    // The default path takes the kernel and gives the same.
    expect(outputs(simulate(model, streams(seed).fork(replication), replication))).toStrictEqual(outputs(full));
  }
}

describe("the plain kernel gives exactly the general engine's results", () => {
  for (const [name, input] of Object.entries(CASES)) it(name, () => expectSameEverywhere(scenarioOf(input)));
  for (const file of BUNDLED) it(`scenarios/${file}`, () => expectSameEverywhere(bundledScenario(file)));

  it("runs stopped by the event limit, at every kind of event", () => {
    const model = compileModel(scenarioOf(base({ wrapUp: { dist: "exponential", mean: 30 } }, { warmup: "1h", reportIntervalMinutes: 60 })));
    const full = simulatePlain(model, streams(7).fork(0), 0);
    const statuses = new Set<string>();
    // 0 and 5: among the agents coming on duty; the rest spread over the run's events.
    for (const maxEvents of [0, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 137, 1001, 2002, 3003, full.events - 1, full.events]) {
      const limited = { ...model, maxEvents };
      statuses.add(expectSame(limited, 7, 0).status);
    }
    expect([...statuses].sort()).toEqual(["complete", "event-limit"]);
  });

  it("a run stopped by the event limit at a report interval's end", () => {
    const model = compileModel(scenarioOf(base({}, { reportIntervalMinutes: 60 })));
    const edge = model.reportIntervalSeconds;
    // The end time grows with the limit: the smallest limit whose run reaches the first edge stops on the interval's end itself.
    let lo = 1;
    let hi = simulatePlain(model, streams(7).fork(0), 0).events;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (simulatePlain({ ...model, maxEvents: mid }, streams(7).fork(0), 0).endTime >= edge) hi = mid;
      else lo = mid + 1;
    }
    const stopped = expectSame({ ...model, maxEvents: lo }, 7, 0);
    expect(stopped.status).toBe("event-limit");
    expect(stopped.endTime).toBe(edge);
    expect(expectSame({ ...model, maxEvents: lo - 1 }, 7, 0).endTime).toBeLessThan(edge);
    // A limit of exactly the interval end's number lets it run, and stops at the next event.
    expect(expectSame({ ...model, maxEvents: lo + 1 }, 7, 0).endTime).toBeGreaterThan(edge);
  });

  it("runs interrupted by shouldStop", () => {
    const model = compileModel(scenarioOf(base({ volume: { perHour: 6000 }, patience: { dist: "exponential", mean: 20 } }, {}, { staffing: { constant: 400 } })));
    let kernelCalls = 0;
    let engineCalls = 0;
    const kernel = simulatePlain(model, streams(7).fork(0), 0, { shouldStop: () => ++kernelCalls === 1 });
    const engine = simulate(model, streams(7).fork(0), 0, { ...general, shouldStop: () => ++engineCalls === 1 });
    expect(kernel.status).toBe("interrupted");
    expect(kernel.events).toBe(65536);
    expect(outputs(kernel)).toStrictEqual(outputs(engine));
    // Asked and never stopping: the same as no question.
    expect(outputs(simulatePlain(model, streams(7).fork(0), 0, { shouldStop: () => false }))).toStrictEqual(outputs(simulatePlain(model, streams(7).fork(0), 0)));
  });

  it("overloaded runs stop where the engine stops", () => {
    const model = compileModel(scenarioOf(CASES["in-system limit (overloaded)"]));
    expect(expectSame(model, 7, 0).status).toBe("overloaded");
  });

  it("uses the calendar's ranks", () => {
    expect(RANKS[RELEASE_RANK]).toBe("release");
    expect(RANKS[ABANDON_RANK]).toBe("abandon");
  });
});

describe("which models take the plain kernel", () => {
  const takes = (input: Record<string, unknown>, options = {}) => plainKernelApplies(compileModel(scenarioOf(input)), options);
  it("the plainest ones, without trace or samples", () => {
    expect(takes(base())).toBe(true);
    expect(takes(base(), { trace: () => {} })).toBe(false);
    expect(takes(base(), { sampleSeconds: 60 })).toBe(false);
    expect(takes(base(), { plainKernel: false })).toBe(false);
    expect(takes(base(), { plainKernel: true })).toBe(true);
  });
  it("not with the lean path's general features: retrials, shifts, partial agents, time-varying or overdispersed arrivals", () => {
    expect(takes(base({ retrial: { afterAbandon: 0.5, afterBlocked: 0.8, delay: 120, maxAttempts: 3 } }, { trunks: { lines: 18 } }))).toBe(false);
    expect(takes(base({}, {}, { staffing: { shifts: [{ start: "00:00", length: "4h", days: "all", count: 9 }] } }))).toBe(false);
    expect(takes(base({}, {}, { staffing: { constant: 14 }, shrinkage: 0.3 }))).toBe(false);
    expect(takes(base({}, {}, { staffing: { constant: 14 }, shrinkage: 0.25 }))).toBe(false);
    expect(takes(base({ volume: { daily: 4000, intraday: Array.from({ length: 48 }, (_, i) => 1 + (i % 4)) } }))).toBe(false);
    expect(plainKernelApplies(compileModel(bundledScenario("time-varying.yaml")))).toBe(false);
    expect(takes(base({ volume: { perHour: 180, overdispersion: 0.2 } }))).toBe(false);
    expect(takes(base({ volume: { perHour: 0 } }))).toBe(false);
  });
  it("not with repeats, IVR, callbacks, deflection, segments, opening hours or two groups", () => {
    expect(takes(base({ resolution: { fcr: 0.7 } }))).toBe(false);
    expect(takes(base({ ivr: { containment: 0.3 } }, { ivr: { ports: 20, menuTime: 30 } }))).toBe(false);
    expect(takes(base({ callback: { offerWhenWaitAbove: 30, acceptProbability: 0.5 } }))).toBe(false);
    expect(takes(base({ deflection: 0.2 }))).toBe(false);
    expect(takes(base({ segments: { vip: { share: 0.2, priority: 1 }, std: { share: 0.8, priority: 0 } } }))).toBe(false);
    expect(takes({ ...base(), agentGroups: { a: { skills: { calls: 1 }, staffing: { constant: 7 } }, b: { skills: { calls: 1 }, staffing: { constant: 7 } } } })).toBe(false);
  });
  it("an ineligible model runs on the general engine: the same as with the kernel switched off", () => {
    const model = compileModel(scenarioOf(base({ retrial: { afterAbandon: 0.5, afterBlocked: 0.8, delay: 120, maxAttempts: 3 } })));
    expect(plainKernelApplies(model)).toBe(false);
    // The kernel leaves retrials out, so had the model taken it, the results would differ.
    expect(outputs(simulatePlain(model, streams(7).fork(0), 0))).not.toStrictEqual(outputs(simulate(model, streams(7).fork(0), 0)));
    expect(outputs(simulate(model, streams(7).fork(0), 0))).toStrictEqual(outputs(simulate(model, streams(7).fork(0), 0, general)));
  });
});

describe("each condition of the kernel's eligibility", () => {
  const model = compileModel(scenarioOf(base()));
  const t = model.types[0];
  const g = model.groups[0];
  const withType = (change: Record<string, unknown>) => ({ ...model, types: [{ ...t, ...change }] }) as unknown as RunModel;
  const withGroup = (change: Record<string, unknown>) => ({ ...model, groups: [{ ...g, ...change }] }) as unknown as RunModel;
  const period = (start: number, end: number) => ({ start, end, endsShift: true });
  it("the base model is taken", () => expect(plainKernelApplies(model)).toBe(true));
  const refused: Record<string, RunModel> = {
    "two types": { ...model, types: [t, { ...t, index: 1, name: "more" }] } as RunModel,
    "a chat type": withType({ channel: "chat" }),
    IVR: withType({ ivr: { menuTime: t.handle, containment: 0.2, containmentByInterval: null, containedTime: null, failedExtra: null } }),
    callbacks: withType({ callback: { offerWhenWaitAbove: 30 } }),
    retrials: withType({ retrial: { afterBlocked: 0.5, afterAbandon: 0.5, delay: t.handle, maxAttempts: 2 } }),
    repeats: withType({ fcr: 0.7, repeatProbability: 0.5 }),
    "repeats after the group's resolution": withGroup({ fcr: 0.7 }),
    deflection: withType({ deflection: 0.1 }),
    "opening hours": withType({ openSpans: new Float64Array([0, 3600]) }),
    "a handle-time profile": withType({ handleFactorByInterval: new Float64Array([1, 1.2]) }),
    overflow: withType({ overflow: [{ group: 0, afterWait: 30, priority: 1 }] }),
    segments: withType({ segmentCumShare: new Float64Array([0.5, 1]) }),
    "two skills": withGroup({ skills: [...g.skills, { type: 1, priority: 2, minWait: 0 }] }),
    "a skill of another type": withGroup({ skills: [{ type: 1, priority: 1, minWait: 0 }] }),
    "a skill with a minimum wait": withGroup({ skills: [{ type: 0, priority: 1, minWait: 10 }] }),
    "replayed arrivals": withType({ arrivals: { ...t.arrivals, replayTimes: new Float64Array([1, 2]) } }),
    overdispersion: withType({ arrivals: { ...t.arrivals, overdispersion: 0.2 } }),
    "no arrival rates": withType({ arrivals: { ...t.arrivals, ratePerInterval: new Float64Array(0) } }),
    "an agent with two periods": withGroup({ agents: [[period(0, 100), period(200, model.horizon)], ...g.agents.slice(1)] }),
    "an agent coming on later": withGroup({ agents: [...g.agents.slice(1), [period(60, model.horizon)]] }),
    "an agent leaving early": withGroup({ agents: [...g.agents.slice(1), [period(0, model.horizon - 1)]] }),
  };
  for (const [name, m] of Object.entries(refused)) it(`refused: ${name}`, () => expect(plainKernelApplies(m)).toBe(false));
  it("taken: an agent on duty past the horizon, and repeats that never happen", () => {
    expect(plainKernelApplies(withGroup({ agents: [...g.agents.slice(1), [period(0, model.horizon + 1)]] }))).toBe(true);
    expect(plainKernelApplies(withType({ fcr: 0.7, repeatProbability: 0 }))).toBe(true);
    expect(plainKernelApplies(withGroup({ fcr: 1 }))).toBe(true);
  });
});
