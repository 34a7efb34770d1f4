/**
 * Regenerates the seeded numeric goldens (test/golden/kpis.json) on purpose, after a change that
 * is meant to change simulated numbers, and prints every number that moved:
 *
 *   npm run goldens:update            rewrite kpis.json and show the diff
 *   npm run goldens:update -- --dry   show the diff only
 *
 * Review the diff before committing it: each line is a KPI whose seeded value changed.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { GOLDEN_FILE, GOLDEN_REPLICATIONS, GOLDEN_SEED, goldenCases, goldenDiff, goldenNumbers, type GoldenNumbers } from "../test/golden/cases.js";

const dry = process.argv.includes("--dry");
const old: { cases: Record<string, GoldenNumbers> } = existsSync(GOLDEN_FILE) ? JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) : { cases: {} };
const cases: Record<string, GoldenNumbers> = {};
let changed = 0;
for (const c of goldenCases()) {
  cases[c.name] = goldenNumbers(c);
  const diff = goldenDiff(old.cases[c.name], cases[c.name]);
  if (diff.length === 0) continue;
  changed++;
  console.log(`${c.name}: ${diff.length} number(s) changed`);
  for (const line of diff.slice(0, 40)) console.log(line);
  if (diff.length > 40) console.log(`  … and ${diff.length - 40} more`);
}
for (const name of Object.keys(old.cases)) if (!(name in cases)) console.log(`${name}: case removed`);
console.log(changed === 0 ? "goldens: no number changed" : `goldens: ${changed} case(s) changed${dry ? " (dry run: kpis.json not written)" : ""}`);
if (!dry) writeFileSync(GOLDEN_FILE, JSON.stringify({ seed: GOLDEN_SEED, replications: GOLDEN_REPLICATIONS, cases }, null, 1) + "\n");
