import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { sweepSeries } from "../../src/experiment/sweep.js";
import { erlangCKpis } from "../../src/models/erlang.js";
import {
  SCENARIO_PALETTE,
  costBreakdownChart,
  costDifferenceChart,
  costDistributionChart,
  costServiceFrontierChart,
  erlangComparisonChart,
  pairedDifferenceChart,
  scenarioColor,
  scenarioScale,
  serviceProfileChart,
  tornadoChart,
} from "../../src/report/charts/index.js";
import { currencyAffixes, moneyLabelExpr, periodText, textWidth, wrapText } from "../../src/report/charts/common.js";
import { compileChart, renderSvg } from "../../src/report/render.js";
import { QUEUE, fixtures } from "./fixtures.js";
import { badValues, colorScales, dataRows, schemaErrors, subtitleText, titleText } from "./spec-helpers.js";

/** Every chart the report module offers, on the seeded fixtures. */
function allCharts(): Record<string, TopLevelSpec> {
  const f = fixtures();
  return {
    "cost-distribution": costDistributionChart(f.outcomes),
    "cost-difference": costDifferenceChart(f.comparison, { currency: "USD" }),
    "cost-difference-relative": pairedDifferenceChart(f.comparison, { relative: true }),
    "service-level-difference": pairedDifferenceChart(f.comparison, { metric: "serviceLevel" }),
    "cost-breakdown": costBreakdownChart(f.outcomes),
    "cost-breakdown-monthly": costBreakdownChart(f.outcomes, { per: "month" }),
    "service-profile": serviceProfileChart(f.outcomes),
    "service-profile-intervals": serviceProfileChart(f.outcomes.slice(0, 1), { source: "intervals", kpis: ["serviceLevel", "offered"] }),
    frontier: costServiceFrontierChart(f.sweep),
    "erlang-c": erlangComparisonChart(f.sweep, QUEUE),
    tornado: tornadoChart(f.sensitivity),
  };
}

const NAMES = Object.keys(allCharts());

describe.each(NAMES)("chart %s", (name) => {
  const spec = () => allCharts()[name];

  it("validates against the vega-lite JSON schema", () => {
    expect(schemaErrors(spec())).toEqual([]);
  });

  it("compiles with vega-lite without a warning", () => {
    expect(compileChart(spec()).warnings).toEqual([]);
  });

  it("has no NaN, Infinity or null in its data", () => {
    const s = spec();
    expect(dataRows(s).length).toBeGreaterThan(0);
    expect(badValues(s)).toEqual([]);
  });

  it("states a finding in its title and says what is drawn in its subtitle", () => {
    const s = spec();
    expect(titleText(s).length).toBeGreaterThan(20);
    expect(subtitleText(s).length).toBeGreaterThan(20);
  });

  it("renders to the same SVG as its snapshot", async () => {
    const svg = await renderSvg(spec());
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    await expect(svg).toMatchFileSnapshot(`./__snapshots__/${name}.svg`);
  });
});

describe("scenario colours", () => {
  it("are the same for a scenario in every chart that shows scenarios", () => {
    const f = fixtures();
    const labels = f.outcomes.map((o) => o.label);
    const charts = allCharts();
    let checked = 0;
    for (const [name, spec] of Object.entries(charts)) {
      for (const scale of colorScales(spec)) {
        scale.domain.forEach((d, i) => {
          const k = labels.indexOf(String(d));
          if (k < 0) return;
          checked++;
          expect(scale.range[i], `${name}: ${String(d)}`).toBe(scenarioColor(k));
        });
      }
    }
    expect(checked).toBeGreaterThanOrEqual(labels.length * 5);
  });

  it("follow the Okabe–Ito palette by position and repeat after eight", () => {
    expect(scenarioScale(["a", "b"]).range).toEqual([SCENARIO_PALETTE[0], SCENARIO_PALETTE[1]]);
    expect(scenarioColor(8)).toBe(scenarioColor(0));
    expect(new Set(SCENARIO_PALETTE).size).toBe(8);
  });

  it("need unique labels", () => {
    expect(() => scenarioScale(["a", "a"])).toThrow(RangeError);
  });
});

