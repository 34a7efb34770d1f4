/** The CSV tables: a unit per row, numbers rounded to it, and the same numbers as results.json. */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { AGENT_KPIS, CONTACT_KPIS } from "../../src/experiment/kpis.js";
import { runScenario } from "../../src/experiment/replicate.js";
import { costReport } from "../../src/models/cost.js";
import { INTERVALS_HEADER, REPLICATIONS_HEADER, SUMMARY_HEADER, intervalsCsv, replicationsCsv, resultsDocument, summaryCsv } from "../../src/report/results.js";
import { CSV_PRECISION, csvRound, type CsvUnit } from "../../src/text/csv.js";
import { scenarioOf } from "../helpers.js";

const scenario = scenarioOf({
  seed: 3,
  replications: 4,
  horizon: { days: 1 },
  reportIntervalMinutes: 60,
  serviceLevel: { thresholdSeconds: 20 },
  contactTypes: { calls: { volume: { daily: 1200 }, handleTime: { dist: "lognormal", mean: 240, cv: 0.8 }, patience: 90 } },
  agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 5 }, hourlyWage: 20 } },
});
const result = runScenario(scenario);
const costs = costReport(scenario, result);
const doc = resultsDocument(result, costs);
const records = (text: string) => parse(text, { columns: true }) as Record<string, string>[];
const UNIT_OF_KPI: Record<string, string> = { share: "fraction", seconds: "s", hours: "h", count: "count", agents: "agents" };
const UNITS = new Set<string>([...Object.keys(CSV_PRECISION).filter((u) => u !== "money"), costs.currency]);
const toUnit = (label: string): CsvUnit => (label === costs.currency ? "money" : (label as CsvUnit));
const scopeKey = (scope: string) => `${scope}s` as "types" | "channels" | "groups" | "sites";

describe("summary.csv", () => {
  const rows = records(summaryCsv(result, costs));

  it("names each row's unit, the KPI's own (money in the currency)", () => {
    expect(Object.keys(rows[0])).toEqual(SUMMARY_HEADER);
    const defs = new Map([...CONTACT_KPIS, ...AGENT_KPIS].map((d) => [d.key, UNIT_OF_KPI[d.unit]]));
    for (const r of rows) {
      expect(UNITS.has(r.unit), `${r.kpi}: ${r.unit}`).toBe(true);
      if (r.scope === "cost") expect(r.unit).toBe("USD");
      else if (defs.has(r.kpi)) expect(r.unit, r.kpi).toBe(defs.get(r.kpi));
    }
    const unitOf = (kpi: string) => rows.find((r) => r.scope === "type" && r.name === "all" && r.kpi === kpi)!.unit;
    expect([unitOf("serviceLevel"), unitOf("asa"), unitOf("offered")]).toEqual(["fraction", "s", "count"]);
    expect(rows.find((r) => r.scope === "group" && r.kpi === "staffedHours")!.unit).toBe("h");
  });

  it("holds the numbers of results.json, rounded to the row's unit", () => {
    let compared = 0;
    for (const r of rows) {
      const s = r.scope === "cost" ? (r.name === "all" ? doc.costs!.summary[r.kpi as "total"] : doc.costs!.bySite[r.name][r.kpi as "labour"]) : doc.summary[scopeKey(r.scope)][r.name][r.kpi];
      const unit = toUnit(r.unit);
      expect(Number(r.n)).toBe(s.n);
      const pairs: [string, number | null][] = [[r.mean, s.mean], [r.sd, s.sd], [r.ci_low, s.ci95?.[0] ?? null], [r.ci_high, s.ci95?.[1] ?? null], [r.p5, s.p5], [r.p50, s.p50], [r.p95, s.p95]];
      for (const [text, value] of pairs) {
        expect(text === "" ? null : Number(text), `${r.scope}/${r.name}/${r.kpi}`).toBe(csvRound(value, unit));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it("has no number with more decimals than its unit keeps", () => {
    for (const r of rows) {
      const { max } = CSV_PRECISION[toUnit(r.unit)];
      for (const k of SUMMARY_HEADER.slice(6)) expect((r[k].split(".")[1] ?? "").length, `${r.kpi} ${k}=${r[k]}`).toBeLessThanOrEqual(max);
    }
  });
});

describe("intervals.csv and replications.csv", () => {
  it("give every row a unit and numbers rounded to it", () => {
    const intervals = records(intervalsCsv(result));
    expect(Object.keys(intervals[0])).toEqual(INTERVALS_HEADER);
    for (const r of intervals.filter((x) => x.scope === "type" && x.name === "all" && x.kpi === "asa")) {
      expect(r.unit).toBe("s");
      const band = result.intervals.types.all.asa[Number(r.interval)];
      expect(r.mean === "" ? null : Number(r.mean)).toBe(csvRound(band.mean, "s"));
    }
    const reps = records(replicationsCsv(result, costs));
    expect(Object.keys(reps[0])).toEqual(REPLICATIONS_HEADER);
    for (const r of reps.filter((x) => x.kpi === "serviceLevel" || x.kpi === "offered" || x.kpi === "total")) {
      const run = result.runs.find((x) => x.replication === Number(r.replication))!;
      const i = result.runs.indexOf(run);
      const value = r.scope === "cost" ? costs.runs[i].cost.total : run.totals[scopeKey(r.scope)][r.name][r.kpi];
      expect(Number(r.value)).toBe(csvRound(value, toUnit(r.unit)));
      // Counts are whole in one replication, and written whole.
      if (r.kpi === "offered") expect(r.value).toMatch(/^\d+$/);
    }
  });
});
