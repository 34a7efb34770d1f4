/**
 * One shrinkage model for planning and simulation: productive agent-time is the scheduled
 * agent-time on duty × (1 − shrinkage), exactly, whatever the size of the shifts.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/replicate.js";
import { compileModel } from "../../src/sim/model.js";
import { productiveDuty } from "../../src/sim/duty.js";
import { agentsOnDuty, diagnoseModel } from "../../src/experiment/diagnose.js";
import { scenarioOf } from "../helpers.js";

const H = 3600;

/** A day of small and large shifts with breaks and no demand: staffed time is exactly what the schedule gives. */
const idleDay = (shrinkage: number, staffing: Record<string, unknown>) => ({
  horizon: { days: 1 },
  contactTypes: { calls: { volume: { times: [] }, handleTime: 300 } },
  agentGroups: { team: { skills: { calls: 1 }, shrinkage, staffing } },
});

const shifts = {
  shifts: [
    { start: "06:00", length: "8h", days: "all", count: 1, breaks: [{ after: "4h", length: "30m" }] },
    { start: "07:15", length: "8.5h", days: "all", count: 2, breaks: [{ after: "4h", length: "30m", window: "1h" }] },
    { start: "09:00", length: "8h", days: "all", count: 7, breaks: [{ after: "2h", length: "15m", window: "30m" }, { after: "5h", length: "30m" }] },
    { start: "12:10", length: "9h", days: "all", count: 23 },
  ],
};
/** Scheduled agent-hours on duty (breaks taken out) of `shifts`. */
const onDutyHours = 1 * 7.5 + 2 * 8 + 7 * (8 - 0.75) + 23 * 9;

function staffedHours(input: Record<string, unknown>): { scheduled: number; staffed: number; overtime: number } {
  const k = runScenario(scenarioOf(input), { replications: 1 }).runs[0].totals.groups.team;
  return { scheduled: k.scheduledHours!, staffed: k.staffedHours!, overtime: k.overtimeHours! };
}

describe("shrinkage", () => {
  it("gives productive agent-hours equal to scheduled × (1 − s), exactly, for constant staffing", () => {
    for (const s of [0, 0.1, 0.25, 0.3, 0.333, 0.35, 0.6]) {
      const k = staffedHours(idleDay(s, { constant: 13 }));
      expect(k.scheduled).toBeCloseTo(13 * 24, 9);
      expect(k.staffed).toBeCloseTo(13 * 24 * (1 - s), 9);
    }
  });

  it("gives productive agent-hours equal to on-duty scheduled hours × (1 − s) for shifts of 1 to 23 agents", () => {
    for (const s of [0, 0.25, 0.3, 0.35]) {
      const k = staffedHours(idleDay(s, shifts));
      expect(k.staffed).toBeCloseTo(onDutyHours * (1 - s), 9);
      expect(k.overtime).toBe(0);
    }
  });

  it("does not exempt small shifts: one agent at 25% shrinkage works 45 minutes of every hour", () => {
    const m = compileModel(scenarioOf({ ...idleDay(0.25, { shifts: [{ start: "08:00", length: "4h", days: "all", count: 1 }] }), reportIntervalMinutes: 60 }));
    expect(m.groups[0].agents).toEqual([[0, 1, 2, 3].map((h) => ({ start: (8 + h) * H, end: (8.75 + h) * H, endsShift: false }))]);
  });

  it("counts a fraction of an agent as on duty in the diagnosis: no warning that nobody is there", () => {
    const m = compileModel(
      scenarioOf({
        horizon: { hours: 4 },
        contactTypes: { calls: { volume: { perHour: 4 }, handleTime: 300 } },
        agentGroups: { team: { skills: { calls: 1 }, shrinkage: 0.6, staffing: { constant: 1 } } },
      }),
    );
    for (const x of agentsOnDuty(m)[0]) expect(x).toBeCloseTo(0.4, 12);
    expect(diagnoseModel(m).map((f) => f.code)).not.toContain("no-agents-on-duty");
  });

  it("puts each interval's fraction of an agent at its start, and ⌊n(1 − s)⌋ agents on duty throughout", () => {
    const periods = productiveDuty([{ time: 0, delta: 10, endsShift: false }, { time: 2 * H, delta: -10, endsShift: true }], 0.35, 3 * H, H);
    // 10 × 0.65 = 6.5 agents: six for the two hours (one period each), a seventh for the first half of each hour.
    expect(periods.length).toBe(7);
    for (let k = 0; k < 6; k++) expect(periods[k]).toEqual([{ start: 0, end: 2 * H, endsShift: true }]);
    expect(periods[6].map((p) => [p.start, p.end])).toEqual([
      [0, 0.5 * H],
      [H, 1.5 * H],
    ]);
    expect(periods[6].every((p) => !p.endsShift)).toBe(true);
  });

  it("changes capacity linearly with s: productive hours of a sweep step by the same amount", () => {
    const rates = [0.3, 0.31, 0.32, 0.33, 0.34, 0.35, 0.36];
    const staffed = rates.map((s) => staffedHours(idleDay(s, shifts)).staffed);
    const steps = staffed.slice(1).map((x, i) => x - staffed[i]);
    for (const d of steps) expect(d).toBeCloseTo(-0.01 * onDutyHours, 9);
  });

  it("moves service smoothly and monotonically with s (no steps from rounding shifts)", () => {
    // Three shifts of 3, 5 and 8 agents: rounding each shift on its own would move capacity in
    // jumps of a whole agent; scaled exactly, abandonment rises a little with every step of s.
    const day = (s: number) => ({
      horizon: { days: 1 },
      warmup: 0,
      contactTypes: { calls: { volume: { perHour: 90 }, handleTime: 300, patience: 120 } },
      agentGroups: {
        team: {
          skills: { calls: 1 },
          shrinkage: s,
          staffing: {
            shifts: [
              { start: "00:00", length: "24h", days: "all", count: 3 },
              { start: "00:00", length: "24h", days: "all", count: 5 },
              { start: "00:00", length: "24h", days: "all", count: 8 },
            ],
          },
        },
      },
    });
    const rates = [0.3, 0.32, 0.34, 0.36, 0.38, 0.4];
    const abandon = rates.map((s) => runScenario(scenarioOf(day(s)), { replications: 8, seed: 11 }).summary.types.calls.abandonRate.mean!);
    const steps = abandon.slice(1).map((x, i) => x - abandon[i]);
    for (const d of steps) expect(d).toBeGreaterThan(0);
    // Even steps: none more than three times another (a rounding step would dwarf its neighbours).
    expect(Math.max(...steps) / Math.min(...steps)).toBeLessThan(3);
  });
});

