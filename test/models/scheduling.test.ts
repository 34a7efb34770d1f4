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

// ---- tests written against the mutation report (test/mutation/incremental/models-scheduling.json) ----

describe("scheduleShifts argument validation", () => {
  const ok: ScheduleRequest = { required: [1, 1], intervalSeconds: H, templates: [{ length: H, starts: [0] }] };
  const withTemplate = (t: Partial<ScheduleRequest["templates"][number]>): ScheduleRequest => ({ ...ok, templates: [{ length: 2 * H, starts: [0], ...t }] });
  const bad = (name: string, request: unknown, message: string) => [name, request, message] as const;
  const cases = [
    bad("empty required", { ...ok, required: [] }, "required must be a non-empty array of agents per interval, got an array of 0"),
    bad("required not an array", { ...ok, required: "1,1" }, 'required must be a non-empty array of agents per interval, got "1,1"'),
    bad("NaN requirement", { ...ok, required: [1, NaN] }, "required[1] must be a finite number >= 0, got NaN"),
    bad("string requirement", { ...ok, required: ["1"] }, 'required[0] must be a finite number >= 0, got "1"'),
    bad("negative requirement", { ...ok, required: [-1] }, "required[0] must be a finite number >= 0, got -1"),
    bad("zero interval", { ...ok, intervalSeconds: 0 }, "intervalSeconds must be a whole number of seconds dividing a day (900, 1800, 3600…), got 0"),
    bad("negative interval", { ...ok, intervalSeconds: -H }, "intervalSeconds must be a whole number of seconds dividing a day (900, 1800, 3600…), got -3600"),
    bad("fractional interval", { ...ok, intervalSeconds: 1.5 }, "intervalSeconds must be a whole number of seconds dividing a day (900, 1800, 3600…), got 1.5"),
    bad("startDay 7", { ...ok, startDay: 7 }, "startDay must be an integer from 0 (Monday) to 6 (Sunday), got 7"),
    bad("startDay -1", { ...ok, startDay: -1 }, "startDay must be an integer from 0 (Monday) to 6 (Sunday), got -1"),
    bad("startDay 1.5", { ...ok, startDay: 1.5 }, "startDay must be an integer from 0 (Monday) to 6 (Sunday), got 1.5"),
    bad("shrinkage 1", { ...ok, shrinkage: 1 }, "shrinkage must be a number in [0, 1), got 1"),
    bad("shrinkage < 0", { ...ok, shrinkage: -0.1 }, "shrinkage must be a number in [0, 1), got -0.1"),
    bad("shrinkage NaN", { ...ok, shrinkage: NaN }, "shrinkage must be a number in [0, 1), got NaN"),
    bad("time limit 0", { ...ok, timeLimitSeconds: 0 }, "timeLimitSeconds must be a positive number of seconds, got 0"),
    bad("time limit < 0", { ...ok, timeLimitSeconds: -1 }, "timeLimitSeconds must be a positive number of seconds, got -1"),
    bad("time limit NaN", { ...ok, timeLimitSeconds: NaN }, "timeLimitSeconds must be a positive number of seconds, got NaN"),
    bad("mipGap 1", { ...ok, mipGap: 1 }, "mipGap must be a number in [0, 1), got 1"),
    bad("mipGap < 0", { ...ok, mipGap: -0.01 }, "mipGap must be a number in [0, 1), got -0.01"),
    bad("mipGap NaN", { ...ok, mipGap: NaN }, "mipGap must be a number in [0, 1), got NaN"),
    bad("maxBreakVariants 0", { ...ok, maxBreakVariants: 0 }, "maxBreakVariants must be a positive integer, got 0"),
    bad("maxBreakVariants 1.5", { ...ok, maxBreakVariants: 1.5 }, "maxBreakVariants must be a positive integer, got 1.5"),
    bad("no templates", { ...ok, templates: [] }, "templates must be a non-empty array of shift templates, got an array of 0"),
    bad("templates not an array", { ...ok, templates: undefined }, "templates must be a non-empty array of shift templates, got undefined"),
    bad("length 0", withTemplate({ length: 0 }), "templates[0].length must be a number of seconds in (0, 86400], got 0"),
    bad("length < 0", withTemplate({ length: -H }), "templates[0].length must be a number of seconds in (0, 86400], got -3600"),
    bad("length NaN", withTemplate({ length: NaN }), "templates[0].length must be a number of seconds in (0, 86400], got NaN"),
    bad("length over a day", withTemplate({ length: DAY + 1 }), "templates[0].length must be a number of seconds in (0, 86400], got 86401"),
    bad("length over the cyclic horizon", { ...withTemplate({ length: 3 * H }), cyclic: true }, "templates[0].length must be at most the cyclic horizon (7200 s), got 10800"),
    bad("no starts", withTemplate({ starts: [] }), "templates[0].starts must be a non-empty array of start times, got an array of 0"),
    bad("starts not an array", withTemplate({ starts: 0 as unknown as number[] }), "templates[0].starts must be a non-empty array of start times, got 0"),
    bad("negative start", withTemplate({ starts: [0, -1] }), "templates[0].starts[1] must be seconds since midnight in [0, 86400), got -1"),
    bad("start at midnight of the next day", withTemplate({ starts: [DAY] }), "templates[0].starts[0] must be seconds since midnight in [0, 86400), got 86400"),
    bad("NaN start", withTemplate({ starts: [NaN] }), "templates[0].starts[0] must be seconds since midnight in [0, 86400), got NaN"),
    bad("negative break earliest", withTemplate({ breaks: [{ earliest: -1, latest: H, length: 900 }] }), "templates[0].breaks[0].earliest must be a number of seconds >= 0, got -1"),
    bad("NaN break earliest", withTemplate({ breaks: [{ earliest: NaN, latest: H, length: 900 }] }), "templates[0].breaks[0].earliest must be a number of seconds >= 0, got NaN"),
    bad("latest before earliest", withTemplate({ breaks: [{ earliest: H, latest: H - 1, length: 900 }] }), "templates[0].breaks[0].latest must be a number of seconds >= earliest (3600), got 3599"),
    bad("NaN latest", withTemplate({ breaks: [{ earliest: H, latest: NaN, length: 900 }] }), "templates[0].breaks[0].latest must be a number of seconds >= earliest (3600), got NaN"),
    bad("zero break length", withTemplate({ breaks: [{ earliest: H, latest: H, length: 0 }] }), "templates[0].breaks[0].length must be a positive number of seconds, got 0"),
    bad("NaN break length", withTemplate({ breaks: [{ earliest: H, latest: H, length: NaN }] }), "templates[0].breaks[0].length must be a positive number of seconds, got NaN"),
    bad("break past the shift end", withTemplate({ breaks: [{ earliest: H, latest: H + 1, length: H }] }), "templates[0].breaks[0].latest must be at most the shift length minus the break length (3600 s), got 3601"),
    bad("empty days", withTemplate({ days: [] }), "templates[0].days must be a non-empty array of days 0 (Monday) … 6 (Sunday), got an array of 0"),
    bad("days not an array", withTemplate({ days: 3 as unknown as number[] }), "templates[0].days must be a non-empty array of days 0 (Monday) … 6 (Sunday), got 3"),
    bad("day 7", withTemplate({ days: [0, 7] }), "templates[0].days[1] must be an integer from 0 (Monday) to 6 (Sunday), got 7"),
    bad("day -1", withTemplate({ days: [-1] }), "templates[0].days[0] must be an integer from 0 (Monday) to 6 (Sunday), got -1"),
    bad("day 0.5", withTemplate({ days: [0.5] }), "templates[0].days[0] must be an integer from 0 (Monday) to 6 (Sunday), got 0.5"),
    bad("zero cost", withTemplate({ costPerHour: 0 }), "templates[0].costPerHour must be a positive number, got 0"),
    bad("negative cost", withTemplate({ costPerHour: -1 }), "templates[0].costPerHour must be a positive number, got -1"),
    bad("NaN cost", withTemplate({ costPerHour: NaN }), "templates[0].costPerHour must be a positive number, got NaN"),
    bad(
      "breaks that must overlap",
      withTemplate({ length: 4 * H, breaks: [{ earliest: H, latest: H, length: 1800 }, { earliest: H, latest: H, length: 1800 }] }),
      "templates[0].breaks must be windows that allow the breaks without overlapping, got an array of 2",
    ),
    bad("a requirement beyond the solver's range", { ...ok, required: [1e21] }, "required[0] must be at most 1e15 scheduled agents (required / (1 − shrinkage)), got 1e+21"),
    bad("a requirement beyond the solver's range after shrinkage", { ...ok, required: [1e14], shrinkage: 0.95 }, "required[0] must be at most 1e15 scheduled agents (required / (1 − shrinkage)), got 100000000000000"),
  ];
  it.each(cases)("rejects %s with one RangeError sentence naming the field", async (_name, request, message) => {
    const attempt = scheduleShifts(request as ScheduleRequest);
    await expect(attempt).rejects.toThrow(RangeError);
    await expect(attempt).rejects.toThrow(new RangeError(message));
  });

  it("accepts the boundary values of every range", async () => {
    const accepted: ScheduleRequest[] = [
      { ...ok, startDay: 0 },
      { ...ok, startDay: 6 },
      { ...ok, shrinkage: 0 },
      { ...ok, mipGap: 0 },
      { ...ok, maxBreakVariants: 1 },
      { ...ok, timeLimitSeconds: 1e-3 },
      { ...ok, required: [0, 1e15] },
      { required: new Array(24).fill(1), intervalSeconds: H, templates: [{ length: DAY, starts: [0] }] },
      { required: [1, 1], intervalSeconds: H, cyclic: true, templates: [{ length: 2 * H, starts: [0] }] },
      { ...ok, templates: [{ length: 2 * H, starts: [DAY - 1, 0], breaks: [{ earliest: 0, latest: 0, length: 2 * H }] }] },
      { ...ok, templates: [{ length: 2 * H, starts: [0], breaks: [{ earliest: H, latest: H, length: H }] }] },
      { ...ok, templates: [{ length: H, starts: [0], days: [0, 6] }] },
    ];
    for (const request of accepted) await expect(scheduleShifts(request)).resolves.toHaveProperty("status");
  });
});

