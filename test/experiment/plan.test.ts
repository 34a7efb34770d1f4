/**
 * The multi-group planner with targets other than a service level — an ASA ceiling, an
 * abandonment cap, an occupancy ceiling, alone or combined — each plan checked on seeds it
 * never saw; and planning one group leaves the others as the scenario staffs them.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/experiment/plan-check.js";
import { analyticPlan, planBySimulation, withProductiveStaffing, type TypeTargets } from "../../src/experiment/plan.js";
import { runScenario } from "../../src/experiment/replicate.js";
import { shiftTemplates, staffScenario } from "../../src/experiment/staff-plan.js";
import { summarize, halfWidth } from "../../src/experiment/summary.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";
import { compileModel, type RunModel } from "../../src/sim/model.js";
import { scenarioOf } from "../helpers.js";

/** Productive agents on duty per planning interval of a compiled group (agent-time / interval). */
function onDuty(m: RunModel, g: number): number[] {
  const I = m.intervalSeconds;
  const out = new Array<number>(m.intervals).fill(0);
  for (const periods of m.groups[g].agents) for (const p of periods) for (let i = Math.floor(p.start / I); i < m.intervals && i * I < p.end; i++) out[i] += (Math.min(p.end, (i + 1) * I) - Math.max(p.start, i * I)) / I;
  return out;
}

const fixture = (name: string) => loadScenarioOrThrow(join(import.meta.dirname, "fixtures", name)).scenario;

function planAndCheck(file: string, targets: TypeTargets, groups: string[], replications = 8) {
  const s = fixture(file);
  const plan = planBySimulation(s, { groups, targets, replications, seed: s.seed });
  const check = runScenario(withProductiveStaffing({ ...s, contactTypes: s.contactTypes }, plan.productive), { replications: 12, seed: 31_337 });
  return { s, plan, check };
}

describe("planning every group to targets", () => {
  it("meets an ASA ceiling alone", () => {
    const targets = { calls: { asa: 10 } };
    const { plan, check } = planAndCheck("sharp-day.yaml", targets, ["agents"]);
    expect(plan.converged, plan.reason).toBe(true);
    const [v] = checkPlan(check, targets);
    expect(v.shareMet).toBeGreaterThanOrEqual(0.95);
    expect(v.horizon.asa.mean!).toBeLessThanOrEqual(10);
  });

  it("meets an abandonment cap and a service level together, for every type of a multi-skill center", () => {
    const targets = {
      billing: { serviceLevel: { level: 0.8, thresholdSeconds: 20 }, abandonment: 0.02 },
      tech: { serviceLevel: { level: 0.8, thresholdSeconds: 20 }, abandonment: 0.02 },
    };
    const { plan, check } = planAndCheck("multi-skill.yaml", targets, ["billingDesk", "techDesk", "generalists"]);
    expect(plan.reason).toMatch(/^(converged|stopped at the limit of \d+ iterations; the plan is the cheapest)/);
    for (const v of checkPlan(check, targets)) {
      expect(v.shareMet, v.type).toBeGreaterThanOrEqual(0.95);
      expect(v.horizon.met, v.type).toBe(true);
    }
  });

  it("keeps occupancy under a ceiling where the service level alone would run agents hotter", () => {
    const sl = { calls: { serviceLevel: { level: 0.5, thresholdSeconds: 60 } } };
    const capped = { calls: { serviceLevel: { level: 0.5, thresholdSeconds: 60 }, occupancy: 0.75 } };
    const s = fixture("overflow-vendor.yaml");
    const hours = (p: Record<string, number[]>) => p.team.reduce((a, b) => a + b, 0);
    expect(hours(analyticPlan(s, ["team"], capped))).toBeGreaterThan(hours(analyticPlan(s, ["team"], sl)));
    // Occupancy is planned right up to the ceiling in every interval, so it needs the estimate of more replications.
    const { check } = planAndCheck("overflow-vendor.yaml", capped, ["team"], 16);
    const series = check.runs.map((r) => r.intervals.groups.team.occupancy);
    let judged = 0;
    let over = 0;
    for (let i = 0; i < series[0].length; i++) {
      const occ = summarize(series.map((x) => x[i]));
      if (occ.mean === null || occ.n < 2) continue;
      judged++;
      if (occ.mean - (halfWidth(occ) ?? 0) > 0.75) over++;
    }
    expect(judged).toBeGreaterThan(10);
    expect(over / judged).toBeLessThanOrEqual(0.05);
  });

  it("plans only the group asked for and leaves the others as the scenario staffs them", async () => {
    const s = fixture("multi-skill.yaml");
    const targets = { billing: { serviceLevel: { level: 0.8, thresholdSeconds: 20 } }, tech: { serviceLevel: { level: 0.8, thresholdSeconds: 20 } } };
    const r = await staffScenario(s, { groups: ["generalists"], targets, method: "erlangA", replications: 4, seed: s.seed, templates: shiftTemplates(1800, [4 * 3600], 0) });
    expect(Object.keys(r.plans)).toEqual(["generalists"]);
    expect(r.staffed.agentGroups.billingDesk.staffing).toEqual(s.agentGroups.billingDesk.staffing);
    expect(r.staffed.agentGroups.generalists.staffing.shifts?.length).toBeGreaterThan(0);
    expect(new Set(r.requirements.map((x) => x.group))).toEqual(new Set(["generalists"]));
  });

  it("staffs a group on a site in another time zone at the center's hours", async () => {
    const s = scenarioOf({
      seed: 4,
      horizon: { days: 1 },
      intervalMinutes: 30,
      contactTypes: { calls: { volume: { daily: 2000, intraday: [...new Array(16).fill(0), ...new Array(24).fill(1), ...new Array(8).fill(0)] }, handleTime: 240, patience: 200 } },
      agentGroups: { far: { site: "manila", skills: { calls: 1 }, shrinkage: 0.3, staffing: { constant: 1 } } },
      sites: { manila: { type: "vendor", utcOffsetHours: 8, pricing: { per: "productiveHour", rate: 10 } } },
    });
    const plan = [...new Array(16).fill(0), ...new Array(24).fill(9), ...new Array(8).fill(0)];
    // Per interval: the plan lands at the center's intervals, not at the site's local ones.
    expect(onDuty(compileModel(withProductiveStaffing(s, { far: plan })), 0).map((x) => Math.round(x * 1e9) / 1e9)).toEqual(plan);
    // Shifts: planned on the center's clock, written on the site's, covering the requirement.
    const r = await staffScenario(s, { groups: ["far"], targets: { calls: { serviceLevel: { level: 0.8, thresholdSeconds: 20 } } }, method: "erlangA", replications: 2, seed: 4, templates: shiftTemplates(1800, [4 * 3600], 0) });
    const covered = onDuty(compileModel(r.staffed), 0);
    r.requirements.forEach((q) => expect(covered[q.interval], `interval ${q.interval}`).toBeGreaterThanOrEqual(q.chosen - 1e-9));
    expect(r.plans.far.shifts.every((e) => Number(e.start.slice(0, 2)) >= 16 || Number(e.start.slice(0, 2)) < 4)).toBe(true);
  });
});
