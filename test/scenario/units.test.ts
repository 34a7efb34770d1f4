import { describe, expect, it } from "vitest";
import { formatDiagnostics, parseScenarioText, type Diagnostic, type LoadResult } from "../../src/scenario/load.js";
import { DURATION_UNITS, parseDuration } from "../../src/scenario/units.js";

const scenario = (contactType: string, extra = "") => `
name: units
horizon: { days: 1 }
contactTypes:
  calls: { volume: { perHour: 100 }, ${contactType} }
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 5 } }
${extra}`;
const load = (text: string): LoadResult => parseScenarioText(text, "s.yaml");
const errorsOf = (r: LoadResult): Diagnostic[] => {
  if (r.ok) throw new Error("expected errors, but the scenario loaded");
  return r.errors;
};

describe("durations as people write them", () => {
  it("reads every common spelling of seconds, minutes, hours and days, alone or added up", () => {
    const cases: [string, number][] = [
      ["90s", 90], ["90 sec", 90], ["90secs", 90], ["1 second", 1], ["90 seconds", 90],
      ["5m", 300], ["5 min", 300], ["5 mins", 300], ["1 minute", 60], ["5 minutes", 300],
      ["2h", 7200], ["2 hr", 7200], ["2 hrs", 7200], ["1 hour", 3600], ["1.5 hours", 5400],
      ["1d", 86400], ["1 day", 86400], ["2 days", 172800],
      ["1h30m", 5400], ["1h 30min", 5400], ["2 days 4 hours", 187200], ["1m30s", 90], ["1.1h", 3960],
    ];
    for (const [text, seconds] of cases) expect(parseDuration(text), text).toBe(seconds);
    expect(Object.keys(DURATION_UNITS)).toHaveLength(18);
  });

  it("refuses texts that are not durations: no unit, unknown units, units without numbers", () => {
    for (const text of ["5", "5 ms", "5 months", "m", "5 m m", "-5m", "5 Minutes", "1h30", ""]) expect(parseDuration(text), text).toBeNull();
  });

  it("accepts a spelled-out duration in a scenario, in seconds after loading", () => {
    const r = load(scenario("handleTime: 4 minutes, patience: { dist: exponential, mean: 1.5 hours }"));
    if (!r.ok) throw new Error(formatDiagnostics(r.errors));
    expect(r.scenario.contactTypes.calls.handleTime).toEqual({ dist: "exponential", mean: 240 });
    expect(r.scenario.contactTypes.calls.patience).toEqual({ dist: "exponential", mean: 5400 });
  });

  it("lists the accepted units when a duration is misspelt", () => {
    const [e] = errorsOf(load(scenario("handleTime: 4 mnutes")));
    expect(e.path).toEqual(["contactTypes", "calls", "handleTime"]);
    expect(e.expected).toContain("s/sec/secs/second(s), m/min/mins/minute(s), h/hr/hrs/hour(s), d/day(s)");
  });

  it("warns that a bare patience of 5 is five seconds, with the unit to write", () => {
    const r = load(scenario("handleTime: 300, patience: 5"));
    if (!r.ok) throw new Error(formatDiagnostics(r.errors));
    expect(r.warnings.map((w) => w.code)).toEqual(["implausible-seconds"]);
    expect(r.warnings[0]).toMatchObject({ path: ["contactTypes", "calls", "patience"], line: 5 });
    expect(r.warnings[0].hint).toContain('write "5m"');
  });

  it("warns about a shift of 8 seconds and a handle-time mean of 3, but not about units or plausible seconds", () => {
    const shifts = "staffing: { shifts: [ { start: '08:00', length: 8, count: 3 } ] }";
    const r = load(scenario("handleTime: { dist: exponential, mean: 3 }, patience: 5s").replace("staffing: { constant: 5 }", shifts));
    if (!r.ok) throw new Error(formatDiagnostics(r.errors));
    expect(r.warnings.map((w) => [w.code, w.path.join(".")])).toEqual([
      ["implausible-seconds", "contactTypes.calls.handleTime.mean"],
      ["implausible-seconds", "agentGroups.agents.staffing.shifts.0.length"],
    ]);
    expect(r.warnings[1].hint).toContain('"8h"');
    const plain = load(scenario("handleTime: 300, patience: 45"));
    expect(plain.ok && plain.warnings).toEqual([]);
  });
});

describe("percentages: shares are numbers between 0 and 1, and the error says the exact value to write", () => {
  const withTarget = (target: string) => scenario("handleTime: 300", `serviceLevel: { target: ${target} }`);

  it("target: 80 → write 0.8", () => {
    const [e] = errorsOf(load(withTarget("80")));
    expect(e).toMatchObject({ code: "out-of-range", found: "80", path: ["serviceLevel", "target"] });
    expect(e.hint).toBe("shares are written between 0 and 1: write 0.8 for 80");
  });

  it('"80%" → write 0.8, "0,8" → write 0.8', () => {
    expect(errorsOf(load(withTarget('"80%"')))[0].hint).toBe("shares are written between 0 and 1: write 0.8 for 80%");
    expect(errorsOf(load(withTarget('"0,8"')))[0].hint).toBe("decimals take a point: write 0.8");
  });

  it("serviceLevel: 80/20 → write {target: 0.8, thresholdSeconds: 20}", () => {
    const [e] = errorsOf(load(scenario("handleTime: 300", "serviceLevel: 80/20")));
    expect(e.path).toEqual(["serviceLevel"]);
    expect(e.hint).toBe("write {target: 0.8, thresholdSeconds: 20}");
  });
});
