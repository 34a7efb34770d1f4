/**
 * Same seed, same numbers, across commits: the KPI totals of fixed replications of every bundled
 * scenario and of one small scenario per feature, compared exactly with test/golden/kpis.json.
 * A change that is meant to move simulated numbers regenerates them with `npm run goldens:update`
 * (which prints the diff to review); any other change that moves one is a regression.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GOLDEN_FILE, goldenCases, goldenDiff, goldenNumbers, type GoldenNumbers } from "./cases.js";

const golden: { cases: Record<string, GoldenNumbers> } = existsSync(GOLDEN_FILE) ? JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) : { cases: {} };

describe("seeded numeric goldens", () => {
  it("cover every case (no stale entries in kpis.json)", () => {
    expect(Object.keys(golden.cases).sort()).toEqual(goldenCases().map((c) => c.name).sort());
  });

  // Under mutation testing (MUTATION=1) only the small per-feature scenarios: the bundled ones
  // take seconds each when instrumented, for every mutant they cover.
  for (const c of goldenCases().filter((c) => !process.env.MUTATION || c.name.startsWith("feature:"))) {
    it(`${c.name} gives the recorded numbers`, () => {
      const diff = goldenDiff(golden.cases[c.name], goldenNumbers(c));
      if (diff.length > 0) {
        const shown = diff.slice(0, 30).join("\n") + (diff.length > 30 ? `\n  … and ${diff.length - 30} more` : "");
        throw new Error(`${diff.length} seeded number(s) of ${c.name} changed (golden → now):\n${shown}\nIf the change is intended, run \`npm run goldens:update\` and commit test/golden/kpis.json.`);
      }
    });
  }
});
