/**
 * Regenerates the seeded goldens on purpose, after a change that is meant to change simulated
 * numbers, and prints what moved: the KPI totals (test/golden/kpis.json, every number that moved)
 * and the full-output digests (test/golden/digests.json, which part of which case moved).
 *
 *   npm run goldens:update            rewrite both files and show the diff
 *   npm run goldens:update -- --dry   show the diff only
 *
 * Review the diff before committing it: each line is a KPI or an output part whose seeded value changed.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { caseDigests, DIGEST_FILE, digestCases, digestDiff, type Digests } from "../test/golden/digests.js";
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

const oldDigests: { cases: Record<string, Digests> } = existsSync(DIGEST_FILE) ? JSON.parse(readFileSync(DIGEST_FILE, "utf8")) : { cases: {} };
const digests: Record<string, Digests> = {};
for (const c of digestCases()) {
  digests[c.name] = caseDigests(c);
  const diff = digestDiff(oldDigests.cases[c.name], digests[c.name]);
  if (diff.length === 0) continue;
  changed++;
  console.log(`${c.name}: ${diff.length} output part(s) changed`);
  for (const line of diff) console.log(line);
}
for (const name of Object.keys(oldDigests.cases)) if (!(name in digests)) console.log(`${name}: digests removed`);
console.log(changed === 0 ? "goldens: nothing changed" : `goldens: ${changed} change(s)${dry ? " (dry run: kpis.json and digests.json not written)" : ""}`);
if (!dry) {
  writeFileSync(GOLDEN_FILE, JSON.stringify({ seed: GOLDEN_SEED, replications: GOLDEN_REPLICATIONS, cases }, null, 1) + "\n");
  writeFileSync(DIGEST_FILE, JSON.stringify({ seed: GOLDEN_SEED, cases: digests }, null, 1) + "\n");
}
