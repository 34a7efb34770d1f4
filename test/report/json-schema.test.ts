import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { schemaErrors } from "./spec-helpers.js";

const valid = {
  data: { values: [{ a: 1, b: "x" }] },
  mark: { type: "bar", opacity: 0.5 },
  encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "nominal" } },
};

describe("the vega-lite schema check used by the chart tests", () => {
  it("accepts a valid spec", () => {
    expect(schemaErrors(valid as TopLevelSpec)).toEqual([]);
  });

  it("rejects a misspelled mark property", () => {
    const spec = { ...valid, mark: { type: "bar", opacityy: 0.5 } };
    expect(schemaErrors(spec as unknown as TopLevelSpec).map((e) => e.message).join("\n")).toMatch(/unknown property opacityy/);
  });

  it("rejects an unknown mark type and a wrong encoding type", () => {
    expect(schemaErrors({ ...valid, mark: "barr" } as unknown as TopLevelSpec).length).toBeGreaterThan(0);
    const spec = { ...valid, encoding: { x: { field: "a", type: "quantity" } } };
    expect(schemaErrors(spec as unknown as TopLevelSpec).length).toBeGreaterThan(0);
  });

  it("rejects an opacity above 1 (schema maximum)", () => {
    expect(schemaErrors({ ...valid, mark: { type: "bar", opacity: 3 } } as TopLevelSpec).map((e) => e.message).join("\n")).toMatch(/<= 1/);
  });
});
