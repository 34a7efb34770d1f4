/** The fitting pieces on small hand-made inputs whose answers are known exactly. */
import { describe, expect, it } from "vitest";
import { fitLognormal, kolmogorovP } from "../../src/fit/durations.js";
import { fitRecords } from "../../src/fit/fit.js";
import { fitPatience, kaplanMeier } from "../../src/fit/survival.js";
import type { CallRecord } from "../../src/records/format.js";

const H = 3600;
function answered(agent: string, arrival: number, talkStart: number, talkEnd: number, wrapEnd: number | null = null): CallRecord {
  return { callId: "x", type: "calls", arrival, ivrStart: null, ivrEnd: null, queueEntry: arrival, queueExit: talkStart, outcome: "answered", talkStart, talkEnd, wrapEnd, agent, group: "g" };
}

describe("fitting", () => {
  it("Kaplan–Meier: the textbook product with censoring", () => {
    // Events at 1, 3, 4; censored at 2 and 5: S = 4/5, then ×(2/3) at 3, then ×(1/2) at 4.
    const km = kaplanMeier(Float64Array.from([1, 2, 3, 4, 5]), Uint8Array.from([1, 0, 1, 1, 0]));
    expect(km.map((s) => s.time)).toEqual([1, 3, 4]);
    [0.8, 0.8 * (2 / 3), 0.8 * (2 / 3) * 0.5].forEach((s, i) => expect(km[i].survival).toBeCloseTo(s, 14));
    expect(km.map((s) => s.atRisk)).toEqual([5, 3, 2]);
  });

  it("censored exponential: events over exposure, not the mean of the abandoned waits", () => {
    const p = fitPatience([10, 20, 30, 40], [true, false, true, false]);
    const exp = p.fits.find((f) => f.family === "exponential")!;
    expect(exp.mean).toBe(100 / 2);
    expect(p.events).toBe(2);
    expect(p.censored).toBe(2);
  });

  it("lognormal maximum likelihood: mu and sigma are the mean and (n-denominator) sd of the logs", () => {
    const xs = [1, Math.E, Math.E ** 2];
    const f = fitLognormal(xs)!;
    expect(f.mu).toBeCloseTo(1, 12);
    expect(f.sigma).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(f.mean).toBeCloseTo(Math.exp(1 + 1 / 3), 12);
    expect(kolmogorovP(0)).toBe(1);
    expect(kolmogorovP(1.36)).toBeCloseTo(0.049, 2);
  });

  it("staffing from agents' activity: on duty from a conversation to the end of the last one before an idle hour", () => {
    const day = 2 * 86400; // a Wednesday in the week of 2024-01-01
    const records = [
      answered("a", day + 8 * H, day + 8 * H, day + 8 * H + 600),
      answered("a", day + 8 * H + 3000, day + 8 * H + 3000, day + 9 * H + 600),
      answered("a", day + 10 * H, day + 10 * H, day + 10 * H + 3300, day + 11 * H),
      answered("a", day + 11 * H + 1800, day + 11 * H + 1800, day + 11 * H + 3300, day + 12 * H),
      // After an idle hour and a half: a new session, ten minutes long.
      answered("a", day + 13 * H + 1800, day + 13 * H + 1800, day + 13 * H + 2400),
      answered("b", day + 9 * H, day + 9 * H, day + 9 * H + 900, day + 9 * H + 1800),
    ];
    const fit = fitRecords(records, { intervalMinutes: 60 });
    expect(fit.staffing.source).toBe("agents");
    expect(fit.staffing.pattern).toBe("day");
    expect(fit.staffing.agentsSeen).toBe(2);
    // a: 08:00–12:00 and 13:30–13:40 (a sixth of an interval, rounded away); b: 09:00–09:30 (half, rounded up with a).
    expect(fit.staffing.perInterval.slice(7, 15)).toEqual([0, 1, 2, 1, 1, 0, 0, 0]);
    expect(fit.calendar.startWeekday).toBe(2);
    // a's 08:50–09:10 and b's 09:00–09:15 overlap; nothing else does (wrap-up holds no line).
    expect(fit.trunks).toEqual({ maxInSystem: 2, blocked: 0 });
    expect(fit.notEstimated.join("\n")).toMatch(/patience: fewer than 2 abandoned calls/);
  });

  it("says when the intraday shape differs between days of the week, which one profile cannot express", () => {
    const blocked = (t: number): CallRecord => ({ callId: "b", type: "calls", arrival: t, ivrStart: null, ivrEnd: null, queueEntry: null, queueExit: null, outcome: "blocked", talkStart: null, talkEnd: null, wrapEnd: null, agent: "", group: "" });
    // Monday's calls in the morning, Tuesday's in the afternoon: the same in both weeks.
    const records = [0, 7].flatMap((week) => Array.from({ length: 200 }, (_, k) => [blocked(week * 86400 + 9 * H + k), blocked((week + 1) * 86400 + 15 * H + k)]).flat());
    const fit = fitRecords(records, { intervalMinutes: 60 });
    const test = fit.types[0].arrivals.shapeByWeekday!;
    expect(test.p).toBeLessThan(1e-6);
    expect(fit.approximations.join("\n")).toMatch(/calls: the intraday shape differs between days of the week/);
    expect(fit.types[0].arrivals.byWeekday[0][9]).toBe(200);
    expect(fit.types[0].arrivals.byWeekday[1][15]).toBe(200);
    // Wednesday to Sunday of the first week have no calls: said, since they may be a gap.
    expect(fit.approximations.join("\n")).toMatch(/5 of the 9 days the records span have no call at all/);
  });
});
