import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenarioText, type Diagnostic, type LoadResult } from "../../src/scenario/load.js";

const errorsOf = (r: LoadResult): Diagnostic[] => {
  if (r.ok) throw new Error("expected errors, but the scenario loaded");
  return r.errors;
};

describe("all phases report in one pass, one error per cause", () => {
  it("one tab in the indentation of a long file is one error at its line, with no echoes", () => {
    const lines = readFileSync("scenarios/baseline.yaml", "utf8").split("\n");
    const i = lines.findIndex((l, k) => k > 20 && l.startsWith("    "));
    lines[i] = "\t" + lines[i].slice(4);
    const errors = errorsOf(parseScenarioText(lines.join("\n"), "scenarios/baseline.yaml"));
    expect(errors.map((e) => [e.code, e.line])).toEqual([["yaml-syntax", i + 1]]);
    expect(errors[0].hint).toContain("indent with spaces");
  });

  it("a value the schema refuses and a misspelt reference are reported together", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: 300, patience: -5 }
agentGroups:
  agents: { skills: { cals: 1 }, staffing: { constant: 14 } }
`;
    const errors = errorsOf(parseScenarioText(text, "s.yaml"));
    expect(errors.map((e) => [e.code, e.path.join(".")])).toEqual([
      ["out-of-range", "contactTypes.calls.patience"],
      ["unknown-skill", "agentGroups.agents.skills.cals"],
    ]);
    expect(errors[1].hint).toBe('did you mean "calls"?');
  });

  it("a refused whole entry does not also report the references to it", () => {
    const text = `name: t
horizon: { days: 1 }
contactTypes:
  calls: 12
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 14 } }
`;
    expect(errorsOf(parseScenarioText(text, "s.yaml")).map((e) => e.code)).toEqual(["wrong-type"]);
  });
});
