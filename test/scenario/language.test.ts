/**
 * The scenario language's ways of saying what call records show: distributions by fitted
 * parameters and by survival curve, profiles over the day for handle time and IVR containment,
 * a separate IVR time for IVR-only calls, and `extends` replacing a distribution whole.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostics, loadScenarioFile, parseScenarioText, type Diagnostic, type LoadResult } from "../../src/scenario/load.js";
import { compileModel } from "../../src/sim/model.js";
import { errorsOf, okOf } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "ccsim-language-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenarioText(type: string, extra = ""): string {
  return `name: language
intervalMinutes: 60
contactTypes:
  calls:
    volume: { perHour: 100 }
${type
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
agentGroups:
  team: { skills: { calls: 1 }, staffing: { constant: 10 } }
${extra}`;
}
function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in the text`);
  return text.slice(0, i).split("\n").length;
}
const parse = (text: string) => parseScenarioText(text, "s.yaml");
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("distributions by fitted parameters", () => {
  it("takes a lognormal by mu and sigma of the log, a gamma by shape and scale and a Weibull by scale", () => {
    const text = scenarioText(
      "handleTime: { dist: lognormal, mu: 5.2, sigma: 0.6 }\nwrapUp: { dist: gamma, shape: 2, scale: 15 }\npatience: { dist: weibull, scale: 120, shape: 1 }",
    );
    const model = compileModel(okOf(parse(text)).scenario);
    const t = model.types[0];
    expect(t.handle.mean).toBeCloseTo(Math.exp(5.2 + 0.18), 9);
    expect(t.wrapUp.mean).toBe(30);
    expect(t.patience!.mean).toBeCloseTo(120, 9);
  });

  it("refuses a mix of the two ways, and a half-given one, at the line of the distribution", () => {
    const mixed = scenarioText("handleTime: { dist: lognormal, mean: 200, cv: 0.5, mu: 5 }");
    const e = errorsOf(parse(mixed));
    expect(e).toHaveLength(1);
    expect(e[0].path).toEqual(["contactTypes", "calls", "handleTime", "mu"]);
    expect(e[0].line).toBe(lineOf(mixed, "handleTime"));
    expect(e[0].expected).toContain("mean and cv, or mu and sigma");

    const half = scenarioText("handleTime: { dist: lognormal, mu: 5 }");
    const h = errorsOf(parse(half));
    expect(h).toHaveLength(1);
    expect(h[0].path).toEqual(["contactTypes", "calls", "handleTime", "sigma"]);
    expect(h[0].line).toBe(lineOf(half, "handleTime"));
    expect(h[0].code).toBe("missing-key");
    expect(h[0].message).toContain('"sigma"');
  });
});

describe("survival curves", () => {
  it("loads times with units and reads the curve as documented (linear by default)", () => {
    const text = scenarioText('handleTime: 100\npatience: { dist: survival, times: [0, 1m, "3m"], survival: [1, 0.5, 0] }');
    const t = compileModel(okOf(parse(text)).scenario).types[0];
    // Straight lines: area 60 × 0.75 + 120 × 0.25 = 75 s.
    expect(t.patience!.mean).toBeCloseTo(75, 9);
    const step = scenarioText("handleTime: 100\npatience: { dist: survival, times: [0, 60, 180], survival: [1, 0.5, 0], interpolation: step }");
    expect(compileModel(okOf(parse(step)).scenario).types[0].patience!.mean).toBeCloseTo(120, 9);
  });

  it("points at the value that breaks the rules: start at 1, never rise, times increasing, as many values as times", () => {
    const text = scenarioText("handleTime: 100\npatience:\n  dist: survival\n  times: [0, 60, 50]\n  survival: [0.9, 0.5, 0.6]");
    const e = errorsOf(parse(text));
    const byPath = new Map(e.map((d) => [d.path.join("."), d]));
    expect(byPath.get("contactTypes.calls.patience.times.2")?.expected).toMatch(/increasing order/);
    expect(byPath.get("contactTypes.calls.patience.times.2")?.line).toBe(lineOf(text, "times:"));
    expect(byPath.get("contactTypes.calls.patience.survival.0")?.expected).toMatch(/start at 1/);
    expect(byPath.get("contactTypes.calls.patience.survival.2")?.expected).toMatch(/never increases/);
    expect(byPath.get("contactTypes.calls.patience.survival.2")?.line).toBe(lineOf(text, "survival: ["));
    const short = errorsOf(parse(scenarioText("handleTime: 100\npatience: { dist: survival, times: [0, 60, 90], survival: [1, 0.5] }")));
    expect(short.map((d) => d.expected)).toEqual([expect.stringMatching(/as many survival values as times \(3\)/)]);
    const flat = errorsOf(parse(scenarioText("handleTime: 100\npatience: { dist: survival, times: [0, 60], survival: [1, 1] }")));
    expect(flat[0].expected).toMatch(/fall below 1/);
  });
});

describe("profiles over the day", () => {
  const day = (values: number[]) => `[${values.join(", ")}]`;
  it("lays handle-time factors and containment shares over the horizon on the customers' clock", () => {
    const factors = Array.from({ length: 24 }, (_, h) => (h < 12 ? 1 : 2));
    const shares = Array.from({ length: 24 }, (_, h) => h / 100);
    const text = scenarioText(`handleTime: 100\nhandleTimeByInterval: ${day(factors)}\nutcOffsetHours: 1\nivr: { containment: ${day(shares)}, containedTime: 40 }`, "horizon: { days: 2 }");
    const t = compileModel(okOf(parse(text)).scenario).types[0];
    // Customers one hour ahead: the center's 11:00 is their 12:00.
    expect(t.handleFactorByInterval![10]).toBe(1);
    expect(t.handleFactorByInterval![11]).toBe(2);
    expect(t.handleFactorByInterval![24 + 11]).toBe(2);
    expect(t.ivr!.containmentByInterval![0]).toBeCloseTo(0.01, 12);
    expect(t.ivr!.containment).toBeCloseTo(2.76 / 24, 12);
    expect(t.ivr!.containedTime!.mean).toBe(40);
  });

  it("wants one value per interval of the day", () => {
    const text = scenarioText(`handleTime: 100\nhandleTimeByInterval: [1, 2]\nivr: { containment: [0.1, 0.2, 0.3] }`);
    const e = errorsOf(parse(text));
    expect(e.map((d) => [d.code, d.path.join("."), d.found, d.line])).toEqual([
      ["profile-length", "contactTypes.calls.handleTimeByInterval", "2 values", lineOf(text, "handleTimeByInterval")],
      ["profile-length", "contactTypes.calls.ivr.containment", "3 values", lineOf(text, "ivr:")],
    ]);
    expect(e[0].expected).toBe("24 values (one per 60-minute interval)");
  });
});

describe("extends and distributions", () => {
  const base = file(
    "base.yaml",
    scenarioText("handleTime: { dist: lognormal, mean: 300, cv: 0.7 }\npatience: { dist: lognormal, mean: 90, cv: 1 }"),
  );
  const over = (name: string, type: string) => file(name, `extends: ${base}\ncontactTypes:\n  calls:\n${type.split("\n").map((l) => `    ${l}`).join("\n")}\n`);

  it("replaces a distribution whole when its dist changes: no inherited cv, no stray mean", () => {
    const r = okOf(loadScenarioFile(over("switch.yaml", "handleTime: { dist: gamma, mean: 200, cv: 0.5 }\npatience: { dist: empirical, values: [10, 20, 30] }")));
    expect(r.scenario.contactTypes.calls.handleTime).toEqual({ dist: "gamma", mean: 200, cv: 0.5 });
    expect(r.scenario.contactTypes.calls.patience).toEqual({ dist: "empirical", values: [10, 20, 30] });
  });

  it("says what is missing in the extending file, not in the base, when the new distribution is incomplete", () => {
    const path = over("incomplete.yaml", "handleTime: { dist: gamma, mean: 200 }");
    const e = errorsOf(loadScenarioFile(path));
    expect(e).toHaveLength(1);
    expect(e[0].file).toBe(path);
    expect(e[0].line).toBe(4);
    expect(e[0].path).toEqual(["contactTypes", "calls", "handleTime", "cv"]);
  });

  it("still points at the null that removed a required key of the base", () => {
    const path = over("removed.yaml", "handleTime: null");
    const e = errorsOf(loadScenarioFile(path));
    expect(e.map((d) => [d.code, d.file, d.line])).toEqual([["missing-key", path, 4]]);
  });

  it("merges the same distribution key by key, and a new way of giving its parameters drops the old one", () => {
    const cv = okOf(loadScenarioFile(over("cv.yaml", "handleTime: { cv: 0.3 }")));
    expect(cv.scenario.contactTypes.calls.handleTime).toEqual({ dist: "lognormal", mean: 300, cv: 0.3 });
    const log = okOf(loadScenarioFile(over("log.yaml", "handleTime: { dist: lognormal, mu: 5.5, sigma: 0.4 }")));
    expect(log.scenario.contactTypes.calls.handleTime).toEqual({ dist: "lognormal", mu: 5.5, sigma: 0.4 });
  });
});
