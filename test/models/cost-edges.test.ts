/**
 * The cost model's edges, each against a hand computation: which scenarios say something about
 * money, the default currency, the warm-up in hiring and in interval SLAs, sites no group works
 * at, unit costs with no scheduled hours, the lifetime value of contact types without segments,
 * the name of the scenario-wide entry, and the report's labels. One day of horizon is 1 / 30.4375
 * months and 1 / 7 week.
 */
import { describe, expect, it } from "vitest";
import { COST_CATEGORIES, COST_LABELS, SHARED, hasCosts } from "../../src/models/cost.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { costOf, load } from "./costed.js";

const ONE_DAY = 1 / 30.4375;

describe("which scenarios have costs", () => {
  const twoGroups = (northWage: string) => `
contactTypes:
  calls: { volume: { perHour: 10 }, handleTime: 300 }
agentGroups:
  north: { ${northWage} skills: { calls: 1 }, staffing: { constant: 2 } }
  south: { skills: { calls: 1 }, staffing: { constant: 2 } }
`;

  it("has costs when only some of the groups are paid", () => {
    expect(hasCosts(load(twoGroups("hourlyWage: 20,")))).toBe(true);
    expect(hasCosts(load(twoGroups("")))).toBe(false);
  });

  it("has no costs for in-house sites alone: a site without wages, vendors or a costs block says nothing about money", () => {
    const text = twoGroups("site: east,").replace("south: {", "south: { site: west,") + "sites: { east: { type: inhouse }, west: { type: inhouse } }\n";
    expect(hasCosts(load(text))).toBe(false);
  });
});

describe("defaults and the warm-up", () => {
  it("reports in USD when the scenario has no costs block", () => {
    const { report, cost } = costOf(`
horizon: { days: 1 }
contactTypes:
  calls: { volume: { times: [] }, handleTime: 300 }
agentGroups:
  team: { hourlyWage: 20, skills: { calls: 1 }, staffing: { constant: 1 } }
`);
    expect(report.currency).toBe("USD");
    expect(cost.labour).toBe(480);
  });

  it("sizes hiring on the full-time equivalents of the counted weeks only, after the warm-up", () => {
    const { cost } = costOf(`
horizon: { days: 2 }
warmup: 1d
contactTypes:
  calls: { volume: { times: [] }, handleTime: 300 }
agentGroups:
  team: { skills: { calls: 1 }, staffing: { constant: 2 } }
sites:
  inhouse: { type: inhouse, hiring: { attritionPerYear: 0.5, costPerHire: 4000 } }
`);
    // Counted: day 2, 48 scheduled hours in 1/7 week = 8.4 FTE (the 2 agents working 24 h of 40);
    // × 0.5 a year × 4000 × (one day in months / 12).
    expect(cost.hiring).toBeCloseTo(8.4 * 0.5 * 4000 * (ONE_DAY / 12), 9);
  });

  it("measures an interval SLA from the first interval after the warm-up", () => {
    // One vendor agent. Five 5-minute calls at 01:00, a second apart (SL 0.2 in their interval:
    // a 6000 penalty without a warm-up), fall in the 2-hour warm-up; the call at 10:00 is
    // answered at once (SL 1 → 20 points above 0.8 × 50 = a 1000 bonus) and is all that counts.
    const { cost } = costOf(`
horizon: { days: 1 }
warmup: 2h
contactTypes:
  calls:
    volume: { times: [3600, 3601, 3602, 3603, 3604, 36000] }
    handleTime: { dist: deterministic, mean: 300 }
agentGroups:
  offshore: { site: bpo, skills: { calls: 1 }, staffing: { constant: 1 } }
sites:
  bpo: { type: vendor, pricing: { per: handledContact, rate: 0 }, sla: { target: 0.8, per: interval, penaltyPerPoint: 100, bonusPerPoint: 50 } }
`);
    expect(cost.vendorSla).toBeCloseTo(-1000, 9);
  });
});

