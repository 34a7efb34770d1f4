/**
 * The engine's lean path (engine.ts, `leanPathApplies`) must give exactly what the general
 * handlers give. A trace callback switches the lean path off, so each model here runs twice, once
 * with an empty trace, and every counter, histogram bin and total must be bit-identical.
 * The models are the plainest ones the lean path takes, each with one feature it still handles
 * through the general code or the shared state switched on.
 */
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/scenario/schema.js";
import { leanPathApplies, simulate } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import type { ReplicationStats } from "../../src/sim/stats.js";
import { bundledScenario, scenarioOf } from "../helpers.js";

const base = (calls: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, team: Record<string, unknown> = {}) => ({
  horizon: { hours: 12 },
  intervalMinutes: 30,
  contactTypes: { calls: { volume: { perHour: 180 }, handleTime: { dist: "exponential", mean: 280 }, patience: { dist: "exponential", mean: 150 }, ...calls } },
  agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 14 }, ...team } },
  ...extra,
});

const CASES: Record<string, Record<string, unknown>> = {
  "M/M/c+M": base(),
  "overloaded queue, hourly report intervals": base({ volume: { perHour: 400 } }, { reportIntervalMinutes: 60 }),
  "warm-up": base({}, { warmup: "2h" }),
  "wrap-up and first-contact resolution without repeats": base({ wrapUp: { dist: "uniform", min: 10, max: 60 }, resolution: { fcr: 0.7, repeatProbability: 0 } }),
  "trunk lines and retrials": base({ retrial: { afterAbandon: 0.5, afterBlocked: 0.8, delay: 120, maxAttempts: 3 } }, { trunks: { lines: 18 } }),
  "shifts with breaks": base({}, {}, { staffing: { shifts: [{ start: "00:00", length: "6h", days: "all", count: 9, breaks: [{ after: "2h", length: "30m", window: "1h" }] }, { start: "04:00", length: "8h", days: "all", count: 7 }] } }),
  "arrival limit": base({}, { horizon: { hours: 12, maxArrivals: 700 } }),
};

const BUNDLED = ["mmc.yaml", "mmcm.yaml", "erlang-b.yaml", "time-varying.yaml"];


/** Everything a replication's KPIs are computed from. */
function outputs(s: ReplicationStats) {
  return {
    status: s.status,
    endTime: s.endTime,
    events: s.events,
    peakInSystem: s.peakInSystem,
    typeCounters: Array.from(s.typeCounters),
    groupCounters: Array.from(s.groupCounters),
    waitHist: Array.from(s.waitHist),
    segmentCounters: Array.from(s.segmentCounters),
  };
}

function expectSameOnBothPaths(scenario: Scenario): void {
  const model = compileModel(scenario);
  expect(leanPathApplies(model)).toBe(true);
  expect(leanPathApplies(model, { trace: () => {} })).toBe(false);
  for (const replication of [0, 1]) {
    // The plainest of these models would take the plain kernel (plain-kernel.ts, tested on its own).
    const lean = simulate(model, streams(7).fork(replication), replication, { plainKernel: false });
    const general = simulate(model, streams(7).fork(replication), replication, { trace: () => {} });
    expect(lean.events).toBeGreaterThan(0);
    // toStrictEqual tells -0 from 0 and NaN from NaN by Object.is: bit-identical results.
    expect(outputs(lean)).toStrictEqual(outputs(general));
  }
}

describe("the lean path gives exactly the general path's results", () => {
  for (const [name, input] of Object.entries(CASES)) it(name, () => expectSameOnBothPaths(scenarioOf(input)));
  for (const file of BUNDLED) it(`scenarios/${file}`, () => expectSameOnBothPaths(bundledScenario(file)));
});

describe("which models take the lean path", () => {
  const takes = (input: Record<string, unknown>) => leanPathApplies(compileModel(scenarioOf(input)));
  it("not with repeats, IVR, callbacks, deflection, segments or two groups", () => {
    expect(takes(base())).toBe(true);
    expect(takes(base({ resolution: { fcr: 0.7 } }))).toBe(false);
    expect(takes(base({ ivr: { containment: 0.3 } }, { ivr: { ports: 20, menuTime: 30 } }))).toBe(false);
    expect(takes(base({ callback: { offerWhenWaitAbove: 30, acceptProbability: 0.5 } }))).toBe(false);
    expect(takes(base({ deflection: 0.2 }))).toBe(false);
    expect(takes(base({ segments: { vip: { share: 0.2, priority: 1 }, std: { share: 0.8, priority: 0 } } }))).toBe(false);
    expect(takes({ ...base(), agentGroups: { a: { skills: { calls: 1 }, staffing: { constant: 7 } }, b: { skills: { calls: 1 }, staffing: { constant: 7 } } } })).toBe(false);
  });
});
