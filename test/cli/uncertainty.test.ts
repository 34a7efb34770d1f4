/**
 * `compare` with uncertain assumptions, on a case with a known answer: an in-house queue whose
 * cost is linear in an uncertain wage (14 agents × 8 paid hours × wage + the rest) against a
 * vendor paid per handled minute. The 90% range of the saving must be the analytic one, the
 * break-even wage must flip the decision when simulated on fresh seeds either side of it, and
 * a comparison without uncertain inputs must be exactly as before.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ccsimOk, requireBuild, tempDir } from "./helpers.js";
import { inhouse, vendor } from "../fixtures/wage-case.js";

let dir: string;

interface Doc {
  verdict: string[];
  comparison: { differences: { option: string; metric: string; difference: { mean: number; ci95: [number, number] } }[] };
  uncertainty: null | {
    result: { points: number; values: number[][]; meanCost: number[][]; savings: { range90: [number, number]; probabilityCheaper: number; noiseHalfWidth: number }[]; drivers: { rows: { key: string; share: number }[] } };
    breakEvens: { status: string; value: number; ci95: [number, number]; key: string }[];
  };
}

const compareJson = (files: string[], extra: string[] = []): Doc => JSON.parse(ccsimOk(["compare", ...files, "--workers", "1", "-q", "--format", "json", ...extra], { cwd: dir }).stdout);

let doc: Doc;
beforeAll(() => {
  requireBuild();
  dir = tempDir("uncertainty");
  writeFileSync(join(dir, "inhouse.yaml"), inhouse(25, "assumptions:\n  agentGroups.agents.hourlyWage: { low: 20, high: 30, dist: uniform, label: agent wage }"));
  writeFileSync(join(dir, "plain.yaml"), inhouse(25, ""));
  writeFileSync(join(dir, "vendor.yaml"), vendor());
  doc = compareJson(["inhouse.yaml", "vendor.yaml"], ["--inner-replications", "4"]);
});

describe("compare with an uncertain wage", () => {
  it("costs exactly 112 × wage more per point (common random numbers), so the answer is known", () => {
    const u = doc.uncertainty!.result;
    expect(u.points).toBe(24);
    const rest = u.meanCost.map((row, k) => row[0] - 112 * u.values[k][0]);
    for (const r of rest) expect(r).toBeCloseTo(rest[0], 6);
    // The vendor does not state the wage: its cost is the same at every point.
    for (const row of u.meanCost) expect(row[1]).toBeCloseTo(u.meanCost[0][1], 9);
  });

  it("gives the analytic 90% range of the saving, within the Latin hypercube's strata", () => {
    const u = doc.uncertainty!.result;
    const rest = u.meanCost[0][0] - 112 * u.values[0][0];
    const vendorCost = u.meanCost[0][1];
    const saving = (w: number) => 1 - vendorCost / (rest + 112 * w);
    // Analytic: the saving rises with the wage, so its 5th and 95th percentiles are the saving at
    // the wage's (uniform 20–30): 20.5 and 29.5. With 24 points, one per stratum of 10/24, the
    // sample's 5th percentile lies between the 2nd and 3rd strata and the 95th between the 22nd and 23rd.
    const [lo, hi] = u.savings[0].range90;
    expect(saving(20.5)).toBeGreaterThanOrEqual(saving(20 + 10 / 24));
    expect(lo).toBeGreaterThanOrEqual(saving(20 + 10 / 24) - 1e-12);
    expect(lo).toBeLessThanOrEqual(saving(20 + 30 / 24) + 1e-12);
    expect(hi).toBeGreaterThanOrEqual(saving(20 + 210 / 24) - 1e-12);
    expect(hi).toBeLessThanOrEqual(saving(20 + 230 / 24) + 1e-12);
    expect(Math.abs(lo - saving(20.5))).toBeLessThan(Math.abs(saving(21.25) - saving(20.42)));
    // The wage explains all of the spread; no inner noise moves the in-house cost.
    expect(doc.uncertainty!.result.drivers.rows[0]).toMatchObject({ key: "agentGroups.agents.hourlyWage" });
    expect(doc.uncertainty!.result.drivers.rows[0].share).toBeGreaterThan(0.95);
    expect(doc.verdict.join("\n")).toMatch(/at the stated values; .* \(90% range\) over the stated uncertainty; cheaper than inhouse in \d+% of plausible cases\./);
  });

  it("finds the break-even wage, and fresh seeds either side of it flip the decision", () => {
    const b = doc.uncertainty!.breakEvens[0];
    expect(b.status).toBe("found");
    expect(b.value).toBeGreaterThan(20);
    expect(b.value).toBeLessThan(30);
    expect(b.ci95[0]).toBeLessThan(b.value);
    const half = Math.max(b.value - b.ci95[0], 0.01);
    const margin = Math.max(4 * half, 0.5);
    const differenceAt = (wage: number) => {
      writeFileSync(join(dir, "fresh-inhouse.yaml"), inhouse(wage, "", 4242));
      writeFileSync(join(dir, "fresh-vendor.yaml"), vendor(4242));
      const fresh = compareJson(["fresh-inhouse.yaml", "fresh-vendor.yaml"], ["-r", "12"]);
      expect(fresh.uncertainty).toBeNull();
      return fresh.comparison.differences.find((d) => d.metric === "totalCost")!.difference;
    };
    // Below the break-even the in-house agents are cheaper (vendor − in-house > 0), above it the vendor.
    const below = differenceAt(b.value - margin);
    const above = differenceAt(b.value + margin);
    expect(below.ci95[0]).toBeGreaterThan(0);
    expect(above.ci95[1]).toBeLessThan(0);
    expect(doc.verdict.join("\n")).toMatch(/vendor stops paying off against inhouse if agent wage falls below \d/);
  });

  it("draws the same outer sample for the same seed, and another for another seed", () => {
    const again = compareJson(["inhouse.yaml", "vendor.yaml"], ["--inner-replications", "4", "--no-uncertainty"]);
    expect(again.uncertainty).toBeNull();
    const same = compareJson(["inhouse.yaml", "vendor.yaml"], ["--inner-replications", "4", "--assumption-points", "8"]);
    const same2 = compareJson(["inhouse.yaml", "vendor.yaml"], ["--inner-replications", "4", "--assumption-points", "8"]);
    expect(same.uncertainty!.result.values).toEqual(same2.uncertainty!.result.values);
    const other = compareJson(["inhouse.yaml", "vendor.yaml"], ["--inner-replications", "4", "--assumption-points", "8", "--seed", "8"]);
    expect(other.uncertainty!.result.values).not.toEqual(same.uncertainty!.result.values);
  });

  it("without uncertain inputs prints what it printed before: no uncertainty lines", () => {
    const plain = compareJson(["plain.yaml", "vendor.yaml"]);
    expect(plain.uncertainty).toBeNull();
    expect(plain.verdict.join("\n")).not.toMatch(/stated values|plausible/);
  });
});
