/**
 * The run model's zod-free view of a scenario (src/scenario/basics.ts) agrees with the schema:
 * the default in-house site is what the schema makes of `{ type: inhouse }`.
 */
import { describe, expect, it } from "vitest";
import { defaultInhouseSite, groupClockShift, siteClockShift, sitesOf } from "../../src/scenario/basics.js";
import { parseScenarioText } from "../../src/scenario/load.js";

const SCENARIO = `
name: sites
horizon: { days: 1 }
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: { dist: exponential, mean: 300 } }
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 10 } }
`;

describe("scenario basics", () => {
  it("default the in-house site exactly as the schema does", () => {
    const declared = parseScenarioText(`${SCENARIO}sites:\n  inhouse: { type: inhouse }\n`, "s.yaml");
    if (!declared.ok) throw new Error(JSON.stringify(declared.errors));
    expect(declared.scenario.sites?.inhouse).toEqual(defaultInhouseSite());
  });

  it("give a scenario without sites the one in-house site", () => {
    const plain = parseScenarioText(SCENARIO, "s.yaml");
    if (!plain.ok) throw new Error(JSON.stringify(plain.errors));
    expect(plain.scenario.sites).toBeUndefined();
    expect(sitesOf(plain.scenario)).toEqual({ inhouse: defaultInhouseSite() });
  });

  it("put a site's clock ahead of the center's in whole seconds", () => {
    const site = (utcOffsetHours?: number) => ({ ...defaultInhouseSite(), utcOffsetHours });
    expect(siteClockShift({ utcOffsetHours: 1 }, site(3))).toBe(7200);
    expect(siteClockShift({ utcOffsetHours: 5.5 }, site(-3.75))).toBe(-33300);
    // −6/7 h is −3,085.71… s: rounded to the nearest second, as every user of the shift reads it.
    expect(siteClockShift({ utcOffsetHours: 0 }, site(-6 / 7))).toBe(-3086);
    // A site without an offset of its own, or no site, keeps the center's clock.
    expect(siteClockShift({ utcOffsetHours: 2 }, site(undefined))).toBe(0);
    expect(siteClockShift({ utcOffsetHours: 2 }, undefined)).toBe(0);
  });

  it("read a group's clock on its site", () => {
    const groups = "  agents: { site: far, skills: { calls: 1 }, staffing: { constant: 10 } }\n  local: { site: here, skills: { calls: 1 }, staffing: { constant: 1 } }\n";
    const text = SCENARIO.replace(/  agents: .*\n/, groups) + "utcOffsetHours: 1\nsites:\n  far: { type: inhouse, utcOffsetHours: 3 }\n  here: { type: inhouse }\n";
    const r = parseScenarioText(text, "s.yaml");
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(groupClockShift(r.scenario, "agents")).toBe(7200);
    expect(groupClockShift(r.scenario, "local")).toBe(0);
  });
});
