/**
 * The engine's use of profiles over the day (handle time, IVR containment), of a separate IVR
 * time for IVR-only calls and of survival curves, checked on the per-call trace.
 */
import { describe, expect, it } from "vitest";
import { simulate, type TraceRecord } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { containmentIn, handleFactorIn } from "../../src/sim/profiles.js";
import { streams } from "../../src/sim/random.js";
import { scenarioOf } from "../helpers.js";

function trace(input: Record<string, unknown>, seed = 3): TraceRecord[] {
  const rows: TraceRecord[] = [];
  simulate(compileModel(scenarioOf(input)), streams(seed).fork(0), 0, { trace: (r) => rows.push(r) });
  return rows;
}
const HOUR = 3600;
const byHour = (f: (h: number) => number) => Array.from({ length: 24 }, (_, h) => f(h));

describe("profiles over the day", () => {
  it("multiplies handle time by the factor of the interval in which the conversation starts", () => {
    const rows = trace({
      horizon: { days: 1 },
      intervalMinutes: 60,
      contactTypes: { calls: { volume: { perHour: 60 }, handleTime: { dist: "deterministic", mean: 100 }, handleTimeByInterval: byHour((h) => (h % 2 ? 2.5 : 1)) } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 30 } } },
    });
    const answered = rows.filter((r) => r.outcome === "answered");
    expect(answered.length).toBeGreaterThan(1000);
    for (const r of answered) expect(r.talk).toBeCloseTo(Math.floor(r.talkStart! / HOUR) % 2 ? 250 : 100, 6);
  });

  it("reads the containment share of the interval of arrival", () => {
    const rows = trace({
      horizon: { days: 1 },
      intervalMinutes: 60,
      ivr: { menuTime: 10 },
      contactTypes: { calls: { volume: { perHour: 200 }, handleTime: 60, ivr: { containment: byHour((h) => (h < 12 ? 0 : 0.4)) } } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 20 } } },
    });
    const late = rows.filter((r) => r.arrival >= 12 * HOUR && r.outcome !== "in-progress");
    const contained = rows.filter((r) => r.outcome === "contained");
    expect(contained.every((r) => r.arrival >= 12 * HOUR)).toBe(true);
    const share = contained.length / late.length;
    // Binomial: 0.4 within 5 standard errors.
    expect(Math.abs(share - 0.4)).toBeLessThan(5 * Math.sqrt((0.4 * 0.6) / late.length));
  });

  it("keeps IVR-only calls in the IVR for containedTime and the others for the menu time", () => {
    const rows = trace({
      horizon: { hours: 8 },
      ivr: { menuTime: { dist: "deterministic", mean: 20 } },
      contactTypes: { calls: { volume: { perHour: 120 }, handleTime: 60, ivr: { containment: 0.3, containedTime: { dist: "deterministic", mean: 45 } } } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 10 } } },
    });
    const contained = rows.filter((r) => r.outcome === "contained");
    const routed = rows.filter((r) => r.outcome === "answered" || r.outcome === "abandoned");
    expect(contained.length).toBeGreaterThan(100);
    for (const r of contained) expect(r.ivrEnd! - r.arrival).toBeCloseTo(45, 9);
    for (const r of routed) expect(r.ivrEnd! - r.arrival).toBeCloseTo(20, 9);
    const share = contained.length / (contained.length + routed.length);
    expect(Math.abs(share - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / (contained.length + routed.length)));
  });

  it("keeps the draws of scenarios that give no containedTime (same seed, same calls)", () => {
    const input = (ivr: Record<string, unknown>) => ({
      horizon: { hours: 4 },
      intervalMinutes: 60,
      ivr: { menuTime: 15 },
      contactTypes: { calls: { volume: { perHour: 100 }, handleTime: 60, ivr } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 3 } } },
    });
    // A constant profile is the same scenario as the number.
    expect(trace(input({ containment: byHour(() => 0.25) }))).toEqual(trace(input({ containment: 0.25 })));
  });
});

describe("survival curves in the engine", () => {
  it("gives abandonment times at the steps of a step curve, and beyond the last one in the tail", () => {
    const rows = trace({
      horizon: { hours: 4 },
      contactTypes: { calls: { volume: { perHour: 100 }, handleTime: 60, patience: { dist: "survival", times: [0, 30, 90, 240], survival: [1, 0.6, 0.3, 0.1], interpolation: "step" } } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 0 } } },
    });
    const waits = rows.filter((r) => r.outcome === "abandoned").map((r) => r.wait);
    expect(waits.length).toBeGreaterThan(300);
    const near = (w: number, x: number) => Math.abs(w - x) < 1e-6;
    for (const w of waits) expect(near(w, 30) || near(w, 90) || near(w, 240) || w > 240, String(w)).toBe(true);
    const at30 = waits.filter((w) => near(w, 30)).length / waits.length;
    expect(Math.abs(at30 - 0.4)).toBeLessThan(5 * Math.sqrt(0.24 / waits.length));
  });
});

describe("profile readers (forecasts and diagnostics)", () => {
  const model = (calls: Record<string, unknown>, ivr?: Record<string, unknown>) =>
    compileModel(
      scenarioOf({
        horizon: { days: 1 },
        intervalMinutes: 60,
        ...(ivr ? { ivr } : {}),
        contactTypes: { calls: { volume: { perHour: 10 }, handleTime: 60, ...calls } },
        agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 2 } } },
      }),
    ).types[0];

  it("reads the scenario's per-hour profiles interval by interval", () => {
    const t = model({ handleTimeByInterval: byHour((h) => 1 + h / 10), ivr: { containment: byHour((h) => h / 100) } }, { menuTime: 10 });
    for (const h of [0, 5, 23]) {
      expect(handleFactorIn(t, h)).toBeCloseTo(1 + h / 10, 12);
      expect(containmentIn(t, h)).toBeCloseTo(h / 100, 12);
    }
  });

  it("reads a flat containment share and a handle-time factor of 1 without profiles", () => {
    const t = model({ ivr: { containment: 0.3 } }, { menuTime: 10 });
    expect(containmentIn(t, 7)).toBe(0.3);
    expect(handleFactorIn(t, 7)).toBe(1);
  });

  it("reads no containment for a type without an IVR", () => {
    const t = model({});
    expect(t.ivr).toBeNull();
    expect(containmentIn(t, 3)).toBe(0);
  });
});
