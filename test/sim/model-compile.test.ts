/**
 * The compiled model's arrival rates, daily profiles and opening spans, against hand-computed
 * layouts: daily volume × day-of-week factor × intraday share, read on the customers' clock at
 * each interval's midpoint; replayed arrivals cut at the horizon; overnight and per-day opening
 * windows merged into spans.
 */
import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/sim/model.js";
import { scenarioOf } from "../helpers.js";

const H = 3600;
const weights = Array.from({ length: 24 }, (_, h) => h + 1);
const total = weights.reduce((a, b) => a + b, 0);
const dow = [2, 1, 1, 1, 1, 1, 0.5];

function typeOf(calls: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return compileModel(
    scenarioOf({
      horizon: { days: 2 },
      intervalMinutes: 60,
      startDay: "mon",
      contactTypes: { calls: { handleTime: 100, ...calls } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 5 } } },
      ...extra,
    }),
  ).types[0];
}

describe("arrival rates per planning interval", () => {
  it("is daily × day-of-week factor × intraday share per second, on the center's clock", () => {
    const t = typeOf({ volume: { daily: 2400, intraday: weights, dayOfWeek: dow } });
    expect(t.arrivals.ratePerInterval.length).toBe(48);
    for (const i of [0, 5, 23, 24, 47]) {
      const day = Math.floor(i / 24);
      expect(t.arrivals.ratePerInterval[i], `interval ${i}`).toBeCloseTo((2400 * dow[day] * weights[i % 24]) / total / H, 12);
    }
    expect(Array.from(t.arrivals.localDayOfInterval.slice(22, 26))).toEqual([0, 0, 1, 1]);
    expect(t.arrivals.localDays).toBe(2);
    expect(t.arrivals.expected).toBeCloseTo(2400 * 2 + 2400 * 1, 9);
  });

  it("reads the profile and the day on the customers' clock when they are hours ahead or behind", () => {
    // Customers 3 hours ahead: the center's interval i is their hour i + 3.
    const ahead = typeOf({ volume: { daily: 2400, intraday: weights, dayOfWeek: dow }, utcOffsetHours: 3 }, { utcOffsetHours: 0 });
    for (const i of [0, 20, 21, 44]) {
      const local = i + 3;
      expect(ahead.arrivals.ratePerInterval[i], `interval ${i}`).toBeCloseTo((2400 * dow[Math.floor(local / 24)] * weights[local % 24]) / total / H, 12);
    }
    expect(Array.from(ahead.arrivals.localDayOfInterval.slice(19, 23))).toEqual([0, 0, 1, 1]);
    // The same 3 hours when the center itself is at UTC+1 and the customers at UTC+4.
    const shifted = typeOf({ volume: { daily: 2400, intraday: weights, dayOfWeek: dow }, utcOffsetHours: 4 }, { utcOffsetHours: 1 });
    expect(Array.from(shifted.arrivals.ratePerInterval)).toEqual(Array.from(ahead.arrivals.ratePerInterval));
    // Customers 5 hours behind: the center's first hours are their Sunday evening (day-of-week 0.5).
    const behind = typeOf({ volume: { daily: 2400, intraday: weights, dayOfWeek: dow }, utcOffsetHours: -5 }, { utcOffsetHours: 0 });
    expect(behind.arrivals.ratePerInterval[0]).toBeCloseTo((2400 * 0.5 * weights[19]) / total / H, 12);
    expect(behind.arrivals.ratePerInterval[5]).toBeCloseTo((2400 * 2 * weights[0]) / total / H, 12);
    expect(behind.arrivals.localDayOfInterval[0]).toBe(0);
    expect(behind.arrivals.localDayOfInterval[5]).toBe(1);
    expect(behind.arrivals.localDays).toBe(3);
  });

  it("spreads a flat rate per hour evenly", () => {
    const t = typeOf({ volume: { perHour: 90 } });
    for (const r of t.arrivals.ratePerInterval) expect(r).toBeCloseTo(90 / H, 12);
    expect(t.arrivals.expected).toBeCloseTo(90 * 48, 9);
  });

  it("replays given arrival times before the horizon, sorted, and expects as many", () => {
    const t = typeOf({ volume: { times: [500, 100, 2 * 86400, 3 * 86400 - 1, 86400] } });
    expect(Array.from(t.arrivals.replayTimes!)).toEqual([100, 500, 86400]);
    expect(t.arrivals.expected).toBe(3);
  });
});