describe("productive duty periods from the scheduled level", () => {
  const periods = (changes: { time: number; delta: number; endsShift?: boolean }[], shrinkage: number, horizon: number) =>
    productiveDuty(
      changes.map((c) => ({ endsShift: false, ...c })),
      shrinkage,
      horizon,
      H,
    );

  it("gives no agents without a schedule", () => {
    expect(periods([], 0.3, 4 * H)).toEqual([]);
  });

  it("starts a shift that began before the run at time 0", () => {
    const p = periods([{ time: -2 * H, delta: 3 }, { time: H, delta: -3, endsShift: true }], 0, 2 * H);
    expect(p).toEqual([0, 1, 2].map(() => [{ start: 0, end: H, endsShift: true }]));
  });

  it("ignores a change of no agents: it ends no shift", () => {
    // Two agents go on break at 1 h, when a shift of no agents also ends.
    const p = periods([{ time: 0, delta: 2 }, { time: H, delta: -2 }, { time: H, delta: 0, endsShift: true }, { time: 1.5 * H, delta: 2 }], 0, 2 * H);
    expect(p).toEqual([0, 1].map(() => [{ start: 0, end: H, endsShift: false }, { start: 1.5 * H, end: 2 * H, endsShift: false }]));
  });

  it("cuts every period at the horizon, whatever the schedule says after it", () => {
    for (const end of [2 * H, 3 * H]) {
      const p = periods([{ time: 0, delta: 1 }, { time: end, delta: -1, endsShift: true }], 0, 2 * H);
      expect(p, `shift ending at ${end / H} h`).toEqual([[{ start: 0, end: 2 * H, endsShift: false }]]);
    }
  });

  it("takes n(1 − s) a rounding error off a whole number as that whole number of agents", () => {
    // 10 × (1 − 0.9) is 0.9999999999999998 and 10 × (1 − 0.7) is 3.0000000000000004 in binary.
    expect(10 * (1 - 0.9)).toBeLessThan(1);
    expect(10 * (1 - 0.7)).toBeGreaterThan(3);
    expect(periods([{ time: 0, delta: 10 }], 0.9, 2 * H)).toEqual([[{ start: 0, end: 2 * H, endsShift: false }]]);
    expect(periods([{ time: 0, delta: 10 }], 0.7, 2 * H)).toEqual([0, 1, 2].map(() => [{ start: 0, end: 2 * H, endsShift: false }]));
  });
});