describe("titles state what the data show", () => {
  it("cost distribution names the scenario cheapest in most replications", () => {
    const f = fixtures();
    const wins = new Map<string, number>();
    const n = f.outcomes[0].costs!.runs.length;
    for (let r = 0; r < n; r++) {
      const totals = f.outcomes.map((o) => o.costs!.runs[r].cost.total);
      const best = f.outcomes[totals.indexOf(Math.min(...totals))].label;
      wins.set(best, (wins.get(best) ?? 0) + 1);
    }
    const [winner, count] = [...wins].sort((a, b) => b[1] - a[1])[0];
    const title = titleText(costDistributionChart(f.outcomes));
    expect(title).toContain(winner);
    expect(title).toContain(count === n ? `all ${n} replications` : `${Math.round((count / n) * 100)}%`);
  });

  it("paired difference names the option with the largest clear saving and its relative CI", () => {
    const f = fixtures();
    const clearSavings = f.comparison.differences.filter((d) => d.metric === "totalCost" && d.relative?.ci95 && d.relative.ci95[1] < 0);
    const title = titleText(costDifferenceChart(f.comparison));
    if (clearSavings.length === 0) expect(title).toMatch(/No option is clearly cheaper|costs more/);
    else {
      const best = clearSavings.reduce((a, b) => (b.difference.mean! < a.difference.mean! ? b : a));
      expect(title).toContain(`${best.option} saves ${Math.round(-best.relative!.mean! * 100)}%`);
      expect(title).toContain(`95% CI ${Math.round(-best.relative!.ci95![1] * 100)}–${Math.round(-best.relative!.ci95![0] * 100)}%`);
    }
  });

  it("service profile counts the intervals whose mean service level misses the target", () => {
    const f = fixtures();
    const o = f.outcomes[0];
    const bands = o.result.dayProfile!.types.all.serviceLevel.filter((b) => b.mean !== null);
    const missed = bands.filter((b) => b.mean! < 0.8).length;
    const title = titleText(serviceProfileChart([o]));
    if (missed === 0) expect(title).toContain(`every half-hour with contacts (${bands.length})`);
    else expect(title).toContain(`misses the 80% target in ${missed} of ${bands.length}`);
  });

  it("frontier highlights the cheapest point whose mean service level meets the target", () => {
    const f = fixtures();
    const sl = sweepSeries(f.sweep, "type", "all", "serviceLevel");
    const cost = sweepSeries(f.sweep, "cost", "all", "total");
    const eligible = sl.filter((r) => r.mean! >= f.sweep.targets[r.point]).map((r) => ({ point: r.point, cost: cost.find((c) => c.point === r.point)!.mean! }));
    const best = eligible.reduce((a, b) => (b.cost < a.cost ? b : a));
    const spec = costServiceFrontierChart(f.sweep);
    const chosen = (dataRows(spec) as { chosen?: boolean; point?: number }[]).filter((r) => r.chosen);
    expect(chosen.map((r) => r.point)).toEqual([best.point]);
    expect(titleText(spec)).toContain(`constant = ${String(f.sweep.points[best.point].values["agentGroups.agents.staffing.constant"])}`);
  });

  it("Erlang chart counts the staffing levels where Erlang C lies inside the simulated 95% CI", () => {
    const f = fixtures();
    const rows = sweepSeries(f.sweep, "type", "all", "serviceLevel");
    const agree = rows.filter((r) => {
      const k = erlangCKpis({ ...QUEUE, agents: r.values["agentGroups.agents.staffing.constant"] as number });
      return k.stable && k.serviceLevel >= r.ciLow! && k.serviceLevel <= r.ciHigh!;
    }).length;
    const title = titleText(erlangComparisonChart(f.sweep, QUEUE));
    expect(title).toContain(agree === rows.length ? `all ${rows.length} staffing levels` : `${agree} of ${rows.length}`);
  });

  it("tornado puts the widest swing on top and names it", () => {
    const f = fixtures();
    const top = [...f.sensitivity.rows].sort((a, b) => b.swing - a.swing)[0];
    const spec = tornadoChart(f.sensitivity);
    expect(titleText(spec).startsWith(`${top.label} moves total cost the most`)).toBe(true);
    expect((dataRows(spec)[0] as { input: string }).input).toBe(top.label);
  });

  it("breakdown names the largest category with its share", () => {
    const f = fixtures();
    const title = titleText(costBreakdownChart(f.outcomes.slice(0, 1)));
    const s = f.outcomes[0].costs!.summary;
    expect(title).toContain(`Agent labour is ${Math.round((s.labour.mean! / s.total.mean!) * 100)}% of In-house’s cost`);
  });
});

