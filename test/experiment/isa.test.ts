/**
 * The iterative staffing algorithm (Feldman, Mandelbaum, Massey & Whitt 2008): it sizes from the
 * contacts in the system with agents on duty, converges (or says why it stopped) on the bundled
 * sinusoidal day for several seeds, and its plan keeps 80/20 time-stable on seeds it never saw.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/experiment/plan-check.js";
import { withProductiveStaffing } from "../../src/experiment/plan.js";
import { runScenario } from "../../src/experiment/replicate.js";
import { iterativeStaffing } from "../../src/experiment/staffing.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";
import { simulate } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import { scenarioOf } from "../helpers.js";

const timeVarying = loadScenarioOrThrow(join(import.meta.dirname, "../../scenarios/time-varying.yaml")).scenario;

describe("the iterative staffing algorithm", () => {
  it("does not count contacts that agents finish after their duty period ends", () => {
    // Ten agents until 01:00, none after; calls last an hour, so agents keep working past 01:00.
    const s = scenarioOf({
      horizon: { hours: 2 },
      intervalMinutes: 60,
      contactTypes: { calls: { volume: { perHour: 30 }, handleTime: 3600, patience: "infinite" } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { perInterval: [10, 0] } } },
    });
    const m = compileModel(s);
    const st = simulate(m, streams(3).fork(0), 0, { sampleSeconds: 600 });
    const samples = st.samples!;
    // Before 01:00 the agents on duty are busy; from 01:00 on none is on duty, whatever they still finish.
    expect(Math.max(...Array.from(samples.serving.subarray(1, 6)))).toBeGreaterThan(0);
    // (The sample at 01:00 itself is taken before anything else happens at that instant.)
    expect(Array.from(samples.serving.subarray(7))).toEqual(new Array(samples.serving.length - 7).fill(0));
    // The work did continue past 01:00 (overtime), which the old count included.
    const r = runScenario(s, { replications: 1, seed: 3 });
    expect(r.summary.groups.team.overtimeHours.mean).toBeGreaterThan(0);
  });

  for (const seed of [3, 17, 29]) {
    it(`converges on time-varying.yaml (seed ${seed}) and keeps 80/20 in ≥95% of half hours on fresh seeds`, () => {
      const isa = iterativeStaffing(timeVarying, { groups: ["agents"], delayProbability: 0.2, replications: 20, seed });
      expect(isa.converged, isa.reason).toBe(true);
      expect(isa.reason).toMatch(/^converged (within one agent per interval )?after \d+ iterations/);
      expect(isa.iterations.length).toBeLessThanOrEqual(25);
      expect(isa.iterations.at(-1)!.totalAgents).toBeGreaterThan(0);
      const check = runScenario(withProductiveStaffing(timeVarying, isa.productive), { replications: 12, seed: 50_000 + seed });
      const [v] = checkPlan(check, { calls: { serviceLevel: { level: 0.8, thresholdSeconds: 20 } } });
      expect(v.shareMet, `${v.missed.length} of ${v.withDemand} half hours missed`).toBeGreaterThanOrEqual(0.95);
      expect(v.horizon.met).toBe(true);
    });
  }
});
