import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planToShiftSpecs, scheduleShifts, type ShiftPlan, type ScheduleRequest } from "../../src/models/scheduling.js";

const H = 3600;
const DAY = 86400;
const hours = (...h: number[]) => h.map((x) => x * H);
const range = (from: number, to: number, step: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, k) => from + k * step);

/** Productive agents per interval recomputed from the plan's shifts, independently of the solver's bookkeeping. */
function coverageOf(plan: ShiftPlan, request: ScheduleRequest): number[] {
  const I = request.intervalSeconds;
  const N = request.required.length;
  const heads = new Array<number>(N).fill(0);
  for (const s of plan.shifts) {
    const t0 = s.day * DAY + s.start;
    for (let j = Math.ceil(t0 / I); (j + 1) * I <= t0 + s.length; j++) {
      const onBreak = s.breaks.some((b) => j * I < t0 + b.after + b.length && t0 + b.after < (j + 1) * I);
      if (onBreak) continue;
      if (j < N) heads[j] += s.count;
      else if (request.cyclic) heads[j - N] += s.count;
    }
  }
  return heads.map((h) => h * (1 - (request.shrinkage ?? 0)));
}

describe("scheduleShifts", () => {
  it("covers a flat requirement exactly with back-to-back 8-hour shifts, at required × 24 paid hours a day", async () => {
    const request: ScheduleRequest = {
      required: new Array(7 * 48).fill(5),
      intervalSeconds: 1800,
      templates: [{ length: 8 * H, starts: range(0, 23 * H, H) }],
      cyclic: true,
    };
    const plan = await scheduleShifts(request);
    expect(plan.status).toBe("optimal");
    expect(plan.paidHours).toBeCloseTo(5 * 24 * 7, 9);
    expect(plan.lowerBound).toBeCloseTo(5 * 24 * 7, 6);
    expect(plan.gap).toBe(0);
    // 840 paid hours are exactly the agent-hours needed, so no interval can be over-covered.
    expect(plan.coverage.every((c) => c === 5)).toBe(true);
    expect(coverageOf(plan, request)).toEqual(plan.coverage);
  });

  it("plans three 8-hour shifts of five agents for a flat day when only 00:00, 08:00 and 16:00 starts are allowed", async () => {
    const plan = await scheduleShifts({ required: new Array(24).fill(5), intervalSeconds: H, templates: [{ length: 8 * H, starts: hours(0, 8, 16) }] });
    expect(plan.status).toBe("optimal");
    expect(plan.shifts.map((s) => [s.day, s.start, s.length, s.count])).toEqual([
      [0, 0, 8 * H, 5],
      [0, 8 * H, 8 * H, 5],
      [0, 16 * H, 8 * H, 5],
    ]);
    expect(plan.paidHours).toBe(120);
  });

  it("matches the optimum found by brute-force enumeration on a small day of 4- and 8-hour shifts", async () => {
    const required = new Array<number>(24).fill(0);
    [2, 3, 3, 4, 4, 3, 2, 2, 3, 3, 1, 1].forEach((q, k) => (required[8 + k] = q));
    const fourHourStarts = [8, 10, 12, 14, 16];
    const eightHourStarts = [8, 10, 12];
    const plan = await scheduleShifts({
      required,
      intervalSeconds: H,
      templates: [
        { length: 4 * H, starts: hours(...fourHourStarts), costPerHour: 1.25 },
        { length: 8 * H, starts: hours(...eightHourStarts) },
      ],
    });

    // Every shift: [first hour, hours long, cost]. No optimal plan puts more agents on one shift
    // than the largest requirement it covers (one fewer would still cover), so counts 0..4 suffice.
    const shifts = [...fourHourStarts.map((h) => [h, 4, 4 * 1.25]), ...eightHourStarts.map((h) => [h, 8, 8])];
    const maxCount = Math.max(...required);
    const counts = new Array<number>(shifts.length).fill(0);
    let best = Infinity;
    for (;;) {
      const heads = new Array<number>(24).fill(0);
      let cost = 0;
      shifts.forEach(([first, len, c], k) => {
        for (let h = first; h < first + len; h++) heads[h] += counts[k];
        cost += counts[k] * c;
      });
      if (cost < best && heads.every((x, h) => x >= required[h])) best = cost;
      let k = 0;
      while (k < counts.length && counts[k] === maxCount) counts[k++] = 0;
      if (k === counts.length) break;
      counts[k]++;
    }

    expect(best).toBeLessThan(Infinity);
    expect(plan.status).toBe("optimal");
    expect(plan.cost).toBeCloseTo(best, 9);
    expect(plan.shortfall.every((s) => s === 0)).toBe(true);
  });

  it("meets the requirement in every interval whenever the status is optimal, on generated instances", async () => {
    const templateArb = fc.record({
      lengthHours: fc.integer({ min: 2, max: 10 }),
      startHours: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 6 }),
      withBreak: fc.boolean(),
      costPerHour: fc.constantFrom(1, 1.1, 1.3),
    });
    const instanceArb = fc.record({
      days: fc.integer({ min: 1, max: 2 }),
      halfHours: fc.boolean(),
      demand: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 96, maxLength: 96 }),
      templates: fc.array(templateArb, { minLength: 1, maxLength: 3 }),
      shrinkage: fc.constantFrom(0, 0.1, 0.25),
      cyclic: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(instanceArb, async (x) => {
        const intervalSeconds = x.halfHours ? 1800 : H;
        const required = x.demand.slice(0, (x.days * DAY) / intervalSeconds);
        const request: ScheduleRequest = {
          required,
          intervalSeconds,
          shrinkage: x.shrinkage,
          cyclic: x.cyclic,
          templates: x.templates.map((t) => ({
            length: t.lengthHours * H,
            starts: hours(...t.startHours),
            costPerHour: t.costPerHour,
            breaks: t.withBreak && t.lengthHours >= 4 ? [{ earliest: H, latest: (t.lengthHours - 2) * H, length: 1800 }] : [],
          })),
        };
        const plan = await scheduleShifts(request);
        const recomputed = coverageOf(plan, request);
        recomputed.forEach((c, i) => expect(plan.coverage[i]).toBeCloseTo(c, 9));
        if (plan.status === "optimal") required.forEach((q, i) => expect(plan.coverage[i]).toBeGreaterThanOrEqual(q - 1e-9));
        // Whatever the status, only the reported uncoverable intervals fall short.
        const short = plan.shortfall.flatMap((s, i) => (s > 0 ? [i] : []));
        expect(short).toEqual(plan.uncovered);
        expect(plan.status === "infeasible").toBe(plan.uncovered.length > 0);
        expect(plan.lowerBound).toBeLessThanOrEqual(plan.cost + 1e-9);
      }),
      { numRuns: 25, seed: 20260214 },
    );
  });

  it("scales the headcount by 1 / (1 − shrinkage), rounded up to whole agents", async () => {
    const planFor = (shrinkage: number) =>
      scheduleShifts({ required: new Array(24).fill(4), intervalSeconds: H, templates: [{ length: 8 * H, starts: range(0, 23 * H, H) }], cyclic: true, shrinkage });
    const [none, fifth, thirty] = await Promise.all([planFor(0), planFor(0.2), planFor(0.3)]);
    expect(none.paidHours).toBe(4 * 24);
    expect(fifth.paidHours).toBe(5 * 24); // 4 / 0.8 = 5 scheduled agents
    expect(thirty.paidHours).toBe(6 * 24); // 4 / 0.7 = 5.71 → 6
    expect(thirty.coverage.every((c) => Math.abs(c - 6 * 0.7) < 1e-9)).toBe(true);
    expect(fifth.coverage.every((c) => Math.abs(c - 4) < 1e-9)).toBe(true);
  });

  it("reports an interval no template can cover as infeasible, with its shortfall, and plans the rest", async () => {
    const required = new Array<number>(24).fill(0);
    required[3] = 1;
    for (let h = 10; h < 17; h++) required[h] = 2;
    const plan = await scheduleShifts({ required, intervalSeconds: H, templates: [{ length: 8 * H, starts: hours(9, 10) }] });
    expect(plan.status).toBe("infeasible");
    expect(plan.uncovered).toEqual([3]);
    expect(plan.shortfall[3]).toBe(1);
    expect(plan.shortfall.filter((s) => s > 0)).toEqual([1]);
    expect(plan.paidHours).toBe(16);
    expect(plan.notes.join(" ")).toContain("03:00–04:00");
  });

  it("needs two staggered shifts when a break interrupts the only shift that spans the requirement", async () => {
    const required = new Array<number>(48).fill(0);
    for (let i = 18; i < 34; i++) required[i] = 1; // 09:00–17:00 at 30-minute intervals
    for (const breakLength of [1800, 900]) {
      // A 15-minute break is rounded up to the whole 30-minute interval it touches.
      const plan = await scheduleShifts({
        required,
        intervalSeconds: 1800,
        templates: [{ length: 8 * H, starts: [9 * H], breaks: [{ earliest: 3 * H, latest: 5 * H, length: breakLength }] }],
      });
      expect(plan.status).toBe("optimal");
      expect(plan.paidHours).toBe(16);
      const breakStarts = plan.shifts.flatMap((s) => Array<number>(s.count).fill(s.breaks[0].after));
      expect(breakStarts).toHaveLength(2);
      expect(breakStarts[0]).not.toBe(breakStarts[1]);
      expect(plan.shortfall.every((s) => s === 0)).toBe(true);
    }
  });

  it("places breaks on a coarser grid when a window allows more placements than maxBreakVariants", async () => {
    const plan = await scheduleShifts({
      required: new Array(48).fill(0).map((_, i) => (i >= 16 && i < 36 ? 3 : 0)),
      intervalSeconds: 1800,
      templates: [{ length: 9 * H, starts: range(8 * H, 9 * H, 1800), breaks: [{ earliest: 2 * H, latest: 6 * H, length: 1800 }] }],
      maxBreakVariants: 3,
    });
    // Every 3rd boundary is the finest grid with at most 3 starts in the 4-hour window: 2h, 3.5h, 5h.
    expect(plan.notes.join(" ")).toContain("90-minute grid");
    expect(plan.shifts.length).toBeGreaterThan(0);
    for (const s of plan.shifts) expect([2 * H, 3.5 * H, 5 * H]).toContain(s.breaks[0].after);
  });

  it("returns a plan covering the requirement even when the time limit stops the search early", async () => {
    const required = Array.from({ length: 7 * 48 }, (_, i) => {
      const h = (i % 48) / 2;
      return h >= 6 && h < 22 ? 6 + Math.round(8 * Math.exp(-((h - 11) ** 2) / 6)) : 0;
    });
    const plan = await scheduleShifts({
      required,
      intervalSeconds: 1800,
      templates: [
        { length: 8.5 * H, starts: range(6 * H, 13.5 * H, 1800), breaks: [{ earliest: 3 * H, latest: 5 * H, length: 1800 }] },
        { length: 4 * H, starts: range(6 * H, 18 * H, 1800), costPerHour: 1.1 },
      ],
      timeLimitSeconds: 0.001,
    });
    expect(["optimal", "time-limit"]).toContain(plan.status);
    expect(plan.shortfall.every((s) => s === 0)).toBe(true);
    expect(plan.lowerBound).toBeGreaterThan(0);
    expect(plan.gap).toBeCloseTo((plan.cost - plan.lowerBound) / plan.cost, 9);
  });

  it("rejects invalid arguments with a RangeError naming the argument", async () => {
    const ok: ScheduleRequest = { required: [1, 1], intervalSeconds: H, templates: [{ length: H, starts: [0] }] };
    await expect(scheduleShifts({ ...ok, intervalSeconds: 1000 })).rejects.toThrow(/intervalSeconds.*1000/);
    await expect(scheduleShifts({ ...ok, shrinkage: 1 })).rejects.toThrow(RangeError);
    await expect(scheduleShifts({ ...ok, required: [1, -1] })).rejects.toThrow(/required\[1\]/);
    await expect(
      scheduleShifts({ ...ok, templates: [{ length: 4 * H, starts: [0], breaks: [{ earliest: H, latest: 4 * H, length: 900 }] }] }),
    ).rejects.toThrow(/templates\[0\]\.breaks\[0\]\.latest/);
  });
});

