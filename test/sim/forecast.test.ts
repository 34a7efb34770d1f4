/**
 * Staffing forecasts: chat on the slot model with slowdown, and elastic vendors that forecast the
 * load reaching them (overflow, lower skill tiers), each confirmed by simulation on seeds the
 * formulas never saw.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/replicate.js";
import { halfWidth, summarize } from "../../src/experiment/summary.js";

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
import { agentsForTargets, slotHoldingTime } from "../../src/models/targets.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";
import { compileModel } from "../../src/sim/model.js";
import { scenarioOf } from "../helpers.js";

/** The chat queue of issue 12: 120 an hour, 300 s each, three at once, 80% within 60 s, patience 5 minutes. */
const chat = (slowdown: number, staffing: Record<string, unknown>) =>
  scenarioOf({
    seed: 404,
    horizon: { hours: 10 },
    contactTypes: { chat: { channel: "chat", volume: { perHour: 120 }, handleTime: { dist: "exponential", mean: 300 }, serviceLevel: { thresholdSeconds: 60, target: 0.8 } } },
    agentGroups: { agents: { skills: { chat: 1 }, concurrency: { max: 3, slowdown }, staffing } },
  });

describe("chat staffing with concurrency and slowdown", () => {
  it("holds a slot for the slowed talk plus the unslowed wrap-up", () => {
    expect(slotHoldingTime(300, 30, 1, 0.5)).toBe(330);
    expect(slotHoldingTime(300, 0, 3, 0.2)).toBeCloseTo(300 * 1.4, 9);
    // With wrap-up the other slots talk only part of the time: between no slowdown and the full one.
    const t = slotHoldingTime(300, 60, 3, 0.5) - 60;
    expect(t).toBeGreaterThan(300);
    expect(t).toBeLessThan(600);
    expect(t).toBeCloseTo(300 * (1 + (0.5 * 2 * t) / (t + 60)), 6);
  });

  it("asks for more agents as the slowdown grows, and the agents it asks for meet 80/60 in simulation", () => {
    const needed = [0, 0.2, 0.5].map((slowdown) =>
      agentsForTargets({ arrivalRate: 120 / 3600, meanTalk: 300, meanWrap: 0, meanPatience: 300, concurrency: 3, slowdown }, { serviceLevel: { level: 0.8, thresholdSeconds: 60 } }),
    );
    // Dividing the work by the concurrency ignored the slowdown: 5 agents for every case.
    expect(needed[0]).toBeLessThanOrEqual(needed[1]);
    expect(needed[1]).toBeLessThan(needed[2]);
    [0, 0.2, 0.5].forEach((slowdown, k) => {
      const sl = runScenario(chat(slowdown, { constant: needed[k] }), { replications: 10, seed: 9001 }).summary.types.chat.serviceLevel;
      expect(sl.mean! + halfWidth(sl)!, `slowdown ${slowdown}: ${needed[k]} agents`).toBeGreaterThanOrEqual(0.8);
    });
  });

  it("staffs an elastic chat vendor for the slowdown, and it meets its contract in simulation", () => {
    const s = chat(0.5, { elastic: { serviceLevel: 0.8, thresholdSeconds: 60, model: "erlangA" } });
    const agents = compileModel(s).groups[0].agents.length;
    expect(agents).toBeGreaterThan(5);
    const sl = runScenario(s, { replications: 10, seed: 9002 }).summary.types.chat.serviceLevel;
    expect(sl.mean! + halfWidth(sl)!).toBeGreaterThanOrEqual(0.8);
  });
});

describe("elastic vendors forecast the load that reaches them", () => {
  it("staffs an overflow-only vendor for the overflow it gets", () => {
    const { scenario } = loadScenarioOrThrow(join(import.meta.dirname, "../experiment/fixtures/overflow-vendor.yaml"), {
      // The in-house team too small for the peak: calls overflow to the vendor.
      overrides: [{ path: ["agentGroups", "team", "staffing", "constant"], value: 16, label: "test" }],
    });
    const m = compileModel(scenario);
    const vendor = m.groups.find((g) => g.name === "vendor")!;
    expect(vendor.agents.length).toBeGreaterThan(0);
    const result = runScenario(scenario, { replications: 10, seed: 9003 });
    expect(result.summary.groups.vendor.handled.mean).toBeGreaterThan(0);
    // The vendor meets its contract on the calls it gets (its SLA clock starts at the overflow).
    const vi = m.groups.indexOf(vendor);
    const sla = summarize(result.runs.map((r) => sum(r.drivers.answeredWithinSla[vi]) / sum(r.drivers.answered[vi])));
    expect(sla.mean! + halfWidth(sla)!).toBeGreaterThanOrEqual(0.8);
    // And customers abandon far less than without it.
    const without = runScenario({ ...scenario, routing: { overflow: [] } }, { replications: 10, seed: 9003 }).summary.types.calls.abandonRate.mean!;
    expect(result.summary.types.calls.abandonRate.mean!).toBeLessThan(0.7 * without);
  });

  it("staffs a lower-tier elastic vendor for the calls the first tier leaves", () => {
    const s = scenarioOf({
      seed: 5,
      horizon: { hours: 8 },
      contactTypes: { calls: { volume: { perHour: 300 }, handleTime: { dist: "exponential", mean: 240 }, patience: { dist: "exponential", mean: 200 } } },
      agentGroups: {
        team: { skills: { calls: 1 }, staffing: { constant: 18 } },
        vendor: { site: "bpo", skills: { calls: 2 }, staffing: { elastic: { serviceLevel: 0.8, thresholdSeconds: 20, model: "erlangA" } } },
      },
      sites: { inhouse: { type: "inhouse" }, bpo: { type: "vendor", pricing: { per: "handledMinute", rate: 0.5 } } },
    });
    // Best tier only, the vendor was staffed with 0 agents.
    expect(compileModel(s).groups[1].agents.length).toBeGreaterThan(0);
    const sl = runScenario(s, { replications: 10, seed: 9004 }).summary.types.calls.serviceLevel;
    expect(sl.mean! + halfWidth(sl)!).toBeGreaterThanOrEqual(0.8);
  });
});
