import { describe, expect, it } from "vitest";
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
