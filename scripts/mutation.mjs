/**
 * Mutation testing of the kernel and the models with StrykerJS, one source file per Stryker run
 * (each with its own incremental file under test/mutation/incremental/, so a run of one file
 * never forgets the results of the others), then the score per file into test/mutation/scores.json.
 *
 *   npm run mutation                         every file of src/sim and src/models
 *   npm run mutation -- src/sim/calendar.ts  the files named
 *   npm run mutation -- --changed            only files whose source changed since their recorded score
 *                                            (CI: then fails if a file falls below its floor)
 *
 * Incremental: Stryker re-tests only the mutants whose code or covering tests changed since the
 * committed incremental file; the rest keep their recorded result.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";

const SCORES = "test/mutation/scores.json";
const args = process.argv.slice(2);
const changedOnly = args.includes("--changed");
const named = args.filter((a) => !a.startsWith("--"));

const all = ["src/sim", "src/models"].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => `${dir}/${f}`));
const recorded = existsSync(SCORES) ? JSON.parse(readFileSync(SCORES, "utf8")).files : {};
const hash = (file) => createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);

let files = named.length > 0 ? named : all;
if (changedOnly) files = files.filter((f) => recorded[f]?.sourceHash !== hash(f));
if (files.length === 0) {
  console.log("mutation: no source file changed since its recorded score");
  process.exit(0);
}

mkdirSync("test/mutation/incremental", { recursive: true });
let failed = false;
for (const file of files) {
  const incremental = `test/mutation/incremental/${file.replace(/^src\//, "").replaceAll("/", "-").replace(/\.ts$/, "")}.json`;
  console.log(`mutation: ${file} (incremental file ${incremental})`);
  const r = spawnSync("npx", ["stryker", "run", "--mutate", file, "--incremental", "--incrementalFile", incremental], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`mutation: Stryker failed on ${file}`);
    failed = true;
    continue;
  }
  const check = spawnSync("node", ["scripts/mutation-scores.mjs", ...(changedOnly ? ["--check"] : [])], { stdio: "inherit" });
  if (check.status !== 0) failed = true;
  if (changedOnly) spawnSync("node", ["scripts/mutation-scores.mjs"], { stdio: "inherit" });
}
process.exit(failed ? 1 : 0);