describe("sites and unit costs", () => {
  it("charges nothing for a site no group works at, not even its fixed or minimum monthly amounts", () => {
    const { cost, bySite } = costOf(`
horizon: { days: 1 }
contactTypes:
  calls: { volume: { times: [] }, handleTime: 300 }
agentGroups:
  team: { site: main, hourlyWage: 20, skills: { calls: 1 }, staffing: { constant: 1 } }
sites:
  main: { type: inhouse }
  spare: { type: inhouse, technology: { fixedMonthly: 3044 }, facilities: { perSeatMonthly: 300 } }
  idleBpo: { type: vendor, pricing: { per: fte, rate: 3000 }, minimumMonthly: 10000, transition: { amount: 36000 } }
`);
    for (const c of COST_CATEGORIES) {
      expect(bySite.spare[c], `spare ${c}`).toBe(0);
      expect(bySite.idleBpo[c], `idleBpo ${c}`).toBe(0);
    }
    // Only the one agent at the main site: 24 h × 20.
    expect(cost.total).toBe(480);
  });

  it("gives no cost per agent hour when no agent hour is scheduled, even with costs", () => {
    const { cost } = costOf(`
horizon: { days: 1 }
contactTypes:
  calls: { volume: { times: [] }, handleTime: 300 }
agentGroups:
  team: { hourlyWage: 20, skills: { calls: 1 }, staffing: { constant: 0 } }
costs:
  investments: [{ name: ivr, amount: 30437.5, amortisationMonths: 1 }]
`);
    // 30437.5 a month for one day = 1000, spread over zero scheduled hours.
    expect(cost.total).toBeCloseTo(1000, 9);
    expect(cost.perAgentHour).toBeNull();
  });
});

describe("the lifetime value of contact types without segments", () => {
  // Two chats handled with FCR 0, no repeats: 2 unresolved customers, churn probability 0.05.
  const chats = (lifetimeValue: string) => `
horizon: { days: 1 }
contactTypes:
  chats:
    channel: chat
    volume: { times: [3600, 7200] }
    handleTime: { dist: deterministic, mean: 300 }
    resolution: { fcr: 0, repeatProbability: 0 }
agentGroups:
  desk: { skills: { chats: 1 }, staffing: { constant: 1 } }
sites: { inhouse: { type: inhouse } }
costs:
  poorService:
    churnProbability: { unresolved: 0.05 }
    lifetimeValue: ${lifetimeValue}
`;

  // Regression: the cost model named a type's implicit segment "all", so a lifetime value keyed
  // "all" (which the loader reports as no segment of any type) priced every type without segments.
  it("values them at the default, not at a key named like the reserved total 'all'", () => {
    const r = parseScenarioText(chats("{ all: 5000, default: 40 }"), "<test>");
    expect(r.ok && r.warnings.map((w) => w.code)).toContain("unknown-segment");
    // 2 unresolved × 0.05 × 40 = 4 (the bug gave 2 × 0.05 × 5000 = 500).
    expect(costOf(chats("{ all: 5000, default: 40 }")).cost.churn).toBeCloseTo(4, 9);
    expect(costOf(chats("{ default: 40 }")).cost.churn).toBeCloseTo(4, 9);
  });
});

describe("the by-site breakdown", () => {
  it("puts scenario-wide costs under the entry '(shared)', a name the loader refuses for a site", () => {
    const text = (site: string) => `
horizon: { days: 1 }
contactTypes:
  calls: { volume: { times: [] }, handleTime: 300 }
agentGroups:
  team: { site: ${site}, hourlyWage: 20, skills: { calls: 1 }, staffing: { constant: 1 } }
sites: { ${site}: { type: inhouse } }
costs:
  investments: [{ name: ivr, amount: 30437.5, amortisationMonths: 1 }]
`;
    const { bySite } = costOf(text("main"));
    expect(Object.keys(bySite).sort()).toEqual(["(shared)", "main"]);
    // The investment (30437.5 a month for one day) is scenario-wide; the site pays its agent.
    expect(bySite["(shared)"].investments).toBeCloseTo(1000, 9);
    expect(bySite.main.labour).toBe(480);
    expect(parseScenarioText(text('"(shared)"'), "<test>").ok).toBe(false);
  });
});

describe("the report's labels", () => {
  it("names every category, the total and the operating cost, each with its own non-empty label", () => {
    const keys = [...COST_CATEGORIES, "total", "operating"] as const;
    expect(Object.keys(COST_LABELS).sort()).toEqual([...keys].sort());
    const labels = keys.map((k) => COST_LABELS[k]);
    for (const [i, label] of labels.entries()) expect(label.trim().length, keys[i]).toBeGreaterThan(0);
    // Report rows are told apart by their label alone.
    expect(new Set(labels).size).toBe(labels.length);
    // The scenario-wide entry of the by-site breakdown cannot be taken for a category either.
    expect(labels).not.toContain(SHARED);
  });
});
