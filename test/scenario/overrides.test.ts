import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../src/scenario/load.js";
import { parseOverride } from "../../src/scenario/overrides.js";

describe("parseOverride", () => {
  it("reads the value as YAML, so numbers, durations, lists and mappings mean what they mean in a scenario", () => {
    expect(parseOverride("agentGroups.agents.staffing.constant=12")).toEqual({ path: ["agentGroups", "agents", "staffing", "constant"], value: 12, label: "--set agentGroups.agents.staffing.constant=12" });
    expect(parseOverride("contactTypes.billing.patience=5m").value).toBe("5m");
    expect(parseOverride("shifts[0].count=[1, 2]")).toMatchObject({ path: ["shifts", 0, "count"], value: [1, 2] });
    expect(parseOverride("a.b={dist: exponential, mean: 300}").value).toEqual({ dist: "exponential", mean: 300 });
  });

  it("removes the key for an empty value or null", () => {
    expect(parseOverride("a.b=").value).toBeNull();
    expect(parseOverride("a.b=null").value).toBeNull();
  });

  it("refuses text without path=value, naming the form it expects", () => {
    expect(() => parseOverride("agentGroups")).toThrow(/path=value/);
    expect(() => parseOverride("=3")).toThrow(/path=value/);
    expect(() => parseOverride("a..b=3")).toThrow(/malformed path/);
    expect(() => parseOverride("a=[1,")).toThrow(/not valid YAML/);
  });
});

describe("overrides in the loader", () => {
  const text = `
name: o
horizon: { hours: 8 }
contactTypes:
  calls: { volume: { perHour: 100 }, handleTime: 300 }
agentGroups:
  agents: { skills: { calls: 1 }, staffing: { constant: 5 } }
`;
  const load = (set: string) => parseScenarioText(text, "o.yaml", { overrides: [parseOverride(set)] });

  it("a misspelt group name is one error at the --set, with the closest name, not a cascade of missing keys", () => {
    const r = load("agentGroups.agent.skills.calls=1");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: "override-unknown-name", file: "--set agentGroups.agent.skills.calls=1", path: ["agentGroups", "agent"], hint: 'did you mean "agents"?' });
  });

  it("a whole new entry may still be added, and a misspelt fixed key is one unknown-key error", () => {
    expect(load("agentGroups.extra={skills: {calls: 1}, staffing: {constant: 2}}").ok).toBe(true);
    const r = load("agentGroups.agents.staffng.constant=3");
    expect(!r.ok && r.errors.map((e) => [e.code, e.hint])).toEqual([["unknown-key", 'did you mean "staffing"?']]);
  });

  it("an error's column points inside the --set text: at the value, at the misspelt name, or at '=' for an empty value", () => {
    const at = (text: string) => {
      const r = load(text);
      if (r.ok) throw new Error("expected an error for " + text);
      const label = `--set ${text}`;
      expect(r.errors[0].file).toBe(label);
      expect(r.errors[0].column).toBeLessThanOrEqual(label.length);
      return label.slice(r.errors[0].column - 1);
    };
    expect(at("agentGroups.agents.staffing.constant=ten")).toBe("ten");
    expect(at("agentGroups.agents.staffing.constant= -3")).toBe("-3");
    expect(at("agentGroups.agent.staffing.constant=3")).toBe("agent.staffing.constant=3");
    expect(at("agentGroups.agents.stafing.constant=3")).toBe("stafing.constant=3");
    expect(at("contactTypes.calls.handleTime=")).toBe("=");
  });
});