describe("planToShiftSpecs", () => {
  const shift = (day: number, count: number, start = 8 * H) => ({
    day,
    weekday: day,
    start,
    length: 8.5 * H,
    count,
    template: 0,
    breaks: [{ after: 4 * H, length: 1800 }],
  });

  it("groups the same shift on days with equal counts into one scenario entry", () => {
    const specs = planToShiftSpecs({ shifts: [0, 1, 2, 3, 4].map((d) => shift(d, 3)).concat([shift(5, 2), shift(0, 1, 6.25 * H)]) });
    expect(specs).toEqual([
      { start: "06:15", length: "8.5h", days: ["mon"], count: 1, breaks: [{ after: "4h", length: "30m" }] },
      { start: "08:00", length: "8.5h", days: ["mon", "tue", "wed", "thu", "fri"], count: 3, breaks: [{ after: "4h", length: "30m" }] },
      { start: "08:00", length: "8.5h", days: ["sat"], count: 2, breaks: [{ after: "4h", length: "30m" }] },
    ]);
  });

  it("refuses a plan longer than a week, since scenario shifts repeat weekly", () => {
    expect(() => planToShiftSpecs({ shifts: [shift(7, 1)] })).toThrow(RangeError);
  });

  it("turns a solved plan into entries whose counts add up to the plan's shifts", async () => {
    const plan = await scheduleShifts({
      required: Array.from({ length: 7 * 24 }, (_, i) => (i % 24 >= 8 && i % 24 < 20 ? (i < 5 * 24 ? 4 : 2) : 0)),
      intervalSeconds: H,
      templates: [{ length: 6 * H, starts: hours(8, 14) }],
    });
    const specs = planToShiftSpecs(plan);
    const total = specs.reduce((sum, e) => sum + e.count * e.days.length, 0);
    expect(total).toBe(plan.shifts.reduce((sum, s) => sum + s.count, 0));
    expect(specs).toEqual([
      { start: "08:00", length: "6h", days: ["mon", "tue", "wed", "thu", "fri"], count: 4, breaks: [] },
      { start: "08:00", length: "6h", days: ["sat", "sun"], count: 2, breaks: [] },
      { start: "14:00", length: "6h", days: ["mon", "tue", "wed", "thu", "fri"], count: 4, breaks: [] },
      { start: "14:00", length: "6h", days: ["sat", "sun"], count: 2, breaks: [] },
    ]);
  });
});
