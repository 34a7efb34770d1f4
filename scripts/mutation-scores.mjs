/**
 * Records the mutation score per file from a Stryker JSON report (default reports/mutation/mutation.json)
 * into test/mutation/scores.json, keeping the files this run did not mutate (runs go one file at
 * a time on a shared machine). With --check, instead fails when a file scores under its floor.
 *
 *   node scripts/mutation-scores.mjs [REPORT]            update scores.json from a report
 *   node scripts/mutation-scores.mjs [REPORT] --check    exit 1 if a reported file is below its floor
 *
 * A file's floor is 90%, or its recorded score if that is lower (the score may not fall further).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const REPORT = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "reports/mutation/mutation.json";
const SCORES = "test/mutation/scores.json";
const TARGET = 90;

const report = JSON.parse(readFileSync(REPORT, "utf8"));
const recorded = existsSync(SCORES) ? JSON.parse(readFileSync(SCORES, "utf8")) : { target: TARGET, files: {} };

/** Stryker's mutation score: detected (killed, timed out) over valid mutants (no compile or runtime errors). */
function score(mutants) {
  const count = (...states) => mutants.filter((m) => states.includes(m.status)).length;
  const killed = count("Killed");
  const timeout = count("Timeout");
  const survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const valid = killed + timeout + survived + noCoverage;
  return { score: valid === 0 ? 100 : Math.round((10000 * (killed + timeout)) / valid) / 100, killed, timeout, survived, noCoverage, mutants: valid };
}

const hash = (file) => createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);

const measured = Object.fromEntries(Object.entries(report.files).map(([file, f]) => [file, { ...score(f.mutants), sourceHash: hash(file) }]));

if (process.argv.includes("--check")) {
  let failed = false;
  for (const [file, m] of Object.entries(measured)) {
    const floor = Math.min(TARGET, recorded.files[file]?.score ?? TARGET);
    const verdict = m.score >= floor ? "ok" : "BELOW FLOOR";
    if (m.score < floor) failed = true;
    console.log(`${file}: ${m.score}% (floor ${floor}%) ${verdict}`);
  }
  process.exit(failed ? 1 : 0);
}

const files = { ...recorded.files, ...Object.fromEntries(Object.entries(measured).map(([f, m]) => [f, { ...m, measured: new Date().toISOString().slice(0, 10) }])) };
const sorted = Object.fromEntries(Object.keys(files).sort().map((f) => [f, files[f]]));
writeFileSync(SCORES, JSON.stringify({ target: TARGET, files: sorted }, null, 2) + "\n");
for (const [file, m] of Object.entries(measured)) console.log(`${file}: ${m.score}% (${m.killed + m.timeout}/${m.mutants} detected, ${m.survived} survived, ${m.noCoverage} not covered)`);
