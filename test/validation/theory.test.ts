/**
 * The simulator against queueing theory. Each check compares the mean over independent
 * replications with the exact value, within 4 standard errors of that mean (a false alarm
 * probability below 1e-4 if the simulator is right; seeds are fixed, so it never flakes).
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/replicate.js";
import { erlangAKpis, erlangB, erlangCKpis } from "../../src/models/erlang.js";
import type { Summary } from "../../src/experiment/summary.js";
import { join } from "node:path";
import { iterativeStaffing, withStaffing } from "../../src/experiment/staffing.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";
import { scenarioOf } from "../helpers.js";

function expectWithinSE(s: Summary, theory: number, k = 4) {
  expect(s.n).toBeGreaterThan(5);
  const se = s.sd! / Math.sqrt(s.n);
  expect(Math.abs(s.mean! - theory)).toBeLessThanOrEqual(k * se + 1e-12);
}

describe("the simulator agrees with queueing theory", () => {
  it("reproduces M/M/c (Erlang C): service level and ASA", () => {
    const lambda = 200 / 3600;
    const result = runScenario(
      scenarioOf({
        seed: 11,
        replications: 30,
        horizon: { hours: 48 },
        warmup: "2h",
        intervalMinutes: 60,
        reportIntervalMinutes: 2880,
        contactTypes: { calls: { volume: { perHour: 200 }, handleTime: { dist: "exponential", mean: 180 } } },
        agentGroups: { agents: { skills: { calls: 1 }, staffing: { constant: 14 } } },
      }),
    );
    const theory = erlangCKpis({ arrivalRate: lambda, meanHandle: 180, agents: 14, targetSeconds: 20 });
    if (!theory.stable) throw new Error("unstable");
    const kpis = result.summary.types.calls;
    expectWithinSE(kpis.serviceLevel, theory.serviceLevel);
    expectWithinSE(kpis.asa, theory.asa);
    expectWithinSE(kpis.delayProbability, theory.pWait);
  });

  it("reproduces M/M/c+M (Erlang A): abandonment, ASA and service level", () => {
    const result = runScenario(
      scenarioOf({
        seed: 12,
        replications: 30,
        horizon: { hours: 24 },
        warmup: "1h",
        intervalMinutes: 60,
        reportIntervalMinutes: 1440,
        contactTypes: {
          calls: { volume: { perHour: 1152 }, handleTime: { dist: "exponential", mean: 300 }, patience: { dist: "exponential", mean: 120 } },
        },
        agentGroups: { agents: { skills: { calls: 1 }, staffing: { constant: 100 } } },
      }),
    );
    const theory = erlangAKpis({ arrivalRate: 0.32, meanHandle: 300, meanPatience: 120, agents: 100, targetSeconds: 20 });
    const kpis = result.summary.types.calls;
    expectWithinSE(kpis.abandonRate, theory.abandonRate);
    expectWithinSE(kpis.asa, theory.asa);
    expectWithinSE(kpis.serviceLevel, theory.serviceLevel);
    expectWithinSE(kpis.serviceLevelAnswered, theory.serviceLevelAnswered);
    expectWithinSE(kpis.delayProbability, theory.pWait);
    expectWithinSE(result.summary.groups.agents.occupancy, theory.occupancy);
  });

  it("reproduces M/M/c/c (Erlang B): trunk blocking", () => {
    const result = runScenario(
      scenarioOf({
        seed: 13,
        replications: 30,
        horizon: { hours: 48 },
        warmup: "1h",
        intervalMinutes: 60,
        reportIntervalMinutes: 2880,
        trunks: { lines: 10 },
        contactTypes: { calls: { volume: { perHour: 160 }, handleTime: { dist: "exponential", mean: 180 } } },
        agentGroups: { agents: { skills: { calls: 1 }, staffing: { constant: 10 } } },
      }),
    );
    const kpis = result.summary.types.calls;
    expectWithinSE(kpis.blockingRate, erlangB(10, 8));
    expect(kpis.asa.mean).toBe(0); // as many agents as lines: nobody ever waits
  });

  it("thins the arrival stream by IVR containment", () => {
    const result = runScenario(
      scenarioOf({
        seed: 14,
        replications: 30,
        horizon: { hours: 24 },
        intervalMinutes: 60,
        reportIntervalMinutes: 1440,
        ivr: { menuTime: { dist: "exponential", mean: 40 } },
        contactTypes: { calls: { volume: { perHour: 300 }, handleTime: { dist: "exponential", mean: 240 }, ivr: { containment: 0.3 } } },
        agentGroups: { agents: { skills: { calls: 1 }, staffing: { constant: 40 } } },
      }),
    );
    const kpis = result.summary.types.calls;
    expectWithinSE(kpis.containmentRate, 0.3);
    // Offered calls are Poisson(300 × 24): the count's mean over replications matches.
    expectWithinSE(kpis.offered, 300 * 24);
    // Transferred calls: a Poisson stream of rate 0.7 × 300/h (answered + still in IVR/queue at the end).
    const transferred = result.runs.map((r) => (r.totals.types.calls.answered as number) + (r.totals.types.calls.inSystem as number));
    const mean = transferred.reduce((a, b) => a + b, 0) / transferred.length;
    const se = Math.sqrt(0.7 * 300 * 24 / transferred.length);
    expect(Math.abs(mean - 0.7 * 300 * 24)).toBeLessThan(4 * se);
  });

  it("holds the probability of waiting near target in every interval under sinusoidal demand (iterative staffing)", () => {
    // Feldman, Mandelbaum, Massey & Whitt (2008): staffing each interval from the simulated
    // distribution of contacts in system keeps P(wait) near α through the day. Staffing is an
    // integer, so each interval lands at or somewhat below α.
    const { scenario } = loadScenarioOrThrow(join(import.meta.dirname, "../../scenarios/time-varying.yaml"));
    const alpha = 0.2;
    const isa = iterativeStaffing(scenario, { groups: ["agents"], delayProbability: alpha, replications: 20, seed: 11 });
    expect(isa.converged).toBe(true);
    expect(isa.iterations.length).toBeLessThanOrEqual(10);
    const productive = isa.productive.agents;
    const check = runScenario(withStaffing(scenario, "agents", productive), { replications: 40, seed: 99 });
    const perInterval = check.intervals.types.calls.delayProbability.map((b) => b.mean!);
    for (const p of perInterval) {
      expect(p).toBeGreaterThan(0.03);
      expect(p).toBeLessThan(0.33);
    }
    const mean = perInterval.reduce((a, b) => a + b, 0) / perInterval.length;
    expect(mean).toBeGreaterThan(0.12);
    expect(mean).toBeLessThan(alpha + 0.01);
    // Staffing follows demand: more agents at the peak than in the trough.
    expect(Math.max(...productive)).toBeGreaterThan(2 * Math.min(...productive));
  });
});
