/** `ccsim compare A B`: the verdict and tables, exact zero differences for identical options, JSON, --independent. */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ccsim, ccsimOk, listFiles, nonFinitePaths, readJson, requireBuild, tempDir, writeScenario } from "./helpers.js";

let dir: string;

interface Stats {
  n: number;
  mean: number | null;
  sd: number | null;
  ci95: [number, number] | null;
}
interface Difference {
  metric: string;
  option: string;
  baseline: string;
  difference: Stats;
  independentHalfWidth: number | null;
}

beforeAll(() => {
  requireBuild();
  dir = tempDir("compare");
  writeScenario(dir, "a.yaml", { name: "fourteen" });
  writeScenario(dir, "b.yaml", { name: "sixteen", agents: 16 });
});

describe("ccsim compare", () => {
  it("prints the verdict as bullet lines, the side-by-side table and the paired differences", () => {
    const r = ccsimOk(["compare", "a.yaml", "b.yaml", "--workers", "1", "-q"], { cwd: dir });
    expect(r.stdout).toContain("Comparison of 2 options — 4 replications each, seed 7, common random numbers (paired)");
    expect(r.stdout).toContain("baseline: fourteen");
    const bullets = r.stdout.split("\n").filter((l) => l.startsWith("• "));
    expect(bullets.length).toBeGreaterThanOrEqual(1);
    expect(bullets.join("\n")).toContain("sixteen");
    expect(r.stdout).toMatch(/^Service level\s+\d+\.\d ± \d+\.\d%\s+\d+\.\d ± \d+\.\d%$/m);
    expect(r.stdout).toMatch(/^Paired difference\s+metric\s+mean\s+95% CI/m);
    expect(r.stdout).toMatch(/^sixteen − fourteen\s+Service level\s+\d/m);
  });

  it("writes the JSON in the ccsim.comparison/1 format, and the per-option results with --out", () => {
    const out = join(tempDir("compare-out"), "cmp");
    const r = ccsimOk(["compare", "a.yaml", "b.yaml", "--workers", "1", "-q", "--format", "json", "--out", out], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe("ccsim.comparison/1");
    expect(doc.options.map((o: { label: string }) => o.label)).toEqual(["fourteen", "sixteen"]);
    expect(doc.comparison.baseline).toBe("fourteen");
    expect(doc.comparison.commonRandomNumbers).toBe(true);
    expect(doc.verdict.length).toBeGreaterThanOrEqual(1);
    expect(nonFinitePaths(doc)).toEqual([]);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    // Two more agents: the service level rises in every replication (same arrivals and handle times).
    const sl = (doc.comparison.differences as Difference[]).find((d) => d.metric === "serviceLevel")!;
    expect(sl.option).toBe("sixteen");
    expect(sl.difference.mean).toBeGreaterThan(0);
    expect(listFiles(out)).toEqual([
      "comparison.csv",
      "comparison.json",
      "manifest.json",
      "option-1/intervals.csv",
      "option-1/replications.csv",
      "option-1/results.json",
      "option-1/summary.csv",
      "option-2/intervals.csv",
      "option-2/replications.csv",
      "option-2/results.json",
      "option-2/summary.csv",
      "verdict.txt",
    ]);
    expect(readJson(join(out, "comparison.json"))).toEqual(doc);
  });

  it("the same file twice gives paired differences of exactly zero", () => {
    const doc = JSON.parse(ccsimOk(["compare", "a.yaml", "a.yaml", "--workers", "1", "-q", "--format", "json"], { cwd: dir }).stdout);
    const differences = doc.comparison.differences as Difference[];
    expect(differences.length).toBeGreaterThan(0);
    for (const d of differences) {
      if (d.difference.n === 0) continue; // a metric undefined in every replication
      expect(d.difference.mean, d.metric).toBe(0);
      expect(d.difference.sd, d.metric).toBe(0);
      expect(d.difference.ci95, d.metric).toEqual([0, 0]);
    }
    expect(differences.some((d) => d.metric === "serviceLevel" && d.difference.n === 4)).toBe(true);
  });

  it("the same file twice prints a sensible table: no astronomically large CRN gain", () => {
    // With zero paired variance the gain (independent half-width / paired half-width) is undefined;
    // it must print as "–" or "∞", not as 1e+299×.
    const r = ccsimOk(["compare", "a.yaml", "a.yaml", "--workers", "1", "-q"], { cwd: dir });
    expect(r.stdout).not.toMatch(/e\+\d+×/);
  });

  it("--independent runs the options on independent random numbers", () => {
    const r = ccsimOk(["compare", "a.yaml", "b.yaml", "--workers", "1", "-q", "--independent"], { cwd: dir });
    expect(r.stdout).toContain("independent runs");
    expect(r.stdout.split("\n").some((l) => l.startsWith("• "))).toBe(true);
    // The same file twice, independently: the options now differ (seed + 1 for the second).
    const doc = JSON.parse(ccsimOk(["compare", "a.yaml", "a.yaml", "--workers", "1", "-q", "--independent", "--format", "json"], { cwd: dir }).stdout);
    expect(doc.comparison.commonRandomNumbers).toBe(false);
    const sl = (doc.comparison.differences as Difference[]).find((d) => d.metric === "serviceLevel")!;
    expect(sl.difference.mean).not.toBe(0);
  });

  it("the baseline of a comparison is exactly its own single run (common seed and replications)", () => {
    const out = tempDir("compare-run");
    ccsimOk(["compare", "a.yaml", "b.yaml", "--workers", "2", "-q", "--out", join(out, "cmp")], { cwd: dir });
    ccsimOk(["run", "a.yaml", "--workers", "1", "-q", "--out", join(out, "run")], { cwd: dir });
    expect(readJson(join(out, "cmp", "option-1", "results.json"))).toEqual(readJson(join(out, "run", "results.json")));
  });

  it("--per takes week, month or year and refuses anything else in one sentence", () => {
    const doc = JSON.parse(ccsimOk(["compare", "a.yaml", "b.yaml", "--workers", "1", "-q", "--per", "month", "--format", "json"], { cwd: dir }).stdout);
    expect(doc.moneyPeriod.label).toBe("per month");
    // 8 simulated hours stated per month (30.4375 days).
    expect(doc.moneyPeriod.factor).toBeCloseTo((30.4375 * 24) / 8, 9);
    const bad = ccsim(["compare", "a.yaml", "b.yaml", "--per", "fortnight"], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('ccsim: --per takes week, month, year (got "fortnight")');
  });
});
