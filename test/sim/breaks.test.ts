/**
 * Breaks: a shift's agents take them one after another across the break's window, and a break
 * that falls during a conversation starts when the conversation ends, its length kept.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/replicate.js";
import { simulate, type TraceRecord } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import { scenarioOf } from "../helpers.js";

const M = 60;

/** Agents on duty at time t in the compiled schedule of the first group. */
function onDutyAt(input: Record<string, unknown>, t: number): number {
  const m = compileModel(scenarioOf(input));
  return m.groups[0].agents.filter((periods) => periods.some((p) => p.start <= t && t < p.end)).length;
}

describe("breaks", () => {
  const shift = (window?: string) => ({
    horizon: { hours: 8 },
    contactTypes: { calls: { volume: { times: [] }, handleTime: 300 } },
    agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:00", length: "8h", days: "all", count: 4, breaks: [{ after: "2h", length: "30m", ...(window ? { window } : {}) }] }] } } },
  });

  it("sends all of a shift's agents on break at once without a window", () => {
    expect(onDutyAt(shift(), 119 * M)).toBe(4);
    expect(onDutyAt(shift(), 120 * M)).toBe(0);
    expect(onDutyAt(shift(), 149 * M)).toBe(0);
    expect(onDutyAt(shift(), 150 * M)).toBe(4);
  });

  it("spreads the breaks evenly over the window: agent j of n starts at after + window × j / n", () => {
    // A 1-hour window for 4 agents: breaks start at 2:00, 2:15, 2:30 and 2:45, each 30 minutes.
    const s = shift("1h");
    const expected: [number, number][] = [
      [119, 4], [120, 3], [135, 2], [149, 2], [150, 2], [165, 2], [175, 2], [180, 3], [194, 3], [195, 4],
    ];
    for (const [minute, agents] of expected) expect([minute, onDutyAt(s, minute * M)]).toEqual([minute, agents]);
    // The same agent-time off as without a window.
    const idle = runScenario(scenarioOf(s), { replications: 1 }).runs[0].totals.groups.team;
    expect(idle.staffedHours).toBeCloseTo(4 * 7.5, 9);
  });

  it("rejects a window that would end a break after its shift", () => {
    const bad = {
      ...shift(),
      agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:00", length: "3h", days: "all", count: 4, breaks: [{ after: "2h", length: "30m", window: "1h" }] }] } } },
    };
    expect(() => scenarioOf(bad)).toThrow(/break-outside-shift|ends after the shift/);
  });

  it("starts a break that falls during a conversation when it ends, and keeps its length", () => {
    // One agent, a break at 1:00 for 30 minutes. A 20-minute call from 0:50 runs to 1:10, so the
    // break runs 1:10–1:40; a call at 1:35 waits until 1:40 (5 minutes), not until 1:30.
    const rows: TraceRecord[] = [];
    const s = scenarioOf({
      horizon: { hours: 4 },
      warmup: 0,
      contactTypes: { calls: { volume: { times: [50 * M, 95 * M] }, handleTime: { dist: "deterministic", mean: 20 * M } } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:00", length: "3h", days: "all", count: 1, breaks: [{ after: "1h", length: "30m" }] }] } } },
    });
    simulate(compileModel(s), streams(1).fork(0), 0, { trace: (r) => rows.push(r) });
    expect(rows.map((r) => [r.arrival / M, r.wait / M])).toEqual([
      [50, 0],
      [95, 5],
    ]);
    const k = runScenario(s, { replications: 1 }).runs[0].totals.groups.team;
    // On duty 0:00–1:10 and 1:40–3:00: the break's 30 minutes kept, no overtime.
    expect(k.staffedHours).toBeCloseTo(150 / 60, 9);
    expect(k.overtimeHours).toBe(0);
  });
});
