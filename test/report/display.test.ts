import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { HTML_MIME, SVG_MIME, VEGA_LITE_MIME, chartBundle, show, type MimeBundle } from "../../src/report/display.js";

const spec: TopLevelSpec = {
  description: "Two bars",
  data: { values: [{ a: "x", b: 1 }, { a: "y", b: 2 }] },
  mark: "bar",
  encoding: { x: { field: "a", type: "nominal" }, y: { field: "b", type: "quantitative" } },
};

describe("show", () => {
  it("sends one output with the SVG, the vega-lite spec and a text description", async () => {
    const shown: MimeBundle[] = [];
    const result = await show(spec, { display: { bundle: (b) => shown.push(b) } });
    expect(result).toBeUndefined();
    expect(shown).toHaveLength(1);
    expect(String(shown[0][SVG_MIME]).startsWith("<svg")).toBe(true);
    expect(shown[0][VEGA_LITE_MIME]).toEqual(spec);
    expect(shown[0]["text/plain"]).toBe("Two bars");
    // The same drawing inlined in HTML, which an nbconvert HTML export keeps.
    expect(String(shown[0][HTML_MIME])).toContain(String(shown[0][SVG_MIME]));
  });

  it("leaves the vega-lite spec out when interactive is false", async () => {
    const shown: MimeBundle[] = [];
    await show(spec, { display: { bundle: (b) => shown.push(b) }, interactive: false });
    expect(Object.keys(shown[0]).sort()).toEqual([HTML_MIME, SVG_MIME, "text/plain"].sort());
  });

  it("falls back to one HTML output holding the SVG on a display that takes one MIME type at a time (tslab's public API)", async () => {
    const calls: [string, string][] = [];
    await show(spec, { display: { raw: (mime, data) => calls.push([mime, data]) } });
    expect(calls.map((c) => c[0])).toEqual([HTML_MIME]);
    expect(calls[0][1]).toMatch(/^<div[^>]*><svg/);
  });

  it("explains that it needs the tslab kernel when run outside a notebook", async () => {
    await expect(show(spec)).rejects.toThrow(/tslab kernel/);
    const notReady = { raw: () => { throw new Error("Not ready"); } };
    await expect(show(spec, { display: notReady })).rejects.toThrow(/Not ready.*tslab kernel/);
  });

  it("rejects something that is not a spec", async () => {
    await expect(show(undefined as unknown as TopLevelSpec, { display: { bundle: () => undefined } })).rejects.toThrow(RangeError);
  });
});

describe("chartBundle", () => {
  it("is a JSON copy of the spec, not the caller's object", async () => {
    const b = await chartBundle(spec);
    expect(b[VEGA_LITE_MIME]).not.toBe(spec);
    expect(b[VEGA_LITE_MIME]).toEqual(spec);
  });
});