describe("scheduleShifts plans checked against hand-computed optima", () => {
  const empty = { shifts: [], paidHours: 0, cost: 0, uncovered: [], status: "optimal", gap: 0, lowerBound: 0, size: { variables: 0, constraints: 0 }, notes: [] };

  it("plans nothing for an all-zero requirement, without calling the solver", async () => {
    const plan = await scheduleShifts({ required: [0, 0, 0], intervalSeconds: H, templates: [{ length: H, starts: [0] }] });
    expect(plan).toEqual({ ...empty, coverage: [0, 0, 0], shortfall: [0, 0, 0], method: "HiGHS MIP (set covering, Dantzig 1954)" });
  });

  it("covers a single interval with a single one-interval shift, reporting every field exactly", async () => {
    const plan = await scheduleShifts({ required: [2], intervalSeconds: H, templates: [{ length: H, starts: [0], costPerHour: 1.5 }] });
    expect(plan).toEqual({
      shifts: [{ day: 0, weekday: 0, start: 0, length: H, count: 2, template: 0, breaks: [] }],
      paidHours: 2,
      cost: 3,
      coverage: [2],
      shortfall: [0],
      uncovered: [],
      status: "optimal",
      gap: 0,
      lowerBound: 3,
      method: "HiGHS MIP (set covering, Dantzig 1954)",
      size: { variables: 1, constraints: 1 },
      notes: [],
    });
  });

  it("matches brute force over every combination of shifts on 4 intervals, for coverage, paid hours and cost", async () => {
    // Hourly intervals 0..3; shifts of 1, 2 and 3 hours at every start that fits, different weights.
    const templates = [
      { length: H, starts: hours(0, 1, 2, 3), costPerHour: 1.6 },
      { length: 2 * H, starts: hours(0, 1, 2), costPerHour: 1.2 },
      { length: 3 * H, starts: hours(0, 1), costPerHour: 1 },
    ];
    const columns = templates.flatMap((t, k) => t.starts.map((s) => ({ template: k, first: s / H, hoursLong: t.length / H, cost: (t.costPerHour * t.length) / H })));
    const bruteForce = (required: number[]) => {
      const max = Math.max(...required);
      const counts = new Array<number>(columns.length).fill(0);
      let best = Infinity;
      for (;;) {
        const heads = [0, 0, 0, 0];
        let cost = 0;
        columns.forEach((c, k) => {
          for (let h = c.first; h < Math.min(4, c.first + c.hoursLong); h++) heads[h] += counts[k];
          cost += counts[k] * c.cost;
        });
        if (heads.every((x, h) => x >= required[h])) best = Math.min(best, cost);
        let k = 0;
        while (k < counts.length && counts[k] === max) counts[k++] = 0;
        if (k === counts.length) return best;
        counts[k]++;
      }
    };
    for (const required of [[1, 2, 2, 1], [3, 0, 0, 3], [0, 2, 1, 0], [2, 2, 2, 2]]) {
      const request: ScheduleRequest = { required, intervalSeconds: H, templates };
      const plan = await scheduleShifts(request);
      expect(plan.status).toBe("optimal");
      expect(plan.cost).toBeCloseTo(bruteForce(required), 9);
      expect(plan.coverage).toEqual(coverageOf(plan, request));
      plan.coverage.forEach((c, i) => expect(c).toBeGreaterThanOrEqual(required[i]));
      expect(plan.shortfall).toEqual([0, 0, 0, 0]);
      expect(plan.paidHours).toBeCloseTo(plan.shifts.reduce((sum, s) => sum + (s.count * s.length) / H, 0), 12);
      expect(plan.cost).toBeCloseTo(plan.shifts.reduce((sum, s) => sum + s.count * (templates[s.template].costPerHour * s.length) / H, 0), 12);
      for (const s of plan.shifts) expect(s.count).toBeGreaterThan(0);
    }
  });

  it("keeps the cheaper of two templates covering the same intervals, and the first of equally cheap starts", async () => {
    const plan = await scheduleShifts({
      required: [1, 1],
      intervalSeconds: H,
      templates: [
        { length: 2 * H, starts: [0], costPerHour: 2 },
        { length: 2 * H, starts: [0], costPerHour: 1 },
      ],
    });
    expect(plan.shifts.map((s) => s.template)).toEqual([1]);
    expect(plan.cost).toBe(2);
    expect(plan.size).toEqual({ variables: 1, constraints: 2 });

    // A cyclic shift as long as the horizon covers every interval from each start: one column, the first start.
    const cyclic = await scheduleShifts({ required: [1, 1, 1, 1], intervalSeconds: H, cyclic: true, templates: [{ length: 4 * H, starts: hours(3, 1, 2, 0) }] });
    expect(cyclic.size).toEqual({ variables: 1, constraints: 4 });
    expect(cyclic.shifts.map((s) => [s.start, s.count])).toEqual([[0, 1]]);
  });

  it("offers only columns that help some requirement row, keyed by the rows they help", async () => {
    // Intervals 0 and 3 need agents; one-hour shifts at 0..3 exist but only those at 0 and 3 matter.
    const plan = await scheduleShifts({ required: [1, 0, 0, 1], intervalSeconds: H, templates: [{ length: H, starts: hours(0, 1, 2, 3) }] });
    expect(plan.size).toEqual({ variables: 2, constraints: 2 });
    expect(plan.shifts.map((s) => s.start)).toEqual(hours(0, 3));
    // A 2-hour shift at 0 and one at 3 (cut at the horizon) help the same rows as the 1-hour ones; the cheaper stay.
    const mixed = await scheduleShifts({
      required: [1, 0, 0, 1],
      intervalSeconds: H,
      templates: [{ length: 2 * H, starts: hours(0, 2) }, { length: H, starts: hours(0, 3) }],
    });
    expect(mixed.size).toEqual({ variables: 2, constraints: 2 });
    expect(mixed.paidHours).toBe(2);
    expect(mixed.shifts.map((s) => [s.start, s.template])).toEqual([[0, 1], [3 * H, 1]]);
  });

  it("does not merge a wrapped shift covering {1, 23} with one covering {1, 2, 3} (column keys keep their separators)", async () => {
    const required = new Array<number>(24).fill(0);
    for (const h of [1, 2, 3, 23]) required[h] = 1;
    const plan = await scheduleShifts({
      required,
      intervalSeconds: H,
      cyclic: true,
      templates: [
        { length: 3 * H, starts: [H] },
        { length: 3 * H, starts: [23 * H], breaks: [{ earliest: H, latest: H, length: H }] },
      ],
    });
    expect(plan.status).toBe("optimal");
    expect(plan.uncovered).toEqual([]);
    expect(plan.paidHours).toBe(6);
    expect(plan.size).toEqual({ variables: 2, constraints: 4 });
    expect(plan.coverage[1]).toBe(2);
    expect(plan.coverage[0]).toBe(0); // on break 00:00–01:00
  });

  it("lists shifts by day, then start, then template, whatever the template order", async () => {
    const required = new Array<number>(48).fill(0);
    for (const d of [0, 1]) for (const h of [0, 1, 12, 13]) required[d * 24 + h] = 1;
    const plan = await scheduleShifts({
      required,
      intervalSeconds: H,
      startDay: 5,
      templates: [
        { length: 2 * H, starts: [12 * H] },
        { length: H, starts: [0] },
        { length: H, starts: [H] },
      ],
    });
    expect(plan.shifts.map((s) => [s.day, s.weekday, s.start, s.template, s.count])).toEqual([
      [0, 5, 0, 1, 1],
      [0, 5, H, 2, 1],
      [0, 5, 12 * H, 0, 1],
      [1, 6, 0, 1, 1],
      [1, 6, H, 2, 1],
      [1, 6, 12 * H, 0, 1],
    ]);
    expect(plan.paidHours).toBe(8);
  });

  it("lists two templates starting at the same time in template order", async () => {
    const plan = await scheduleShifts({
      required: [2, 1, 1, 0, 0, 0, 0, 0, 2, 1, 1],
      intervalSeconds: H,
      templates: [{ length: 3 * H, starts: [0, 8 * H] }, { length: H, starts: [0, 8 * H] }],
    });
    expect(plan.shifts.map((s) => [s.start, s.template, s.count])).toEqual([
      [0, 0, 1],
      [0, 1, 1],
      [8 * H, 0, 1],
      [8 * H, 1, 1],
    ]);
  });

  it("lists the same start in template order even when the later template's shift replaced a dearer one with the same coverage", async () => {
    // Template 0's 3-hour shifts begin with a break hour: at 00:00 it covers {1, 2}, at 01:00 {2, 3}.
    // Template 1's 2-hour shift at 01:00 also covers {1, 2}, for 2 paid hours instead of 3. Interval 3
    // needs template 0 at 01:00, interval 1 needs template 1 at 01:00: one of each, 5 paid hours.
    const plan = await scheduleShifts({
      required: [0, 1, 2, 1],
      intervalSeconds: H,
      templates: [
        { length: 3 * H, starts: [0, H], breaks: [{ earliest: 0, latest: 0, length: H }] },
        { length: 2 * H, starts: [H] },
      ],
    });
    expect(plan.shifts.map((s) => [s.start, s.template, s.count])).toEqual([
      [H, 0, 1],
      [H, 1, 1],
    ]);
    expect(plan.paidHours).toBe(5);
    expect(plan.coverage).toEqual([0, 1, 2, 1]);
  });

  it("reports gap 0 for a proven optimum whose bound falls a rounding error below its cost", async () => {
    // Intervals 1 and 5 need 4 agents each and no 3-hour shift covers both: at least 8 shifts; 4 at
    // 01:00 and 4 at 04:00 cover everything, so the optimum is 24 paid hours, 24 × 0.3 = 7.2.
    const plan = await scheduleShifts({
      required: [0, 4, 4, 1, 1, 4, 1],
      intervalSeconds: H,
      templates: [{ length: 3 * H, starts: range(0, 6 * H, H), costPerHour: 0.3 }],
    });
    expect(plan.status).toBe("optimal");
    expect(plan.paidHours).toBe(24);
    expect(plan.cost).toBeCloseTo(7.2, 12);
    // HiGHS sums the objective in another order than the plan's cost, and here (highs 1.15) its
    // bound lands a rounding error below the cost: float noise, not a gap.
    expect(plan.lowerBound).toBeLessThan(plan.cost);
    expect(plan.cost - plan.lowerBound).toBeLessThan(1e-12);
    expect(plan.gap).toBe(0);
  });

  it("starts a template only on its days, counted from startDay, and names uncovered intervals by day and weekday", async () => {
    const required = new Array<number>(48).fill(0);
    required[10] = 1; // day 0 = Sunday
    required[34] = 1; // day 1 = Monday
    const plan = await scheduleShifts({ required, intervalSeconds: H, startDay: 6, templates: [{ length: 2 * H, starts: [9 * H], days: [0] }] });
    expect(plan.status).toBe("infeasible");
    expect(plan.uncovered).toEqual([10]);
    expect(plan.shifts).toEqual([{ day: 1, weekday: 0, start: 9 * H, length: 2 * H, count: 1, template: 0, breaks: [] }]);
    expect(plan.notes).toEqual(["no allowed shift covers day 0 (Sun) 10:00–11:00"]);
    expect(plan.shortfall[10]).toBe(1);
    expect(plan.shortfall[34]).toBe(0);
  });

  it("describes several runs of uncovered intervals, one per run, up to midnight", async () => {
    const required = new Array<number>(72).fill(0);
    for (const i of [3, 4, 10, 23, 24, 30, 47, 48]) required[i] = 1;
    required[60] = 1; // coverable
    const plan = await scheduleShifts({ required, intervalSeconds: H, startDay: 3, templates: [{ length: H, starts: [12 * H], days: [5] }] });
    expect(plan.uncovered).toEqual([3, 4, 10, 23, 24, 30, 47, 48]);
    expect(plan.notes).toEqual([
      "no allowed shift covers day 0 (Thu) 03:00–05:00, day 0 (Thu) 10:00–11:00, day 0 (Thu) 23:00–01:00, day 1 (Fri) 06:00–07:00, day 1 (Fri) 23:00–01:00",
    ]);
    expect(plan.shifts.map((s) => [s.day, s.weekday, s.start])).toEqual([[2, 5, 12 * H]]);
  });

  it("names every weekday, wrapping past Sunday, when describing uncovered intervals", async () => {
    // Eight days from a Wednesday, one agent at 10:00 each day, and only 00:00 starts of one hour.
    const required = new Array<number>(8 * 24).fill(0);
    for (let d = 0; d < 8; d++) required[d * 24 + 10] = 1;
    const plan = await scheduleShifts({ required, intervalSeconds: H, startDay: 2, templates: [{ length: H, starts: [0] }] });
    const names = ["Wed", "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    expect(plan.notes).toEqual([`no allowed shift covers ${names.map((w, d) => `day ${d} (${w}) 10:00–11:00`).join(", ")}`]);
    expect(plan.shifts).toEqual([]);
  });

  it("never starts a shift at or after the end of a partial-day horizon, even when cyclic", async () => {
    // 12 hourly intervals; starts at 12:00 and 14:00 lie outside the horizon and must not wrap in.
    const required = new Array<number>(12).fill(0);
    for (let h = 0; h < 6; h++) required[h] = 1;
    const plan = await scheduleShifts({ required, intervalSeconds: H, cyclic: true, templates: [{ length: 4 * H, starts: hours(12, 14) }] });
    expect(plan.status).toBe("infeasible");
    expect(plan.uncovered).toEqual([0, 1, 2, 3, 4, 5]);
    expect(plan.shifts).toEqual([]);
  });

  it("places a break at the latest boundary of its window when only that placement fits the requirement", async () => {
    // 4-hour shift at 00:00, 1-hour break starting 1 h or 2 h in; need 1, 1, 0, 1: the break must start at 2 h.
    const plan = await scheduleShifts({
      required: [1, 1, 0, 1],
      intervalSeconds: H,
      templates: [{ length: 4 * H, starts: [0], breaks: [{ earliest: H, latest: 2 * H, length: H }] }],
    });
    expect(plan.shifts).toEqual([{ day: 0, weekday: 0, start: 0, length: 4 * H, count: 1, template: 0, breaks: [{ after: 2 * H, length: H }] }]);
    expect(plan.coverage).toEqual([1, 1, 0, 1]);
    expect(plan.notes).toEqual([]);
  });

  it("aligns break candidates with interval boundaries for a shift starting between them", async () => {
    // Shift at 00:15 on a 30-minute grid, 30-minute break 30–45 min in: the only boundary in the
    // window is 00:45 + 00:15 = 01:00, i.e. 45 min in. A window with no boundary (60–75 min in,
    // 01:15–01:30) falls back to its earliest offset, 60 min.
    const start = 900;
    const required = new Array<number>(10).fill(1);
    const aligned = await scheduleShifts({ required, intervalSeconds: 1800, templates: [{ length: 4 * H, starts: [start], breaks: [{ earliest: 1800, latest: 2700, length: 1800 }] }] });
    expect(aligned.shifts.map((s) => s.breaks)).toEqual([[{ after: 2700, length: 1800 }]]);
    // On duty 00:15–04:15: whole intervals 00:30–04:00; on break 01:00–01:30 (interval 2).
    expect(aligned.coverage.map((c) => c / aligned.shifts[0].count)).toEqual([0, 1, 0, 1, 1, 1, 1, 1, 0, 0]);

    const unaligned = await scheduleShifts({ required, intervalSeconds: 1800, templates: [{ length: 4 * H, starts: [start], breaks: [{ earliest: H, latest: H + 600, length: 900 }] }] });
    expect(unaligned.shifts.map((s) => s.breaks)).toEqual([[{ after: H, length: 900 }]]);
    // Break 01:15–01:30 lies inside interval 2 (01:00–01:30), which is lost.
    expect(unaligned.coverage.map((c) => c / unaligned.shifts[0].count)).toEqual([0, 1, 0, 1, 1, 1, 1, 1, 0, 0]);

    // Windows from 20 min to 4 h on a 1-hour grid, shifts starting at 00:00, 00:30 and 01:00: every candidate on a boundary.
    const grid = await scheduleShifts({
      required: new Array<number>(24).fill(0).map((_, h) => (h < 8 ? 2 : 0)),
      intervalSeconds: H,
      templates: [{ length: 6 * H, starts: [0, 1800, H], breaks: [{ earliest: 1200, latest: 4 * H, length: H }] }],
    });
    for (const s of grid.shifts) for (const b of s.breaks) expect((s.start + b.after) % H).toBe(0);
    expect(grid.coverage).toEqual(coverageOf(grid, { required: new Array(24).fill(0), intervalSeconds: H, templates: [] }));
  });

  it("places two breaks in time order, allows them back to back and never overlapping", async () => {
    // Rules listed latest first; 1-hour breaks at 1 h and 2 h touch but do not overlap.
    const plan = await scheduleShifts({
      required: [1, 0, 0, 1],
      intervalSeconds: H,
      templates: [{ length: 4 * H, starts: [0], breaks: [{ earliest: 2 * H, latest: 2 * H, length: H }, { earliest: H, latest: H, length: H }] }],
    });
    expect(plan.shifts).toEqual([
      { day: 0, weekday: 0, start: 0, length: 4 * H, count: 1, template: 0, breaks: [{ after: H, length: H }, { after: 2 * H, length: H }] },
    ]);
    expect(plan.coverage).toEqual([1, 0, 0, 1]);

    // Two rules with the same window: only distinct, non-overlapping placements (3 of 9 pairs, as sets) are columns.
    const required = [1, 1, 1, 1, 1, 1];
    const two = await scheduleShifts({
      required,
      intervalSeconds: H,
      templates: [{ length: 6 * H, starts: [0], breaks: [{ earliest: H, latest: 3 * H, length: H }, { earliest: H, latest: 3 * H, length: H }] }],
    });
    expect(two.size.variables).toBe(3);
    for (const s of two.shifts) {
      expect(s.breaks).toHaveLength(2);
      expect(s.breaks[0].after + s.breaks[0].length).toBeLessThanOrEqual(s.breaks[1].after);
    }
    // Each placement (breaks at 1 h + 2 h, 1 h + 3 h, 2 h + 3 h in) loses two of the middle hours 1..3,
    // so each middle hour is worked under one placement only: all three are needed, 3 × 6 paid hours.
    expect(two.coverage).toEqual(coverageOf(two, { required, intervalSeconds: H, templates: [] }));
    two.coverage.forEach((c) => expect(c).toBeGreaterThanOrEqual(1));
    expect(two.paidHours).toBe(18);
  });

  it("reports the MIP's proven bound, and a positive gap when mipGap lets the search stop early", async () => {
    const required = new Array<number>(48).fill(0);
    for (let i = 18; i < 34; i++) required[i] = 1;
    const templates = [{ length: 8 * H, starts: [9 * H], breaks: [{ earliest: 3 * H, latest: 5 * H, length: 1800 }] }];
    // The LP relaxation spreads 5/4 agents over the 5 break placements (10 paid hours); the MIP proves 16.
    const exact = await scheduleShifts({ required, intervalSeconds: 1800, templates, mipGap: 0 });
    expect(exact.status).toBe("optimal");
    expect(exact.cost).toBe(16);
    expect(exact.lowerBound).toBeCloseTo(16, 6);
    expect(exact.gap).toBe(0);
    // With a 60% tolerance the warm start (every placement's LP value rounded up) is accepted at once.
    const loose = await scheduleShifts({ required, intervalSeconds: 1800, templates, mipGap: 0.6 });
    expect(loose.status).toBe("optimal");
    expect(loose.cost).toBeGreaterThan(16);
    expect(loose.lowerBound).toBeGreaterThanOrEqual(10 - 1e-6);
    expect(loose.lowerBound).toBeLessThan(loose.cost);
    expect(loose.gap).toBeGreaterThan(0);
    expect(loose.gap).toBeCloseTo((loose.cost - loose.lowerBound) / loose.cost, 12);
    expect(loose.gap).toBeLessThanOrEqual(0.6);
  });
});

describe("planToShiftSpecs validation and formatting", () => {
  const base = { day: 0, weekday: 0, start: 8 * H, length: 8 * H, count: 1, template: 0, breaks: [] as { after: number; length: number }[] };
  const cases = [
    [{ day: -1 }, "plan.shifts[0].day must be 0–6: scenario shifts repeat weekly, so a plan of at most 7 days, got -1"],
    [{ day: 1.5 }, "plan.shifts[0].day must be 0–6: scenario shifts repeat weekly, so a plan of at most 7 days, got 1.5"],
    [{ day: 7 }, "plan.shifts[0].day must be 0–6: scenario shifts repeat weekly, so a plan of at most 7 days, got 7"],
    [{ weekday: -1 }, "plan.shifts[0].weekday must be an integer from 0 (Monday) to 6, got -1"],
    [{ weekday: 7 }, "plan.shifts[0].weekday must be an integer from 0 (Monday) to 6, got 7"],
    [{ weekday: 0.5 }, "plan.shifts[0].weekday must be an integer from 0 (Monday) to 6, got 0.5"],
    [{ start: 30 }, "plan.shifts[0].start must be whole minutes since midnight, below 86400, got 30"],
    [{ start: -60 }, "plan.shifts[0].start must be whole minutes since midnight, below 86400, got -60"],
    [{ start: DAY }, "plan.shifts[0].start must be whole minutes since midnight, below 86400, got 86400"],
    [{ count: -1 }, "plan.shifts[0].count must be a whole number >= 0, got -1"],
    [{ count: 0.5 }, "plan.shifts[0].count must be a whole number >= 0, got 0.5"],
  ] as const;
  it.each(cases)("rejects %j with one RangeError sentence", (change, message) => {
    expect(() => planToShiftSpecs({ shifts: [{ ...base, ...change }] })).toThrow(new RangeError(message));
  });

  it("accepts the edges: day and weekday 0 and 6, start 00:00, count 0 (left out)", () => {
    expect(planToShiftSpecs({ shifts: [{ ...base, day: 6, weekday: 6, start: 0 }, { ...base, count: 0 }] })).toEqual([
      { start: "00:00", length: "8h", days: ["sun"], count: 1, breaks: [] },
    ]);
  });

  it("writes durations as hours, minutes or seconds, whichever is exact", () => {
    const specs = planToShiftSpecs({
      shifts: [
        { ...base, length: H, breaks: [{ after: 0, length: 90 }] },
        { ...base, start: 9 * H, length: 4500, breaks: [{ after: 1800, length: 60 }] },
        { ...base, start: 10 * H, length: 3630, breaks: [] },
      ],
    });
    expect(specs).toEqual([
      { start: "08:00", length: "1h", days: ["mon"], count: 1, breaks: [{ after: 0, length: 90 }] },
      { start: "09:00", length: "75m", days: ["mon"], count: 1, breaks: [{ after: "30m", length: "1m" }] },
      { start: "10:00", length: 3630, days: ["mon"], count: 1, breaks: [] },
    ]);
  });

  it("sorts breaks, keeps shifts with different breaks apart, and orders entries by start, length and first weekday", () => {
    const specs = planToShiftSpecs({
      shifts: [
        { ...base, day: 4, weekday: 4, count: 2 },
        { ...base, day: 2, weekday: 2, count: 1 },
        { ...base, day: 1, weekday: 1, count: 2 },
        { ...base, length: 6 * H, day: 3, weekday: 3 },
        { ...base, day: 0, weekday: 0, breaks: [{ after: 5 * H, length: 900 }, { after: 2 * H, length: 900 }] },
        { ...base, day: 6, weekday: 6, breaks: [{ after: 3 * H, length: 900 }] },
        { ...base, day: 5, weekday: 5, breaks: [{ after: 2 * H, length: 900 }] },
      ],
    });
    expect(specs).toEqual([
      { start: "08:00", length: "6h", days: ["thu"], count: 1, breaks: [] },
      { start: "08:00", length: "8h", days: ["mon"], count: 1, breaks: [{ after: "2h", length: "15m" }, { after: "5h", length: "15m" }] },
      { start: "08:00", length: "8h", days: ["tue", "fri"], count: 2, breaks: [] },
      { start: "08:00", length: "8h", days: ["wed"], count: 1, breaks: [] },
      { start: "08:00", length: "8h", days: ["sat"], count: 1, breaks: [{ after: "2h", length: "15m" }] },
      { start: "08:00", length: "8h", days: ["sun"], count: 1, breaks: [{ after: "3h", length: "15m" }] },
    ]);
  });
});
