import { afterEach, describe, expect, it, vi } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { compileChart, renderSvg, stableSvgIds } from "../../src/report/render.js";

/** A clipped area: vega gives it a clip path with a process-wide counter id. */
const clipped = (color: string): TopLevelSpec => ({
  data: { values: [{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 2 }] },
  mark: { type: "area", clip: true, color },
  encoding: { x: { field: "x", type: "quantitative", scale: { domain: [0, 1.5] } }, y: { field: "y", type: "quantitative" } },
});

const idsOf = (svg: string) => [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
const refsOf = (svg: string) => [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]);

afterEach(() => vi.restoreAllMocks());

describe("renderSvg", () => {
  it("renders a vega-lite spec to an SVG document without a DOM", async () => {
    const svg = await renderSvg(clipped("#0072B2"));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('fill="#0072B2"');
  });

  it("gives the same SVG for the same spec whatever was rendered before", async () => {
    const first = await renderSvg(clipped("#0072B2"));
    await renderSvg(clipped("#E69F00"));
    await renderSvg(clipped("#009E73"));
    expect(await renderSvg(clipped("#0072B2"))).toBe(first);
  });

  it("gives clip paths ids unique to each SVG, and every reference points to an id of its own SVG", async () => {
    const a = await renderSvg(clipped("#0072B2"));
    const b = await renderSvg(clipped("#E69F00"));
    expect(idsOf(a).length).toBeGreaterThan(0);
    for (const svg of [a, b]) for (const ref of refsOf(svg)) expect(idsOf(svg)).toContain(ref);
    expect(idsOf(a).filter((id) => idsOf(b).includes(id))).toEqual([]);
  });

  it("leaves the caller's spec untouched (vega tags data rows it ingests)", async () => {
    const spec = clipped("#0072B2");
    const copy = JSON.parse(JSON.stringify(spec)) as TopLevelSpec;
    await renderSvg(spec);
    expect(spec).toEqual(copy);
  });

  it("leaves an SVG without ids unchanged", () => {
    expect(stableSvgIds('<svg><rect width="1"/></svg>')).toBe('<svg><rect width="1"/></svg>');
  });

  it("rejects a spec vega-lite cannot compile", async () => {
    await expect(renderSvg({} as TopLevelSpec)).rejects.toThrow();
    await expect(renderSvg(null as unknown as TopLevelSpec)).rejects.toThrow(RangeError);
  });
});

describe("compileChart", () => {
  it("collects vega-lite warnings instead of printing them", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const spec: TopLevelSpec = { data: { values: [{ a: 1, b: "x" }] }, mark: "bar", encoding: { x: { field: "a", type: "quantitative" }, shape: { field: "b", type: "nominal" } } };
    const { warnings } = compileChart(spec);
    expect(warnings.join("\n")).toMatch(/shape/);
    expect(warn).not.toHaveBeenCalled();
  });

  it("has no warnings for a correct spec", () => {
    expect(compileChart(clipped("#000000")).warnings).toEqual([]);
  });
});
