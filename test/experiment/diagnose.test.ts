/**
 * The agents on duty behind the pre-run warnings: counted with a difference array where every
 * duty period starts and ends on interval edges, interval by interval otherwise, and in both
 * cases bit for bit what adding each period's share of each interval gives.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentsOnDuty, diagnoseModel } from "../../src/experiment/diagnose.js";
import { compileModel, type RunModel } from "../../src/sim/model.js";
import { bundledScenario, scenarioOf } from "../helpers.js";

/** Each period's share of each interval, added in period order: the definition. */
function reference(m: RunModel): Float64Array[] {
  const w = m.intervalSeconds;
  return m.groups.map((g) => {
    const onDuty = new Float64Array(m.intervals);
    for (const periods of g.agents) {
      for (const p of periods) {
        for (let i = 0; i < m.intervals; i++) {
          const overlap = Math.min(p.end, (i + 1) * w) - Math.max(p.start, i * w);
          if (overlap > 0) onDuty[i] += overlap / w;
        }
      }
    }
    return onDuty;
  });
}

const week = (staffing: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  compileModel(
    scenarioOf({
      horizon: { days: 7 },
      intervalMinutes: 30,
      contactTypes: { calls: { volume: { perHour: 60 }, handleTime: 300, patience: 120 } },
      agentGroups: { team: { skills: { calls: 1 }, staffing, ...extra } },
    }),
  );

const models: [string, RunModel][] = [
  ["constant staffing", week({ constant: 12 })],
  ["shifts on the half hour, breaks on the grid", week({ shifts: [{ start: "08:00", length: "8h", days: "weekdays", count: 5, breaks: [{ after: "4h", length: "30m" }] }, { start: "12:30", length: "6h", days: "all", count: 3 }] })],
  ["shifts off the grid, staggered breaks", week({ shifts: [{ start: "07:10", length: "8.5h", days: "all", count: 4, breaks: [{ after: "2h", length: "15m", window: "30m" }] }, { start: "09:00", length: "8h", days: "all", count: 6 }] })],
  ["shrinkage: part agents", week({ constant: 7 }, { shrinkage: 0.35 })],
  ...readdirSync(join(import.meta.dirname, "../../scenarios"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f): [string, RunModel] => [`scenarios/${f}`, compileModel(bundledScenario(f))]),
];

describe("agentsOnDuty", () => {
  it.each(models)("%s: equals each period's share of each interval, bit for bit", (_, m) => {
    expect(agentsOnDuty(m)).toStrictEqual(reference(m));
  });

  it("counts whole agents on the grid: 5 + 3 at 13:00 on Monday, 3 on Sunday afternoon, none at night", () => {
    const onDuty = agentsOnDuty(models[1][1])[0];
    expect(onDuty[26]).toBe(8); // Monday 13:00–13:30
    expect(onDuty[6 * 48 + 26]).toBe(3); // Sunday 13:00–13:30
    expect(onDuty[2]).toBe(0); // Monday 01:00
    expect(onDuty[16]).toBe(5); // Monday 08:00, before the 12:30 shift
  });
});

describe("diagnoseModel on the grid", () => {
  it("warns of calls with nobody on duty from the difference array's zeros", () => {
    const m = week({ shifts: [{ start: "08:00", length: "8h", days: "all", count: 5 }] });
    const f = diagnoseModel(m).find((x) => x.code === "no-agents-on-duty");
    expect(f).toMatchObject({ code: "no-agents-on-duty", type: "calls", firstInterval: 0 });
    // 16 of 24 hours a day unstaffed at 60 calls an hour.
    expect(f && "expected" in f ? f.expected : 0).toBeCloseTo(7 * 16 * 60, 6);
  });
});