describe("daily profiles on the customers' clock", () => {
  it("lays out handle-time factors and containment per interval, with their mean as the containment share", () => {
    const t = typeOf(
      { volume: { perHour: 10 }, utcOffsetHours: 2, handleTimeByInterval: weights.map((w) => w / 10), ivr: { containment: weights.map((w) => w / 100) } },
      { utcOffsetHours: 0, ivr: { menuTime: 10 } },
    );
    for (const i of [0, 21, 22, 47]) {
      expect(t.handleFactorByInterval![i], `interval ${i}`).toBeCloseTo(weights[(i + 2) % 24] / 10, 12);
      expect(t.ivr!.containmentByInterval![i]).toBeCloseTo(weights[(i + 2) % 24] / 100, 12);
    }
    expect(t.ivr!.containment).toBeCloseTo(total / 24 / 100, 12);
  });
});

describe("distributions by their fitted parameters", () => {
  it("builds gamma by shape and scale, Weibull by scale and shape, and empirical values", () => {
    expect(typeOf({ volume: { perHour: 1 }, handleTime: { dist: "gamma", shape: 2, scale: 30 } }).handle.mean).toBeCloseTo(60, 12);
    expect(typeOf({ volume: { perHour: 1 }, handleTime: { dist: "gamma", mean: 50, cv: 0.5 } }).handle.variance).toBeCloseTo(625, 9);
    expect(typeOf({ volume: { perHour: 1 }, handleTime: { dist: "weibull", scale: 100, shape: 2 } }).handle.mean).toBeCloseTo(50 * Math.sqrt(Math.PI), 9);
    expect(typeOf({ volume: { perHour: 1 }, handleTime: { dist: "weibull", mean: 100, shape: 2 } }).handle.mean).toBeCloseTo(100, 9);
    const e = typeOf({ volume: { perHour: 1 }, handleTime: { dist: "empirical", values: [10, 20, 60] } }).handle;
    expect([e.name, e.mean]).toEqual(["empirical", 30]);
    const l = typeOf({ volume: { perHour: 1 }, handleTime: { dist: "lognormal", mu: 4, sigma: 0.5 } }).handle;
    expect([l.name, l.mean]).toEqual(["lognormal", Math.exp(4.125)]);
  });
});

describe("opening hours as spans", () => {
  it("merges windows per day, runs a window past midnight into the next day, and cuts at the horizon", () => {
    const t = typeOf({
      volume: { perHour: 10 },
      openHours: [
        { days: ["mon"], from: "08:00", to: "12:00" },
        { days: ["mon"], from: "11:00", to: "14:00" },
        { days: ["mon", "tue"], from: "22:00", to: "02:00" },
        { days: ["sun"], from: "23:00", to: "01:00" },
      ],
    });
    // Sunday's night window reaches Monday 0–1 h; Tuesday's runs past the 48-hour horizon.
    expect(Array.from(t.openSpans!)).toEqual([0, 1 * H, 8 * H, 14 * H, 22 * H, 26 * H, 46 * H, 48 * H]);
  });

  it("joins windows that touch", () => {
    const t = typeOf({ volume: { perHour: 10 }, openHours: [{ days: ["mon"], from: "08:00", to: "10:00" }, { days: ["mon"], from: "10:00", to: "12:00" }] });
    expect(Array.from(t.openSpans!)).toEqual([8 * H, 12 * H]);
  });

  it("keeps only the windows that fall in the horizon, in time order whatever order they are given in", () => {
    const t = compileModel(
      scenarioOf({
        horizon: { hours: 30 },
        intervalMinutes: 60,
        contactTypes: { calls: { handleTime: 100, volume: { perHour: 10 }, openHours: [{ from: "14:00", to: "16:00" }, { from: "08:00", to: "12:00" }] } },
        agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 5 } } },
      }),
    ).types[0];
    // Every day, 08–12 and 14–16; the day before time 0 and the second day's windows (past 30 h) add nothing.
    expect(Array.from(t.openSpans!)).toEqual([8 * H, 12 * H, 14 * H, 16 * H]);
  });

  it("makes no empty span of a window that ends at time 0 or starts at the horizon", () => {
    // Daily 20:00–24:00 and 00:00–02:00 over 44 hours: the day before's evening window ends
    // exactly at 0, and the second evening's starts exactly at the horizon.
    const t = typeOf({ volume: { perHour: 10 }, openHours: [{ from: "20:00", to: "24:00" }, { from: "00:00", to: "02:00" }] }, { horizon: { hours: 44 } });
    expect(Array.from(t.openSpans!)).toEqual([0, 2 * H, 20 * H, 26 * H]);
  });

  it("has no spans when always open", () => {
    expect(typeOf({ volume: { perHour: 10 } }).openSpans).toBeNull();
  });
});
