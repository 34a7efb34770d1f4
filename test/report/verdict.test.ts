/** The verdict names the target, the period and the intervals that miss it; money per week, month or year. */
import { describe, expect, it } from "vitest";
import { compareOptions } from "../../src/experiment/compare.js";
import { intervalTargetCheck } from "../../src/experiment/interval-target.js";
import { serviceProfileChart } from "../../src/report/charts/service.js";
import { moneyPeriod, naturalPeriod } from "../../src/report/period.js";
import { compareOptionOf, comparisonTable, verdict } from "../../src/report/verdict.js";
import { fixtures } from "./fixtures.js";

/** The chart's title text, its wrapped lines joined. */
const titleOf = (spec: unknown) => {
  const t = (spec as { title?: { text?: string | string[] } }).title?.text ?? "";
  return Array.isArray(t) ? t.join(" ") : t;
};

describe("intervalTargetCheck", () => {
  it("counts the same missed intervals and the same lowest one as the service chart's title", () => {
    for (const o of fixtures().outcomes) {
      const check = intervalTargetCheck(o.result, 0.8);
      const title = titleOf(serviceProfileChart([o]));
      expect(check.source).toBe("dayProfile");
      if (check.missed === 0) expect(title).toContain("meets the 80% target in every");
      else {
        expect(title).toContain(`misses the 80% target in ${check.missed} of ${check.intervals} half-hours of the day`);
        expect(title).toContain(`lowest ${Math.round(check.lowest!.serviceLevel * 100)}%`);
      }
    }
  });

  it("finds no missed interval when the target is zero and every interval missed when it is one", () => {
    const r = fixtures().outcomes[0].result;
    expect(intervalTargetCheck(r, 0).missed).toBe(0);
    const all = intervalTargetCheck(r, 1.000001);
    expect(all.missed).toBe(all.intervals);
    expect(all.intervals).toBe(28); // 07:00–21:00 in half-hours
  });
});

describe("verdict", () => {
  it("names the target with its threshold and period, and the intervals the recommendation misses", () => {
    const f = fixtures();
    const lines = verdict(f.comparison, "USD");
    const rec = f.comparison.options.find((o) => o.label === f.comparison.recommended)!;
    expect(lines[0]).toContain(`meets the 80/20 target over the 2-day run (${(rec.metrics.serviceLevel.mean! * 100).toFixed(1)}%)`);
    const check = rec.intervalCheck!;
    if (check.missed > 0) expect(lines[0]).toContain(`but misses it in ${check.missed} of ${check.intervals} half-hours of the day, lowest`);
    // The 2-day horizon is no week: money is stated over it unless a period is asked for.
    expect(lines.slice(1).join(" ")).toMatch(/\$[\d,]+ over the 2-day horizon/);
  });

  it("states money per week, month or year, scaled from the horizon", () => {
    const f = fixtures();
    // A difference the verdict states in money: one whose interval excludes zero.
    const clear = (ci: [number, number] | null) => ci !== null && (ci[0] > 0 || ci[1] < 0);
    const d = f.comparison.differences.find((x) => x.option !== f.comparison.baseline && x.metric === "totalCost" && clear(x.difference.ci95))!;
    const amount = Math.abs(d.difference.mean!);
    for (const [per, days] of [["week", 7], ["month", 30.4375], ["year", 365.25]] as const) {
      const text = verdict(f.comparison, "USD", { per }).join(" ");
      const expected = Math.round((amount * days) / 2).toLocaleString("en-US");
      expect(text).toContain(`$${expected} per ${per}`);
      expect(comparisonTable(f.comparison, "USD", { per })).toContain(`Total cost per ${per}`);
    }
  });

  it("does not recommend an option that misses the target in some interval when the scenario requires it per interval", () => {
    const f = fixtures();
    const options = f.outcomes.map((o) => compareOptionOf({ ...o, scenario: { serviceLevel: { per: "interval" } } }));
    const lenient = compareOptions(f.outcomes.map((o) => compareOptionOf(o)));
    const strict = compareOptions(options);
    for (const o of strict.options) {
      const check = o.intervalCheck!;
      expect(o.meetsTarget).toBe(o.meetsOverall && check.missed === 0);
    }
    const missingSome = lenient.options.filter((o) => o.meetsTarget && o.intervalCheck!.missed > 0).map((o) => o.label);
    expect(missingSome.length).toBeGreaterThan(0); // the fixture has such an option, or this test proves nothing
    if (strict.recommended) expect(missingSome).not.toContain(strict.recommended);
    const text = verdict(strict, "USD").join("\n");
    expect(text).toMatch(/required in every half-hour, in \d+ of 28 half-hours of the day/);
  });
});

describe("verdict without costs", () => {
  it("makes the change in service the sentence's verb", () => {
    const f = fixtures();
    const costless = compareOptions(f.outcomes.map((o) => ({ ...compareOptionOf(o), values: { ...compareOptionOf(o).values, totalCost: undefined, operatingCost: undefined, costPerHandled: undefined, costPerResolved: undefined } })));
    const lines = verdict(costless, "USD").filter((l) => !l.startsWith("Recommendation") && !l.startsWith("No option") && !/ misses the /.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toMatch(/^[^—]* with (service level|abandonment)/);
      expect(line).toMatch(/ — (service level|abandonment) (rises|falls) from | keeps the same service level/);
    }
  });
});

describe("moneyPeriod", () => {
  it("knows a week, a month and a year, and says 'over the N-day horizon' otherwise", () => {
    expect(naturalPeriod(7 * 86400)).toBe("week");
    expect(naturalPeriod(30 * 86400)).toBe("month");
    expect(naturalPeriod(365 * 86400)).toBe("year");
    expect(moneyPeriod(7 * 86400)).toMatchObject({ label: "per week", factor: 1 });
    expect(moneyPeriod(7 * 86400).target("80/20")).toBe("the 80/20 weekly target");
    expect(moneyPeriod(7 * 86400, "year").factor).toBeCloseTo(365.25 / 7, 12);
    expect(moneyPeriod(10 * 86400)).toMatchObject({ label: "over the 10-day horizon", factor: 1 });
    expect(moneyPeriod(10 * 86400).target("80/20")).toBe("the 80/20 target over the 10-day run");
    expect(() => moneyPeriod(0)).toThrow(RangeError);
    expect(() => moneyPeriod(86400, "fortnight" as never)).toThrow(/week, month, year/);
  });
});