describe("chart data", () => {
  it("cost breakdown leaves out categories that are zero in every scenario", () => {
    const f = fixtures();
    const categories = new Set((dataRows(costBreakdownChart(f.outcomes)) as { category?: string }[]).map((r) => r.category).filter(Boolean));
    expect(categories.has("Agent labour")).toBe(true);
    expect(categories.has("Vendor fees")).toBe(true);
    expect(categories.has("Cost of poor service (churn)")).toBe(false);
    expect(categories.has("Recruiting and training")).toBe(false);
  });

  it("cost breakdown per month divides by the months simulated", () => {
    const f = fixtures();
    const period = (dataRows(costBreakdownChart(f.outcomes)) as { amount?: number }[]).find((r) => r.amount !== undefined)!.amount!;
    const month = (dataRows(costBreakdownChart(f.outcomes, { per: "month" })) as { amount?: number }[]).find((r) => r.amount !== undefined)!.amount!;
    expect(month).toBeCloseTo(period / f.outcomes[0].costs!.months, 6);
  });

  it("service profile breaks the line across closed hours instead of joining the nights", () => {
    const f = fixtures();
    const rows = dataRows(serviceProfileChart(f.outcomes.slice(0, 1), { source: "intervals", kpis: ["serviceLevel"] })) as { segment?: number; x?: number }[];
    const segments = new Set(rows.filter((r) => r.segment !== undefined).map((r) => r.segment));
    expect(segments.size).toBe(2);
  });

  it("service profile counts per day in the day profile (pooled days divided out)", () => {
    const f = fixtures();
    const o = f.outcomes[0];
    const rows = dataRows(serviceProfileChart([o], { kpis: ["offered"] })) as { mean?: number }[];
    const perDay = rows.reduce((a, r) => a + (r.mean ?? 0), 0);
    expect(perDay).toBeCloseTo(o.result.summary.types.all.offered.mean! / 2, 0);
  });

  it("paired difference draws the independent-runs interval only with common random numbers", () => {
    const f = fixtures();
    const layers = (s: TopLevelSpec) => (s as { layer: unknown[] }).layer.length;
    const withCrn = costDifferenceChart(f.comparison);
    const without = costDifferenceChart({ ...f.comparison, commonRandomNumbers: false });
    expect(layers(withCrn)).toBe(layers(without) + 1);
  });

  it("charts of a single replication have no interval but still valid data", async () => {
    const f = fixtures();
    const o = f.outcomes[0];
    const one = { ...o, result: { ...o.result, runs: o.result.runs.slice(0, 1) }, costs: { ...o.costs!, runs: o.costs!.runs.slice(0, 1), summary: { ...o.costs!.summary, total: { ...o.costs!.summary.total, n: 1, sd: null, ci95: null } } } };
    const spec = costDistributionChart([one]);
    expect(badValues(spec)).toEqual([]);
    expect(titleText(spec)).toContain("no confidence interval");
    expect(await renderSvg(spec)).toMatch(/^<svg/);
  });
});

describe("argument checks", () => {
  it("reject empty, duplicate and cost-less outcomes with a RangeError naming the problem", () => {
    const f = fixtures();
    expect(() => costDistributionChart([])).toThrow(/non-empty/);
    expect(() => costDistributionChart([f.outcomes[0], f.outcomes[0]])).toThrow(/unique/);
    expect(() => costBreakdownChart([{ ...f.outcomes[0], costs: null }])).toThrow(/"In-house" have no costs/);
    const euro = { ...f.outcomes[1], costs: { ...f.outcomes[1].costs!, currency: "EUR" } };
    expect(() => costBreakdownChart([f.outcomes[0], euro])).toThrow(/one currency, got USD, EUR/);
  });

  it("reject bad options", () => {
    const f = fixtures();
    expect(() => costDistributionChart(f.outcomes, { width: -3 })).toThrow(RangeError);
    expect(() => pairedDifferenceChart(f.comparison, { metric: "serviceLevel", relative: true })).toThrow(/money metric/);
    expect(() => serviceProfileChart(f.outcomes, { name: "nosuch" })).toThrow(/not a contact type/);
    expect(() => serviceProfileChart(f.outcomes, { kpis: [] })).toThrow(RangeError);
    expect(() => erlangComparisonChart(f.sweep, { ...QUEUE, arrivalRate: Number.NaN })).toThrow(/arrivalRate/);
    expect(() => costServiceFrontierChart(f.sweep, { target: 2 })).toThrow(/target/);
    expect(() => tornadoChart(f.sensitivity, { maxInputs: 0 })).toThrow(/maxInputs/);
  });
});

describe("formatting helpers", () => {
  it("write currencies the way report/format.ts does", () => {
    expect(currencyAffixes("USD")).toEqual({ prefix: "$", suffix: "" });
    expect(currencyAffixes("EUR")).toEqual({ prefix: "€", suffix: "" });
    expect(() => currencyAffixes("dollars")).toThrow(RangeError);
  });

  it("pick short money units for axes", () => {
    expect(moneyLabelExpr("USD", 12_000)).toContain("/ 1000");
    expect(moneyLabelExpr("USD", 2_500_000)).toContain('"M"');
    expect(moneyLabelExpr("USD", 900)).toContain("/ 1,");
  });

  it("describe the period costs cover", () => {
    expect(periodText(2 / 30.4375)).toBe("2 days");
    expect(periodText(7 / 30.4375)).toBe("1 week");
    expect(periodText(3)).toBe("3 months");
  });

  it("measure and wrap text with Helvetica widths", () => {
    expect(textWidth("ii", 10)).toBeCloseTo(4.44, 2);
    expect(textWidth("MM", 10)).toBeCloseTo(16.66, 2);
    const lines = wrapText("Offshore saves 22% vs In-house with a long explanation after it", 150, 12);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(150);
  });
});
