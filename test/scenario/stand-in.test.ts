import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { INPUTS } from "../../src/scenario/phases/check.js";
import { standIn } from "../../src/scenario/phases/stand-in.js";
import type { Issue } from "../../src/scenario/phases/validate.js";
import { scenarioSchema } from "../../src/scenario/schema.js";

const VALID = {
  name: "t",
  horizon: { days: 1 },
  contactTypes: { calls: { volume: { perHour: 100 }, handleTime: 300 } },
  agentGroups: { agents: { skills: { calls: 1 }, staffing: { constant: 14 } } },
};
const issuesOf = (data: unknown): Issue[] => {
  const r = scenarioSchema.safeParse(data);
  if (r.success) throw new Error("expected schema issues for " + stringify(data));
  return r.error.issues as unknown as Issue[];
};

describe("the stand-in scenario", () => {
  it("cuts out the smallest refused part and maps list indexes back to the original document", () => {
    const data = {
      ...VALID,
      routing: {
        overflow: [
          { type: "calls", to: "agents", afterWait: "soon" },
          { type: "calls", to: "agents", afterWait: 30, priority: 0 },
          { type: "calls", to: "agents", afterWait: 60 },
        ],
      },
    };
    const s = standIn(data, issuesOf(data));
    expect(s).toBeDefined();
    // afterWait is required, so a value the schema accepts stands in and the item stays; priority has a default.
    expect(s!.cuts).toEqual([
      ["routing", "overflow", 0, "afterWait"],
      ["routing", "overflow", 1, "priority"],
    ]);
    expect(s!.scenario.routing.overflow).toHaveLength(3);
    expect(s!.original(["routing", "overflow", 2, "to"])).toEqual(["routing", "overflow", 2, "to"]);
  });

  it("a list item that cannot stand is cut, and the items after it keep their original indexes", () => {
    const data = { ...VALID, routing: { overflow: [{ type: "calls", to: "agents", afterWait: 30, extra: 1, priority: [] }, 5, { type: "calls", to: "agents", afterWait: 60 }] } };
    const s = standIn(data, issuesOf(data));
    expect(s!.cuts).toContainEqual(["routing", "overflow", 1]);
    expect(s!.scenario.routing.overflow).toHaveLength(2);
    expect(s!.original(["routing", "overflow", 1, "to"])).toEqual(["routing", "overflow", 2, "to"]);
  });

  it("a missing required section is replaced by an empty one and counted as cut", () => {
    const { agentGroups: _, ...data } = VALID;
    const s = standIn(data, issuesOf(data));
    expect(s!.cuts).toEqual([["agentGroups"]]);
    expect(s!.scenario.agentGroups).toEqual({});
  });

  it("gives up (undefined) when the cuts would reach the top level", () => {
    expect(standIn(42, issuesOf(42))).toBeUndefined();
  });
});

describe("INPUTS declares what every cross-field rule reads", () => {
  it("lists exactly the codes that validate.ts and assumptions.ts report", () => {
    const source = ["src/scenario/validate.ts", "src/scenario/assumptions.ts"].map((f) => readFileSync(f, "utf8")).join("\n");
    const codes = new Set([...source.matchAll(/(?:error|warn)\("([a-z-]+)"|code: "([a-z-]+)"/g)].map((m) => m[1] ?? m[2]));
    expect(codes.size).toBeGreaterThan(30);
    expect(new Set(Object.keys(INPUTS))).toEqual(codes);
  });
});
